//! `/files` (Parse REST guide, Files): uploading, serving and deleting
//! files, with Parse Server 9's defaults where the guide is silent.
//!
//! - `POST /files/:name` stores the body under a new name (32 random hex
//!   digits, `_`, the given name), answers 201 with `{url, name}` and the
//!   url in `Location`. Uploads need a logged-in user or the master key
//!   (Parse Server's `fileUpload` defaults: not the public, not anonymous
//!   users: 130). Names are checked (122), and clients may not upload
//!   files that browsers render as active content, by extension or by
//!   content type (130: GHSA-9prm-jqwx-45x9, GHSA-hcj7-6gxh-24ww,
//!   GHSA-v5hf-f4c3-m5rv, GHSA-r899-h629-j84r, GHSA-v8x7-r927-cc93).
//! - `GET /files/:appId/:name` serves the bytes, without keys, with the
//!   content type of the name's extension (else the one uploaded) and
//!   `X-Content-Type-Options: nosniff`; 404 `File not found.` as text.
//! - `DELETE /files/:name` with the master key only (HTTP 403 otherwise).
//! - A `File` field of an object is read back with the `url` this server
//!   serves the file's name at, whatever url it was stored with.

use axum::{
    extract::{Path, State},
    http::{HeaderMap, StatusCode, header},
    response::{IntoResponse, Response},
};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde_json::{Map, Value, json};

use super::created;
use crate::{
    AppState,
    context::RequestContext,
    error::{ApiError, ApiResult, ParseError},
    extract::RawBody,
    store::files::StoredFile,
};

/// The longest file name accepted.
const MAX_NAME_LENGTH: usize = 128;

/// Extensions (and content subtypes) browsers render as active content:
/// HTML, SVG and XML and their relatives, refused from clients as by
/// Parse Server's default `fileUpload.fileExtensions`. Compared without
/// regard to case.
const BLOCKED_EXTENSIONS: &[&str] = &[
    "htm",
    "html",
    "xhtm",
    "xhtml",
    "shtm",
    "shtml",
    "htm+xml",
    "html+xml",
    "xhtm+xml",
    "xhtml+xml",
    "shtm+xml",
    "shtml+xml",
    "xht",
    "svg",
    "svgz",
    "svg+xml",
    "xml",
    "xsl",
    "xslt",
    "xsl+xml",
    "xslt+xml",
    "xsd",
    "rng",
    "rdf",
    "rdf+xml",
    "owl",
    "mathml",
    "mathml+xml",
];

/// Content types by extension, for serving a file as its name says.
const CONTENT_TYPES: &[(&str, &str)] = &[
    ("txt", "text/plain"),
    ("text", "text/plain"),
    ("csv", "text/csv"),
    ("css", "text/css"),
    ("md", "text/markdown"),
    ("html", "text/html"),
    ("htm", "text/html"),
    ("js", "text/javascript"),
    ("json", "application/json"),
    ("pdf", "application/pdf"),
    ("zip", "application/zip"),
    ("xml", "application/xml"),
    ("png", "image/png"),
    ("jpg", "image/jpeg"),
    ("jpeg", "image/jpeg"),
    ("gif", "image/gif"),
    ("webp", "image/webp"),
    ("svg", "image/svg+xml"),
    ("mp3", "audio/mpeg"),
    ("mp4", "video/mp4"),
];

/// What `encodeURIComponent` leaves as is.
const URI_COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'!')
    .remove(b'~')
    .remove(b'*')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')');

/// The URL a stored file is served at, under `files_url`
/// (`<mount URL>/files/<appId>`).
pub fn file_url(files_url: &str, name: &str) -> String {
    format!("{files_url}/{}", utf8_percent_encode(name, URI_COMPONENT))
}

/// Gives every `File` field of `object` the `url` this server serves its
/// name at (under [`RequestContext::files_url`], built only when the object
/// has a file), in place of any url it was stored with, as Parse Server
/// reads files back (it keeps only a file's name).
pub fn add_file_urls(object: &mut Map<String, Value>, ctx: &RequestContext) {
    for value in object.values_mut() {
        let Some(file) = value.as_object_mut() else {
            continue;
        };
        if file.get("__type").and_then(Value::as_str) != Some("File") {
            continue;
        }
        if let Some(name) = file.get("name").and_then(Value::as_str) {
            let url = file_url(ctx.files_url(), name);
            file.insert("url".into(), Value::String(url));
        }
    }
}

