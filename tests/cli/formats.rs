//! `--format csv`, `--format dot` and `--format mermaid`, and the usage
//! error for a format a command cannot show.

use crate::mermaid_grammar;
use crate::support::{Org, alibaba, have_graphviz, orgctl, render_svg};

/// Parses CSV output: the header and the rows, each as (column, value).
pub fn csv_rows(text: &str) -> (Vec<String>, Vec<Vec<(String, String)>>) {
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    let rows = r
        .records()
        .map(|rec| {
            let rec = rec.expect("a valid CSV record");
            assert_eq!(rec.len(), header.len(), "every row has every column");
            header
                .iter()
                .cloned()
                .zip(rec.iter().map(String::from))
                .collect()
        })
        .collect();
    (header, rows)
}

pub fn get<'a>(row: &'a [(String, String)], col: &str) -> &'a str {
    &row.iter()
        .find(|(c, _)| c == col)
        .unwrap_or_else(|| panic!("no column {col}"))
        .1
}

#[test]
fn csv_who_reports_to_zhang_on_2023_01_01_is_wu_zeming_as_cto() {
    let out = alibaba(&[
        "who-reports-to",
        "Zhang",
        "--at",
        "2023-01-01",
        "--format",
        "csv",
    ]);
    let text = out.ok();
    assert!(
        text.starts_with(
            "depth,person_id,person_name,status,acting,role_id,role_title,unit_id,unit_name,reports_to_role,since,uncertain\n"
        ),
        "{text}"
    );
    let (_, rows) = csv_rows(text);
    assert_eq!(rows.len(), 1, "{text}");
    let wu = &rows[0];
    assert_eq!(get(wu, "person_name"), "Wu Zeming");
    assert_eq!(get(wu, "role_title"), "Chief Technology Officer");
    assert_eq!(get(wu, "unit_name"), "Technology middle office");
    assert_eq!(get(wu, "reports_to_role"), "alibaba-ceo");
    assert_eq!(get(wu, "since"), "2022-11~");
    assert_eq!(get(wu, "depth"), "1");
}

#[test]
fn csv_who_reports_to_lists_roles_without_holder_too() {
    let (_, rows) = csv_rows(
        alibaba(&[
            "who-reports-to",
            "Zhang",
            "--at",
            "2023-05-10",
            "--format",
            "csv",
        ])
        .ok(),
    );
    assert_eq!(rows.len(), 7);
    assert_eq!(get(&rows[0], "person_id"), "wu-zeming");
    assert_eq!(get(&rows[0], "role_id"), "aicheng-ceo");
    for row in &rows[1..] {
        assert_eq!(get(row, "status"), "unrecorded");
        assert_eq!(get(row, "person_name"), "");
    }
}

#[test]
fn csv_at_lists_the_reporting_tree_depth_first() {
    let text = alibaba(&["at", "2023-05-10", "--format", "csv"])
        .ok()
        .to_string();
    let (header, rows) = csv_rows(&text);
    assert_eq!(
        header,
        [
            "depth",
            "role_id",
            "role_title",
            "unit_id",
            "unit_name",
            "head",
            "reports_to_role",
            "person_id",
            "person_name",
            "status",
            "acting",
            "since",
            "uncertain",
            "manager_id",
            "manager_name",
            "person_attributes"
        ]
    );
    assert_eq!(rows.len(), 8);
    assert_eq!(get(&rows[0], "person_name"), "Daniel Zhang Yong");
    assert_eq!(get(&rows[0], "depth"), "1");
    assert_eq!(get(&rows[0], "reports_to_role"), "");
    assert_eq!(get(&rows[1], "person_name"), "Wu Zeming");
    assert_eq!(get(&rows[1], "role_title"), "Chief Executive Officer");
    assert_eq!(get(&rows[1], "unit_name"), "Aicheng Technology");
    assert_eq!(get(&rows[1], "depth"), "2");
    assert_eq!(get(&rows[1], "head"), "true");
    assert_eq!(get(&rows[1], "manager_id"), "daniel-zhang");
    assert_eq!(get(&rows[1], "manager_name"), "Daniel Zhang Yong");
    assert!(rows.iter().all(|r| get(r, "role_id") != "alibaba-cto"));
}

