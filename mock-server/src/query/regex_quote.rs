//! `\Q…\E` in a `$regex`: the text between them is literal (PCRE's quoting,
//! which MongoDB understands and Parse Server's PostgreSQL adapter rewrites
//! in `literalizeRegexPart`). The official SDKs quote this way:
//! `startsWith("be")` sends `^\Qbe\E`, `contains` and `endsWith` likewise.
//! The `regex` crate has no such syntax, so the quoted parts are escaped
//! before compiling.

use std::borrow::Cow;

/// `pattern` with each `\Q…\E` (or `\Q…` to the end) replaced by its text
/// escaped for the `regex` crate; unchanged when it quotes nothing.
pub fn unquote(pattern: &str) -> Cow<'_, str> {
    if !pattern.contains("\\Q") {
        return Cow::Borrowed(pattern);
    }
    let mut out = String::with_capacity(pattern.len() * 2);
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('Q') => {
                let literal = chars.as_str();
                let (quoted, rest) = literal.split_once("\\E").unwrap_or((literal, ""));
                for q in quoted.chars() {
                    if q.is_whitespace() {
                        // Literal even under the `x` option.
                        out.push_str(&format!("\\x{{{:x}}}", u32::from(q)));
                    } else {
                        out.push_str(&regex::escape(q.encode_utf8(&mut [0; 4])));
                    }
                }
                chars = rest.chars();
            }
            Some(next) => {
                out.push('\\');
                out.push(next);
            }
            None => out.push('\\'),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(pattern: &str, text: &str) -> bool {
        regex::Regex::new(&unquote(pattern))
            .map(|r| r.is_match(text))
            .unwrap_or(false)
    }

    #[test]
    fn quoted_text_is_literal() {
        assert_eq!(unquote(r"^\Qbe\E"), "^be");
        assert!(matches(r"^\Qa.b\E", "a.b"));
        assert!(!matches(r"^\Qa.b\E", "axb"));
        assert!(matches(r"\Q(x)\E$", "y(x)"));
        assert!(matches(r"^\Qa b\E", "a b"));
        // Up to the end when there is no \E.
        assert!(matches(r"^\Q*+", "*+"));
    }

    #[test]
    fn other_escapes_are_kept() {
        assert_eq!(unquote(r"^\d+$"), r"^\d+$");
        assert_eq!(unquote(r"\\Q"), r"\\Q");
        assert!(matches(r"\d\Q.\E\d", "1.2"));
        assert!(!matches(r"\d\Q.\E\d", "1x2"));
    }
}
