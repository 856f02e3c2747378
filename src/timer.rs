//! Phase times on stderr for profiling (`ORGCTL_TIMING=1`).

/// Phase times on stderr when `ORGCTL_TIMING` is set, for profiling.
pub struct Timer(Option<std::cell::Cell<std::time::Instant>>);

impl Timer {
    pub fn start() -> Timer {
        Timer(
            std::env::var_os("ORGCTL_TIMING")
                .map(|_| std::cell::Cell::new(std::time::Instant::now())),
        )
    }

    pub fn lap(&self, what: &str) {
        self.lap_with(|| what.to_string());
    }

    /// [`Timer::lap`] with a label made only when timing is on.
    pub fn lap_with(&self, what: impl FnOnce() -> String) {
        if let Some(t) = &self.0 {
            let what = what();
            // Resident memory now, from /proc where there is one.
            let rss = std::fs::read_to_string("/proc/self/statm")
                .ok()
                .and_then(|s| s.split_whitespace().nth(1)?.parse::<u64>().ok())
                .map_or(String::new(), |pages| {
                    format!(", {} MB resident", (pages * 4096) >> 20)
                });
            eprintln!(
                "orgctl timing: {what}: {:.3} s{rss}",
                t.get().elapsed().as_secs_f64()
            );
            t.set(std::time::Instant::now());
        }
    }
}