#[test]
fn csv_at_units_lists_the_unit_tree_with_attributes_as_json() {
    let (header, rows) =
        csv_rows(alibaba(&["at", "2023-05-10", "--units", "--format", "csv"]).ok());
    assert_eq!(
        header,
        [
            "depth",
            "unit_id",
            "unit_name",
            "kind",
            "parent_id",
            "attributes"
        ]
    );
    assert_eq!(rows.len(), 11);
    let centre = rows
        .iter()
        .find(|r| get(r, "unit_id") == "business-centre")
        .unwrap();
    assert_eq!(get(centre, "depth"), "3");
    assert_eq!(get(centre, "parent_id"), "taobao-tmall");
    let aicheng = rows
        .iter()
        .find(|r| get(r, "unit_id") == "aicheng")
        .unwrap();
    let attrs: serde_json::Value = serde_json::from_str(get(aicheng, "attributes")).unwrap();
    assert_eq!(attrs["ownership"], "fully owned by Alibaba");
}

#[test]
fn csv_diff_has_one_row_per_change_with_its_letter_and_event() {
    let (header, rows) =
        csv_rows(alibaba(&["diff", "2023-03-01", "2023-05-31", "--format", "csv"]).ok());
    assert_eq!(
        header,
        [
            "letter",
            "kind",
            "subject",
            "subject_name",
            "before",
            "before_name",
            "after",
            "after_name",
            "key",
            "acting",
            "event",
            "event_date"
        ]
    );
    let kind = |k: &str| rows.iter().filter(|r| get(r, "kind") == k).count();
    assert_eq!(kind("unit-created"), 6);
    assert_eq!(kind("role-eliminated"), 1);
    let cto = rows
        .iter()
        .find(|r| get(r, "kind") == "role-eliminated")
        .unwrap();
    assert_eq!(get(cto, "letter"), "D");
    assert_eq!(get(cto, "subject"), "alibaba-cto");
    assert_eq!(
        get(cto, "subject_name"),
        "Chief Technology Officer, Technology middle office"
    );
    assert_eq!(get(cto, "event"), "cto-eliminated");
    assert_eq!(get(cto, "event_date"), "2023-05-10");
    let moved = rows
        .iter()
        .find(|r| get(r, "subject") == "business-centre")
        .unwrap();
    assert_eq!(get(moved, "letter"), "M");
    assert_eq!(get(moved, "before_name"), "Technology middle office");
    assert_eq!(get(moved, "after_name"), "Taobao-Tmall Commerce");
    let appointed = rows.iter().find(|r| get(r, "kind") == "appointed").unwrap();
    assert_eq!(get(appointed, "letter"), "+");
    assert_eq!(get(appointed, "subject_name"), "Wu Zeming");
}

#[test]
fn csv_quotes_commas_quotes_and_line_breaks_as_rfc_4180_says() {
    let org = Org::with(
        r#"
[[unit]]
id = "hq"
name = "Sales, \"North\" & East"

[[role]]
id = "boss"
title = "Head"
unit = "hq"
head = true
holder = "ann"

[[role]]
id = "dep"
title = "Deputy, acting"
unit = "hq"
holder = "bob"

[[person]]
id = "ann"
name = "Ann"

[[person]]
id = "bob"
name = "Smith, \"Bob\""
"#,
    );
    let text = org
        .run(&[
            "who-reports-to",
            "ann",
            "--at",
            "2024-01-01",
            "--format",
            "csv",
        ])
        .ok()
        .to_string();
    assert!(
        text.contains(
            "1,bob,\"Smith, \"\"Bob\"\"\",filled,false,dep,\"Deputy, acting\",hq,\"Sales, \"\"North\"\" & East\",boss,,false\n"
        ),
        "{text}"
    );
    let (_, rows) = csv_rows(&text);
    assert_eq!(get(&rows[0], "person_name"), "Smith, \"Bob\"");
    assert_eq!(get(&rows[0], "unit_name"), "Sales, \"North\" & East");
}

#[test]
fn csv_escapes_terminal_control_characters_like_the_text_output() {
    let org = Org::with(
        "[[unit]]\nid = \"hq\"\nname = \"Red\\u001b[31m\"\n[[role]]\nid = \"boss\"\ntitle = \"Head\"\nunit = \"hq\"\nhead = true\n",
    );
    let text = org
        .run(&["at", "2024-01-01", "--units", "--format", "csv"])
        .ok()
        .to_string();
    assert!(!text.contains('\x1b'), "{text:?}");
    assert!(text.contains("Red\\u{1b}[31m"), "{text}");
}

