//! The reader against the `toml` crate (a dev-dependency): on the valid
//! toml-test files, on generated data and on random edits of it, both
//! reject a text, or both read the same tree, with the same values and the
//! same spans.

use std::fmt::Write as _;

use toml::de::{DeTable, DeValue};

use crate::records::input::FileInput;
use crate::records::reader::{self, Buffers};
use crate::records::tree::{Node, Table, Value};

/// The tree of the reader, keys sorted, every value with its span.
fn dump_ours(t: &Table<'_>, out: &mut String, depth: usize) {
    let mut entries: Vec<_> = t.entries.iter().collect();
    entries.sort_by(|a, b| a.0.name.cmp(&b.0.name));
    for (k, v) in entries {
        let _ = write!(out, "{:depth$}{:?}@{:?} = ", "", k.name, k.span);
        dump_node(v, out, depth);
    }
}

fn dump_node(n: &Node<'_>, out: &mut String, depth: usize) {
    let _ = write!(out, "@{:?} ", n.span);
    match &n.value {
        Value::Str(s) => writeln!(out, "str {s:?}"),
        Value::Bool(b) => writeln!(out, "bool {b}"),
        Value::Int(d, r) => writeln!(out, "int {d} /{r}"),
        Value::Float(f) => writeln!(out, "float {f}"),
        Value::Datetime(d) => writeln!(out, "datetime {d}"),
        Value::Array(items, _) => {
            let _ = writeln!(out, "array");
            for i in items {
                let _ = write!(out, "{:depth$} -", "");
                dump_node(i, out, depth + 2);
            }
            Ok(())
        }
        Value::Table(t) => {
            let _ = writeln!(out, "table");
            dump_ours(t, out, depth + 2);
            Ok(())
        }
    }
    .unwrap();
}

/// The same dump of the `toml` crate's tree.
fn dump_theirs(t: &DeTable<'_>, out: &mut String, depth: usize) {
    let mut entries: Vec<_> = t.iter().collect();
    entries.sort_by(|a, b| a.0.get_ref().cmp(b.0.get_ref()));
    for (k, v) in entries {
        let _ = write!(out, "{:depth$}{:?}@{:?} = ", "", k.get_ref(), k.span());
        dump_value(v, out, depth);
    }
}

fn dump_value(v: &toml::Spanned<DeValue<'_>>, out: &mut String, depth: usize) {
    let _ = write!(out, "@{:?} ", v.span());
    match v.get_ref() {
        DeValue::String(s) => writeln!(out, "str {s:?}"),
        DeValue::Boolean(b) => writeln!(out, "bool {b}"),
        DeValue::Integer(i) => writeln!(out, "int {} /{}", i.as_str(), i.radix()),
        DeValue::Float(f) => writeln!(out, "float {}", f.as_str()),
        DeValue::Datetime(d) => writeln!(out, "datetime {d}"),
        DeValue::Array(items) => {
            let _ = writeln!(out, "array");
            for i in items.iter() {
                let _ = write!(out, "{:depth$} -", "");
                dump_value(i, out, depth + 2);
            }
            Ok(())
        }
        DeValue::Table(t) => {
            let _ = writeln!(out, "table");
            dump_theirs(t, out, depth + 2);
            Ok(())
        }
    }
    .unwrap();
}

/// Both reject `text`, or both read the same tree.
#[track_caller]
fn agree(name: &str, text: &str) {
    let mut errors = Vec::new();
    let ours = reader::document(text, &mut errors);
    let (theirs, their_errors) = DeTable::parse_recoverable(text);
    match (errors.is_empty(), their_errors.is_empty()) {
        (true, true) => {
            let (mut a, mut b) = (String::new(), String::new());
            dump_ours(&ours, &mut a, 0);
            dump_theirs(theirs.get_ref(), &mut b, 0);
            assert_eq!(a, b, "{name}: the trees differ");
        }
        (false, false) => {
            // The same first problem, at the same place.
            let ours = &errors[0];
            let e = &their_errors[0];
            assert_eq!(
                (
                    reader::message(ours),
                    ours.unexpected().map(|s| s.start()..s.end())
                ),
                (e.message().to_string(), e.span()),
                "{name}: different first errors"
            );
        }
        (ok, their_ok) => panic!("{name}: reader ok {ok}, toml ok {their_ok}\n{text}"),
    }
}

