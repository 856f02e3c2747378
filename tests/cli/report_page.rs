//! How the report tests read a page of `orgctl report --html`: the data
//! it embeds (its tables read back as objects), the tags of its DOM, and
//! what its chart shows on a day, next to what `orgctl at` says.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::support::{dump_dom, orgctl};

/// The page `orgctl report --html ARGS` writes to stdout, on `data`.
pub(crate) fn page(data: &Path, args: &[&str]) -> String {
    let mut all = vec!["report", "--html"];
    all.extend_from_slice(args);
    orgctl(Some(data), &all).ok().to_string()
}

/// The JSON the page embeds, its tables read back as lists of objects
/// (as docs/output.md says to read them): `facts` one list, each with its
/// `kind`, a null cell left out but for `from` and `until`; `events` and
/// `units` with every key; days as `YYYY-MM-DD`, sources as their texts.
pub(crate) fn embedded(page: &str) -> Value {
    let open = r#"<script type="application/json" id="report-data">"#;
    let start = page.find(open).expect("the data element") + open.len();
    let end = start + page[start..].find("</script>").expect("its end");
    let mut data: Value = serde_json::from_str(&page[start..end]).expect("the data is JSON");
    let objects = |table: &Value, keep_null: &dyn Fn(&str) -> bool| -> Vec<Value> {
        let columns = table["columns"].as_array().expect("columns");
        let rows = table["rows"].as_array().expect("rows");
        rows.iter()
            .map(|row| {
                let row = row.as_array().expect("a row is an array");
                assert_eq!(row.len(), columns.len(), "a cell per column");
                let cells = columns.iter().zip(row).filter_map(|(c, v)| {
                    let c = c.as_str().expect("a column is named");
                    (!v.is_null() || keep_null(c)).then(|| (c.to_string(), v.clone()))
                });
                Value::Object(cells.collect())
            })
            .collect()
    };
    // A day is a number of days from 1970-01-01.
    let day = |v: &mut Value| {
        if let Some(n) = v.as_i64() {
            let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap();
            *v = Value::from((epoch + chrono::Days::new(n as u64)).to_string());
        }
    };
    let mut facts = Vec::new();
    for (kind, table) in data["facts"].as_object().expect("facts by kind") {
        for mut f in objects(table, &|c| c == "from" || c == "until") {
            f["kind"] = Value::from(kind.as_str());
            day(&mut f["from"]);
            day(&mut f["until"]);
            facts.push(f);
        }
    }
    let sources = data["sources"].as_array().expect("sources").clone();
    let mut events = objects(&data["events"], &|_| true);
    for e in &mut events {
        day(&mut e["day"]);
        let texts = e["sources"].as_array().expect("an event's sources");
        let texts = texts
            .iter()
            .map(|i| sources[i.as_u64().expect("a place") as usize].clone());
        e["sources"] = Value::Array(texts.collect());
    }
    let units = objects(&data["units"], &|_| true);
    data["facts"] = Value::Array(facts);
    data["events"] = Value::Array(events);
    data["units"] = Value::Array(units);
    data
}

/// The attributes of each start tag of `dom` that has `name`, decoded.
pub(crate) fn tags_with<'d>(dom: &'d str, name: &str) -> Vec<BTreeMap<&'d str, String>> {
    let needle = format!(" {name}=\"");
    let mut found = Vec::new();
    let mut rest = dom;
    while let Some(at) = rest.find(&needle) {
        let start = rest[..at].rfind('<').unwrap();
        let end = at + rest[at..].find('>').unwrap();
        found.push(attributes(&rest[start + 1..end]));
        rest = &rest[end..];
    }
    found
}

/// `tag a="x" b="y"` as {a: x, b: y}.
fn attributes(tag: &str) -> BTreeMap<&str, String> {
    let mut out = BTreeMap::new();
    let mut rest = tag.split_once(' ').map_or("", |(_, r)| r);
    while let Some(eq) = rest.find("=\"") {
        let name = rest[..eq].trim();
        let value_end = eq + 2 + rest[eq + 2..].find('"').unwrap();
        let value = rest[eq + 2..value_end]
            .replace("&quot;", "\"")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&nbsp;", "\u{a0}")
            .replace("&amp;", "&");
        out.insert(name, value);
        rest = &rest[value_end + 1..];
    }
    out
}

/// What the page shows on a day, or `at` says of it: each role (unit,
/// title, line, dotted lines, status, holders), each unit (name, parent)
/// and each person holding a role (name).
#[derive(Debug, PartialEq)]
pub(crate) struct Shown {
    pub(crate) roles: BTreeMap<String, String>,
    pub(crate) units: BTreeMap<String, String>,
    pub(crate) people: BTreeMap<String, String>,
}

pub(crate) fn shown_by_page(dom: &str) -> Shown {
    let get = |t: &BTreeMap<&str, String>, k: &str| t.get(k).cloned().unwrap_or_default();
    let roles = tags_with(dom, "data-role")
        .iter()
        .map(|t| {
            let row = ["data-unit", "data-title", "data-reports-to", "data-dotted"]
                .iter()
                .chain(&["data-status", "data-holders"])
                .map(|k| get(t, k))
                .collect::<Vec<_>>()
                .join(" | ");
            (get(t, "data-role"), row)
        })
        .collect();
    let units = tags_with(dom, "data-unit")
        .iter()
        .filter(|t| !t.contains_key("data-role"))
        .map(|t| {
            let row = format!("{} | {}", get(t, "data-name"), get(t, "data-parent"));
            (get(t, "data-unit"), row)
        })
        .collect();
    let people = tags_with(dom, "data-person")
        .iter()
        .map(|t| (get(t, "data-person"), get(t, "data-name")))
        .collect();
    Shown {
        roles,
        units,
        people,
    }
}

pub(crate) fn shown_by_at(at: &Value) -> Shown {
    let s = |v: &Value| v.as_str().unwrap_or_default().to_string();
    let ids = |v: &Value| {
        let list = v.as_array().unwrap().iter();
        list.map(|x| s(x.get("id").unwrap_or(x)))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let roles = at["roles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let dotted = r.get("dotted").map(ids).unwrap_or_default();
            let row = [
                s(&r["unit"]),
                s(&r["title"]),
                s(&r["reports_to"]),
                dotted,
                s(&r["status"]),
                ids(&r["holders"]),
            ]
            .join(" | ");
            (s(&r["id"]), row)
        })
        .collect();
    let units = at["units"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| {
            (
                s(&u["id"]),
                format!("{} | {}", s(&u["name"]), s(&u["parent"])),
            )
        })
        .collect();
    let people = at["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (s(&p["id"]), s(&p["name"])))
        .collect();
    Shown {
        roles,
        units,
        people,
    }
}

pub(crate) fn day_before(day: &str) -> String {
    let d = chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").unwrap();
    d.pred_opt().unwrap().to_string()
}

/// The page `report --html ARGS` of `data`, written to `report.html` in
/// a temporary folder (kept as long as the folder is).
pub(crate) fn page_file(data: &Path, args: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.html");
    std::fs::write(&file, page(data, args)).unwrap();
    (dir, file)
}

/// What the page `file` shows opened on `day` in headless Chromium
/// (which it says it drew).
pub(crate) fn shown_on(file: &Path, day: &str) -> Shown {
    let dom = dump_dom(file, &format!("day={day}"));
    assert!(dom.contains(&format!("<body data-day=\"{day}\"")), "{day}");
    shown_by_page(&dom)
}
