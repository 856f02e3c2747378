//! The simulation: month after month, events of kinds that can happen.

use std::path::PathBuf;

use super::Gen;
use super::text::Ev;
use crate::Shape;
use crate::model::{When, days_in_month};

impl Gen {
    pub(crate) fn simulate(&mut self) {
        // About half an event per person and year.
        let per_month = (self.p.people as f64 * 0.5 / 12.0).max(1.0);
        let mut owed = 0.0f64;
        for y in self.p.start_year..self.p.start_year + self.p.years as i32 {
            if self.per_month {
                // new file each month
            } else {
                self.start_events_file(PathBuf::from(format!("events/{y:04}.toml")));
            }
            for m in 1..=12u32 {
                if self.per_month {
                    self.start_events_file(PathBuf::from(format!("events/{y:04}/{m:02}.toml")));
                }
                owed += per_month * (0.85 + 0.3 * self.rng.below(1000) as f64 / 1000.0);
                let n = owed.floor() as usize;
                owed -= n as f64;
                if self.shape() == Shape::News {
                    for when in self.news_dates(y, m, n) {
                        self.one_event(when);
                    }
                } else {
                    self.month(y, m, n);
                }
                let from_end =
                    (self.p.start_year + self.p.years as i32 - y) as usize * 12 - m as usize;
                if from_end < self.p.snapshots {
                    self.snapshot(y, m, days_in_month(y, m));
                }
            }
        }
        self.flush_events();
    }

    /// The `n` events of month (y, m): about 3% dated by the month, the
    /// others on days of it (for the `hr` shape, all on its first day).
    fn month(&mut self, y: i32, m: u32, n: usize) {
        let imprecise = (0..n).filter(|_| self.rng.chance(0.03)).count();
        let days_in = days_in_month(y, m);
        let mut days: Vec<u32> = (imprecise..n)
            .map(|_| self.rng.range(1, days_in as usize) as u32)
            .collect();
        days.sort_unstable();
        for i in 0..n {
            let when = if i < imprecise {
                When::Month(y, m, if self.rng.chance(0.7) { '~' } else { '?' })
            } else {
                When::Day(y, m, days[i - imprecise])
            };
            // An HR export dates a month's changes on its first day.
            let when = match self.shape() {
                Shape::Hr => when.first_of_month(),
                _ => when,
            };
            self.one_event(when);
        }
    }

    /// Chooses a kind of event that can happen now and writes it.
    pub(super) fn one_event(&mut self, when: When) {
        if self.shape() == Shape::News
            && self.rng.chance(self.news_attributes())
            && let Some((when, ev)) = self.news_attribute(&when)
        {
            self.write_event(&when, ev);
            return;
        }
        let n = self.headcount as f64;
        let active = self.active.len() as f64;
        let short = ((n - active) / n).max(0.0);
        let vacant = self.vacant_ic.len() as f64 / n;
        let weights = [
            // 0 hire
            if self.vacant_ic.len() > 0 {
                0.09 + short * 3.0
            } else {
                0.0
            },
            // 1 departure
            0.09 * (active / n).min(1.5),
            // 2 promotion to a vacant head role
            if self.vacant_head.len() > 0 {
                0.07
            } else {
                0.0
            },
            // 3 transfer to a vacant role elsewhere
            if self.vacant_ic.len() > 1 { 0.05 } else { 0.0 },
            // 4 transfer with the role
            0.02,
            // 5 acting appointment
            if self.vacant_head.len() > 0 {
                0.02
            } else {
                0.0
            },
            // 6 acting resolved
            if self.acting_heads.len() > 0 {
                0.03
            } else {
                0.0
            },
            // 7 reporting-line change
            0.04,
            // 8 retitle
            0.025,
            // 9 attribute
            0.035,
            // 10 new role
            0.015 + if vacant < 0.02 { 0.05 } else { 0.0 },
            // 11 eliminate a vacant role
            if vacant > 0.06 {
                0.05
            } else if vacant > 0.03 {
                0.02
            } else {
                0.003
            },
            // 12 reorganisation
            0.0025,
        ];
        for _ in 0..20 {
            let total: f64 = weights.iter().sum();
            let mut x = self.rng.below(1_000_000) as f64 / 1_000_000.0 * total;
            let mut kind = 0;
            for (i, w) in weights.iter().enumerate() {
                if x < *w {
                    kind = i;
                    break;
                }
                x -= w;
                kind = i;
            }
            if let Some(ev) = self.try_event(kind, &when) {
                self.write_event(&when, Ev { kind, ..ev });
                return;
            }
        }
        // Nothing fitted (tiny organisations): a retitle always can.
        if let Some(ev) = self.try_event(8, &when) {
            self.write_event(&when, Ev { kind: 8, ..ev });
        }
    }

    /// A random living role that is not a head, by rejection.
    pub(super) fn some_ic_role(&mut self, filled: bool) -> Option<usize> {
        for _ in 0..40 {
            let r = self.rng.below(self.roles.len());
            let role = &self.roles[r];
            if role.alive && !role.head && (!filled || role.holder.is_some_and(|h| !h.1)) {
                return Some(r);
            }
        }
        None
    }

    /// A random living unit at `depth`.
    pub(super) fn some_unit(&mut self, depth: u8) -> Option<usize> {
        self.by_depth.get(depth as usize)?.pick(&mut self.rng)
    }

    /// A person holding exactly one role, not acting and not a head.
    pub(super) fn some_ic_person(&mut self) -> Option<(usize, usize)> {
        for _ in 0..40 {
            let p = self.active.pick(&mut self.rng)?;
            if let [r] = self.people[p].roles[..] {
                let role = &self.roles[r as usize];
                if !role.head && role.holder == Some((p as u32, false)) {
                    return Some((p, r as usize));
                }
            }
        }
        None
    }

    pub(super) fn unit_of(&self, r: usize) -> usize {
        self.roles[r].unit as usize
    }
}
