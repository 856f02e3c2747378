//! `--format mermaid`: the charts of `at` and `diff` (see
//! [`super`]) as a Mermaid `flowchart`, for Markdown that renders
//! Mermaid (GitHub, GitLab, many wikis).
//!
//! Node ids are `r<n>` (roles), `u<n>` (units) and `legend_*`, never a
//! keyword. Every label is a double-quoted string in which the characters
//! Mermaid could read as syntax or HTML are written as its entity codes
//! (`#quot;`, `#35;`, `#lt;`, `#37;` ...), and lines are joined by `<br/>`.

use std::io::{self, Write};

use super::{self as chart, Chart, GREY, LEGEND, Mark};
use crate::query::{Diff, OrgAt};
use crate::render::{Layout, Options, Output, Renderer};

/// `--format mermaid`: `at` and `diff`.
pub struct Mermaid;

impl Renderer for Mermaid {
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

/// A Mermaid double-quoted label holding `lines`, one per line.
pub fn quote(lines: &[String]) -> String {
    let mut s = String::from("\"");
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            s.push_str("<br/>");
        }
        for c in line.chars() {
            match c {
                '"' => s.push_str("#quot;"),
                '#' => s.push_str("#35;"),
                '&' => s.push_str("#amp;"),
                '<' => s.push_str("#lt;"),
                '>' => s.push_str("#gt;"),
                '`' => s.push_str("#96;"),
                '%' => s.push_str("#37;"),
                '\n' | '\r' => s.push(' '),
                c => s.push(c),
            }
        }
    }
    s.push('"');
    s
}

/// The style of each mark's class.
fn class_style(mark: Mark) -> Option<String> {
    let c = mark.color()?;
    Some(match mark {
        Mark::Removed => format!("stroke:{c},stroke-width:2px,stroke-dasharray:5 5,color:{c}"),
        _ => format!("stroke:{c},stroke-width:2px,color:{c}"),
    })
}

pub fn write(out: &mut dyn Write, chart: &Chart, layout: Layout) -> io::Result<()> {
    let direction = match layout {
        Layout::TopDown => "TB",
        Layout::LeftRight => "LR",
    };
    writeln!(out, "flowchart {direction}")?;
    for line in &chart.title {
        // A comment: Mermaid ignores it, a reader sees what is drawn.
        writeln!(out, "  %% {}", line.replace(['\n', '\r'], " "))?;
    }
    for n in &chart.nodes {
        writeln!(out, "  {}[{}]", n.id, quote(&n.lines))?;
    }
    // Links are numbered in the order written, for `linkStyle`.
    let mut styled: Vec<(Mark, usize)> = Vec::new();
    for (i, e) in chart.edges.iter().enumerate() {
        let arrow = if e.mark == Mark::Removed || e.dotted {
            "-.->"
        } else {
            "-->"
        };
        writeln!(out, "  {} {arrow} {}", e.from, e.to)?;
        if e.mark != Mark::Same {
            styled.push((e.mark, i));
        }
    }
    if chart.legend {
        writeln!(out, "  subgraph legend[\"Legend\"]")?;
        writeln!(out, "    direction TB")?;
        for (mark, label) in LEGEND {
            writeln!(
                out,
                "    legend_{}[{}]",
                mark.name(),
                quote(&[label.to_string()])
            )?;
        }
        let ids: Vec<String> = LEGEND
            .iter()
            .map(|(m, _)| format!("legend_{}", m.name()))
            .collect();
        // Invisible links keep the legend in one column.
        for pair in ids.windows(2) {
            writeln!(out, "    {} ~~~ {}", pair[0], pair[1])?;
        }
        writeln!(out, "  end")?;
    }
    let mut classes: Vec<(&str, Vec<&str>)> = Vec::new();
    for n in &chart.nodes {
        let class = match n.mark {
            Mark::Same if n.faint => "faint",
            Mark::Same => continue,
            m => m.name(),
        };
        match classes.iter_mut().find(|(c, _)| *c == class) {
            Some((_, ids)) => ids.push(&n.id),
            None => classes.push((class, vec![&n.id])),
        }
    }
    let legend_ids: Vec<String> = LEGEND
        .iter()
        .map(|(m, _)| format!("legend_{}", m.name()))
        .collect();
    if chart.legend {
        for ((mark, _), id) in LEGEND.iter().zip(&legend_ids) {
            match classes.iter_mut().find(|(c, _)| *c == mark.name()) {
                Some((_, ids)) => ids.push(id),
                None => classes.push((mark.name(), vec![id])),
            }
        }
    }
    // Only the classes used are defined.
    for (class, _) in &classes {
        let style = match *class {
            "faint" => format!("stroke:{GREY},color:{GREY}"),
            _ => [Mark::Created, Mark::Removed, Mark::Changed]
                .into_iter()
                .find(|m| m.name() == *class)
                .and_then(class_style)
                .unwrap_or_default(),
        };
        writeln!(out, "  classDef {class} {style}")?;
    }
    for (class, ids) in &classes {
        writeln!(out, "  class {} {class}", ids.join(","))?;
    }
    for mark in [Mark::Created, Mark::Removed, Mark::Changed] {
        let ids: Vec<String> = styled
            .iter()
            .filter(|(m, _)| *m == mark)
            .map(|(_, i)| i.to_string())
            .collect();
        if let (false, Some(c)) = (ids.is_empty(), mark.color()) {
            let dash = if mark == Mark::Removed {
                ",stroke-dasharray:5 5"
            } else {
                ""
            };
            writeln!(
                out,
                "  linkStyle {} stroke:{c},stroke-width:2px{dash}",
                ids.join(",")
            )?;
        }
    }
    Ok(())
}
