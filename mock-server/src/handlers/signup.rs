//! Signing up: `POST /users` (Parse REST guide, Users, "Signing Up"), with a
//! username and password or with linked accounts ("Linking Users").

use axum::{
    extract::State,
    http::{StatusCode, header},
    response::IntoResponse,
};
use serde_json::{Map, Value, json};

use super::{
    check_new_fields, check_request_data, created, email,
    login::open_session,
    users::{owner_acl, valid_email},
};
use crate::{
    AppState, auth, clock,
    context::RequestContext,
    error::{ApiResult, ParseError},
    extract::JsonObject,
    json::Json,
    password,
    store::{NewSession, UserRecord},
    token,
};

/// The linked accounts of a sign-up or update body, each provider's data
/// checked (252 unknown provider, 162 bad id, 101 refused token). As with
/// Parse Server, `authData` in which no provider has any data counts as no
/// `authData` at all, so that it cannot stand in for a username and
/// password (GHSA-wjqw-r9x4-j59v).
pub(super) fn linked_accounts(
    body: &Map<String, Value>,
) -> Result<Vec<(String, String)>, ParseError> {
    let Some(Value::Object(auth_data)) = body.get("authData") else {
        return Ok(Vec::new());
    };
    let has_data = auth_data
        .values()
        .any(|d| d.as_object().is_some_and(|d| !d.is_empty()));
    if !has_data {
        return Ok(Vec::new());
    }
    for (provider, data) in auth_data {
        match data {
            Value::Null => {}
            Value::Object(data) => auth::validate(provider, data)?,
            _ => {
                return Err(ParseError::new(
                    162,
                    format!("Invalid authData id for provider '{provider}'."),
                ));
            }
        }
    }
    Ok(auth::ids(auth_data))
}

/// The providers of linked accounts as a session's `authProvider`:
/// `facebook`, or `facebook,twitter` for several.
fn provider_names(linked: &[(String, String)]) -> String {
    linked
        .iter()
        .map(|(p, _)| p.as_str())
        .collect::<Vec<_>>()
        .join(",")
}

/// `POST /users` (and `POST /classes/_User`): signs a user up.
///
/// 201, `Location: <mount>/users/<id>`, `{objectId, createdAt, sessionToken}`.
/// Errors in Parse Server's order: 105 objectId given, 200 username, 201
/// password, 119 emailVerified set by a client, 202 username taken, 125
/// email malformed, 203 email taken.
pub async fn sign_up(
    State(state): State<AppState>,
    ctx: RequestContext,
    JsonObject(mut body): JsonObject,
) -> ApiResult<axum::response::Response> {
    // A restricted session creates no user (Parse REST guide, Sessions).
    super::sessions::guard_restricted(crate::store::USER_CLASS, &ctx)?;
    // GHSA-8xq9-g7ch-35hg: a user whose objectId reads as a role ACL entry
    // would get that role's rights; refused first, as Parse Server does.
    let role_like = body
        .get("objectId")
        .and_then(Value::as_str)
        .is_some_and(|id| id.starts_with(crate::store::roles::ROLE_PREFIX));
    if role_like {
        return Err(ParseError::permission_denied().into());
    }
    for key in ["objectId", "id"] {
        if body.contains_key(key) {
            return Err(ParseError::new(105, format!("{key} is an invalid field name.")).into());
        }
    }
    // Signing up with a linked account ("Linking Users"): an account that
    // is already linked logs its user in (200); a new one makes a user with
    // a generated username, and needs no password.
    let linked = linked_accounts(&body)?;
    if let Some((provider, id)) = linked.first()
        && let Some(user) = state.store.user_by_auth(provider, id)
    {
        let out = open_session(&state, &ctx, &user, &provider_names(&linked));
        let location = format!("{}/users/{}", ctx.mount_url(), user.object_id);
        return Ok((
            StatusCode::OK,
            [(header::LOCATION, location)],
            Json(Value::Object(out)),
        )
            .into_response());
    }
    let generated_username = match body.get("username") {
        Some(Value::String(u)) if !u.is_empty() => None,
        _ if !linked.is_empty() => Some(token::random_string(25)),
        _ => return Err(ParseError::new(200, "bad or missing username").into()),
    };
    if let Some(name) = &generated_username {
        body.insert("username".into(), Value::String(name.clone()));
    }
    let username = body
        .get("username")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    let password = match body.remove("password") {
        Some(Value::String(p)) if !p.is_empty() => Some(p),
        _ if !linked.is_empty() => None,
        _ => return Err(ParseError::new(201, "password is required").into()),
    };
    if body.contains_key("emailVerified") && !ctx.is_master {
        return Err(ParseError::permission_denied().into());
    }
    check_new_fields(&body)?;
    check_request_data(&body)?;
    // Parse Server reports a taken username before a malformed email; the
    // decisive uniqueness check is the atomic one when the user is stored.
    if body.contains_key("email") && state.store.username_taken(&username) {
        return Err(ParseError::username_taken().into());
    }
    match body.get("email") {
        None | Some(Value::Null) => {}
        Some(Value::String(email)) if valid_email(email) => {}
        Some(_) => return Err(ParseError::new(125, "Email address format is invalid.").into()),
    }

    let password_hash = match password {
        Some(password) => Some(password::hash(password, state.config.bcrypt_cost).await?),
        None => None,
    };
    let object_id = token::object_id();
    let now = clock::now();
    body.insert("ACL".into(), owner_acl(body.get("ACL"), &object_id));
    body.insert("createdAt".into(), Value::String(now.clone()));
    body.insert("updatedAt".into(), Value::String(now.clone()));
    let has_email = body.get("email").is_some_and(Value::is_string);
    state.store.insert_user(UserRecord {
        object_id: object_id.clone(),
        fields: body,
        password_hash,
        email_verify_token: None,
        reset_token: None,
    })?;
    if has_email {
        email::verify_new_email(&state, &object_id);
    }

    let mut answer = json!({"objectId": object_id, "createdAt": now});
    if let Some(name) = generated_username {
        answer["username"] = Value::String(name);
    }
    // Parse Server gives a master-key sign-up without an installation no
    // session; nor a sign-up that must verify its email before logging in.
    let verify_first = linked.is_empty() && state.config.login_needs_verified_email();
    if (!ctx.is_master || ctx.installation_id.is_some()) && !verify_first {
        let (action, provider) = match linked.is_empty() {
            true => ("signup", "password".to_owned()),
            false => ("login", provider_names(&linked)),
        };
        let session = state.store.create_session(NewSession::logged_in(
            &object_id,
            action,
            &provider,
            ctx.installation_id.clone(),
            state.config.session_lifetime(),
        ));
        if let Some(token) = session.get("sessionToken") {
            answer["sessionToken"] = token.clone();
        }
    }
    let location = format!("{}/users/{object_id}", ctx.mount_url());
    Ok(created(location, answer))
}
