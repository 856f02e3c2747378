//! `stats` as a table: a row per period end and unit, the unit indented
//! by its depth in the unit tree (or per period end and value of an
//! attribute, `(none)` for the group without one), the flows of the
//! period beside.

use std::io::{self, Write};

use super::{Grid, Style, indent, known_line};
use crate::escape::escape;
use crate::query::{Stats, StatsBy};
use crate::render::output::stats::every_name;

pub fn stats(out: &mut dyn Write, s: &Stats, style: &Style) -> io::Result<()> {
    let h = s.history;
    let whole = match s.ask.scope {
        Some(u) => escape(h.unit_name(u, s.ask.to)).into_owned(),
        None => "the whole organisation".to_string(),
    };
    let by = match &s.ask.by {
        StatsBy::Whole => String::new(),
        StatsBy::Unit => ", by unit".to_string(),
        StatsBy::Attribute(key) => format!(", by {}", escape(key)),
    };
    writeln!(
        out,
        "{}",
        style.bold(&format!(
            "Figures for {whole} at each {} end from {} to {}{by}",
            every_name(s.ask.every),
            s.ask.from,
            s.ask.to
        ))
    )?;
    known_line(out, h, style)?;
    if s.rows.is_empty() {
        writeln!(out, "no {} ends in that range", every_name(s.ask.every))?;
        return Ok(());
    }
    let group = match &s.ask.by {
        StatsBy::Attribute(key) => escape(key).into_owned(),
        _ => "unit".to_string(),
    };
    let mut t = Grid::new(style);
    t.set_header([
        "period end",
        &group,
        "people",
        "filled",
        "vacant (mean/max days)",
        "acting",
        "managers",
        "span mean/median/max",
        "layers",
        "hires",
        "left",
        "in",
        "out",
        "promoted",
    ]);
    let opt = |x: Option<f64>| x.map_or("-".to_string(), |v| v.to_string());
    for row in &s.rows {
        let f = &row.figures;
        let unit = match (&s.ask.by, row.unit) {
            (StatsBy::Attribute(_), _) => match &row.value {
                Some(v) => escape(v).into_owned(),
                None => "(none)".to_string(),
            },
            (_, Some(u)) => format!(
                "{}{}",
                indent(row.depth.saturating_sub(1)),
                escape(h.unit_name(u, row.end))
            ),
            (_, None) => "(all)".to_string(),
        };
        let vacant = match f.vacant_roles {
            0 => "0".to_string(),
            n => format!(
                "{n} ({}/{})",
                opt(f.vacancy_days_mean),
                f.vacancy_days_max.unwrap_or(0)
            ),
        };
        let span = match f.span_max {
            Some(max) => format!("{}/{}/{max}", opt(f.span_mean), opt(f.span_median)),
            None => "-".to_string(),
        };
        t.add_row([
            row.end.to_string(),
            unit,
            f.headcount.to_string(),
            f.filled_roles.to_string(),
            vacant,
            f.acting.to_string(),
            f.managers.to_string(),
            span,
            f.layers.to_string(),
            f.hires.to_string(),
            f.departures.to_string(),
            f.transfers_in.to_string(),
            f.transfers_out.to_string(),
            f.promotions.to_string(),
        ]);
    }
    t.write(out)
}
