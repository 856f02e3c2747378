//! Reading a Popolo document: each value at its JSON path, each problem
//! collected with that path and the value, ids kept or made.

use std::collections::{HashMap, HashSet};

use serde_json::{Map, Value};

use super::{Attr, Common, Linked, Named, Span};
use crate::dates::{PartialDate, Precision, Qualifier};
use crate::ids::Key;
use crate::import::{Ids, date_cell};

/// Reads the document, collecting every problem with its JSON path.
pub(super) struct Reader {
    pub(super) problems: Vec<String>,
    pub(super) ids: Ids,
    /// Valid Popolo ids given to a record as they are.
    pub(super) used: HashSet<String>,
    pub(super) persons: HashMap<String, String>,
    pub(super) orgs: HashMap<String, String>,
    pub(super) posts: HashMap<String, String>,
    pub(super) events: HashMap<String, String>,
}

pub(super) fn show(v: &Value) -> String {
    let s = v.to_string();
    match s.chars().count() {
        n if n > 80 => format!("{}...", s.chars().take(80).collect::<String>()),
        _ => s,
    }
}

impl Reader {
    pub(super) fn problem(&mut self, path: &str, message: impl Into<String>) {
        self.problems.push(format!("{path}: {}", message.into()));
    }

    pub(super) fn text(&mut self, o: &Map<String, Value>, path: &str, key: &str) -> Option<String> {
        match o.get(key) {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => Some(s.trim().to_string()),
            Some(v) => {
                self.problem(
                    &format!("{path}.{key}"),
                    format!("{} is not a string", show(v)),
                );
                None
            }
        }
    }

    pub(super) fn required(&mut self, o: &Map<String, Value>, path: &str, key: &str) -> String {
        let t = self.text(o, path, key).filter(|t| !t.is_empty());
        if t.is_none() && !matches!(o.get(key), Some(v) if !v.is_string() && !v.is_null()) {
            self.problem(&format!("{path}.{key}"), "missing (every record needs one)");
        }
        t.unwrap_or_default()
    }

