//! The documents stay true to the repository: the README stays short,
//! every relative link (and `#anchor`) in the README and `docs/` leads
//! somewhere, the source layout in `docs/internals.md` lists exactly
//! the folders and modules under `src/`, the output contract in
//! `docs/output.md` (CSV columns, JSON keys) is the one the binary and the
//! output types keep, and every `$ orgctl ...` example prints what it
//! shows.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The README, every Markdown file in `docs/`, and the benchmarks'
/// README and journal.
fn documents() -> Vec<PathBuf> {
    let mut docs = vec![
        root().join("README.md"),
        root().join("bench/README.md"),
        root().join("bench/journal.md"),
    ];
    for entry in std::fs::read_dir(root().join("docs")).expect("docs/") {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "md") {
            docs.push(path);
        }
    }
    docs.sort();
    docs
}

/// The lines of `text` outside fenced code blocks.
fn prose(text: &str) -> Vec<&str> {
    let mut fenced = false;
    let mut lines = Vec::new();
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
        } else if !fenced {
            lines.push(line);
        }
    }
    lines
}

/// The targets of the Markdown links and images of `text`, `[..](target)`,
/// outside code blocks and inline code.
fn link_targets(text: &str) -> Vec<String> {
    let mut targets = Vec::new();
    for line in prose(text) {
        // Drop inline code, whose brackets are not links.
        let mut plain = String::new();
        for (i, part) in line.split('`').enumerate() {
            if i % 2 == 0 {
                plain.push_str(part);
            }
        }
        let mut rest = plain.as_str();
        while let Some(at) = rest.find("](") {
            let after = &rest[at + 2..];
            let Some(end) = after.find(')') else { break };
            targets.push(after[..end].trim().to_string());
            rest = &after[end..];
        }
    }
    targets
}

