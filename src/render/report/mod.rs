//! `report --html`: one self-contained page. The template
//! (`report.html`), its style (`report.css`) and its scripts (`report.js`,
//! and `diff.js` for the changes between two days, plain JavaScript) are
//! kept here and compiled in; the page embeds the
//! data of [`ReportData`] as JSON in a `<script type="application/json">`
//! element, and its script draws the timeline and the organisation on the
//! chosen day from it. Nothing is fetched: no network, no other file.

use std::io;

use crate::render::output::report::ReportData;

const TEMPLATE: &str = include_str!("report.html");
const STYLE: &str = include_str!("report.css");
const SCRIPT: &str = include_str!("report.js");
/// The changes between any two days, as `diff` finds them (used by SCRIPT).
const DIFF_SCRIPT: &str = include_str!("diff.js");

/// A page, and the size of the data it embeds.
pub struct Page {
    pub html: String,
    /// The bytes of the embedded JSON.
    pub data_bytes: usize,
}

/// The page of `data`.
pub fn page(data: &ReportData) -> io::Result<Page> {
    let json = serde_json::to_string(data).map_err(io::Error::other)?;
    let embedded = escape_script_json(&json);
    let title = match data.organisation {
        Some(name) => format!(
            "{name}: history {} to {}",
            data.first_day.0, data.last_day.0
        ),
        None => format!(
            "Organisation history {} to {}",
            data.first_day.0, data.last_day.0
        ),
    };
    let title = escape_html(&title);
    // The values are borrowed: the data may be megabytes, copied once,
    // into the page.
    let html = fill(TEMPLATE, embedded.len(), |slot| match slot {
        "title" => Some(title.as_str()),
        "style" => Some(STYLE),
        "data" => Some(embedded.as_str()),
        "script" => Some(SCRIPT),
        "diff_script" => Some(DIFF_SCRIPT),
        _ => None,
    });
    Ok(Page {
        html,
        data_bytes: embedded.len(),
    })
}

/// The template with each `{{slot}}` replaced by `value(slot)`, in one
/// pass: a value is never read for slots (a title may hold `{{`).
/// `extra`: the bytes the values add, about, to reserve them at once.
fn fill<'v>(template: &str, extra: usize, value: impl Fn(&str) -> Option<&'v str>) -> String {
    let mut page = String::with_capacity(template.len() + extra);
    let mut rest = template;
    while let Some(at) = rest.find("{{") {
        page.push_str(&rest[..at]);
        let after = &rest[at + 2..];
        match after
            .find("}}")
            .and_then(|end| Some((end, value(&after[..end])?)))
        {
            Some((end, v)) => {
                page.push_str(v);
                rest = &after[end + 2..];
            }
            None => {
                page.push_str("{{");
                rest = after;
            }
        }
    }
    page.push_str(rest);
    page
}

/// Text for HTML: `&`, `<`, `>`, `"` and `'` as references.
fn escape_html(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => s.push_str("&amp;"),
            '<' => s.push_str("&lt;"),
            '>' => s.push_str("&gt;"),
            '"' => s.push_str("&quot;"),
            '\'' => s.push_str("&#39;"),
            c => s.push(c),
        }
    }
    s
}

/// JSON safe inside a `<script>` element: every `<` (which can only be
/// in a string) as `\u003c`, so that no `</script>` or `<!--` in the data
/// ends or changes the element. The JSON reads the same.
fn escape_script_json(json: &str) -> String {
    json.replace('<', "\\u003c")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_in_a_script_element_cannot_end_it() {
        let json = r#"{"title":"</script><!-- x"}"#;
        let safe = escape_script_json(json);
        assert!(!safe.contains("</") && !safe.contains("<!--"), "{safe}");
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back["title"], "</script><!-- x");
    }

    #[test]
    fn slots_are_filled_once_and_values_are_not_read_again() {
        let page = fill("<{{a}}|{{b}}|{{c}}|{{", 0, |s| match s {
            "a" => Some("{{b}}"),
            "b" => Some("B"),
            _ => None,
        });
        assert_eq!(page, "<{{b}}|B|{{c}}|{{");
    }
}