/// `POST /files`: a file needs a name.
pub async fn upload_without_name() -> ApiError {
    ParseError::new(122, "Filename not provided.").into()
}

/// `POST /files/:name`: stores the body as a new file.
pub async fn upload(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(name): Path<String>,
    headers: HeaderMap,
    RawBody(body): RawBody,
) -> ApiResult<Response> {
    if !ctx.is_master {
        check_uploader(&state, &ctx)?;
    }
    check_name(&name)?;
    let given_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    if !ctx.is_master {
        check_active_content(&name, given_type.as_deref())?;
    }
    if body.is_empty() {
        return Err(ParseError::new(130, "Invalid file upload.").into());
    }
    let content_type = content_type_of(&name).map(str::to_owned).or(given_type);
    let stored_name = format!("{}_{name}", random_hex(32));
    state.store.insert_file(
        &stored_name,
        StoredFile {
            bytes: body.to_vec(),
            content_type,
        },
    );
    let url = file_url(ctx.files_url(), &stored_name);
    Ok(created(
        url.clone(),
        json!({"url": url, "name": stored_name}),
    ))
}

/// `GET /files/:appId/:name`: the file's bytes, to anyone.
pub async fn download(
    State(state): State<AppState>,
    Path((app_id, name)): Path<(String, String)>,
) -> ApiResult<Download> {
    if app_id != state.config.app_id {
        return Err(ApiError::master_key_required());
    }
    Ok(match state.store.file(&name) {
        Some(file) => Download::Found(file),
        None => Download::NotFound,
    })
}

/// `DELETE /files/:name` (master key): deletes a file; answers 200 with
/// an empty body, 153 when there is no such file.
pub async fn delete(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(name): Path<String>,
) -> ApiResult<StatusCode> {
    ctx.require_master()?;
    if state.store.delete_file(&name) {
        Ok(StatusCode::OK)
    } else {
        Err(ParseError::new(153, "Could not delete file.").into())
    }
}

/// The answer to a download: the file, or a plain-text 404.
#[derive(Debug)]
pub enum Download {
    /// The stored file.
    Found(StoredFile),
    /// No file of that name.
    NotFound,
}

impl IntoResponse for Download {
    fn into_response(self) -> Response {
        match self {
            Download::Found(file) => {
                let mut response =
                    ([(header::X_CONTENT_TYPE_OPTIONS, "nosniff")], file.bytes).into_response();
                if let Some(content_type) = file
                    .content_type
                    .and_then(|t| header::HeaderValue::from_str(&t).ok())
                {
                    response
                        .headers_mut()
                        .insert(header::CONTENT_TYPE, content_type);
                }
                response
            }
            Download::NotFound => (
                StatusCode::NOT_FOUND,
                [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
                "File not found.",
            )
                .into_response(),
        }
    }
}

/// Refuses uploads from the public and from anonymous users (130), as
/// Parse Server's default `fileUpload` options do; logged-in users may.
fn check_uploader(state: &AppState, ctx: &RequestContext) -> Result<(), ParseError> {
    let Some(user_id) = ctx.user_id() else {
        return Err(ParseError::new(130, "File upload by public is disabled."));
    };
    let anonymous = state.store.user(user_id).is_some_and(|user| {
        user.linked_ids()
            .iter()
            .any(|(provider, _)| provider == "anonymous")
    });
    if anonymous {
        return Err(ParseError::new(
            130,
            "File upload by anonymous user is disabled.",
        ));
    }
    Ok(())
}

/// A file name: at most 128 characters, a letter, digit or `_`, then
/// letters, digits and `@ . ~ _ -` and spaces (122 otherwise).
fn check_name(name: &str) -> Result<(), ParseError> {
    if name.chars().count() > MAX_NAME_LENGTH {
        return Err(ParseError::new(122, "Filename too long."));
    }
    let mut chars = name.chars();
    let first_ok = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_');
    let rest_ok = chars.all(|c| c.is_ascii_alphanumeric() || "@. ~_-".contains(c));
    if first_ok && rest_ok {
        Ok(())
    } else {
        Err(ParseError::new(
            122,
            "Filename contains invalid characters.",
        ))
    }
}

/// Refuses a file a browser would render as active content: by the
/// name's extension, or, when the name has no extension this server
/// knows, by the subtype of its content type (a content type that is not
/// `type/subtype` is refused too).
fn check_active_content(name: &str, content_type: Option<&str>) -> Result<(), ParseError> {
    let extension = extension_of(name);
    if !extension.is_empty() && blocked(&extension) {
        return Err(refused_extension(&extension));
    }
    let recognized = !extension.is_empty() && content_type_of(name).is_some();
    let Some(content_type) = content_type.filter(|_| !recognized) else {
        return Ok(());
    };
    let (kind, subtype) = match content_type.split_once('/') {
        Some((kind, rest)) => (
            kind.trim(),
            rest.split(';').next().unwrap_or_default().trim(),
        ),
        _ => ("", ""),
    };
    if !is_token(kind) || !is_token(subtype) {
        let bare: String = if content_type.contains('/') {
            kind.to_owned()
        } else {
            content_type
                .split(';')
                .next()
                .unwrap_or_default()
                .to_owned()
        };
        let bare: String = bare.chars().filter(|c| !c.is_whitespace()).collect();
        if !bare.is_empty() && blocked(&bare) {
            return Err(refused_extension(&bare));
        }
        return Err(ParseError::new(130, "Invalid Content-Type."));
    }
    let subtype: String = subtype.chars().filter(|c| !c.is_whitespace()).collect();
    if blocked(&subtype) {
        return Err(refused_extension(&subtype));
    }
    Ok(())
}

/// 130 `File upload of extension <ext> is disabled.`
fn refused_extension(extension: &str) -> ParseError {
    ParseError::new(
        130,
        format!("File upload of extension {extension} is disabled."),
    )
}

/// Whether an extension or subtype is one browsers render as active content.
fn blocked(extension: &str) -> bool {
    BLOCKED_EXTENSIONS
        .iter()
        .any(|b| b.eq_ignore_ascii_case(extension))
}

/// Whether `text` is an HTTP token (RFC 9110), as a media type's parts are.
fn is_token(text: &str) -> bool {
    !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c))
}