/// The fast path reads `text` as the tree path does, or gives way; and
/// reading with it gives the same records or diagnostics as without. Whether
/// the fast path read it.
#[track_caller]
fn same_records(name: &str, text: &str) -> bool {
    let file = crate::ids::FileId::new(0);
    let dump = |r: &Result<FileInput, Vec<crate::check::diag::Diagnostic>>| match r {
        Ok(input) => format!("ok\n{}", input.dump()),
        Err(diags) => format!("err\n{diags:#?}"),
    };
    let tree = dump(&reader::read_as(file, text, &mut Buffers::default(), false));
    let read = dump(&reader::read_as(file, text, &mut Buffers::default(), true));
    assert_eq!(read, tree, "{name}: read differs from the tree path");
    match reader::read_fast(text) {
        Some(fast) => {
            assert_eq!(
                format!("ok\n{}", fast.dump()),
                tree,
                "{name}: fast path differs"
            );
            true
        }
        None => false,
    }
}

/// Every `*.toml` file under `root`.
fn corpus(root: &std::path::Path) -> Vec<(std::path::PathBuf, String)> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|x| x == "toml")
                && let Ok(text) = std::fs::read_to_string(&path)
            {
                out.push((path, text));
            }
        }
    }
    out
}

#[test]
fn fast_path_agrees_with_the_tree_on_the_corpora() {
    let manifest = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = corpus(&manifest.join("../shared/corpus/toml-test/tests"));
    files.extend(corpus(&manifest.join("tests/bad_input")));
    assert!(files.len() > 100, "only {} files", files.len());
    let fast = files
        .iter()
        .filter(|(path, text)| same_records(&path.display().to_string(), text))
        .count();
    assert!(fast > 10, "the fast path read only {fast} files");
}

#[test]
fn fast_path_reads_generated_data_as_the_tree() {
    for (path, text) in sample_files() {
        let name = path.display().to_string();
        let fast = same_records(&name, &text);
        assert!(
            fast || !name.contains("events"),
            "{name}: not on the fast path"
        );
    }
}

#[test]
fn agrees_with_toml_on_the_toml_test_corpus() {
    let root =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/toml-test/tests");
    if !root.is_dir() {
        eprintln!("notice: no toml-test corpus at {}", root.display());
        return;
    }
    let mut stack = vec![root];
    let mut seen = 0;
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|x| x == "toml")
                && let Ok(text) = std::fs::read_to_string(&path)
            {
                agree(&path.display().to_string(), &text);
                seen += 1;
            }
        }
    }
    assert!(seen > 100, "only {seen} files");
}

/// Generated data and the bundled data, each file as written.
fn sample_files() -> Vec<(std::path::PathBuf, String)> {
    let p = orgctl_synth::Params {
        people: 60,
        years: 2,
        ..Default::default()
    };
    let mut files = orgctl_synth::generate(&p).0;
    files.extend(crate::load::bundled::files());
    files
}

#[test]
fn agrees_with_toml_on_data_files() {
    for (path, text) in sample_files() {
        agree(&path.display().to_string(), &text);
    }
}