#[test]
fn a_format_a_command_cannot_show_is_a_usage_error_naming_the_ones_it_can() {
    for (args, supported) in [
        (
            &["who-reports-to", "Zhang", "--format", "dot"][..],
            "table, json, csv",
        ),
        (
            &["who-reports-to", "Zhang", "--format", "mermaid"],
            "table, json, csv",
        ),
        (&["check", "--format", "csv"], "table, json"),
        (&["check", "--format", "dot"], "table, json"),
        (
            &[
                "diff",
                "2023-03-01",
                "2023-05-31",
                "--stat",
                "--format",
                "dot",
            ],
            "table, json, csv",
        ),
    ] {
        let err = alibaba(args).fails(2).to_string();
        assert!(
            err.contains(&format!("supports --format {supported}")),
            "{args:?}: {err}"
        );
    }
    let err = alibaba(&["diff", "2023-03-01", "2023-05-31", "--units"])
        .fails(2)
        .to_string();
    assert!(err.contains("--format dot or mermaid"), "{err}");
    let err = alibaba(&["completions", "bash", "--format", "json"])
        .fails(2)
        .to_string();
    assert!(err.contains("--format json does not apply"), "{err}");
    // The format is checked before the data is read.
    let err = orgctl(
        Some(std::path::Path::new("/no/such/folder")),
        &["who-reports-to", "Zhang", "--format", "dot"],
    )
    .fails(2)
    .to_string();
    assert!(err.contains("supports --format"), "{err}");
}

/// The DOT line declaring the node whose label contains `text`.
fn dot_node<'a>(dot: &'a str, text: &str) -> &'a str {
    dot.lines()
        .find(|l| l.contains("[label=") && l.contains(text))
        .unwrap_or_else(|| panic!("no node labelled {text}:\n{dot}"))
}

const GREEN: &str = "color=\"#1a7f37\"";
const RED: &str = "color=\"#cf222e\"";
const ORANGE: &str = "color=\"#d9730d\"";

#[test]
fn dot_diff_marks_the_six_business_groups_green_and_the_cto_red_dashed() {
    let dot = alibaba(&["diff", "2023-03-01..2023-05-31", "--format", "dot"])
        .ok()
        .to_string();
    assert!(dot.starts_with("digraph orgctl {"), "{dot}");
    assert!(
        dot.contains("Changes from 2023-03-01 to 2023-05-31"),
        "{dot}"
    );
    for group in [
        "Cloud Intelligence",
        "Taobao-Tmall Commerce",
        "Local Services",
        "Cainiao Smart Logistics",
        "Global Digital Commerce",
        "Digital Media and Entertainment",
    ] {
        let node = dot_node(&dot, &format!("Chief Executive Officer\\n{group}\""));
        assert!(node.contains(GREEN), "{group}: {node}");
    }
    let cto = dot_node(&dot, "Chief Technology Officer");
    assert!(cto.contains(RED), "{cto}");
    assert!(cto.contains("dashed"), "{cto}");
    assert!(cto.contains("Wu Zeming"), "the holder on FROM: {cto}");
    let zhang = dot_node(&dot, "Daniel Zhang Yong");
    assert!(!zhang.contains("color="), "unchanged: {zhang}");
    // The legend.
    assert!(dot.contains("subgraph cluster_legend"), "{dot}");
    for entry in ["\"created\"", "\"removed\"", "\"moved or changed\""] {
        assert!(dot.contains(entry), "{entry}: {dot}");
    }
}

#[test]
fn dot_diff_of_units_marks_created_dissolved_and_moved_units() {
    let dot = alibaba(&[
        "diff",
        "2023-03-01",
        "2023-05-31",
        "--units",
        "--format",
        "dot",
    ])
    .ok()
    .to_string();
    let group = dot_node(&dot, "\"Cloud Intelligence\\n");
    assert!(group.contains(GREEN), "{group}");
    let office = dot_node(&dot, "\"Technology middle office\\n");
    assert!(
        office.contains(RED) && office.contains("dashed"),
        "{office}"
    );
    assert!(
        office.contains("absorbed into Aicheng Technology"),
        "{office}"
    );
    let centre = dot_node(&dot, "\"Business centre\\n");
    assert!(centre.contains(ORANGE), "{centre}");
    assert!(
        centre.contains("moved from Technology middle office"),
        "{centre}"
    );
}

#[test]
fn dot_at_draws_the_reporting_chart_and_the_unit_tree() {
    let dot = alibaba(&["at", "2023-05-10", "--format", "dot"])
        .ok()
        .to_string();
    let zhang = dot_node(&dot, "Daniel Zhang Yong");
    let wu = dot_node(
        &dot,
        "Wu Zeming\\nChief Executive Officer\\nAicheng Technology",
    );
    let id = |line: &str| line.split_whitespace().next().unwrap().to_string();
    assert!(
        dot.contains(&format!("  {} -> {};", id(zhang), id(wu))),
        "{dot}"
    );
    assert!(!dot.contains("cluster_legend"), "no legend outside diff");
    let nodes = |dot: &str| {
        dot.lines()
            .filter(|l| l.starts_with("  r") || l.starts_with("  u"))
            .filter(|l| l.contains("[label="))
            .count()
    };
    assert_eq!(nodes(&dot), 8, "{dot}");

    let dot = alibaba(&["at", "2023-05-10", "--units", "--format", "dot"])
        .ok()
        .to_string();
    assert_eq!(nodes(&dot), 11, "{dot}");
    let tmall = id(dot_node(&dot, "\"Taobao-Tmall Commerce\\n"));
    let centre = id(dot_node(&dot, "\"Business centre\\n"));
    assert!(dot.contains(&format!("  {tmall} -> {centre};")), "{dot}");
}

