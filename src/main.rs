//! The `orgctl` binary: parse the command line, run, map errors to exit
//! codes. Everything else lives in the library.

use std::process::ExitCode;

use clap::Parser;

use orgctl::app;
use orgctl::cli::Cli;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut err = std::io::stderr();
    match app::run(&cli, &mut out, &mut err) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if app::is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            drop(out);
            app::report(&e, &cli, &mut std::io::stdout(), &mut err);
            ExitCode::from(app::exit_code(&e))
        }
    }
}
