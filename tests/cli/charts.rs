//! The charts' options: `--layout lr` draws `at` and `diff` left to right,
//! in DOT and Mermaid (the default stays top to bottom); `diff
//! --only-changes` charts only what changed and the managers around it;
//! `diff --unit U` only U's subtree.

use crate::formats::charts_of;
use crate::mermaid_grammar;
use crate::support::{ACME, Org, alibaba, have_graphviz, render_svg};

/// [`ACME`] with a Sales unit beside Engineering (Eve Evans heads it, Fay
/// Ford sells), and on 2024-03-01 a Lab Lead created in the Research Lab:
/// Cy Cole leaves his Engineer role, which is eliminated, to take it, and
/// Dee Dunn the researcher now reports to him, not to Bob Baker the CTO.
fn lab_lead() -> Org {
    Org::with(&format!(
        "{ACME}{}",
        r#"
[[unit]]
id = "sales"
name = "Sales"
parent = "acme"

[[person]]
id = "eve"
name = "Eve Evans"

[[person]]
id = "fay"
name = "Fay Ford"

[[role]]
id = "lead"
title = "Lab Lead"
unit = "lab"
head = true

[[role]]
id = "cso"
title = "Head of Sales"
unit = "sales"
head = true
holder = "eve"

[[role]]
id = "rep"
title = "Sales Rep"
unit = "sales"
holder = "fay"

[[event]]
date = "2024-03-01"
title = "A lead for the lab"
changes = [
  { op = "create", role = "lead" },
  { op = "leave", person = "cy", role = "engineer" },
  { op = "appoint", person = "cy", role = "lead" },
  { op = "eliminate", role = "engineer" },
]
"#
    ))
}

const SPAN: [&str; 3] = ["diff", "2024-01-01", "2024-06-01"];

fn diff(org: &Org, extra: &[&str]) -> String {
    let mut args = SPAN.to_vec();
    args.extend(extra);
    org.run(&args).ok().to_string()
}

#[test]
fn only_changes_in_dot_draws_the_changed_roles_and_their_managers_on_both_days() {
    // Not the CEO, nor Sales: nothing changed there. The CTO is the
    // manager of the lead on TO and of the engineer on FROM; the
    // researcher's old line to the CTO is drawn red dashed.
    let dot = diff(&lab_lead(), &["--format", "dot", "--only-changes"]);
    assert_eq!(
        dot,
        r##"digraph orgctl {
  graph [label="Changes from 2024-01-01 to 2024-06-01", labelloc=t, fontname="Helvetica", fontsize=16, rankdir=TB, nodesep=0.3, ranksep=0.5];
  node [shape=box, style=rounded, fontname="Helvetica", fontsize=11];
  edge [color="#57606a", arrowsize=0.7];
  r1 [label="Bob Baker\nCTO\nEngineering"];
  r4 [label="Cy Cole\nLab Lead\nResearch Lab", color="#1a7f37", fontcolor="#1a7f37", penwidth=2];
  r3 [label="Dee Dunn\nResearcher\nResearch Lab", color="#d9730d", fontcolor="#d9730d", penwidth=2];
  r2 [label="Cy Cole\nEngineer\nEngineering", color="#cf222e", fontcolor="#cf222e", style="rounded,dashed", penwidth=2];
  r1 -> r4 [color="#1a7f37", penwidth=1.5];
  r4 -> r3 [color="#d9730d", penwidth=1.5];
  r1 -> r2 [color="#cf222e", style=dashed, penwidth=1.5];
  r1 -> r3 [color="#cf222e", style=dashed, penwidth=1.5];
  subgraph cluster_legend {
    label="Legend"; fontsize=11; style=rounded; color="#8c959f";
    legend_created [label="created", color="#1a7f37", fontcolor="#1a7f37", penwidth=2];
    legend_removed [label="removed", color="#cf222e", fontcolor="#cf222e", style="rounded,dashed", penwidth=2];
    legend_changed [label="moved or changed", color="#d9730d", fontcolor="#d9730d", penwidth=2];
    legend_created -> legend_removed -> legend_changed [style=invis];
  }
}
"##
    );
    if have_graphviz("only_changes_in_dot_draws_the_changed_roles_and_their_managers_on_both_days")
    {
        assert!(render_svg(&dot).contains("<svg"));
    }
}

