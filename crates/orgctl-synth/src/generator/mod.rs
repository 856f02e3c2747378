//! The generator: a model of the organisation that is simulated month by
//! month, and the TOML text written as it goes. Its methods are split by
//! what they do:
//!
//! - `declare`: new units, roles and people, declared in their files;
//! - `state`: updates of the model, mirroring what the replay does;
//! - `initial`: the organisation before the first event;
//! - `simulate`: the months and the choice of an event;
//! - `events`: the events that change people and roles;
//! - `reorg`: reorganisations, which change units;
//! - `text`: the files and the text of events (`Ev`);
//! - `hr`, `news`: what the `hr` and `news` shapes write differently.

mod declare;
mod events;
mod hr;
mod initial;
mod news;
mod reorg;
mod simulate;
mod snapshot;
mod state;
mod text;

use std::path::PathBuf;

use crate::model::{MAX_DEPTH, PersonM, RoleM, UnitM};
use crate::names::{AREAS, FIRST, LAST, REGIONS, SUFFIXES};
use crate::pool::Pool;
use crate::rng::Rng;
use crate::{Params, Shape, Stats};

pub(crate) struct Gen {
    p: Params,
    rng: Rng,
    units: Vec<UnitM>,
    roles: Vec<RoleM>,
    people: Vec<PersonM>,
    active: Pool,
    vacant_ic: Pool,
    vacant_head: Pool,
    acting_heads: Pool,
    lined: Pool,
    by_depth: Vec<Pool>,
    // Output.
    files: Vec<(PathBuf, String)>,
    units_txt: String,
    roles_txt: String,
    roles_in_file: usize,
    people_txt: String,
    people_in_file: usize,
    events_txt: String,
    events_path: Option<PathBuf>,
    per_month: bool,
    /// The headcount the initial organisation is built for (`people`, or
    /// a newsroom's few for the `news` shape).
    org_people: usize,
    /// The headcount the simulation keeps to: the initial one.
    headcount: usize,
    stats: Stats,
}

/// The records of one file are split once it holds this many.
const RECORDS_PER_FILE: usize = 40_000;

impl Gen {
    pub(crate) fn new(p: &Params) -> Self {
        Gen {
            p: *p,
            rng: Rng(p.seed ^ 0x6f72_6763_746c),
            units: Vec::new(),
            roles: Vec::new(),
            people: Vec::new(),
            active: Pool::default(),
            vacant_ic: Pool::default(),
            vacant_head: Pool::default(),
            acting_heads: Pool::default(),
            lined: Pool::default(),
            by_depth: (0..=MAX_DEPTH).map(|_| Pool::default()).collect(),
            files: Vec::new(),
            units_txt: String::new(),
            roles_txt: String::new(),
            roles_in_file: 0,
            people_txt: String::new(),
            people_in_file: 0,
            events_txt: String::new(),
            events_path: None,
            per_month: p.shape == Shape::Default && p.people >= 10_000,
            org_people: match p.shape {
                Shape::News => ((p.people as f64).sqrt() * 1.5).round().max(12.0) as usize,
                _ => p.people,
            },
            headcount: 0,
            stats: Stats::default(),
        }
    }

    pub(crate) fn unit_key(u: usize) -> String {
        if u == 0 {
            "group".into()
        } else {
            format!("u-{u:05}")
        }
    }

    pub(crate) fn role_key(r: usize) -> String {
        if r == 0 {
            "ceo".into()
        } else {
            format!("r-{r:06}")
        }
    }

    fn person_key(p: usize) -> String {
        format!("p-{p:06}")
    }

    /// Person `p`'s id in the files.
    fn pkey(&self, p: usize) -> &str {
        &self.people[p].key
    }

    fn shape(&self) -> Shape {
        self.p.shape
    }

    fn unit_name(&mut self) -> String {
        let area = *self.rng.pick(AREAS);
        let suffix = *self.rng.pick(SUFFIXES);
        let region = *self.rng.pick(REGIONS);
        format!("{area}{suffix}{region}")
    }

    fn person_name(&mut self) -> String {
        let f = *self.rng.pick(FIRST);
        let l = *self.rng.pick(LAST);
        format!("{f} {l}")
    }
}
