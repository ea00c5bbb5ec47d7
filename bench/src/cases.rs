//! What is measured: the endpoints (cases), and for each target the request
//! wrk sends (a URL, headers, and a Lua script for the POSTs and the mix).

use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::target::{Kind, Prepared, Target};

/// Objects in the small class.
pub const SMALL: usize = 100;

/// The body of a create (POST /classes/C), also sent to the bare hyper server.
pub const CREATE_BODY: &str = r#"{"name":"created","group":3,"flag":true}"#;

/// A find's constraint.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Filter {
    /// `limit=10` alone.
    None,
    /// `where={"group":7}`: one object in 50 matches.
    Common,
    /// `where={"name":"n42"}`: one object matches.
    Unique,
}

impl Filter {
    /// The query string after `?`.
    fn query(self) -> &'static str {
        match self {
            Filter::None => "limit=10",
            Filter::Common => "limit=10&where=%7B%22group%22%3A7%7D",
            Filter::Unique => "limit=10&where=%7B%22name%22%3A%22n42%22%7D",
        }
    }
}

/// One endpoint (or workload) measured on every target that has it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Case {
    /// GET /users/me with a session token.
    UsersMe,
    /// POST /login with a username and password (bcrypt-bound).
    Login,
    /// GET /classes/C?limit=10 with a constraint, on the small or the large class.
    Find(Filter, bool),
    /// POST /classes/C: a create.
    Create,
    /// The mixed read/write workload (`MIX`), on the large class.
    Mixed,
}

/// The mixed workload, in words (the report repeats it).
pub const MIX: &str = "of every 10 requests, 4 finds on the large class (2 `limit=10`, \
     2 `limit=10` with `where={\"group\":7}`), 3 gets by objectId (GET /classes/C/id, \
     over 100 ids of the large class), 2 creates (POST, into a class of their own) and 1 \
     update (PUT `{\"flag\":false}` on one of those 100 objects); one wrk Lua script, \
     each wrk thread cycling through the 10";

impl Case {
    /// Every case, in the order measured (reads first, then the writes).
    pub fn all() -> Vec<Case> {
        let mut cases = vec![Case::UsersMe, Case::Login];
        for filter in [Filter::None, Filter::Common, Filter::Unique] {
            cases.push(Case::Find(filter, false));
            cases.push(Case::Find(filter, true));
        }
        cases.extend([Case::Create, Case::Mixed]);
        cases
    }

    /// The endpoint, as the report names it.
    pub fn name(self) -> String {
        match self {
            Case::UsersMe => "GET /users/me".into(),
            Case::Login => "POST /login".into(),
            Case::Find(Filter::None, _) => "GET /classes/C?limit=10".into(),
            Case::Find(Filter::Common, _) => {
                "GET /classes/C?limit=10, equality on a common value (1 in 50)".into()
            }
            Case::Find(Filter::Unique, _) => {
                "GET /classes/C?limit=10, equality on a unique value".into()
            }
            Case::Create => "POST /classes/C (create)".into(),
            Case::Mixed => "mixed read/write".into(),
        }
    }

    /// Objects in the class the case reads, when it reads one.
    pub fn objects(self, large: usize) -> Option<usize> {
        match self {
            Case::Find(_, false) => Some(SMALL),
            Case::Find(_, true) | Case::Mixed => Some(large),
            _ => None,
        }
    }

    /// True for the cases that send a body (compared with the bare hyper
    /// server's POST).
    pub fn writes(self) -> bool {
        matches!(self, Case::Login | Case::Create)
    }

    /// A short name for files.
    fn slug(self) -> String {
        match self {
            Case::UsersMe => "users-me".into(),
            Case::Login => "login".into(),
            Case::Find(filter, large) => format!("find-{filter:?}-{large}").to_lowercase(),
            Case::Create => "create".into(),
            Case::Mixed => "mixed".into(),
        }
    }
}

/// What wrk sends for one case to one target.
pub struct Plan {
    /// The URL (for GETs, the request itself).
    pub url: String,
    /// Headers sent with every request.
    pub headers: Vec<(String, String)>,
    /// A Lua script (method, body, or a request function).
    pub script: Option<PathBuf>,
    /// True when one request should go out before the measure (a find
    /// builds what the server builds lazily, an index, as a warm-up would).
    pub warm_up: bool,
}

