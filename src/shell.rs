//! Shell integration generated from the clap definitions of [`crate::cli`]:
//! completion scripts (clap_complete) and the manual page (clap_mangen).
//! Both are generated into a buffer and then written, so that a closed
//! pipe is an error to report, not a panic.

use std::io::{self, Write};

use clap::CommandFactory;
use clap_complete::Shell as Generator;

use crate::cli::{Cli, Shell};

/// The completion script for `shell`.
pub fn completions(out: &mut dyn Write, shell: Shell) -> io::Result<()> {
    let generator = match shell {
        Shell::Bash => Generator::Bash,
        Shell::Zsh => Generator::Zsh,
        Shell::Fish => Generator::Fish,
        Shell::Powershell => Generator::PowerShell,
        Shell::Elvish => Generator::Elvish,
    };
    let mut cmd = Cli::command();
    let mut buf = Vec::new();
    clap_complete::generate(generator, &mut cmd, "orgctl", &mut buf);
    out.write_all(&buf)
}

/// The names of orgctl's commands, in --help order.
pub fn command_names() -> Vec<String> {
    Cli::command()
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect()
}

/// The manual page of orgctl (`command` = None), or of one command (the
/// page `orgctl-COMMAND`). Returns false when there is no such command.
pub fn man(out: &mut dyn Write, command: Option<&str>) -> io::Result<bool> {
    let mut cmd = Cli::command();
    cmd.build();
    let page = match command {
        None => cmd,
        Some(name) => {
            let Some(sub) = cmd
                .get_subcommands()
                .find(|c| c.get_name() == name)
                .cloned()
            else {
                return Ok(false);
            };
            let full = format!("orgctl-{name}");
            sub.name(full.clone())
                .bin_name(full)
                .version(env!("CARGO_PKG_VERSION"))
        }
    };
    let mut buf = Vec::new();
    clap_mangen::Man::new(page).render(&mut buf)?;
    out.write_all(&buf)?;
    Ok(true)
}
