//! The charts' options: `--layout lr` draws `at` and `diff` left to right,
//! in DOT and Mermaid; the default stays top to bottom.

use crate::formats::charts_of;
use crate::mermaid_grammar;
use crate::support::{Org, have_graphviz, render_svg};

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
fn layout_lr_draws_the_diff_charts_left_to_right() {
    for (what, text) in charts_of("mermaid", &["--layout", "lr"]) {
        if what.contains("\"diff\"") {
            assert!(text.starts_with("flowchart LR\n"), "{what}: {text}");
        }
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