/// The plan of `case` for `target`, or `None` when the target does not
/// take part. Scripts are written into `dir`.
pub fn plan(case: Case, target: &Target, prepared: &Prepared, dir: &Path) -> Result<Option<Plan>> {
    let base = &target.url;
    let mut headers = target.client_headers();
    let script = |text: String| -> Result<Option<PathBuf>> {
        let slug: String = target
            .name
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect();
        let path = dir.join(format!("{slug}-{}.lua", case.slug()));
        std::fs::write(&path, text)?;
        Ok(Some(path))
    };
    if target.kind == Kind::Bare {
        // The physical limit: a GET (with the same headers as /users/me), a
        // POST with a create's body, and the mix; the answer is always the same.
        return Ok(match case {
            Case::UsersMe => Some(Plan {
                url: format!("{base}/users/me"),
                headers,
                script: None,
                warm_up: false,
            }),
            Case::Create => Some(Plan {
                url: format!("{base}/classes/C"),
                headers,
                script: script(post_script(CREATE_BODY))?,
                warm_up: false,
            }),
            Case::Mixed => Some(Plan {
                url: base.clone(),
                headers,
                script: script(mixed_script(target, prepared)?)?,
                warm_up: false,
            }),
            _ => None,
        });
    }
    Ok(Some(match case {
        Case::UsersMe => {
            headers.push((
                "X-Parse-Session-Token".into(),
                prepared.session_token.clone(),
            ));
            Plan {
                url: format!("{base}/users/me"),
                headers,
                script: None,
                warm_up: false,
            }
        }
        Case::Login => {
            let body =
                serde_json::json!({"username": prepared.username, "password": prepared.password});
            Plan {
                url: format!("{base}/login"),
                headers,
                script: script(post_script(&body.to_string()))?,
                warm_up: false,
            }
        }
        Case::Find(filter, large) => {
            let class = if large {
                &prepared.large
            } else {
                &prepared.small
            };
            Plan {
                url: format!("{base}/classes/{class}?{}", filter.query()),
                headers,
                script: None,
                warm_up: true,
            }
        }
        Case::Create => Plan {
            url: format!("{base}/classes/{}", prepared.created),
            headers,
            script: script(post_script(CREATE_BODY))?,
            warm_up: false,
        },
        Case::Mixed => Plan {
            url: base.clone(),
            headers,
            script: script(mixed_script(target, prepared)?)?,
            warm_up: false,
        },
    }))
}

/// A Lua string literal.
fn lua(text: &str) -> String {
    let escaped = text.replace('\\', "\\\\").replace('"', "\\\"");
    format!("\"{escaped}\"")
}

/// A wrk script that POSTs `body` as JSON.
fn post_script(body: &str) -> String {
    format!(
        "wrk.method = \"POST\"\nwrk.body = {}\nwrk.headers[\"Content-Type\"] = \"application/json\"\n",
        lua(body)
    )
}

/// The mixed workload's wrk script (`MIX`).
fn mixed_script(target: &Target, prepared: &Prepared) -> Result<String> {
    let mount = target.mount()?;
    let large = format!("{mount}/classes/{}", prepared.large);
    let ids: Vec<String> = if prepared.ids.is_empty() {
        vec![lua("AbCdEf1234")]
    } else {
        prepared.ids.iter().map(|id| lua(id)).collect()
    };
    Ok(format!(
        r#"-- The mixed read/write workload of parse-bench: {mix}.
local finds = {{ {find_all}, {find_common} }}
local object = {object}
local mixed = {mixed}
local ids = {{ {ids} }}
local read_headers = {{}}
local write_headers = {{}}
local n = 0

function init(args)
  for name, value in pairs(wrk.headers) do
    read_headers[name] = value
    write_headers[name] = value
  end
  write_headers["Content-Type"] = "application/json"
end

function request()
  n = n + 1
  local slot = n % 10
  local id = ids[(n % #ids) + 1]
  if slot < 4 then
    return wrk.format("GET", finds[(slot % 2) + 1], read_headers)
  elseif slot < 7 then
    return wrk.format("GET", object .. id, read_headers)
  elseif slot < 9 then
    return wrk.format("POST", mixed, write_headers, {create})
  else
    return wrk.format("PUT", object .. id, write_headers, {update})
  end
end
"#,
        mix = MIX.replace('\n', " "),
        find_all = lua(&format!("{large}?{}", Filter::None.query())),
        find_common = lua(&format!("{large}?{}", Filter::Common.query())),
        object = lua(&format!("{large}/")),
        mixed = lua(&format!("{mount}/classes/{}", prepared.mixed)),
        ids = ids.join(", "),
        create = lua(r#"{"name":"mixed","group":5,"flag":true}"#),
        update = lua(r#"{"flag":false}"#),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lua_strings_escape_quotes_and_backslashes() {
        assert_eq!(lua(r#"{"a":"b\c"}"#), r#""{\"a\":\"b\\c\"}""#);
    }

    #[test]
    fn every_find_is_measured_at_both_sizes() {
        let cases = Case::all();
        assert_eq!(cases.len(), 10);
        let finds: Vec<_> = cases.iter().filter_map(|c| c.objects(1000)).collect();
        assert_eq!(finds, [100, 1000, 100, 1000, 100, 1000, 1000]);
    }

    #[test]
    fn the_mixed_script_names_every_class_and_id() {
        let target = Target {
            name: "t".into(),
            kind: Kind::Parse,
            url: "http://127.0.0.1:1/parse".into(),
            app_id: "a".into(),
            rest_key: "r".into(),
            master_key: "m".into(),
            pid: None,
            bcrypt: String::new(),
        };
        let prepared = Prepared {
            large: "Large".into(),
            mixed: "Mixed".into(),
            ids: vec!["id1".into(), "id2".into()],
            ..Prepared::default()
        };
        let script = mixed_script(&target, &prepared).unwrap();
        assert!(script.contains(r#"local ids = { "id1", "id2" }"#));
        assert!(script.contains(r#"local object = "/parse/classes/Large/""#));
        assert!(script.contains(r#"local mixed = "/parse/classes/Mixed""#));
        assert!(script.contains("/parse/classes/Large?limit=10&where=%7B%22group%22%3A7%7D"));
    }
}