/// Names that could break out of a DOT or Mermaid string or be read as
/// syntax, markup or terminal escapes.
fn hostile_org() -> Org {
    Org::with(
        r#"
[[unit]]
id = "hq"
name = "Head \"Quarters\" \\ <b>bold</b> & #1; {x} [y] (z) | `t` 100% — 总部"
kind = "a;b"

[[unit]]
id = "end"
name = "end"
parent = "hq"

[[role]]
id = "boss"
title = "Boss\u001b[31m red %% graph -->"
unit = "hq"
head = true
holder = "p1"

[[role]]
id = "sub"
title = "click callback"
unit = "end"
head = true

[[person]]
id = "p1"
name = "Zoë \"Z\" O'Brien\\n -->"

[[event]]
date = 2023-06-01
changes = [{ op = "rename", unit = "end", name = "subgraph \"x\"" }]
"#,
    )
}

/// Every chart the tests draw: (what, DOT or Mermaid text) for `format`,
/// top to bottom and left to right.
fn charts(format: &str) -> Vec<(String, String)> {
    let mut out = charts_of(format, &[]);
    out.extend(charts_of(format, &["--layout", "lr"]));
    out
}

/// [`charts`] with `extra` arguments.
pub fn charts_of(format: &str, extra: &[&str]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let alibaba_args: [&[&str]; 10] = [
        &["diff", "2023-03-01", "2023-05-31", "--only-changes"],
        &[
            "diff",
            "2023-03-01",
            "2023-05-31",
            "--units",
            "--only-changes",
        ],
        &["diff", "2023-03-01", "2023-05-31", "--unit", "taobao-tmall"],
        &["at", "2023-05-10"],
        &["at", "2023-05-10", "--units"],
        &["at", "2023-01-01", "--depth", "1"],
        &["at", "2023-05-10", "--unit", "taobao-tmall", "--units"],
        &["diff", "2023-03-01", "2023-05-31"],
        &["diff", "2023-03-01", "2023-05-31", "--units"],
        &["diff", "2023-05-10", "2023-05-10"],
    ];
    for args in alibaba_args {
        let mut a = args.to_vec();
        a.extend(["--format", format]);
        a.extend(extra);
        out.push((format!("{a:?}"), alibaba(&a).ok().to_string()));
    }
    let org = hostile_org();
    for args in [
        &["at", "2024-01-01"][..],
        &["at", "2024-01-01", "--units"],
        &["diff", "2023-01-01", "2024-01-01"],
        &["diff", "2023-01-01", "2024-01-01", "--units"],
    ] {
        let mut a = args.to_vec();
        a.extend(["--format", format]);
        a.extend(extra);
        out.push((format!("hostile {a:?}"), org.run(&a).ok().to_string()));
    }
    out
}

#[test]
fn every_dot_chart_renders_with_graphviz_without_a_warning() {
    let charts = charts("dot");
    if !have_graphviz("every_dot_chart_renders_with_graphviz_without_a_warning") {
        return;
    }
    for (what, dot) in charts {
        let svg = render_svg(&dot);
        assert!(svg.contains("<svg"), "{what}");
    }
}

