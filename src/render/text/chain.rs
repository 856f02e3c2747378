//! `chain`: a table per chain.

use std::io::{self, Write};

use super::Grid;
use crate::escape::escape;
use crate::query::{Chains, Occupancy};
use crate::render::Style;
use crate::render::names::{holders_text, role_name, rule_text, subject_name};

/// One table per chain: each step's holder, role, unit, since when it is
/// held, and how it reports to the next step.
pub fn chain(out: &mut dyn Write, c: &Chains, style: &Style) -> io::Result<()> {
    let state = &c.state;
    let h = state.history;
    let day = state.day;
    writeln!(
        out,
        "{}",
        style.bold(&format!(
            "Chain of command of {} on {day}",
            escape(&subject_name(h, c.subject, day))
        ))
    )?;
    for chain in &c.chains {
        writeln!(out)?;
        if let Some(first) = chain.steps.first() {
            writeln!(
                out,
                "{}",
                style.dim(&format!("from {}", escape(&role_name(h, first.role, day))))
            )?;
        }
        let mut t = Grid::new(style);
        t.set_header(vec![
            "STEP",
            "NAME",
            "ROLE",
            "UNIT",
            "SINCE",
            "REPORTS UP BY",
        ]);
        for (i, step) in chain.steps.iter().enumerate() {
            let since = match &step.occupancy {
                Occupancy::Filled(iv) => {
                    iv.from.date.map_or("(start of record)".to_string(), |d| {
                        if iv.is_uncertain_on(day) {
                            format!("{d} (uncertain)")
                        } else {
                            d.to_string()
                        }
                    })
                }
                _ => String::new(),
            };
            let rule = match step.line {
                Some(l) => rule_text(h, l.rule, day),
                None => "(top)".to_string(),
            };
            t.add_row(vec![
                (i + 1).to_string(),
                holders_text(h, &step.seated, day),
                escape(h.role_title(step.role, day)).into_owned(),
                step.unit
                    .map_or(String::new(), |u| escape(h.unit_name(u, day)).into_owned()),
                since,
                rule,
            ]);
        }
        t.write(out)?;
    }
    Ok(())
}
