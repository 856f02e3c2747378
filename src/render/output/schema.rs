//! The JSON Schema of each command's `--format json` document, derived
//! from the output types (`schemars`): what the JSON contract
//! (`docs/output.md`) can be checked against. The ids, dates and
//! attribute maps, written by hand-made `Serialize` impls, get theirs
//! here.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema, schema_for};

use super::{
    AttributesOut, at, chain, check, diff, history, log, reports, review, show, stats, why,
};
use crate::dates::PartialDate;
use crate::ids::Key;

impl JsonSchema for Key {
    fn schema_name() -> Cow<'static, str> {
        "Id".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "string", "description": "A record's or event's id." })
    }
}

impl JsonSchema for PartialDate {
    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "description": "A date as written in the data: YYYY, YYYY-MM or YYYY-MM-DD, \
                            with ~ (approximate) or ? (uncertain) after it, or a window \
                            YYYY-MM-DD/YYYY-MM-DD (after the first day, on or before the second).",
        })
    }
}

impl JsonSchema for AttributesOut<'_> {
    fn schema_name() -> Cow<'static, str> {
        "Attributes".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "object",
            "description": "Attributes on the day, by key.",
            "additionalProperties": { "type": "string" },
        })
    }
}

/// The schema of each command's document, by command.
pub fn schemas() -> Vec<(&'static str, Schema)> {
    vec![
        ("at", schema_for!(at::At)),
        ("who-reports-to", schema_for!(reports::Reports)),
        ("diff", schema_for!(diff::Diff)),
        ("diff --stat", schema_for!(diff::DiffStat)),
        ("check", schema_for!(check::Check)),
        ("chain", schema_for!(chain::Chain)),
        ("log", schema_for!(log::Log)),
        ("history", schema_for!(history::HistoryOut)),
        ("why", schema_for!(why::WhyOut)),
        ("show", schema_for!(show::Show)),
        ("stats", schema_for!(stats::Stats)),
        ("review", schema_for!(review::Review)),
    ]
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use super::schemas;
    use crate::load::bundled;
    use crate::query::{self, Found};
    use crate::render::json;

    /// The schemas of `value`'s type at `schema`: itself, or what it
    /// refers to, or its alternatives.
    fn branches<'a>(root: &'a Value, schema: &'a Value, out: &mut Vec<&'a Value>) {
        if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
            let name = r.trim_start_matches("#/$defs/");
            branches(root, &root["$defs"][name], out);
        }
        for key in ["anyOf", "oneOf", "allOf"] {
            for s in schema
                .get(key)
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                branches(root, s, out);
            }
        }
        out.push(schema);
    }

    /// Every key of `value`, at any depth, is declared by its schema.
    fn declared(root: &Value, schema: &Value, value: &Value, path: &str) -> Result<(), String> {
        let mut all = Vec::new();
        branches(root, schema, &mut all);
        match value {
            Value::Object(map) => {
                for (k, v) in map {
                    let at = format!("{path}.{k}");
                    let of = all.iter().find_map(|s| {
                        s.get("properties")
                            .and_then(|p| p.get(k))
                            .or_else(|| s.get("additionalProperties").filter(|a| a.is_object()))
                    });
                    match of {
                        Some(s) => declared(root, s, v, &at)?,
                        None => return Err(format!("{at} is not in the schema")),
                    }
                }
            }
            Value::Array(items) => {
                let of = all.iter().find_map(|s| s.get("items"));
                for (i, v) in items.iter().enumerate() {
                    match of {
                        Some(s) => declared(root, s, v, &format!("{path}[{i}]"))?,
                        None => return Err(format!("{path} is not an array in the schema")),
                    }
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// Every key each command prints on the bundled data (for every
    /// record, on two days) is in the schema of its document.
    #[test]
    fn every_key_printed_is_in_the_schema() {
        let h = crate::load::load_texts(bundled::files()).expect("the bundled data loads");
        let index = query::Index::new(&h);
        let days = [(2022, 1, 1), (2023, 5, 10)]
            .map(|(y, m, d)| chrono::NaiveDate::from_ymd_opt(y, m, d).expect("a day"));
        let schemas: Vec<(&str, Value)> = schemas()
            .into_iter()
            .map(|(c, s)| (c, serde_json::to_value(&s).expect("a schema as JSON")))
            .collect();
        let mut docs: Vec<(&str, Vec<u8>)> = Vec::new();
        let mut doc = |command, write: &dyn Fn(&mut Vec<u8>) -> std::io::Result<()>| {
            let mut out = Vec::new();
            write(&mut out).expect("written");
            docs.push((command, out));
        };
        let records = (0..h.people.len())
            .map(|i| Found::Person(crate::ids::PersonId::new(i)))
            .chain((0..h.units.len()).map(|i| Found::Unit(crate::ids::UnitId::new(i))))
            .chain((0..h.roles.len()).map(|i| Found::Role(crate::ids::RoleId::new(i))));
        doc("check", &|o| json::check(o, &query::summary(&h)));
        doc("log", &|o| {
            json::log(o, &query::log(&h, &index, None, None, &[]))
        });
        doc("diff", &|o| {
            json::diff(o, &query::diff(&h, days[0], days[1]))
        });
        doc("diff --stat", &|o| {
            json::diff_stat(o, &query::diff(&h, days[0], days[1]))
        });
        for day in days {
            doc("at", &|o| json::at(o, &query::at(&h, day, None)));
        }
        for f in records {
            doc("history", &|o| {
                json::history(o, &query::history(&h, &index, f))
            });
            doc("log", &|o| {
                json::log(o, &query::log(&h, &index, None, None, &[f]))
            });
            for day in days {
                doc("why", &|o| json::why(o, &query::why(&h, &index, f, day)));
                doc("show", &|o| json::show(o, &query::show(&h, &index, f, day)));
                if let Ok(c) = query::chain(&h, f, day) {
                    doc("chain", &|o| json::chain(o, &c));
                }
                for all in [false, true] {
                    if let Ok(r) = query::who_reports_to(&h, f, day, all) {
                        doc("who-reports-to", &|o| json::reports(o, &r));
                    }
                }
            }
        }
        for (command, bytes) in docs {
            let value: Value = serde_json::from_slice(&bytes).expect("JSON");
            let (_, schema) = schemas
                .iter()
                .find(|(c, _)| *c == command)
                .expect("a schema");
            if let Err(e) = declared(schema, schema, &value, command) {
                panic!("{command}: {e}");
            }
        }
    }

    /// A key a type does not declare is found, at any depth.
    #[test]
    fn a_key_not_in_the_schema_is_found() {
        let h = crate::load::load_texts(bundled::files()).expect("the bundled data loads");
        let day = chrono::NaiveDate::from_ymd_opt(2023, 5, 10).expect("a day");
        let mut out = Vec::new();
        json::at(&mut out, &query::at(&h, day, None)).expect("written");
        let mut value: Value = serde_json::from_slice(&out).expect("JSON");
        let schema = serde_json::to_value(schemas().remove(0).1).expect("a schema as JSON");
        assert_eq!(declared(&schema, &schema, &value, "at"), Ok(()));
        value["roles"][0]["holder"]["nickname"] = "x".into();
        assert_eq!(
            declared(&schema, &schema, &value, "at"),
            Err("at.roles[0].holder.nickname is not in the schema".into())
        );
    }
}
