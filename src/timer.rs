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
            // Resident memory now and at its peak so far, from /proc where
            // there is one: a peak between two laps shows in the second.
            let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
            let kb = |field: &str| {
                let value = status.lines().find_map(|l| l.strip_prefix(field))?;
                value
                    .trim()
                    .trim_end_matches("kB")
                    .trim()
                    .parse::<u64>()
                    .ok()
            };
            let rss = match (kb("VmRSS:"), kb("VmHWM:")) {
                // In MB of 10^6 bytes, as bench/run.sh gives sizes.
                (Some(now), Some(peak)) => {
                    let mb = |kb: u64| kb * 1024 / 1_000_000;
                    format!(", {} MB resident (peak {} MB)", mb(now), mb(peak))
                }
                _ => String::new(),
            };
            eprintln!(
                "orgctl timing: {what}: {:.3} s{rss}",
                t.get().elapsed().as_secs_f64()
            );
            t.set(std::time::Instant::now());
        }
    }
}
