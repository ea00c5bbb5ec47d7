//! HTML building blocks: escaping, the page shell, the narrative's light
//! markup (paragraphs, `code`), and the one style sheet.

use std::fmt::Write as _;

/// Escapes text for HTML content and attribute values.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Escapes text and turns `backquoted` parts into `<code>`.
pub fn inline(text: &str) -> String {
    let mut out = String::new();
    for (i, part) in text.split('`').enumerate() {
        // An odd part is inside backquotes, unless the last quote is unmatched.
        if i % 2 == 1 && text.matches('`').count().is_multiple_of(2) {
            let _ = write!(out, "<code>{}</code>", esc(part));
        } else if i % 2 == 1 {
            let _ = write!(out, "`{}", esc(part));
        } else {
            out.push_str(&esc(part));
        }
    }
    out
}

/// The paragraphs of a free text: blocks separated by blank lines, their
/// lines joined.
pub fn paragraphs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() {
            if !current.is_empty() {
                out.push(current.join(" "));
                current.clear();
            }
        } else {
            current.push(line);
        }
    }
    if !current.is_empty() {
        out.push(current.join(" "));
    }
    out
}

/// A whole page with its title and body; every page sits in the site's
/// one folder, beside `style.css`.
pub fn page(title: &str, body: &str) -> String {
    page_of_class(title, "", body)
}

/// [`page`] with a class on its `<main>`, e.g. `wide`.
pub fn page_of_class(title: &str, class: &str, body: &str) -> String {
    let class = if class.is_empty() {
        String::new()
    } else {
        format!(" class=\"{}\"", esc(class))
    };
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<link rel=\"stylesheet\" href=\"style.css\">\n</head>\n<body>\n<nav><a href=\"index.html\">Parse REST API conformance</a> · <a href=\"matrix.html\">Compliance matrix</a></nav>\n<main{class}>\n{body}</main>\n</body>\n</html>\n",
        esc(title)
    )
}

/// The site's style sheet.
pub const STYLE: &str = r#"/* parse-conformance living documentation: one style sheet, no web fonts, no scripts. */
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0; color: #1d1d1f; background: #fafafa; line-height: 1.45; }
nav { background: #16325c; color: #fff; padding: .6em 1.2em; }
nav a { color: #fff; text-decoration: none; font-weight: 600; }
main { max-width: 72em; margin: 0 auto; padding: 1em 1.2em 3em; }
h1 { font-size: 1.6em; } h2 { font-size: 1.3em; margin-top: 1.6em; } h3 { font-size: 1.05em; margin-bottom: .3em; }
code, pre { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: .9em; }
code { background: #eef0f3; padding: 0 .25em; border-radius: 3px; }
pre { background: #f1f3f6; border: 1px solid #dde1e6; padding: .6em .8em; overflow-x: auto; white-space: pre-wrap; word-break: break-word; }
table { border-collapse: collapse; margin: .5em 0; }
th, td { border: 1px solid #d0d5dc; padding: .3em .55em; text-align: left; vertical-align: top; }
th { background: #eef1f5; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.source { border-left: 4px solid #16325c; padding: .2em .8em; background: #eef3fa; }
.tags { color: #5a6270; font-size: .85em; }
.tag { display: inline-block; background: #e6e9ee; border-radius: 3px; padding: 0 .35em; margin-right: .25em; }
.comment { color: #5a6270; font-style: italic; margin: .2em 0; }
.scenario { background: #fff; border: 1px solid #dde1e6; border-radius: 6px; padding: .4em 1em .8em; margin: 1em 0; }
.scenario:target { outline: 3px solid #f0b429; }
.steps { list-style: none; padding-left: 0; margin: .4em 0; }
.steps li { margin: .15em 0; }
.kw { font-weight: 700; color: #16325c; }
.anchor { color: #8a94a3; text-decoration: none; font-size: .85em; margin-left: .4em; }
.status { display: inline-block; border-radius: 3px; padding: .05em .45em; font-size: .85em; font-weight: 600; margin-right: .3em; }
.passed { background: #d7f2df; color: #11642d; }
.expected-failure { background: #fff0c2; color: #7a5300; }
.failed { background: #fbd5d5; color: #9b1c1c; }
.unexpected-pass { background: #e3dcfb; color: #4c2a9b; }
.skipped { background: #e6e9ee; color: #4a5160; }
.not-run { background: #f4f5f7; color: #8a94a3; }
.results { margin: .4em 0 0; padding-left: 1.2em; }
.results li { margin: .2em 0; }
details > summary { cursor: pointer; color: #16325c; }
table.matrix { width: 100%; }
table.matrix tbody td:first-child, table.matrix tbody th:first-child { max-width: 22em; }
table.matrix tr.area th { background: #dfe6f0; }
main.wide { max-width: 110em; }
table.matrix td.cell { width: 13em; }
table.matrix td.num { width: 5em; }
table.matrix td.cell small { display: block; }
table.matrix small.file { color: #5a6270; }
.bar { display: flex; width: 100%; height: .55em; background: #e6e9ee; border-radius: 2px; overflow: hidden; margin: .15em 0 .2em; }
.bar > span { display: block; height: 100%; }
.bar > .passed { background: #3fa266; } .bar > .expected-failure { background: #e0a800; } .bar > .failed { background: #d64545; } .bar > .skipped { background: #b4bac4; }
.legend .status { margin-right: .8em; }
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_every_markup_character() {
        assert_eq!(
            esc("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }

    #[test]
    fn backquotes_become_code_and_stay_escaped() {
        assert_eq!(
            inline("the `<script>` field"),
            "the <code>&lt;script&gt;</code> field"
        );
        assert_eq!(inline("a ` alone"), "a ` alone");
    }

    #[test]
    fn paragraphs_are_split_on_blank_lines() {
        assert_eq!(
            paragraphs("one\n  two\n\n three\n"),
            vec!["one two".to_owned(), "three".to_owned()]
        );
    }
}