/// The anchor GitHub gives a heading: lowercase, punctuation dropped,
/// spaces as hyphens.
fn slug(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

fn anchors(text: &str) -> BTreeSet<String> {
    prose(text)
        .into_iter()
        .filter_map(|l| l.strip_prefix('#'))
        .map(|h| slug(h.trim_start_matches('#')))
        .collect()
}

#[test]
fn the_readme_is_at_most_200_lines() {
    let lines = read(&root().join("README.md")).lines().count();
    assert!(
        lines <= 200,
        "README.md has {lines} lines (at most 200): move the detail to docs/"
    );
}

#[test]
fn every_relative_link_in_the_documents_leads_somewhere() {
    let mut failures = Vec::new();
    for doc in documents() {
        let text = read(&doc);
        let name = doc.strip_prefix(root()).unwrap().display().to_string();
        for target in link_targets(&text) {
            if target.contains("://") || target.starts_with("mailto:") {
                continue;
            }
            let (file, anchor) = match target.split_once('#') {
                Some((f, a)) => (f, Some(a)),
                None => (target.as_str(), None),
            };
            let path = if file.is_empty() {
                doc.clone()
            } else {
                doc.parent().unwrap().join(file)
            };
            if !path.exists() {
                failures.push(format!(
                    "{name}: ({target}): no such file {}",
                    path.display()
                ));
                continue;
            }
            if let Some(anchor) = anchor {
                let is_md = path.extension().is_some_and(|e| e == "md");
                if is_md && !anchors(&read(&path)).contains(anchor) {
                    failures.push(format!("{name}: ({target}): no heading #{anchor}"));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "broken links:\n{}",
        failures.join("\n")
    );
}

#[test]
fn the_source_layout_in_internals_lists_exactly_the_modules_under_src() {
    let text = read(&root().join("docs/internals.md"));
    let section = text
        .split("\n## ")
        .find(|s| s.starts_with("Source layout"))
        .expect("docs/internals.md has a `## Source layout` section");
    let listed: BTreeSet<String> = section
        .lines()
        .filter_map(|l| l.strip_prefix("| `src/"))
        .filter_map(|l| l.split_once('`'))
        .map(|(path, _)| format!("src/{path}"))
        .collect();
    let mut actual = BTreeSet::new();
    for entry in std::fs::read_dir(root().join("src")).expect("src/") {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.file_type().unwrap().is_dir() {
            actual.insert(format!("src/{name}/"));
        } else if name.ends_with(".rs") {
            actual.insert(format!("src/{name}"));
        }
    }
    let missing: Vec<_> = actual.difference(&listed).collect();
    let stale: Vec<_> = listed.difference(&actual).collect();
    assert!(
        missing.is_empty() && stale.is_empty(),
        "docs/internals.md's source layout is out of date\n  not listed: {missing:?}\n  listed but not in src/: {stale:?}"
    );
}

// ---- docs/output.md: the CSV columns, the JSON keys and the examples ----

/// The `## NAME` section of `text` (up to the next `## `), without its
/// heading line.
fn section<'a>(text: &'a str, name: &str) -> &'a str {
    text.split("\n## ")
        .find_map(|s| s.strip_prefix(name).filter(|r| r.starts_with('\n')))
        .unwrap_or_else(|| panic!("no `## {name}` section"))
}

/// The cells of a Markdown table row (`| a | b |`), trimmed; `None` for a
/// line that is no row, or the header's `| --- |` line.
fn cells(line: &str) -> Option<Vec<&str>> {
    let inner = line.trim().strip_prefix('|')?.strip_suffix('|')?;
    let cells: Vec<&str> = inner.split('|').map(str::trim).collect();
    if cells
        .iter()
        .all(|c| c.chars().all(|c| c == '-' || c == ':'))
    {
        return None;
    }
    Some(cells)
}

/// The text of `cell` between its first pair of backquotes.
fn code(cell: &str) -> Option<&str> {
    let (_, rest) = cell.split_once('`')?;
    Some(rest.split_once('`')?.0)
}

fn output_md() -> String {
    read(&root().join("docs/output.md"))
}

/// The commands a column of the formats table says `yes` to.
fn formats_with(column: &str) -> BTreeSet<String> {
    let text = output_md();
    let mut rows = section(&text, "Formats").lines().filter_map(cells);
    let header = rows.next().expect("the formats table");
    let at = header
        .iter()
        .position(|c| code(c) == Some(column))
        .unwrap_or_else(|| panic!("no `{column}` column in the formats table"));
    rows.filter(|r| r.get(at) == Some(&"yes"))
        .flat_map(|r| {
            r[0].split(',')
                .filter_map(code)
                .map(String::from)
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The bundled data's command line that prints each CSV list.
fn csv_command(list: &str) -> &'static [&'static str] {
    match list {
        "at" => &["at", "2023-05-10"],
        "at --units" => &["at", "2023-05-10", "--units"],
        "who-reports-to" => &["who-reports-to", "Zhang", "--at", "2023-01-01"],
        "diff" => &["diff", "2023-05-09", "2023-05-10"],
        "diff --stat" => &["diff", "2023-05-09", "2023-05-10", "--stat"],
        "diff --people" => &["diff", "2023-05-09", "2023-05-10", "--people"],
        "chain" => &["chain", "Wu Zeming", "--at", "2023-01-01"],
        "log" => &["log"],
        "history" => &["history", "Wu Zeming"],
        "stats" => &[
            "stats", "--from", "2023-01", "--to", "2023-05", "--by", "unit",
        ],
        other => panic!("docs/output.md documents the CSV of `{other}`: add its command here"),
    }
}

/// The CSV table of docs/output.md lists each command that takes `--format
/// csv` (and `at --units`), each with exactly the header the binary
/// writes, in order.
#[test]
fn the_csv_columns_in_output_md_are_the_headers_the_binary_writes() {
    let text = output_md();
    let mut documented = BTreeSet::new();
    let mut failures = Vec::new();
    for row in section(&text, "CSV").lines().filter_map(cells).skip(1) {
        let list = code(row[0]).expect("a command in backquotes");
        documented.insert(list.to_string());
        let columns = code(row[1]).expect("the columns in backquotes");
        let columns: Vec<&str> = columns.split(',').map(str::trim).collect();
        let mut args = csv_command(list).to_vec();
        args.extend(["--format", "csv"]);
        let run = crate::support::alibaba(&args);
        let header: Vec<&str> = run.ok().lines().next().unwrap_or("").split(',').collect();
        if columns != header {
            failures.push(format!(
                "`{list}`: documented {columns:?}\n  but `orgctl {}` writes {header:?}",
                args.join(" ")
            ));
        }
    }
    let mut expected = formats_with("csv");
    expected.insert("at --units".into());
    assert_eq!(
        documented, expected,
        "the CSV table lists the commands the formats table gives `csv` (and `at --units`)"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The schemas of `schema` itself, or what it refers to, or its
/// alternatives, with the `$defs` names followed on the way.
fn branches<'a>(
    root: &'a serde_json::Value,
    schema: &'a serde_json::Value,
    seen: &mut Vec<String>,
    out: &mut Vec<&'a serde_json::Value>,
) {
    if let Some(r) = schema.get("$ref").and_then(|r| r.as_str()) {
        let name = r.trim_start_matches("#/$defs/").to_string();
        if seen.contains(&name) {
            return;
        }
        seen.push(name.clone());
        branches(root, &root["$defs"][name.as_str()], seen, out);
    }
    for key in ["anyOf", "oneOf", "allOf"] {
        for s in schema
            .get(key)
            .and_then(|s| s.as_array())
            .into_iter()
            .flatten()
        {
            branches(root, s, seen, out);
        }
    }
    out.push(schema);
}

/// The path of `key` in the object at `prefix` (`""` for the document).
fn key_path(prefix: &str, key: &str) -> String {
    if prefix.is_empty() {
        key.to_string()
    } else {
        format!("{prefix}.{key}")
    }
}

/// Every key `schema` declares, at any depth, as a dotted path under
/// `prefix`: `roles[].holder.name` is the `name` of the `holder` of each
/// item of `roles`. A map (`attributes`) is one key.
fn schema_keys(
    root: &serde_json::Value,
    schema: &serde_json::Value,
    prefix: &str,
    seen: &[String],
    out: &mut BTreeSet<String>,
) {
    let mut seen = seen.to_vec();
    let mut all = Vec::new();
    branches(root, schema, &mut seen, &mut all);
    for s in &all {
        if let Some(props) = s.get("properties").and_then(|p| p.as_object()) {
            for (k, v) in props {
                let path = key_path(prefix, k);
                out.insert(path.clone());
                schema_keys(root, v, &path, &seen, out);
            }
        }
        if let Some(items) = s.get("items").filter(|i| i.is_object()) {
            schema_keys(root, items, &format!("{prefix}[]"), &seen, out);
        }
    }
}

/// The key tables of the `## JSON` section: by heading (a command in
/// backquotes, or a shared object), the rows as (key, type).
fn json_tables(text: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut tables: Vec<(String, Vec<(String, String)>)> = Vec::new();
    for line in section(text, "JSON").lines() {
        if let Some(h) = line.strip_prefix("### ").or(line.strip_prefix("#### ")) {
            tables.push((h.trim().to_string(), Vec::new()));
        } else if let Some(row) = cells(line)
            && let Some(key) = code(row[0])
            && let Some((_, rows)) = tables.last_mut()
        {
            rows.push((key.to_string(), row.get(1).unwrap_or(&"").to_string()));
        }
    }
    tables
}

/// The anchor a type cell links to, `[holder](#holder)`: a shared object.
fn linked_object(ty: &str) -> Option<&str> {
    let (_, rest) = ty.split_once("](#")?;
    Some(rest.split_once(')')?.0)
}

/// The keys a table documents, with those of the shared objects its rows
/// link to, as dotted paths under `prefix`.
fn documented_keys(
    tables: &[(String, Vec<(String, String)>)],
    rows: &[(String, String)],
    prefix: &str,
    depth: usize,
    out: &mut BTreeSet<String>,
) {
    assert!(depth < 8, "shared objects in docs/output.md link in a loop");
    for (key, ty) in rows {
        let path = key_path(prefix, key);
        out.insert(path.clone());
        if let Some(anchor) = linked_object(ty) {
            let (_, shared) = tables
                .iter()
                .find(|(h, _)| slug(h) == anchor)
                .unwrap_or_else(|| panic!("`{key}` links to #{anchor}, no key table"));
            let under = if ty.trim_start().starts_with("array") {
                format!("{path}[]")
            } else {
                path
            };
            documented_keys(tables, shared, &under, depth + 1, out);
        }
    }
}

/// Each command's JSON keys in docs/output.md, nested ones included (with
/// the shared objects' keys where a row links to one), are exactly those
/// its schema declares.
#[test]
fn the_json_keys_in_output_md_are_those_of_the_schemas() {
    let text = output_md();
    let tables = json_tables(&text);
    let mut failures = Vec::new();
    let schemas = orgctl::render::output::schema::schemas();
    for (command, schema) in &schemas {
        let schema = serde_json::to_value(schema).expect("a schema as JSON");
        let mut declared = BTreeSet::new();
        schema_keys(&schema, &schema, "", &[], &mut declared);
        let heading = format!("`{command}`");
        let Some((_, rows)) = tables.iter().find(|(h, _)| *h == heading) else {
            failures.push(format!("no `### {heading}` key table under ## JSON"));
            continue;
        };
        let mut documented = BTreeSet::new();
        documented_keys(&tables, rows, "", 0, &mut documented);
        let missing: Vec<_> = declared.difference(&documented).collect();
        let stale: Vec<_> = documented.difference(&declared).collect();
        if !missing.is_empty() || !stale.is_empty() {
            failures.push(format!(
                "{command}:\n  in the schema, not documented: {missing:?}\n  documented, not in the schema: {stale:?}"
            ));
        }
    }
    for (heading, _) in tables.iter().filter(|(_, rows)| !rows.is_empty()) {
        let linked = tables
            .iter()
            .flat_map(|(_, rows)| rows)
            .any(|(_, ty)| linked_object(ty) == Some(slug(heading).as_str()));
        if !heading.starts_with('`') && !linked {
            failures.push(format!("#### {heading}: no key links to it"));
        }
        if heading.starts_with('`') && !schemas.iter().any(|(c, _)| format!("`{c}`") == *heading) {
            failures.push(format!("### {heading}: no such command has a JSON schema"));
        }
    }
    assert!(
        failures.is_empty(),
        "docs/output.md:\n{}",
        failures.join("\n")
    );
}

/// The words of a shell command line: split on spaces, `"..."` and
/// `'...'` quoting a word with spaces.
pub(crate) fn shell_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quote = None;
    let mut in_word = false;
    for c in line.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => word.push(c),
            (None, '"' | '\'') => {
                quote = Some(c);
                in_word = true;
            }
            (None, ' ') => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            (None, c) => {
                word.push(c);
                in_word = true;
            }
        }
    }
    if in_word {
        words.push(word);
    }
    words
}

/// The examples of the ```` ```text ```` blocks of `text` whose first
/// line is a command, `$ orgctl ...`: each command's words after `orgctl`,
/// and the lines shown as its output (up to the next command).
fn examples(text: &str) -> Vec<(Vec<String>, Vec<&str>)> {
    let mut examples = Vec::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        if line.trim() != "```text" {
            continue;
        }
        let block: Vec<&str> = lines.by_ref().take_while(|l| l.trim() != "```").collect();
        if !block.first().is_some_and(|l| l.starts_with("$ orgctl ")) {
            continue;
        }
        // A block may show several commands, one after the other.
        for line in block {
            if let Some(command) = line.strip_prefix("$ orgctl ") {
                examples.push((shell_words(command), Vec::new()));
            } else if let Some((_, shown)) = examples.last_mut() {
                shown.push(line);
            }
        }
    }
    examples
}

/// Whether `got` is `shown`, where a `...` line of `shown` stands for any
/// lines (none included). Spaces at the end of a line (a table's padding,
/// which editors strip) do not count.
fn shows(shown: &[&str], got: &[&str]) -> bool {
    match shown.split_first() {
        None => got.is_empty(),
        Some((&"...", rest)) => (0..=got.len()).any(|skip| shows(rest, &got[skip..])),
        Some((line, rest)) => got
            .split_first()
            .is_some_and(|(g, more)| g.trim_end() == line.trim_end() && shows(rest, more)),
    }
}

/// The examples in the documents, a ```` ```text ```` block of `$ orgctl
/// ...` and its output, are what orgctl prints on the bundled data, run
/// in the repository with `--data data`.
#[test]
fn the_examples_in_the_documents_are_what_orgctl_prints() {
    let texts: Vec<(String, String)> = documents()
        .into_iter()
        .map(|d| {
            let name = d.strip_prefix(root()).unwrap().display().to_string();
            (name, read(&d))
        })
        .collect();
    let examples: Vec<(&str, Vec<String>, Vec<&str>)> = texts
        .iter()
        .flat_map(|(name, text)| {
            examples(text)
                .into_iter()
                .map(move |(args, shown)| (name.as_str(), args, shown))
        })
        .collect();
    for doc in ["docs/output.md", "docs/guide.md"] {
        assert!(
            examples.iter().any(|(d, _, _)| *d == doc),
            "{doc} has examples"
        );
    }
    let mut failures = Vec::new();
    for (doc, args, mut shown) in examples {
        // The blank line before the next command of the block is no output.
        while shown.last().is_some_and(|l| l.trim().is_empty()) {
            shown.pop();
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        // As a reader would run it, in the repository: paths in the
        // output are then the same on every machine.
        let run: crate::support::Run = crate::support::command()
            .current_dir(root())
            .args(["--data", "data"])
            .args(&args)
            .output()
            .expect("orgctl runs")
            .into();
        let got: Vec<&str> = run.ok().lines().collect();
        if !shows(&shown, &got) {
            failures.push(format!(
                "$ orgctl {}\n--- {doc} shows:\n{}\n--- orgctl prints:\n{}",
                args.join(" "),
                shown.join("\n"),
                got.join("\n")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// The key tables of `docs/data-format.md`: for each `### `[[kind]]``
/// heading, its rows as (key, required).
fn format_tables(text: &str) -> Vec<(String, Vec<(String, bool)>)> {
    text.split("\n### ")
        .filter_map(|s| {
            let kind = s.strip_prefix("`[[")?.split_once("]]`")?.0.to_string();
            let rows = s
                .lines()
                .filter_map(cells)
                .filter(|c| c[0] != "key" && c.len() >= 3)
                .map(|c| (code(c[0]).unwrap_or(c[0]).to_string(), c[2] == "yes"))
                .collect();
            Some((kind, rows))
        })
        .collect()
}

#[test]
fn the_key_tables_of_the_data_format_are_the_schema_the_reader_reads() {
    use orgctl::records::schema::{CHANGE, RECORDS};
    let doc = read(&root().join("docs/data-format.md"));
    let documented = format_tables(&doc);
    let declared: Vec<(String, Vec<(String, bool)>)> = RECORDS
        .iter()
        .map(|k| {
            let rows = k.fields.iter().map(|f| (f.name.to_string(), f.required));
            (k.name.to_string(), rows.collect())
        })
        .collect();
    assert_eq!(
        documented, declared,
        "docs/data-format.md's key tables (key, required) differ from src/records/schema.rs"
    );
    // Every key a change may have is named in the table of ops, and the
    // table names no other.
    let ops = doc
        .split("\n### Changes\n")
        .nth(1)
        .expect("a Changes section");
    let named: BTreeSet<&str> = ops
        .lines()
        .filter_map(cells)
        .filter(|c| c.len() >= 2 && c[0] != "op")
        .flat_map(|c| {
            let mut keys: Vec<&str> = c[1].split('`').skip(1).step_by(2).collect();
            keys.push("op");
            keys
        })
        .map(|k| k.split(" = ").next().unwrap_or(k))
        .filter(|k| !k.is_empty() && k.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
        .collect();
    let keys: BTreeSet<&str> = CHANGE.names().collect();
    assert_eq!(
        named, keys,
        "the keys of a change in docs/data-format.md differ from the schema"
    );
}

#[test]
fn the_key_table_of_the_project_file_is_the_schema_the_reader_reads() {
    use orgctl::records::schema::PROJECT;
    let doc = read(&root().join("docs/project-file.md"));
    let keys = doc.split("\n## Keys\n").nth(1).expect("a Keys section");
    let documented: Vec<(String, bool)> = keys
        .lines()
        .filter_map(cells)
        .filter(|c| c[0] != "key" && c.len() >= 3)
        .map(|c| (code(c[0]).unwrap_or(c[0]).to_string(), c[2] == "yes"))
        .collect();
    let declared: Vec<(String, bool)> = PROJECT
        .fields
        .iter()
        .map(|f| (f.name.to_string(), f.required))
        .collect();
    assert_eq!(
        documented, declared,
        "docs/project-file.md's key table (key, required) differs from src/records/schema.rs"
    );
}

/// The fenced blocks of `lang` in `text`, each as its lines.
pub(crate) fn fenced<'a>(text: &'a str, lang: &str) -> Vec<Vec<&'a str>> {
    let mut blocks = Vec::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        if line.trim() == format!("```{lang}") {
            blocks.push(lines.by_ref().take_while(|l| l.trim() != "```").collect());
        }
    }
    blocks
}

/// Every recipe of the guide's cookbook (a `###` subsection) with a
/// ```` ```toml ```` example: the example loads, and each `$ orgctl ...` of
/// its ```` ```console ```` blocks, run on it, prints what is shown.
#[test]
fn the_cookbook_recipes_load_and_print_what_they_show() {
    let guide = read(&root().join("docs/guide.md"));
    let cookbook = guide
        .split("\n## Cookbook\n")
        .nth(1)
        .expect("a Cookbook section");
    let cookbook = cookbook.split("\n## ").next().unwrap_or(cookbook);
    let mut failures = Vec::new();
    let mut recipes = 0;
    for recipe in cookbook.split("\n### ").skip(1) {
        let title = recipe.lines().next().unwrap_or_default();
        let toml: Vec<String> = fenced(recipe, "toml")
            .iter()
            .map(|b| b.join("\n"))
            .collect();
        if toml.is_empty() {
            continue;
        }
        recipes += 1;
        let org = crate::support::Org::with(&toml.join("\n\n"));
        let check = org.run(&["check"]);
        if check.code != 0 {
            failures.push(format!(
                "{title}: the example does not load:\n{}",
                check.stderr
            ));
            continue;
        }
        for block in fenced(recipe, "console") {
            let mut runs: Vec<(Vec<String>, Vec<&str>)> = Vec::new();
            for line in block {
                if let Some(command) = line.strip_prefix("$ orgctl ") {
                    runs.push((shell_words(command), Vec::new()));
                } else if let Some((_, shown)) = runs.last_mut() {
                    shown.push(line);
                }
            }
            for (args, shown) in runs {
                let args: Vec<&str> = args.iter().map(String::as_str).collect();
                let run = org.run(&args);
                let got: Vec<&str> = run.ok().lines().collect();
                if !shows(&shown, &got) {
                    failures.push(format!(
                        "{title}: $ orgctl {}\n--- the guide shows:\n{}\n--- orgctl prints:\n{}",
                        args.join(" "),
                        shown.join("\n"),
                        got.join("\n")
                    ));
                }
            }
        }
    }
    assert!(
        recipes >= 6,
        "the cookbook has {recipes} recipes with a TOML example"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
