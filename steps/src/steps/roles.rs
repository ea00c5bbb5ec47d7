//! Steps about roles (Parse REST guide, Roles): the roles an app's
//! developer sets up with the master key before a scenario tests what they
//! grant. Each role is named by an alias (`Moderators`), whose unique name
//! is `{{Moderators}}` and whose objectId is `{{Moderators.objectId}}`.

use cucumber::{gherkin::Step, given};
use reqwest::Method;
use serde_json::{Value, json};

use super::{http::docstring, objects::master_headers};
use crate::{
    expect,
    world::{Failure, ParseWorld, StepResult},
};

/// The role `alias`, readable by anyone and writable only with the master
/// key, whose `users` relation holds the users `users` (a comma-separated
/// list of this scenario's user aliases; empty for none).
#[given(expr = "the role {word} exists with the users {string}")]
async fn role_with_users(world: &mut ParseWorld, alias: String, users: String) -> StepResult {
    let name = world.unique(&alias);
    let mut body = json!({"name": name, "ACL": {"*": {"read": true}}});
    let members = pointers(world, "_User", &users)?;
    if !members.is_empty() {
        body["users"] = json!({"__op": "AddRelation", "objects": members});
    }
    create_role(world, &alias, body.to_string()).await
}

/// The role `alias` created with the master key from the given body, which
/// names it (`"name": "{{Moderators}}"`) and gives its ACL.
#[given(expr = "the role {word} exists with:")]
async fn role_with_body(world: &mut ParseWorld, step: &Step, alias: String) -> StepResult {
    let body = world.render(docstring(step)?)?;
    create_role(world, &alias, body).await
}

/// The role `child` is put in the `roles` relation of the role `parent`,
/// with the master key: the users of `child` get what `parent` is granted.
#[given(expr = "the role {word} contains the role {word}")]
async fn role_contains(world: &mut ParseWorld, parent: String, child: String) -> StepResult {
    let objects = pointers(world, "_Role", &child)?;
    let body = json!({"roles": {"__op": "AddRelation", "objects": objects}});
    update_role(
        world,
        &parent,
        body,
        &format!("putting {child} in {parent}"),
    )
    .await
}

/// The users `users` are put in the `users` relation of the role `role`,
/// with the master key.
#[given(expr = "the users {string} are added to the role {word}")]
async fn users_added(world: &mut ParseWorld, users: String, role: String) -> StepResult {
    let objects = pointers(world, "_User", &users)?;
    let body = json!({"users": {"__op": "AddRelation", "objects": objects}});
    update_role(world, &role, body, &format!("adding {users} to {role}")).await
}

/// Pointers of `class` to this scenario's users (`_User`) or roles
/// (`_Role`) named by the comma-separated `aliases`.
fn pointers(world: &ParseWorld, class: &str, aliases: &str) -> Result<Vec<Value>, Failure> {
    expect::list(aliases)
        .into_iter()
        .map(|alias| {
            let id = if class == "_User" {
                world.users.get(&alias).map(|u| u.object_id.clone())
            } else {
                world.objects.get(&alias).cloned()
            };
            id.map(|id| json!({"__type": "Pointer", "className": class, "objectId": id}))
                .ok_or_else(|| Failure::new(format!("no {class} {alias:?} in this scenario")))
        })
        .collect()
}

/// Creates a role with the master key and remembers its objectId as `alias`.
async fn create_role(world: &mut ParseWorld, alias: &str, body: String) -> StepResult {
    let mut request = world.request(Method::POST, "/roles", Some(body));
    request.headers = master_headers(world)?;
    request
        .headers
        .push(("Content-Type".to_owned(), "application/json".to_owned()));
    let exchange = world.send(request).await?;
    match exchange.response.object_id_if(201) {
        Some(id) => {
            world.objects.insert(alias.to_owned(), id);
            Ok(())
        }
        _ => Err(world.fail(format!(
            "creating the role {alias} with the master key did not answer 201 with an objectId"
        ))),
    }
}

/// Updates the role `alias` with the master key; `what` names the change
/// in a failure.
async fn update_role(world: &mut ParseWorld, alias: &str, body: Value, what: &str) -> StepResult {
    let id = world
        .objects
        .get(alias)
        .cloned()
        .ok_or_else(|| Failure::new(format!("no role {alias:?} in this scenario")))?;
    let mut request = world.request(Method::PUT, &format!("/roles/{id}"), Some(body.to_string()));
    request.headers = master_headers(world)?;
    request
        .headers
        .push(("Content-Type".to_owned(), "application/json".to_owned()));
    if world.send(request).await?.response.status == 200 {
        Ok(())
    } else {
        Err(world.fail(format!("{what} with the master key did not answer 200")))
    }
}