    pub(super) fn array<'v>(
        &mut self,
        o: &'v Map<String, Value>,
        path: &str,
        key: &str,
    ) -> &'v [Value] {
        match o.get(key) {
            None | Some(Value::Null) => &[],
            Some(Value::Array(a)) => a,
            Some(v) => {
                self.problem(
                    &format!("{path}.{key}"),
                    format!("{} is not an array", show(v)),
                );
                &[]
            }
        }
    }

    pub(super) fn date(
        &mut self,
        o: &Map<String, Value>,
        path: &str,
        key: &str,
        orgctl: bool,
    ) -> Option<PartialDate> {
        let text = self.text(o, path, key)?;
        if text.is_empty() {
            return None;
        }
        let parsed = match orgctl {
            true => PartialDate::parse(&text).map_err(|e| format!("'{text}' is not a date: {e}")),
            false => date_cell(&text).map_err(|_| {
                format!("'{text}' is not a date: Popolo dates are YYYY-MM-DD, YYYY-MM or YYYY (ISO 8601)")
            }),
        };
        match parsed {
            Ok(d) => Some(d),
            Err(e) => {
                self.problem(&format!("{path}.{key}"), e);
                None
            }
        }
    }

    pub(super) fn event(
        &mut self,
        o: &Map<String, Value>,
        path: &str,
        key: &str,
    ) -> Option<String> {
        let id = self.text(o, path, key)?;
        match self.events.get(&id) {
            Some(e) => Some(e.clone()),
            None => {
                self.problem(
                    &format!("{path}.{key}"),
                    format!("'{id}' is no event of orgctl:events"),
                );
                None
            }
        }
    }

    /// A span from `start`/`end` keys (`start_date`, `end_date`; a
    /// Popolo `end_date` is the last day held unless `end_is_change`) and
    /// the `orgctl:` fields beside them.
    pub(super) fn span(
        &mut self,
        o: &Map<String, Value>,
        path: &str,
        keys: (&str, &str),
        end_is_change: bool,
    ) -> Span {
        let start = match self.date(o, path, "orgctl:start", true) {
            Some(d) => Some(d),
            None => self.date(o, path, keys.0, false),
        };
        let end = match self.date(o, path, "orgctl:end", true) {
            Some(d) => Some(d),
            None => self.date(o, path, keys.1, false).map(|d| {
                match (end_is_change, d.precision(), d.qualifier()) {
                    (false, Precision::Day, Qualifier::Exact) => {
                        PartialDate::day(d.first_day().succ_opt().unwrap_or(d.first_day()))
                    }
                    _ => d,
                }
            }),
        };
        if let (Some(s), Some(e)) = (start, end)
            && e.first_day() < s.first_day()
        {
            let shown = |k: &str| o.get(k).map(show).unwrap_or_default();
            self.problem(
                path,
                format!(
                    "it ends before it starts ({} {}, {} {})",
                    keys.0,
                    shown(keys.0),
                    keys.1,
                    shown(keys.1)
                ),
            );
        }
        Span {
            start,
            end,
            start_event: self.event(o, path, "orgctl:start_event"),
            end_event: self.event(o, path, "orgctl:end_event"),
        }
    }

    pub(super) fn object<'v>(
        &mut self,
        v: &'v Value,
        path: &str,
    ) -> Option<&'v Map<String, Value>> {
        match v {
            Value::Object(o) => Some(o),
            v => {
                self.problem(path, format!("{} is not an object", show(v)));
                None
            }
        }
    }

    /// The objects of the array `key`, each with its path.
    pub(super) fn objects<'v>(
        &mut self,
        o: &'v Map<String, Value>,
        path: &str,
        key: &str,
    ) -> Vec<(String, &'v Map<String, Value>)> {
        let mut out = Vec::new();
        for (i, v) in self.array(o, path, key).iter().enumerate() {
            let p = format!("{path}.{key}[{i}]");
            if let Some(vo) = self.object(v, &p) {
                out.push((p, vo));
            }
        }
        out
    }

    pub(super) fn sources(&mut self, o: &Map<String, Value>, path: &str) -> Vec<String> {
        let mut out = Vec::new();
        for (i, s) in self.array(o, path, "sources").iter().enumerate() {
            let p = format!("{path}.sources[{i}]");
            match s {
                Value::String(t) => out.push(t.clone()),
                Value::Object(so) => match self
                    .text(so, &p, "url")
                    .or_else(|| self.text(so, &p, "note"))
                {
                    Some(t) if !t.is_empty() => out.push(t),
                    _ => self.problem(&p, "a source needs a url or a note"),
                },
                v => self.problem(&p, format!("{} is not a source", show(v))),
            }
        }
        out
    }

    pub(super) fn attrs(&mut self, o: &Map<String, Value>, path: &str) -> Vec<Attr> {
        let mut out = Vec::new();
        for (p, ao) in self.objects(o, path, "orgctl:attributes") {
            let key = self.required(ao, &p, "key");
            let value = self.required(ao, &p, "value");
            let span = self.span(ao, &p, ("start_date", "end_date"), false);
            out.push(Attr { key, value, span });
        }
        out
    }

    /// `other_names` (or `orgctl:titles`): names over time and aliases.
    pub(super) fn names(&mut self, o: &Map<String, Value>, path: &str, key: &str, c: &mut Common) {
        for (p, no) in self.objects(o, path, key) {
            let name = self.required(no, &p, "name");
            let span = self.span(no, &p, ("start_date", "end_date"), false);
            let alias = self.text(no, &p, "orgctl:kind").as_deref() != Some("name");
            let named = Named { name, span, alias };
            match alias {
                true => c.aliases.push(named),
                false => c.names.push(named),
            }
        }
    }

    /// A record's id in the data folder: its Popolo id when that is a
    /// valid id not taken yet, else one made from it.
    pub(super) fn id(&mut self, kind: &str, popolo: &str, path: &str) -> Option<String> {
        let map = match kind {
            "person" => &self.persons,
            "organization" => &self.orgs,
            _ => &self.posts,
        };
        if map.contains_key(popolo) {
            self.problem(
                &format!("{path}.id"),
                format!("'{popolo}' is the id of an earlier {kind} too (ids must be unique)"),
            );
            return None;
        }
        let id = self.fresh(popolo, kind);
        let map = match kind {
            "person" => &mut self.persons,
            "organization" => &mut self.orgs,
            _ => &mut self.posts,
        };
        map.insert(popolo.to_string(), id.clone());
        Some(id)
    }

    /// The id of a record with Popolo id `popolo`: the same when it is
    /// valid and not used yet, else one made from it.
    pub(super) fn fresh(&mut self, popolo: &str, kind: &str) -> String {
        if Key::is_valid(popolo) && self.used.insert(popolo.to_string()) {
            return popolo.to_string();
        }
        self.ids.make(popolo, kind)
    }

    pub(super) fn link(&mut self, kind: &str, popolo: &str, path: &str) -> Option<String> {
        let map = match kind {
            "person" => &self.persons,
            "organization" => &self.orgs,
            _ => &self.posts,
        };
        match map.get(popolo) {
            Some(id) => Some(id.clone()),
            None => {
                self.problem(path, format!("'{popolo}' is no {kind} of the document"));
                None
            }
        }
    }

    pub(super) fn links(
        &mut self,
        o: &Map<String, Value>,
        path: &str,
        key: &str,
        kind: &str,
    ) -> Vec<Linked> {
        let mut out = Vec::new();
        for (p, lo) in self.objects(o, path, key) {
            let target = self.required(lo, &p, "id");
            let span = self.span(lo, &p, ("start_date", "end_date"), false);
            if let Some(id) = self.link(kind, &target, &format!("{p}.id")) {
                out.push(Linked { id, span });
            }
        }
        out
    }

    pub(super) fn spans(&mut self, o: &Map<String, Value>, path: &str, key: &str) -> Vec<Span> {
        let list = self.objects(o, path, key);
        list.into_iter()
            .map(|(p, so)| self.span(so, &p, ("start_date", "end_date"), false))
            .collect()
    }

    pub(super) fn common(
        &mut self,
        o: &Map<String, Value>,
        path: &str,
        id: String,
        names_key: &str,
        name_key: &str,
    ) -> Common {
        let mut c = Common {
            id,
            name: self.required(o, path, name_key),
            note: self.text(o, path, "orgctl:note"),
            ..Common::default()
        };
        self.names(o, path, names_key, &mut c);
        c.sources = self.sources(o, path);
        c.attrs = self.attrs(o, path);
        c
    }
}
