//! The `orgctl` binary: parse the command line, run, map errors to exit
//! codes. Everything else lives in the library.

use std::process::ExitCode;

use orgctl::app;
use orgctl::cli::Cli;

/// The system's allocator, but for the history read from the cache
/// ([`orgctl::cache::arena`]).
#[global_allocator]
static ALLOCATOR: orgctl::cache::arena::Allocator = orgctl::cache::arena::Allocator;

fn main() -> ExitCode {
    fewer_kept_pages();
    let cli = Cli::parse_args();
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

/// glibc's malloc raises its threshold for giving large blocks their own
/// pages each time such a block is freed, after which the per-file buffers
/// of a load come from its heaps and stay resident once freed. A fixed
/// threshold (its default start, 128 KiB) hands them back to the system:
/// the peak memory of loading a large history drops by about a quarter.
///
/// The threads keep their own heaps: the parse builds no tree on the usual
/// layout, so one heap for all (`M_ARENA_MAX` 1) saved little memory and
/// made the parsing and resolving threads wait on its lock.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn fewer_kept_pages() {
    // SAFETY: mallopt only sets a tuning parameter; called before any
    // other thread exists.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 128 * 1024);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn fewer_kept_pages() {}