#[test]
fn only_changes_in_mermaid_draws_the_same_chart() {
    let text = diff(&lab_lead(), &["--format", "mermaid", "--only-changes"]);
    assert_eq!(
        text,
        r##"flowchart TB
  %% Changes from 2024-01-01 to 2024-06-01
  r1["Bob Baker<br/>CTO<br/>Engineering"]
  r4["Cy Cole<br/>Lab Lead<br/>Research Lab"]
  r3["Dee Dunn<br/>Researcher<br/>Research Lab"]
  r2["Cy Cole<br/>Engineer<br/>Engineering"]
  r1 --> r4
  r4 --> r3
  r1 -.-> r2
  r1 -.-> r3
  subgraph legend["Legend"]
    direction TB
    legend_created["created"]
    legend_removed["removed"]
    legend_changed["moved or changed"]
    legend_created ~~~ legend_removed
    legend_removed ~~~ legend_changed
  end
  classDef created stroke:#1a7f37,stroke-width:2px,color:#1a7f37
  classDef changed stroke:#d9730d,stroke-width:2px,color:#d9730d
  classDef removed stroke:#cf222e,stroke-width:2px,stroke-dasharray:5 5,color:#cf222e
  class r4,legend_created created
  class r3,legend_changed changed
  class r2,legend_removed removed
  linkStyle 0 stroke:#1a7f37,stroke-width:2px
  linkStyle 2,3 stroke:#cf222e,stroke-width:2px,stroke-dasharray:5 5
  linkStyle 1 stroke:#d9730d,stroke-width:2px
"##
    );
    mermaid_grammar::check(&text).unwrap();
}

#[test]
fn unit_draws_only_its_subtree_left_to_right_too() {
    let text = diff(
        &lab_lead(),
        &["--format", "mermaid", "--unit", "lab", "--layout", "lr"],
    );
    assert_eq!(
        text,
        r##"flowchart LR
  %% Changes from 2024-01-01 to 2024-06-01: Research Lab
  r4["Cy Cole<br/>Lab Lead<br/>Research Lab"]
  r3["Dee Dunn<br/>Researcher<br/>Research Lab"]
  r4 --> r3
  subgraph legend["Legend"]
    direction TB
    legend_created["created"]
    legend_removed["removed"]
    legend_changed["moved or changed"]
    legend_created ~~~ legend_removed
    legend_removed ~~~ legend_changed
  end
  classDef created stroke:#1a7f37,stroke-width:2px,color:#1a7f37
  classDef changed stroke:#d9730d,stroke-width:2px,color:#d9730d
  classDef removed stroke:#cf222e,stroke-width:2px,stroke-dasharray:5 5,color:#cf222e
  class r4,legend_created created
  class r3,legend_changed changed
  class legend_removed removed
  linkStyle 0 stroke:#d9730d,stroke-width:2px
"##
    );
    mermaid_grammar::check(&text).unwrap();
    // With --only-changes: what both keep (here, the same).
    assert_eq!(
        diff(
            &lab_lead(),
            &[
                "--format",
                "mermaid",
                "--unit",
                "Research Lab",
                "--only-changes",
                "--layout",
                "lr"
            ],
        ),
        text
    );
}

