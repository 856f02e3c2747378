//! `review BASE [HEAD]`: the data folder as git holds it in BASE, against
//! HEAD (a revision, the index with `--staged`, else the working tree).

use std::io::{IsTerminal, Write};

use super::{load, render_format, usage, use_color};
use crate::cli::Cli;
use crate::load::git::Snapshot;
use crate::load::source::{DataSource, Resolved};
use crate::query;
use crate::render::{self, Options, Style};

/// `review BASE [HEAD]`: BASE as git holds it against HEAD (a revision,
/// the index with `--staged`, else the working tree).
pub(super) fn review(
    cli: &Cli,
    source: &Resolved,
    (base, head): (&str, Option<&str>),
    deny: Option<crate::cli::Deny>,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    if source.source == DataSource::Bundled {
        return Err(usage(
            "`review` compares the data folder in two git revisions, but there is no data folder here\n  help: give the folder with --data DIR (or ORGCTL_DATA, or an orgctl.toml)".into(),
        ));
    }
    if cli.global.rev.is_some() {
        return Err(usage(
            "`review` takes its revisions as arguments, not --rev\n  help: orgctl review BASE [HEAD]".into(),
        ));
    }
    if head.is_some() && cli.global.staged {
        return Err(usage(
            "`review BASE HEAD --staged`: give HEAD or --staged, not both".into(),
        ));
    }
    let head_snapshot = match head {
        Some(rev) => Some(Snapshot::Rev(rev.to_string())),
        None => cli.global.staged.then_some(Snapshot::Staged),
    };
    let base = load(source, Some(&Snapshot::Rev(base.to_string())), false)?;
    let head = load(
        source,
        head_snapshot.as_ref(),
        !cli.global.no_cache && head_snapshot.is_none(),
    )?;
    let closed = source
        .project
        .as_ref()
        .and_then(|p| p.closed.iter().max().copied());
    let r = query::review::review(&base, &head, closed);
    let options = Options {
        style: Style {
            color: use_color(cli.global.color, &std::io::stdout()),
            terminal: std::io::stdout().is_terminal(),
        },
        ..Options::plain()
    };
    render::renderer(render_format(cli.global.format)).review(out, &r, &options)?;
    out.flush()?;
    let corrections = r.corrections.len();
    drop(r);
    super::left_to_exit(base);
    super::left_to_exit(head);
    if deny.is_some() && corrections > 0 {
        anyhow::bail!(
            "the change corrects the past ({corrections} corrections) and --deny corrections is given\n  help: if the corrections are meant, say so in the review and run without --deny corrections"
        );
    }
    Ok(())
}
