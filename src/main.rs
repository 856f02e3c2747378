//! The `orgctl` binary: parse the command line, run, map errors to exit
//! codes. Everything else lives in the library.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;

use orgctl::app;
use orgctl::cli::Cli;
use orgctl::load::LoadError;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut err = std::io::stderr();
    match app::run(&cli, &mut out, &mut err) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if app::is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            // Drop what was buffered for stdout: a failed command prints
            // only its error.
            drop(out);
            let color = app::use_color(cli.global.color, std::io::stderr().is_terminal());
            let message = match e.downcast_ref::<LoadError>() {
                Some(LoadError::Data(d)) => d.render(color),
                _ => format!(
                    "{}: {e:#}",
                    if color {
                        "\x1b[1;31merror\x1b[0m"
                    } else {
                        "error"
                    }
                ),
            };
            let _ = writeln!(err, "{message}");
            ExitCode::from(app::exit_code(&e) as u8)
        }
    }
}