#[test]
fn unit_keeps_what_was_in_it_on_from_even_if_gone_by_to() {
    // The engineer, eliminated, was in Engineering on FROM.
    let text = diff(&lab_lead(), &["--format", "mermaid", "--unit", "eng"]);
    assert!(
        text.contains(r#"r2["Cy Cole<br/>Engineer<br/>Engineering"]"#),
        "{text}"
    );
    assert!(
        !text.contains("Ann Archer") && !text.contains("Sales"),
        "{text}"
    );
}

#[test]
fn only_changes_and_unit_without_a_chart_are_usage_errors() {
    let org = lab_lead();
    for (extra, flag) in [
        (&["--only-changes"][..], "--only-changes"),
        (&["--unit", "lab", "--format", "csv"], "--unit"),
        (&["--unit", "lab", "--stat"], "--unit"),
    ] {
        let mut args = SPAN.to_vec();
        args.extend(extra);
        assert_eq!(
            org.run(&args).fails(2),
            format!(
                "error: `diff {flag}` chooses what a chart draws; it needs --format dot or mermaid (and no --stat)\n"
            ),
            "{args:?}"
        );
    }
    let mut args = SPAN.to_vec();
    args.extend(["--unit", "cto", "--format", "dot"]);
    assert_eq!(
        org.run(&args).fails(2),
        "error: --unit takes a unit, but 'cto' is the role 'cto'\n"
    );
    // A unit that is in neither day is a lookup error.
    let run = alibaba(&[
        "diff",
        "2022-01-01",
        "2022-02-01",
        "--unit",
        "taobao-tmall",
        "--format",
        "dot",
    ]);
    assert_eq!(
        run.fails(1),
        "error: unit 'taobao-tmall' exists neither on 2022-01-01 nor on 2022-02-01\n"
    );
}

/// Ann Archer the CEO, Bob Baker the CTO reporting to her.
const TWO: &str = r#"[[unit]]
id = "acme"
name = "Acme"

[[person]]
id = "ann"
name = "Ann Archer"

[[person]]
id = "bob"
name = "Bob Baker"

[[role]]
id = "ceo"
title = "CEO"
unit = "acme"
head = true
holder = "ann"

[[role]]
id = "cto"
title = "CTO"
unit = "acme"
holder = "bob"
"#;

#[test]
fn layout_lr_draws_the_dot_chart_left_to_right() {
    let dot = Org::with(TWO)
        .run(&["at", "2024-01-01", "--layout", "lr", "--format", "dot"])
        .ok()
        .to_string();
    assert_eq!(
        dot,
        r##"digraph orgctl {
  graph [label="Organisation on 2024-01-01", labelloc=t, fontname="Helvetica", fontsize=16, rankdir=LR, nodesep=0.3, ranksep=0.5];
  node [shape=box, style=rounded, fontname="Helvetica", fontsize=11];
  edge [color="#57606a", arrowsize=0.7];
  r0 [label="Ann Archer\nCEO\nAcme"];
  r1 [label="Bob Baker\nCTO\nAcme"];
  r0 -> r1;
}
"##
    );
    if have_graphviz("layout_lr_draws_the_dot_chart_left_to_right") {
        assert!(render_svg(&dot).contains("<svg"));
    }
}

#[test]
fn layout_lr_draws_the_mermaid_flowchart_left_to_right() {
    let text = Org::with(TWO)
        .run(&["at", "2024-01-01", "--layout", "lr", "--format", "mermaid"])
        .ok()
        .to_string();
    assert_eq!(
        text,
        r#"flowchart LR
  %% Organisation on 2024-01-01
  r0["Ann Archer<br/>CEO<br/>Acme"]
  r1["Bob Baker<br/>CTO<br/>Acme"]
  r0 --> r1
"#
    );
    mermaid_grammar::check(&text).unwrap();
}

#[test]
fn layout_tb_is_the_default() {
    let org = Org::with(TWO);
    for format in ["dot", "mermaid"] {
        for args in [
            &["at", "2024-01-01"][..],
            &["diff", "2023-01-01", "2024-01-01"],
        ] {
            let mut plain = args.to_vec();
            plain.extend(["--format", format]);
            let mut tb = plain.clone();
            tb.extend(["--layout", "tb"]);
            assert_eq!(org.run(&plain).ok(), org.run(&tb).ok(), "{tb:?}");
        }
    }
}

#[test]
fn layout_lr_draws_every_chart_left_to_right() {
    for (what, text) in charts_of("mermaid", &["--layout", "lr"]) {
        assert!(text.starts_with("flowchart LR\n"), "{what}: {text}");
    }
    for (what, text) in charts_of("dot", &["--layout", "lr"]) {
        assert!(text.contains("rankdir=LR"), "{what}: {text}");
    }
}

#[test]
fn layout_lr_without_a_chart_is_a_usage_error() {
    let org = Org::with(TWO);
    for args in [
        &["at", "2024-01-01", "--layout", "lr"][..],
        &[
            "diff",
            "2023-01-01",
            "2024-01-01",
            "--layout",
            "lr",
            "--format",
            "json",
        ],
    ] {
        assert_eq!(
            org.run(args).fails(2),
            "error: `--layout lr` is the direction of a chart; it needs --format dot or mermaid\n",
            "{args:?}"
        );
    }
}