#[test]
fn dot_labels_keep_hostile_names_inside_their_strings() {
    let dot = hostile_org()
        .run(&["at", "2024-01-01", "--format", "dot"])
        .ok()
        .to_string();
    assert!(!dot.contains('\x1b'), "{dot:?}");
    assert!(
        dot.contains(r#"Zoë \"Z\" O'Brien\\n -->"#),
        "quotes and backslashes escaped: {dot}"
    );
    // One statement per node and edge: nothing broke out of a string.
    assert_eq!(
        dot.lines().filter(|l| l.contains(" -> ")).count(),
        1,
        "{dot}"
    );
    if have_graphviz("dot_labels_keep_hostile_names_inside_their_strings") {
        let svg = render_svg(&dot);
        assert!(svg.contains("Zoë &quot;Z&quot; O&#39;Brien\\n "), "{svg}");
    }
}

#[test]
fn every_mermaid_chart_is_a_valid_flowchart() {
    for (what, text) in charts("mermaid") {
        if let Err(e) = mermaid_grammar::check(&text) {
            panic!("{what}: {e}\n{text}");
        }
    }
}

#[test]
fn mermaid_diff_marks_created_removed_and_changed_with_classes_and_a_legend() {
    let text = alibaba(&["diff", "2023-03-01", "2023-05-31", "--format", "mermaid"])
        .ok()
        .to_string();
    assert!(text.starts_with("flowchart TB\n"), "{text}");
    let id_of = |label: &str| -> String {
        text.lines()
            .find(|l| l.contains(label))
            .unwrap_or_else(|| panic!("no {label}: {text}"))
            .trim()
            .split('[')
            .next()
            .unwrap()
            .to_string()
    };
    let class_line = |class: &str| -> Vec<String> {
        text.lines()
            .find(|l| l.trim().starts_with("class ") && l.trim().ends_with(&format!(" {class}")))
            .unwrap_or_else(|| panic!("no class {class}: {text}"))
            .split_whitespace()
            .nth(1)
            .unwrap()
            .split(',')
            .map(String::from)
            .collect()
    };
    let created = class_line("created");
    for group in ["Cloud Intelligence", "Digital Media and Entertainment"] {
        let id = id_of(&format!("Chief Executive Officer<br/>{group}\"]"));
        assert!(created.contains(&id), "{group}: {text}");
    }
    let removed = class_line("removed");
    assert!(
        removed.contains(&id_of("Chief Technology Officer")),
        "{text}"
    );
    assert!(text.contains("stroke-dasharray:5 5"), "{text}");
    assert!(text.contains(" -.-> "), "the CTO's removed line: {text}");
    assert!(text.contains("subgraph legend[\"Legend\"]"), "{text}");
    assert!(
        text.contains("legend_changed[\"moved or changed\"]"),
        "{text}"
    );
}

#[test]
fn mermaid_labels_escape_what_mermaid_would_read_as_syntax() {
    let text = hostile_org()
        .run(&["at", "2023-01-01", "--units", "--format", "mermaid"])
        .ok()
        .to_string();
    assert!(
        text.contains(
            "Head #quot;Quarters#quot; \\ #lt;b#gt;bold#lt;/b#gt; #amp; #35;1; {x} [y] (z) | #96;t#96; 100#37; — 总部"
        ),
        "{text}"
    );
    // A unit named "end" is drawn, under a safe id.
    assert!(text.contains("[\"end\"]"), "{text}");
    assert_eq!(mermaid_grammar::check(&text), Ok(()));
}

/// The texts of an SVG's `<text>` elements, sorted: what a picture says,
/// whatever Graphviz version placed them.
fn svg_texts(svg: &str) -> Vec<String> {
    let mut texts: Vec<String> = svg
        .split("</text>")
        .filter_map(|chunk| chunk.rsplit_once('>').map(|(_, t)| t.to_string()))
        .filter(|t| !t.trim().is_empty())
        .collect();
    texts.sort();
    texts
}

#[test]
fn the_readme_pictures_are_up_to_date() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    // The pictures are shown in the README or the guide, and the guide
    // says how each is made.
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let guide = std::fs::read_to_string(root.join("docs/guide.md")).unwrap();
    for (file, args) in [
        ("docs/alibaba-2023-05-10.svg", &["at", "2023-05-10"][..]),
        (
            "docs/alibaba-diff-2023-03-01-2023-05-31.svg",
            &["diff", "2023-03-01", "2023-05-31", "--units"],
        ),
    ] {
        let command = format!(
            "orgctl {} --format dot | dot -Tsvg > {file}",
            args.join(" ")
        );
        assert!(guide.contains(&command), "docs/guide.md shows `{command}`");
        let in_docs = file.strip_prefix("docs/").unwrap();
        assert!(
            readme.contains(&format!("]({file})")) || guide.contains(&format!("]({in_docs})")),
            "README.md or docs/guide.md shows {file}"
        );
        let committed = std::fs::read_to_string(root.join(file)).unwrap();
        assert!(committed.contains("Wu Zeming") || committed.contains("Aicheng Technology"));
        if !have_graphviz("the_readme_pictures_are_up_to_date") {
            continue;
        }
        let mut a = args.to_vec();
        a.extend(["--format", "dot"]);
        let fresh = render_svg(alibaba(&a).ok());
        assert_eq!(
            svg_texts(&fresh),
            svg_texts(&committed),
            "{file} is stale: run `{command}`"
        );
    }
}
