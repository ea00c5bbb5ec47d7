//! Reading an HTML form as a browser would submit it: the password-reset
//! page behind a mailed link is a form, and the suite fills it in.
//!
//! Only what such a page needs: the first `<form>`'s `action` and `method`,
//! and its `<input>` fields with their names, types and values.

use std::sync::LazyLock;

use regex::Regex;

/// A form: where it posts, and its fields.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Form {
    /// The `action` URL as written (may be relative).
    pub action: String,
    /// The method, upper case (`POST` unless the form says otherwise).
    pub method: String,
    /// Each `<input>` with a name: `(name, type, value)`.
    pub inputs: Vec<(String, String, String)>,
}

static FORM: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::unwrap_used)] // a constant pattern
    Regex::new(r"(?is)<form\b([^>]*)>(.*?)</form>").unwrap()
});
static INPUT: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::unwrap_used)] // a constant pattern
    Regex::new(r"(?is)<input\b([^>]*)>").unwrap()
});
static ATTRIBUTE: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::unwrap_used)] // a constant pattern
    Regex::new(r#"(?is)([a-z_:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))"#).unwrap()
});

/// The value of an attribute in a tag's attribute text, entities decoded.
fn attribute(attributes: &str, name: &str) -> Option<String> {
    ATTRIBUTE.captures_iter(attributes).find_map(|c| {
        c[1].eq_ignore_ascii_case(name).then(|| {
            let raw = c
                .get(2)
                .or(c.get(3))
                .or(c.get(4))
                .map_or("", |m| m.as_str());
            unescape(raw)
        })
    })
}

static ENTITY: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::unwrap_used)] // a constant pattern
    Regex::new(r"&(#[0-9]+|#[xX][0-9a-fA-F]+|amp|lt|gt|quot|apos);").unwrap()
});

/// Decodes character references: the named ones of XML and every numeric
/// one (`&#x2F;` is how Parse Server's pages write `/`).
fn unescape(text: &str) -> String {
    ENTITY
        .replace_all(text, |c: &regex::Captures<'_>| {
            let entity = &c[1];
            let code = match entity {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => {
                    let number = entity.trim_start_matches('#');
                    match number.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok(),
                        None => number.parse().ok(),
                    }
                    .and_then(char::from_u32)
                }
            };
            code.map_or_else(|| c[0].to_owned(), String::from)
        })
        .into_owned()
}

impl Form {
    /// The first form of an HTML page.
    pub fn first_in(html: &str) -> Option<Form> {
        let form = FORM.captures(html)?;
        let inputs = INPUT
            .captures_iter(&form[2])
            .filter_map(|input| {
                let name = attribute(&input[1], "name")?;
                let kind = attribute(&input[1], "type").unwrap_or_else(|| "text".into());
                let value = attribute(&input[1], "value").unwrap_or_default();
                Some((name, kind.to_ascii_lowercase(), value))
            })
            .collect();
        Some(Form {
            action: attribute(&form[1], "action").unwrap_or_default(),
            method: attribute(&form[1], "method")
                .unwrap_or_else(|| "POST".into())
                .to_ascii_uppercase(),
            inputs,
        })
    }

    /// Sets the value of the field `name`; whether the form has one.
    pub fn set(&mut self, name: &str, value: &str) -> bool {
        let mut found = false;
        for (_, _, v) in self.inputs.iter_mut().filter(|(n, _, _)| n == name) {
            *v = value.to_owned();
            found = true;
        }
        found
    }

    /// The url-encoded body a browser sends when a person types `password`
    /// into every password field and submits.
    pub fn submission_with_password(&self, password: &str) -> String {
        let mut body = url::form_urlencoded::Serializer::new(String::new());
        for (name, kind, value) in &self.inputs {
            let value = if kind == "password" { password } else { value };
            body.append_pair(name, value);
        }
        body.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_parse_servers_reset_form() {
        let html = r#"<h1>Reset</h1>
  <form id='form' action='http:&#x2F;&#x2F;x&#x2F;parse/apps/app/request_password_reset' method='POST'>
    <input name='utf-8' type='hidden' value='✓' />
    <input name="token" type="hidden" id="token" value="a&amp;b&#39;" />
    <input name="new_password" type="password" id="password" />
    <input name="confirm_new_password" type="password" />
    <button id="change_password">Change Password</button>
  </form>"#;
        let form = Form::first_in(html).unwrap();
        assert_eq!(
            form.action,
            "http://x/parse/apps/app/request_password_reset"
        );
        assert_eq!(form.method, "POST");
        assert_eq!(
            form.submission_with_password("n3w"),
            "utf-8=%E2%9C%93&token=a%26b%27&new_password=n3w&confirm_new_password=n3w"
        );
    }

    #[test]
    fn no_form_no_form() {
        assert_eq!(Form::first_in("<p>Invalid link!</p>"), None);
    }
}
