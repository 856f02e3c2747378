//! The organisation before the first event.

use super::Gen;
use crate::Shape;
use crate::model::MAX_DEPTH;

impl Gen {
    pub(crate) fn initial(&mut self) {
        // Leaf teams have a head and 4-11 other roles (7.5 on average);
        // inner units a head and 1-3 staff roles.
        let target_units = (self.org_people as f64 / 7.4).max(8.0);
        // A newsroom follows the top of a company: two levels below it.
        let levels = match self.shape() {
            Shape::News => 2,
            _ => MAX_DEPTH,
        };
        // The root has 5-12 children; below, each level has about `g` times
        // as many units as the one above (at least one unit expands).
        let total = |g: f64| {
            let (mut n, mut sum) = (1.0f64, 1.0f64);
            for _ in 0..levels {
                n = (n * g / 8.5).clamp(1.0, n) * 8.5;
                sum += n;
            }
            sum
        };
        let g = (30..1200)
            .map(|i| i as f64 / 100.0)
            .min_by(|a, b| {
                let da = (total(*a) - target_units).abs();
                let db = (total(*b) - target_units).abs();
                da.total_cmp(&db)
            })
            .unwrap_or(1.0);
        let root = self.declare_unit(None, None);
        let mut level = vec![root];
        let mut inner = vec![false; 1];
        for depth in 0..levels {
            // Rounded at random, so that sizes grow smoothly with `g`.
            let x = level.len() as f64 * g / 8.5;
            let frac = x - x.floor();
            let expand =
                (x.floor() as usize + usize::from(self.rng.chance(frac))).clamp(1, level.len());
            // The root always expands; elsewhere a random choice.
            let mut chosen = level.clone();
            for i in (1..chosen.len()).rev() {
                let j = self.rng.below(i + 1);
                chosen.swap(i, j);
            }
            chosen.truncate(expand);
            chosen.sort_unstable();
            let mut next = Vec::new();
            for &u in &chosen {
                inner[u] = true;
                let span = self.rng.range(5, 12);
                for _ in 0..span {
                    let since =
                        (depth == 0).then(|| self.p.start_year - 1 - self.rng.below(15) as i32);
                    let c = self.declare_unit(Some(u), since);
                    inner.push(false);
                    next.push(c);
                }
            }
            level = next;
        }
        // Roles: a head per unit, staff or team members; most are filled.
        for (u, &is_inner) in inner.iter().enumerate() {
            let n = if is_inner {
                self.rng.range(1, 3)
            } else {
                self.rng.range(4, 11)
            };
            for i in 0..=n {
                let head = i == 0;
                let holder = if u == 0 && head || self.rng.chance(0.96) {
                    Some(self.declare_person())
                } else {
                    None
                };
                let r = self.declare_role(u, head, holder);
                self.units[u].roles.push(r as u32);
            }
        }
        // Everything exists before the first event (parents are declared
        // before their children).
        for u in 0..self.units.len() {
            self.bring_unit_alive(u);
        }
        self.headcount = self.active.len();
    }
}
