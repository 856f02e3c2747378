//! `--format dot`: the charts of `at` and `diff` (see [`super`]) in
//! Graphviz's DOT language, for `dot -Tsvg` or `dot -Tpng`.
//!
//! Node ids are `r<n>` (roles), `u<n>` (units) and `legend_*`; every label
//! is a double-quoted string with `\` and `"` escaped and lines joined by
//! `\n`, so no text from the data can end a string or start a statement.

use std::io::{self, Write};

use super::{self as chart, Chart, GREY, LEGEND, Mark};
use crate::query::{Diff, OrgAt};
use crate::render::{Layout, Options, Output, Renderer};

/// `--format dot`: `at` and `diff`.
pub struct Dot;

impl Renderer for Dot {
    fn supports(&self, what: Output) -> bool {
        matches!(what, Output::At | Output::Diff)
    }

    fn at(&self, out: &mut dyn Write, view: &OrgAt, o: &Options) -> io::Result<()> {
        write(out, &chart::at(view, o.units), o.layout)
    }

    fn diff(&self, out: &mut dyn Write, d: &Diff, o: &Options) -> io::Result<()> {
        write(out, &chart::diff(d, o.units, o.focus.as_ref()), o.layout)
    }
}

const FONT: &str = "Helvetica";

/// A DOT double-quoted string holding `lines`, one per line.
pub fn quote(lines: &[String]) -> String {
    let mut s = String::from("\"");
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            s.push_str("\\n");
        }
        for c in line.chars() {
            match c {
                '"' => s.push_str("\\\""),
                '\\' => s.push_str("\\\\"),
                // The chart escaped control characters; keep any left on
                // one line.
                '\n' | '\r' => s.push(' '),
                c => s.push(c),
            }
        }
    }
    s.push('"');
    s
}

/// The attributes drawing a mark on a box.
fn node_style(mark: Mark, faint: bool) -> String {
    match (mark.color(), mark) {
        (Some(c), Mark::Removed) => {
            format!(", color=\"{c}\", fontcolor=\"{c}\", style=\"rounded,dashed\", penwidth=2")
        }
        (Some(c), _) => format!(", color=\"{c}\", fontcolor=\"{c}\", penwidth=2"),
        (None, _) if faint => format!(", color=\"{GREY}\", fontcolor=\"{GREY}\""),
        (None, _) => String::new(),
    }
}

fn edge_style(mark: Mark) -> String {
    match (mark.color(), mark) {
        (Some(c), Mark::Removed) => format!(" [color=\"{c}\", style=dashed, penwidth=1.5]"),
        (Some(c), _) => format!(" [color=\"{c}\", penwidth=1.5]"),
        (None, _) => String::new(),
    }
}

pub fn write(out: &mut dyn Write, chart: &Chart, layout: Layout) -> io::Result<()> {
    let rankdir = match layout {
        Layout::TopDown => "TB",
        Layout::LeftRight => "LR",
    };
    writeln!(out, "digraph orgctl {{")?;
    writeln!(
        out,
        "  graph [label={}, labelloc=t, fontname=\"{FONT}\", fontsize=16, rankdir={rankdir}, nodesep=0.3, ranksep=0.5];",
        quote(&chart.title)
    )?;
    writeln!(
        out,
        "  node [shape=box, style=rounded, fontname=\"{FONT}\", fontsize=11];"
    )?;
    writeln!(out, "  edge [color=\"#57606a\", arrowsize=0.7];")?;
    for n in &chart.nodes {
        writeln!(
            out,
            "  {} [label={}{}];",
            n.id,
            quote(&n.lines),
            node_style(n.mark, n.faint)
        )?;
    }
    for e in &chart.edges {
        let style = if e.dotted {
            // A dotted line: dashed, and left out of the tree's ranks.
            " [style=dashed, constraint=false]".to_string()
        } else {
            edge_style(e.mark)
        };
        writeln!(out, "  {} -> {}{style};", e.from, e.to)?;
    }
    if chart.legend {
        writeln!(out, "  subgraph cluster_legend {{")?;
        writeln!(
            out,
            "    label=\"Legend\"; fontsize=11; style=rounded; color=\"#8c959f\";"
        )?;
        for (mark, label) in LEGEND {
            writeln!(
                out,
                "    legend_{} [label={}{}];",
                mark.name(),
                quote(&[label.to_string()]),
                node_style(mark, false)
            )?;
        }
        // One column, in the legend's order.
        let ids: Vec<String> = LEGEND
            .iter()
            .map(|(m, _)| format!("legend_{}", m.name()))
            .collect();
        writeln!(out, "    {} [style=invis];", ids.join(" -> "))?;
        writeln!(out, "  }}")?;
    }
    writeln!(out, "}}")
}
