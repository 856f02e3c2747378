//! Which output each command has, and which `--format` and `--layout`
//! can show it: checked before any data is read.

use super::usage;
use crate::cli::{Command, Format, Layout};
use crate::render::{self, Output};

/// What a command shows, to check that `--format` can show it before any
/// work is done. `None` for commands that print no result.
fn output_of(command: &Command) -> Option<(Output, &'static str)> {
    match command {
        Command::At { .. } => Some((Output::At, "at")),
        Command::Diff { stat: true, .. } => Some((Output::DiffStat, "diff --stat")),
        Command::Diff { .. } => Some((Output::Diff, "diff")),
        Command::WhoReportsTo { .. } => Some((Output::Reports, "who-reports-to")),
        Command::Check { .. } => Some((Output::Check, "check")),
        Command::Chain { .. } => Some((Output::Chain, "chain")),
        Command::Log { .. } => Some((Output::Log, "log")),
        Command::History { .. } => Some((Output::History, "history")),
        Command::Why { .. } => Some((Output::Why, "why")),
        Command::Show { .. } => Some((Output::Show, "show")),
        Command::Stats { .. } => Some((Output::Stats, "stats")),
        Command::Review { .. } => Some((Output::Review, "review")),
        Command::Completions { .. }
        | Command::Man { .. }
        | Command::Add { .. }
        | Command::Import { .. }
        | Command::Export { .. }
        | Command::Report(_) => None,
    }
}

/// The renderers' name for a `--format`.
pub(super) fn render_format(format: Format) -> render::Format {
    match format {
        Format::Table => render::Format::Table,
        Format::Json => render::Format::Json,
        Format::Csv => render::Format::Csv,
        Format::Dot => render::Format::Dot,
        Format::Mermaid => render::Format::Mermaid,
        Format::Markdown => render::Format::Markdown,
    }
}

pub(super) fn render_layout(layout: Layout) -> render::Layout {
    match layout {
        Layout::Tb => render::Layout::TopDown,
        Layout::Lr => render::Layout::LeftRight,
    }
}

/// A usage error unless `format` can show what `command` prints.
pub(super) fn check_format(command: &Command, format: Format) -> anyhow::Result<()> {
    let Some((what, name)) = output_of(command) else {
        if format != Format::Table {
            return Err(usage(format!(
                "--format {} does not apply here: this command prints a script, a page or an import's report, or writes a file",
                format.name()
            )));
        }
        return Ok(());
    };
    if !render::renderer(render_format(format)).supports(what) {
        let names: Vec<&str> = Format::ALL
            .into_iter()
            .filter(|&f| render::renderer(render_format(f)).supports(what))
            .map(Format::name)
            .collect();
        return Err(usage(format!(
            "`{name}` cannot be shown as --format {}; it supports --format {}",
            format.name(),
            names.join(", ")
        )));
    }
    if let Command::Diff {
        units: true, stat, ..
    } = command
        && (*stat || !matches!(format, Format::Dot | Format::Mermaid))
    {
        return Err(usage(
            "`diff --units` draws the unit tree; it needs --format dot or mermaid (and no --stat)"
                .into(),
        ));
    }
    if let Command::At {
        layout: Layout::Lr, ..
    }
    | Command::Diff {
        layout: Layout::Lr, ..
    } = command
        && !matches!(format, Format::Dot | Format::Mermaid)
    {
        return Err(usage(
            "`--layout lr` is the direction of a chart; it needs --format dot or mermaid".into(),
        ));
    }
    if let Command::Diff {
        only_changes,
        unit,
        stat,
        ..
    } = command
        && (*only_changes || unit.is_some())
        && (*stat || !matches!(format, Format::Dot | Format::Mermaid))
    {
        let flag = if *only_changes {
            "--only-changes"
        } else {
            "--unit"
        };
        return Err(usage(format!(
            "`diff {flag}` chooses what a chart draws; it needs --format dot or mermaid (and no --stat)"
        )));
    }
    if let Command::Diff { people: true, .. } = command
        && matches!(format, Format::Dot | Format::Mermaid)
    {
        return Err(usage(
            "`diff --people` is a list of people; use --format table, json or csv (the charts mark what changed without it)"
                .into(),
        ));
    }
    Ok(())
}