/// Small random edits of valid files (quotes, escapes, brackets, newlines,
/// dates...): both reject, or both read the same.
#[test]
fn agrees_with_toml_on_edited_files() {
    let files = sample_files();
    let pieces = [
        "\"",
        "'",
        "\\",
        "#",
        "\n",
        "=",
        "[",
        "]",
        "{",
        "}",
        ",",
        " ",
        "x",
        "1",
        "-",
        "~",
        "\\u00e9",
        "\"\"\"",
        "2023-02-30",
        "T10:00",
        "[[unit]]\n",
        "[unit]\n",
        "[event.changes]\n",
        "a.b = 1\n",
        "true",
        "\t",
        "\r",
        "é",
        ".",
    ];
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    for _ in 0..600 {
        let (path, mut text) = files[next(files.len())].clone();
        for _ in 0..1 + next(3) {
            let mut at = next(text.len() + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            if next(3) == 0 {
                let mut end = (at + 1 + next(4)).min(text.len());
                while !text.is_char_boundary(end) {
                    end += 1;
                }
                text.replace_range(at..end, "");
            } else {
                text.insert_str(at, pieces[next(pieces.len())]);
            }
        }
        agree(&path.display().to_string(), &text);
        same_records(&path.display().to_string(), &text);
    }
}

/// Random edits of data files that keep them on the fast path or just off
/// it (keys moved, written twice, dotted, kinds interleaved...): the fast
/// path reads them as the tree does, or gives way.
#[test]
fn fast_path_agrees_with_the_tree_on_edited_files() {
    let files = sample_files();
    let pieces = [
        "\n[[unit]]\nid = \"u\"\nname = \"n\"\n",
        "\n[[event]]\ndate = 2020-01-01\n",
        "\n[[person]]\nid = \"p\"\nname = \"n\"\n",
        "\nid = \"x\"\n",
        "\nnote = \"a\\tb\"\n",
        "\nnote = 'lit'\n",
        "\na.b = 1\n",
        "\n[event.x]\n",
        "\n[unit]\n",
        "\naka = [\"a\", \"b\",]\n",
        "\naka = [\"a\", { name = \"b\", until = 2023-01-01 }]\n",
        "\naka = [{ name = \"c\", since = \"2020\", nmae = 1 }]\n",
        "\nchanges = [{ op = \"leave\", person = \"p\", }, {op=\"x\"}]\n",
        "\nchanges = [{ op = \"leave\", op = \"p\" }]\n",
        "\nhead = true\n",
        "\nseats = 3\n",
        "\nseats = \"any\"\n",
        "\nseats = 0x10\n",
        "\nseats = 0\n",
        "\nseats = 1_000\n",
        "\nsince = \"2020-13\"\n",
        "\nsince = 2020-02-30\n",
        "\nsince = 2020-02-03T10:00:00\n",
        "\nnote = 1\n",
        "\nbogus = \"x\"\n",
        "\n\"note\" = \"quoted key\"\n",
        "\n'title' = 'literal key'\n",
        "\nchanges = [{ \"op\" = \"leave\", person = \"p\" }]\n",
        "\n[[\"event\"]]\ndate = \"2020\"\n",
        "# comment\n",
        " ",
        "\n",
    ];
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut next = |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    let mut fast = 0;
    for _ in 0..600 {
        let (path, mut text) = files[next(files.len())].clone();
        for _ in 0..1 + next(3) {
            // At the start of a line.
            let mut at = next(text.len() + 1);
            while at > 0 && text.as_bytes()[at - 1] != b'\n' {
                at -= 1;
            }
            text.insert_str(at, pieces[next(pieces.len())]);
        }
        fast += usize::from(same_records(&path.display().to_string(), &text));
    }
    assert!(fast > 10, "the fast path read only {fast} edited files");
}

/// Tables with many keys (found through an index), headers that define
/// tables their sub-tables made implicitly, and a key written twice.
#[test]
fn agrees_with_toml_on_large_tables() {
    let mut text = String::new();
    for i in 0..300 {
        text.push_str(&format!("[x{i}.y]\nv = {i}\n"));
    }
    for i in (0..300).rev() {
        text.push_str(&format!("[x{i}]\nw = \"{i}\"\n"));
    }
    agree("large", &text);
    text.push_str("[x17]\n");
    agree("large, a table twice", &text);
    let inline: Vec<String> = (0..100).map(|i| format!("k{i} = {i}")).collect();
    agree("inline", &format!("t = {{ {} }}\n", inline.join(", ")));
    agree(
        "inline twice",
        &format!("t = {{ {}, k5 = 1 }}\n", inline.join(", ")),
    );
}

#[test]
fn a_text_parsed_in_pieces_gives_the_events_of_it_whole_and_has_its_problems() {
    let manifest = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = corpus(&manifest.join("../shared/corpus/toml-test/tests"));
    files.extend(corpus(&manifest.join("tests/bad_input")));
    files.extend(sample_files());
    // Headers inside strings and arrays, indented, and inline tables over
    // several lines: no piece may be cut there.
    let tricky = "a = \"\"\"\n[not.a.table]\n\"\"\"\nb = [\n[1],\n[2],\n]\n  [t]\nc = {\n x = 1 }\n[[e]]\nd = 1\n[u]\n";
    files.push(("tricky".into(), tricky.to_string()));
    let mut valid = 0;
    for (path, text) in &files {
        let source = toml_parser::Source::new(text);
        let (mut whole, mut pieces) = (Vec::new(), Vec::new());
        let (mut e_whole, mut e_pieces) = (Vec::new(), Vec::new());
        let mut tokens = Vec::new();
        let keep = &mut |_: &mut Vec<_>, _: &[_]| true;
        reader::parse_in_pieces(
            source,
            &mut e_whole,
            &mut tokens,
            &mut whole,
            usize::MAX,
            keep,
        );
        reader::parse_in_pieces(source, &mut e_pieces, &mut tokens, &mut pieces, 1, keep);
        // A text with problems is parsed again whole (`reader::parse`):
        // in pieces it need only have problems too.
        if e_whole.is_empty() {
            assert!(e_pieces.is_empty(), "{}: {e_pieces:?}", path.display());
            assert_eq!(pieces, whole, "{}", path.display());
            valid += 1;
        } else {
            assert!(!e_pieces.is_empty(), "{}", path.display());
        }
    }
    assert!(valid > 10, "only {valid} texts without problems");
}