/// What follows the last `.` of a name, up to a `;`, without white space.
fn extension_of(name: &str) -> String {
    let Some((_, extension)) = name.rsplit_once('.') else {
        return String::new();
    };
    extension
        .split(';')
        .next()
        .unwrap_or_default()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// The content type a name's extension says, if this server knows it.
fn content_type_of(name: &str) -> Option<&'static str> {
    let extension = extension_of(name);
    CONTENT_TYPES
        .iter()
        .find(|(ext, _)| ext.eq_ignore_ascii_case(&extension))
        .map(|(_, content_type)| *content_type)
}

/// `digits` random lowercase hex digits.
fn random_hex(digits: usize) -> String {
    let mut bytes = vec![0u8; digits.div_ceil(2)];
    rand::fill(bytes.as_mut_slice());
    let mut hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    hex.truncate(digits);
    hex
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_checked_like_parse_server() {
        assert!(check_name("hello.txt").is_ok());
        assert!(check_name("_my file@1~x-y.txt").is_ok());
        assert_eq!(check_name(".hidden").unwrap_err().code, 122);
        assert_eq!(check_name("my*file.txt").unwrap_err().code, 122);
        assert_eq!(
            check_name(&"a".repeat(129)).unwrap_err().message,
            "Filename too long."
        );
    }

    #[test]
    fn active_content_is_refused_by_extension_or_content_type() {
        let refused = |name: &str, content_type: Option<&str>| {
            check_active_content(name, content_type)
                .err()
                .map(|e| e.message)
        };
        assert_eq!(
            refused("page.HTML", Some("text/plain")).as_deref(),
            Some("File upload of extension HTML is disabled.")
        );
        assert_eq!(
            refused("page", Some("image/svg+xml")).as_deref(),
            Some("File upload of extension svg+xml is disabled.")
        );
        assert_eq!(
            refused("page.zzq", Some("image/")).as_deref(),
            Some("Invalid Content-Type.")
        );
        assert_eq!(
            refused("page", Some("html")).as_deref(),
            Some("File upload of extension html is disabled.")
        );
        assert_eq!(refused("page.txt", Some("text/html")), None);
        assert_eq!(refused("page.zzq", Some("text/plain; charset=utf-8")), None);
    }

    #[test]
    fn urls_encode_the_name_as_a_uri_component() {
        assert_eq!(
            file_url("http://h/parse/files/app", "ab_my file@x.txt"),
            "http://h/parse/files/app/ab_my%20file%40x.txt"
        );
        assert_eq!(random_hex(32).len(), 32);
    }
}
