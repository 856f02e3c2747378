//! `chain`: a table per chain (human) or one JSON document.

use std::io::{self, Write};

use serde_json::{Value, json};

use super::{Style, holder_text, json as j, role_name, rule_name, rule_text, subject_name, text};
use crate::escape::escape;
use crate::query::{Chains, Found, Occupancy};

/// One table per chain: each step's holder, role, unit, since when it is
/// held, and how it reports to the next step.
pub fn text(out: &mut dyn Write, c: &Chains, style: &Style) -> io::Result<()> {
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
        let mut t = text::table(style);
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
                holder_text(h, &step.occupancy),
                escape(h.role_title(step.role, day)).into_owned(),
                step.unit
                    .map_or(String::new(), |u| escape(h.unit_name(u, day)).into_owned()),
                since,
                rule,
            ]);
        }
        writeln!(out, "{t}")?;
    }
    Ok(())
}

pub fn json(out: &mut dyn Write, c: &Chains) -> io::Result<()> {
    let state = &c.state;
    let h = state.history;
    let day = state.day;
    let subject = json!({
        "kind": c.subject.noun(),
        "id": c.subject.key(h),
        "name": match c.subject {
            Found::Person(p) => h.person(p).name.as_str(),
            Found::Unit(u) => h.unit_name(u, day),
            Found::Role(r) => h.role_title(r, day),
        },
    });
    let chains: Vec<Value> = c
        .chains
        .iter()
        .map(|chain| {
            let steps: Vec<Value> = chain
                .steps
                .iter()
                .map(|s| {
                    json!({
                        "role": { "id": h.role(s.role).key, "title": h.role_title(s.role, day) },
                        "unit": s.unit.map(|u| j::unit_brief(h, u, day)),
                        "status": s.occupancy.status(),
                        "holder": j::holder(h, &s.occupancy, day),
                        "line": s.line.map(|l| json!({
                            "to": h.role(l.to).key,
                            "rule": rule_name(l.rule),
                            "ancestor": match l.rule {
                                crate::query::LineRule::HeadOfAncestor(u) => Some(&h.unit(u).key),
                                _ => None,
                            },
                        })),
                    })
                })
                .collect();
            json!({
                "from_role": chain.steps.first().map(|s| &h.role(s.role).key),
                "steps": steps,
            })
        })
        .collect();
    j::write(
        out,
        &json!({
            "date": day.to_string(),
            "subject": subject,
            "chains": chains,
        }),
    )
}
