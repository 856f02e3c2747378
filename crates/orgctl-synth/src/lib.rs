//! A deterministic generator of realistic organisation histories, for
//! benchmarks and scale tests (`cargo run --release -p orgctl-synth`).
//!
//! The generator simulates the organisation month by month and only writes
//! changes that are valid in its own model of the state, so everything it
//! writes passes `orgctl check`. The shape: a unit tree about six levels
//! deep with spans of control of 5-12, one head role per unit and 4-11
//! other roles in each team; hires, departures, promotions, transfers
//! (with or without the role), acting appointments and their resolution,
//! vacancies, reporting-line changes, retitled roles, attributes, new and
//! eliminated roles, and now and then a reorganisation that creates,
//! dissolves into a sibling, moves and renames units. About 3% of events
//! have an imprecise date; every event has a title and a source.
//!
//! Files are split as a data repository would be: `units.toml`,
//! `roles/NN.toml`, `people/NN.toml`, and events one file per month
//! (`events/YYYY/MM.toml`, for 10,000 people and more) or per year
//! (`events/YYYY.toml`).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Params {
    /// Headcount (people holding a role at any time, roughly constant).
    pub people: usize,
    /// Years of history; about half an event per person and year.
    pub years: u32,
    pub seed: u64,
    /// The first year of events.
    pub start_year: i32,
}

impl Params {
    /// The standard sizes: `S` (1,000 people, about 10,000 events), `M`
    /// (10,000 people, about 100,000 events), `L` (100,000 people, about
    /// 1,000,000 events); 20 years, seed 7.
    pub fn size(name: &str) -> Option<Params> {
        let people = match name.to_ascii_uppercase().as_str() {
            "XS" => 100,
            "S" => 1_000,
            "M" => 10_000,
            "L" => 100_000,
            _ => return None,
        };
        Some(Params {
            people,
            ..Params::default()
        })
    }
}

impl Default for Params {
    fn default() -> Self {
        Params {
            people: 1_000,
            years: 20,
            seed: 7,
            start_year: 2005,
        }
    }
}

/// What was generated.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stats {
    pub files: usize,
    pub bytes: usize,
    pub units: usize,
    pub roles: usize,
    pub people: usize,
    pub events: usize,
    pub changes: usize,
}

/// Generates the history: file paths (relative) and their text.
pub fn generate(p: &Params) -> (Vec<(PathBuf, String)>, Stats) {
    let mut g = Gen::new(p);
    g.initial();
    g.simulate();
    g.finish()
}

/// Generates the history into `dir` (created if missing).
pub fn write(p: &Params, dir: &Path) -> std::io::Result<Stats> {
    let (files, stats) = generate(p);
    for (rel, text) in files {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(path, text)?;
    }
    Ok(stats)
}

// ----- randomness ---------------------------------------------------------

/// SplitMix64: small, fast, and the same on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        (((self.next() >> 11) as u128 * n as u128) >> 53) as usize
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    fn chance(&mut self, p: f64) -> bool {
        ((self.next() >> 11) as f64 / (1u64 << 53) as f64) < p
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// A set of ids with O(1) insert, remove and random pick.
#[derive(Default)]
struct Pool {
    items: Vec<u32>,
    pos: Vec<u32>,
}

const ABSENT: u32 = u32::MAX;

impl Pool {
    fn insert(&mut self, id: usize) {
        if self.pos.len() <= id {
            self.pos.resize(id + 1, ABSENT);
        }
        if self.pos[id] == ABSENT {
            self.pos[id] = self.items.len() as u32;
            self.items.push(id as u32);
        }
    }

    fn remove(&mut self, id: usize) {
        let Some(&p) = self.pos.get(id) else { return };
        if p == ABSENT {
            return;
        }
        let last = self.items.pop().expect("non-empty");
        if last as usize != id {
            self.items[p as usize] = last;
            self.pos[last as usize] = p;
        }
        self.pos[id] = ABSENT;
    }

    fn pick(&self, rng: &mut Rng) -> Option<usize> {
        (!self.items.is_empty()).then(|| self.items[rng.below(self.items.len())] as usize)
    }

    fn len(&self) -> usize {
        self.items.len()
    }
}

// ----- vocabulary -----------------------------------------------------------

const FIRST: &[&str] = &[
    "Ana",
    "Ben",
    "Chen",
    "Dana",
    "Elif",
    "Farid",
    "Grace",
    "Hiro",
    "Ines",
    "Jamal",
    "Kofi",
    "Lena",
    "Mateo",
    "Nadia",
    "Omar",
    "Priya",
    "Quinn",
    "Rosa",
    "Sven",
    "Tara",
    "Umar",
    "Vera",
    "Wei",
    "Ximena",
    "Yusuf",
    "Zoe",
    "Aiko",
    "Bruno",
    "Chloé",
    "Dmitri",
    "Eva",
    "François",
    "Gabriel",
    "Hana",
    "Igor",
    "Jana",
    "Kenji",
    "Lucía",
    "Mads",
    "Nia",
    "Oskar",
    "Paulo",
    "Rania",
    "Søren",
    "Thandiwe",
    "Uma",
    "Valentin",
    "Wanjiru",
    "Yara",
    "Zhang Wei",
    "Amara",
    "Björn",
    "Carmen",
    "Deepak",
    "Emeka",
    "Fatima",
    "Giulia",
    "Hamza",
    "Ingrid",
    "José",
];
const LAST: &[&str] = &[
    "Silva",
    "Okafor",
    "Nakamura",
    "Müller",
    "García",
    "Kowalski",
    "Haddad",
    "Andersen",
    "Rossi",
    "Ivanova",
    "Mensah",
    "Fernández",
    "Li",
    "Wang",
    "Kim",
    "Patel",
    "Singh",
    "Novak",
    "Dubois",
    "Jensen",
    "Costa",
    "Yilmaz",
    "Cohen",
    "Moreau",
    "Schmidt",
    "Tanaka",
    "Nguyen",
    "Hernández",
    "Popescu",
    "Larsen",
    "Ahmed",
    "Bianchi",
    "O'Brien",
    "Kaya",
    "Sato",
    "Lopez",
    "Mbeki",
    "Weber",
    "Horvat",
    "Lindqvist",
    "Achebe",
    "Svoboda",
    "Rahman",
    "Castillo",
    "Virtanen",
    "Zhou",
];
const AREAS: &[&str] = &[
    "Payments",
    "Search",
    "Ads",
    "Cloud",
    "Retail",
    "Logistics",
    "Risk",
    "Security",
    "Data",
    "Platform",
    "Mobile",
    "Identity",
    "Billing",
    "Growth",
    "Marketplace",
    "Infrastructure",
    "Analytics",
    "Customer Support",
    "Finance",
    "People",
    "Legal",
    "Sales",
    "Marketing",
    "Operations",
    "Research",
    "Design",
    "Compliance",
    "Procurement",
    "Supply Chain",
    "Trust and Safety",
    "Developer Tools",
    "Storage",
    "Networking",
    "Messaging",
    "Maps",
    "Video",
    "Music",
    "Commerce",
    "Fraud",
    "Partnerships",
];
const SUFFIXES: &[&str] = &[
    "",
    " Platform",
    " Engineering",
    " Operations",
    " Services",
    " Products",
    " Systems",
    " Strategy",
    " Foundations",
    " Experience",
];
const REGIONS: &[&str] = &[
    "",
    "",
    "",
    " EMEA",
    " APAC",
    " Americas",
    " China",
    " India",
];
const KINDS: &[&str] = &[
    "company",
    "division",
    "business unit",
    "department",
    "group",
    "team",
    "squad",
];
const HEAD_TITLES: &[&str] = &[
    "Chief Executive Officer",
    "Executive Vice President",
    "Vice President",
    "Senior Director",
    "Director",
    "Engineering Manager",
    "Team Lead",
];
const IC_TITLES: &[&str] = &[
    "Software Engineer",
    "Senior Software Engineer",
    "Staff Engineer",
    "Product Manager",
    "Data Analyst",
    "Data Scientist",
    "Product Designer",
    "Account Executive",
    "Recruiter",
    "Financial Analyst",
    "Site Reliability Engineer",
    "Program Manager",
    "Technical Writer",
    "Operations Specialist",
    "Legal Counsel",
    "Marketing Manager",
    "Support Engineer",
    "Security Engineer",
    "QA Engineer",
    "Business Analyst",
];

const MAX_DEPTH: u8 = 6;

// ----- the model --------------------------------------------------------------

struct UnitM {
    name: String,
    parent: Option<u32>,
    depth: u8,
    alive: bool,
    children: Vec<u32>,
    roles: Vec<u32>,
    /// An attribute that is sometimes set and later cleared.
    freeze: bool,
}

struct RoleM {
    title: String,
    unit: u32,
    head: bool,
    alive: bool,
    holder: Option<(u32, bool)>,
    line: Option<u32>,
}

struct PersonM {
    name: String,
    roles: Vec<u32>,
}

enum When {
    Day(i32, u32, u32),
    /// A month with `~` or `?`.
    Month(i32, u32, char),
}

impl When {
    fn toml(&self) -> String {
        match *self {
            When::Day(y, m, d) => format!("{y:04}-{m:02}-{d:02}"),
            When::Month(y, m, q) => format!("\"{y:04}-{m:02}{q}\""),
        }
    }

    fn month_label(&self) -> String {
        match *self {
            When::Day(y, m, _) | When::Month(y, m, _) => format!("{y:04}-{m:02}"),
        }
    }
}

struct Gen {
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
    /// The headcount the simulation keeps to: the initial one.
    headcount: usize,
    stats: Stats,
}

/// The records of one file are split once it holds this many.
const RECORDS_PER_FILE: usize = 40_000;

impl Gen {
    fn new(p: &Params) -> Self {
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
            per_month: p.people >= 10_000,
            headcount: 0,
            stats: Stats::default(),
        }
    }

    fn unit_key(u: usize) -> String {
        if u == 0 {
            "group".into()
        } else {
            format!("u-{u:05}")
        }
    }

    fn role_key(r: usize) -> String {
        if r == 0 {
            "ceo".into()
        } else {
            format!("r-{r:06}")
        }
    }

    fn person_key(p: usize) -> String {
        format!("p-{p:06}")
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

    // ----- declarations ------------------------------------------------------

    /// Declares a unit (written to units.toml) and its head role.
    fn declare_unit(&mut self, parent: Option<usize>, since: Option<i32>) -> usize {
        let id = self.units.len();
        let depth = parent.map_or(0, |p| self.units[p].depth + 1);
        let name = if id == 0 {
            "Acme Group".to_string()
        } else {
            self.unit_name()
        };
        let kind = KINDS[depth as usize];
        let t = &mut self.units_txt;
        let _ = write!(
            t,
            "[[unit]]\nid = \"{}\"\nname = \"{name}\"\nkind = \"{kind}\"\n",
            Self::unit_key(id)
        );
        if let Some(p) = parent {
            let _ = writeln!(t, "parent = \"{}\"", Self::unit_key(p));
        }
        if let Some(y) = since {
            let _ = writeln!(t, "since = \"{y}\"");
        }
        t.push('\n');
        self.units.push(UnitM {
            name,
            parent: parent.map(|p| p as u32),
            depth,
            alive: false,
            children: Vec::new(),
            roles: Vec::new(),
            freeze: false,
        });
        self.stats.units += 1;
        id
    }

    /// Declares a role in `unit`, with a holder from its beginning or none.
    fn declare_role(&mut self, unit: usize, head: bool, holder: Option<usize>) -> usize {
        let id = self.roles.len();
        let depth = self.units[unit].depth as usize;
        let title = if head {
            HEAD_TITLES[depth].to_string()
        } else {
            self.rng.pick(IC_TITLES).to_string()
        };
        if self.roles_in_file >= RECORDS_PER_FILE {
            self.flush_roles();
        }
        self.roles_in_file += 1;
        let t = &mut self.roles_txt;
        let _ = write!(
            t,
            "[[role]]\nid = \"{}\"\ntitle = \"{title}\"\nunit = \"{}\"\n",
            Self::role_key(id),
            Self::unit_key(unit)
        );
        if head {
            t.push_str("head = true\n");
        }
        if let Some(p) = holder {
            let _ = writeln!(t, "holder = \"{}\"", Self::person_key(p));
        }
        t.push('\n');
        self.roles.push(RoleM {
            title,
            unit: unit as u32,
            head,
            alive: false,
            holder: holder.map(|p| (p as u32, false)),
            line: None,
        });
        self.stats.roles += 1;
        id
    }

    fn declare_person(&mut self) -> usize {
        let id = self.people.len();
        let name = self.person_name();
        if self.people_in_file >= RECORDS_PER_FILE {
            self.flush_people();
        }
        self.people_in_file += 1;
        let _ = writeln!(
            self.people_txt,
            "[[person]]\nid = \"{}\"\nname = \"{name}\"\n",
            Self::person_key(id)
        );
        self.people.push(PersonM {
            name,
            roles: Vec::new(),
        });
        self.stats.people += 1;
        id
    }

    fn flush_roles(&mut self) {
        if !self.roles_txt.is_empty() {
            let n = self
                .files
                .iter()
                .filter(|(p, _)| p.starts_with("roles"))
                .count();
            let text = std::mem::take(&mut self.roles_txt);
            self.files
                .push((PathBuf::from(format!("roles/{:02}.toml", n + 1)), text));
        }
        self.roles_in_file = 0;
    }

    fn flush_people(&mut self) {
        if !self.people_txt.is_empty() {
            let n = self
                .files
                .iter()
                .filter(|(p, _)| p.starts_with("people"))
                .count();
            let text = std::mem::take(&mut self.people_txt);
            self.files
                .push((PathBuf::from(format!("people/{:02}.toml", n + 1)), text));
        }
        self.people_in_file = 0;
    }

    // ----- model updates (mirror the replay) -----------------------------------

    fn bring_unit_alive(&mut self, u: usize) {
        self.units[u].alive = true;
        let depth = self.units[u].depth as usize;
        self.by_depth[depth].insert(u);
        if let Some(p) = self.units[u].parent {
            self.units[p as usize].children.push(u as u32);
        }
        for i in 0..self.units[u].roles.len() {
            let r = self.units[u].roles[i] as usize;
            self.bring_role_alive(r);
        }
    }

    fn bring_role_alive(&mut self, r: usize) {
        self.roles[r].alive = true;
        match self.roles[r].holder {
            Some((p, _)) => {
                self.people[p as usize].roles.push(r as u32);
                self.active.insert(p as usize);
            }
            None if self.roles[r].head => self.vacant_head.insert(r),
            None => self.vacant_ic.insert(r),
        }
    }

    fn appoint(&mut self, person: usize, role: usize, acting: bool) {
        debug_assert!(self.roles[role].holder.is_none());
        self.roles[role].holder = Some((person as u32, acting));
        self.people[person].roles.push(role as u32);
        self.vacant_ic.remove(role);
        self.vacant_head.remove(role);
        if acting && self.roles[role].head {
            self.acting_heads.insert(role);
        }
        self.active.insert(person);
    }

    fn vacate(&mut self, role: usize) {
        let Some((p, _)) = self.roles[role].holder.take() else {
            return;
        };
        self.people[p as usize]
            .roles
            .retain(|&r| r as usize != role);
        if self.people[p as usize].roles.is_empty() {
            self.active.remove(p as usize);
        }
        self.acting_heads.remove(role);
        if self.roles[role].alive {
            if self.roles[role].head {
                self.vacant_head.insert(role);
            } else {
                self.vacant_ic.insert(role);
            }
        }
    }

    // ----- the initial organisation ---------------------------------------------------

    fn initial(&mut self) {
        // Leaf teams have a head and 4-11 other roles (7.5 on average);
        // inner units a head and 1-3 staff roles.
        let target_units = (self.p.people as f64 / 7.4).max(8.0);
        // The root has 5-12 children; below, each level has about `g` times
        // as many units as the one above (at least one unit expands).
        let total = |g: f64| {
            let (mut n, mut sum) = (1.0f64, 1.0f64);
            for _ in 0..MAX_DEPTH {
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
        for depth in 0..MAX_DEPTH {
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

    // ----- the simulation ------------------------------------------------------------

    fn simulate(&mut self) {
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
                    self.one_event(when);
                }
            }
        }
        self.flush_events();
    }

    fn start_events_file(&mut self, path: PathBuf) {
        self.flush_events();
        self.events_path = Some(path);
        let _ = writeln!(
            self.events_txt,
            "# Events generated by orgctl's synthetic history generator (seed {}).\n",
            self.p.seed
        );
    }

    fn flush_events(&mut self) {
        if let Some(path) = self.events_path.take() {
            let text = std::mem::take(&mut self.events_txt);
            self.files.push((path, text));
        }
    }

    /// Chooses a kind of event that can happen now and writes it.
    fn one_event(&mut self, when: When) {
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
                self.write_event(&when, ev);
                return;
            }
        }
        // Nothing fitted (tiny organisations): a retitle always can.
        if let Some(ev) = self.try_event(8, &when) {
            self.write_event(&when, ev);
        }
    }

    /// A random living role that is not a head, by rejection.
    fn some_ic_role(&mut self, filled: bool) -> Option<usize> {
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
    fn some_unit(&mut self, depth: u8) -> Option<usize> {
        self.by_depth.get(depth as usize)?.pick(&mut self.rng)
    }

    /// A person holding exactly one role, not acting and not a head.
    fn some_ic_person(&mut self) -> Option<(usize, usize)> {
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

    fn unit_of(&self, r: usize) -> usize {
        self.roles[r].unit as usize
    }

    fn try_event(&mut self, kind: usize, when: &When) -> Option<Ev> {
        let mut ev = Ev::default();
        match kind {
            0 => {
                let r = self.vacant_ic.pick(&mut self.rng)?;
                let p = self.declare_person();
                ev.title = format!(
                    "{} joins {} as {}",
                    self.people[p].name,
                    self.units[self.unit_of(r)].name,
                    self.roles[r].title
                );
                ev.appoint(p, r, false);
                self.appoint(p, r, false);
                ev.source = "HRIS export";
            }
            1 => {
                let p = self.active.pick(&mut self.rng)?;
                if self.people[p].roles.contains(&0) {
                    return None;
                }
                ev.title = format!("{} leaves the company", self.people[p].name);
                ev.change(format!(
                    "{{ op = \"leave\", person = \"{}\" }}",
                    Self::person_key(p)
                ));
                for r in self.people[p].roles.clone() {
                    self.vacate(r as usize);
                }
                ev.source = "HRIS export";
            }
            2 => {
                let h = self.vacant_head.pick(&mut self.rng)?;
                let (p, old) = self.some_ic_person()?;
                ev.title = format!(
                    "{} promoted to {}, {}",
                    self.people[p].name,
                    self.roles[h].title,
                    self.units[self.unit_of(h)].name
                );
                ev.appoint(p, h, false);
                ev.leave(p, old);
                self.appoint(p, h, false);
                self.vacate(old);
                ev.source = "All-hands announcement";
            }
            3 => {
                let (p, old) = self.some_ic_person()?;
                let r = self.vacant_ic.pick(&mut self.rng)?;
                if self.unit_of(r) == self.unit_of(old) {
                    return None;
                }
                ev.title = format!(
                    "{} moves to {}",
                    self.people[p].name,
                    self.units[self.unit_of(r)].name
                );
                ev.appoint(p, r, false);
                ev.leave(p, old);
                self.appoint(p, r, false);
                self.vacate(old);
                ev.source = "HRIS export";
            }
            4 => {
                let r = self.some_ic_role(true)?;
                let from = self.unit_of(r);
                let depth = self.units[from].depth;
                let to = self.some_unit(depth)?;
                if to == from {
                    return None;
                }
                let (p, _) = self.roles[r].holder?;
                ev.title = format!(
                    "{} and their role move to {}",
                    self.people[p as usize].name, self.units[to].name
                );
                ev.change(format!(
                    "{{ op = \"move\", role = \"{}\", to = \"{}\" }}",
                    Self::role_key(r),
                    Self::unit_key(to)
                ));
                self.units[from].roles.retain(|&x| x as usize != r);
                self.units[to].roles.push(r as u32);
                self.roles[r].unit = to as u32;
                ev.source = "Org chart snapshot";
            }
            5 => {
                let h = self.vacant_head.pick(&mut self.rng)?;
                // Someone from the unit, or from anywhere.
                let candidates: Vec<usize> = self.units[self.unit_of(h)]
                    .roles
                    .iter()
                    .filter_map(|&r| match self.roles[r as usize].holder {
                        Some((p, false)) if self.people[p as usize].roles.len() == 1 => {
                            Some(p as usize)
                        }
                        _ => None,
                    })
                    .collect();
                let p = match candidates.is_empty() {
                    false => *self.rng.pick(&candidates),
                    true => self.some_ic_person()?.0,
                };
                ev.title = format!(
                    "{} acting {}, {}",
                    self.people[p].name,
                    self.roles[h].title,
                    self.units[self.unit_of(h)].name
                );
                ev.change(format!(
                    "{{ op = \"appoint\", person = \"{}\", role = \"{}\", acting = true }}",
                    Self::person_key(p),
                    Self::role_key(h)
                ));
                self.appoint(p, h, true);
                ev.source = "Internal memo";
            }
            6 => {
                let h = self.acting_heads.pick(&mut self.rng)?;
                let (acting, _) = self.roles[h].holder?;
                let acting = acting as usize;
                let where_ = format!(
                    "{}, {}",
                    self.roles[h].title,
                    self.units[self.unit_of(h)].name
                );
                if self.rng.chance(0.5) {
                    // Confirmed in the role; gives up the old one.
                    let old: Vec<u32> = self.people[acting]
                        .roles
                        .iter()
                        .copied()
                        .filter(|&r| r as usize != h)
                        .collect();
                    ev.title = format!("{} confirmed as {where_}", self.people[acting].name);
                    ev.appoint(acting, h, false);
                    for &r in &old {
                        ev.leave(acting, r as usize);
                    }
                    self.acting_heads.remove(h);
                    self.roles[h].holder = Some((acting as u32, false));
                    for r in old {
                        self.vacate(r as usize);
                    }
                } else {
                    let (p, old) = self.some_ic_person()?;
                    ev.title = format!("{} named {where_}", self.people[p].name);
                    ev.leave(acting, h);
                    ev.appoint(p, h, false);
                    ev.leave(p, old);
                    self.vacate(h);
                    self.appoint(p, h, false);
                    self.vacate(old);
                }
                ev.source = "All-hands announcement";
            }
            7 => {
                if self.lined.len() > 0 && self.rng.chance(0.35) {
                    let r = self.lined.pick(&mut self.rng)?;
                    if !self.roles[r].alive {
                        self.lined.remove(r);
                        return None;
                    }
                    ev.title = format!("{} reports through its unit again", self.roles[r].title);
                    ev.change(format!(
                        "{{ op = \"report\", role = \"{}\", to = \"\" }}",
                        Self::role_key(r)
                    ));
                    self.roles[r].line = None;
                    self.lined.remove(r);
                } else {
                    // A dotted line to the head of the parent unit, or of a
                    // unit elsewhere.
                    let r = self.some_ic_role(false)?;
                    let u = self.unit_of(r);
                    let target_unit = match self.units[u].parent {
                        Some(p) if self.rng.chance(0.7) => p as usize,
                        _ => {
                            let d = self.units[u].depth.saturating_sub(1);
                            self.some_unit(d)?
                        }
                    };
                    let h = *self.units[target_unit]
                        .roles
                        .iter()
                        .find(|&&x| self.roles[x as usize].head)?
                        as usize;
                    if self.roles[r].line == Some(h as u32) {
                        return None;
                    }
                    ev.title = format!(
                        "{}, {} now reports to the {}",
                        self.roles[r].title, self.units[u].name, self.roles[h].title
                    );
                    ev.change(format!(
                        "{{ op = \"report\", role = \"{}\", to = \"{}\" }}",
                        Self::role_key(r),
                        Self::role_key(h)
                    ));
                    self.roles[r].line = Some(h as u32);
                    self.lined.insert(r);
                }
                ev.source = "Org chart snapshot";
            }
            8 => {
                let r = self.some_ic_role(false)?;
                let mut title = self.rng.pick(IC_TITLES).to_string();
                if title == self.roles[r].title {
                    title = format!("Senior {title}");
                }
                ev.title = format!("{} retitled {title}", self.roles[r].title);
                ev.change(format!(
                    "{{ op = \"rename\", role = \"{}\", title = \"{title}\" }}",
                    Self::role_key(r)
                ));
                self.roles[r].title = title;
                ev.source = "HRIS export";
            }
            9 => {
                let depth = self.rng.range(1, MAX_DEPTH as usize) as u8;
                let u = self.some_unit(depth)?;
                if self.rng.chance(0.3) {
                    let name = self.units[u].name.clone();
                    let (op, title) = if self.units[u].freeze {
                        self.units[u].freeze = false;
                        ("\"\"", format!("Hiring freeze lifted in {name}"))
                    } else {
                        self.units[u].freeze = true;
                        ("\"yes\"", format!("Hiring freeze in {name}"))
                    };
                    ev.title = title;
                    ev.change(format!(
                        "{{ op = \"set\", unit = \"{}\", key = \"hiring-freeze\", value = {op} }}",
                        Self::unit_key(u)
                    ));
                } else {
                    let cc = self.rng.range(1000, 9999);
                    ev.title = format!("{} moves to cost centre CC-{cc}", self.units[u].name);
                    ev.change(format!(
                        "{{ op = \"set\", unit = \"{}\", key = \"cost-centre\", value = \"CC-{cc}\" }}",
                        Self::unit_key(u)
                    ));
                }
                ev.source = "Quarterly report";
            }
            10 => {
                let depth = self.rng.range(1, MAX_DEPTH as usize) as u8;
                let u = self.some_unit(depth)?;
                let r = self.declare_role(u, false, None);
                ev.title = format!(
                    "New {} position in {}",
                    self.roles[r].title, self.units[u].name
                );
                ev.change(format!(
                    "{{ op = \"create\", role = \"{}\" }}",
                    Self::role_key(r)
                ));
                self.units[u].roles.push(r as u32);
                self.bring_role_alive(r);
                ev.source = "Internal memo";
            }
            11 => {
                let r = self.vacant_ic.pick(&mut self.rng)?;
                ev.title = format!(
                    "{} position in {} eliminated",
                    self.roles[r].title,
                    self.units[self.unit_of(r)].name
                );
                ev.change(format!(
                    "{{ op = \"eliminate\", role = \"{}\" }}",
                    Self::role_key(r)
                ));
                let u = self.unit_of(r);
                self.units[u].roles.retain(|&x| x as usize != r);
                self.roles[r].alive = false;
                self.vacant_ic.remove(r);
                self.lined.remove(r);
                ev.source = "Internal memo";
            }
            _ => return self.reorganisation(when),
        }
        Some(ev)
    }

    /// One to four structural changes in one event.
    fn reorganisation(&mut self, when: &When) -> Option<Ev> {
        let mut ev = Ev {
            source: "Press release",
            ..Ev::default()
        };
        let steps = self.rng.range(1, 4);
        let mut what = Vec::new();
        for _ in 0..steps {
            match self.rng.below(4) {
                0 => {
                    // A new unit, with a head and a few roles.
                    let depth = self.rng.range(0, MAX_DEPTH as usize - 1) as u8;
                    let Some(parent) = self.some_unit(depth) else {
                        continue;
                    };
                    let u = self.declare_unit(Some(parent), None);
                    for i in 0..=self.rng.range(3, 6) {
                        let r = self.declare_role(u, i == 0, None);
                        self.units[u].roles.push(r as u32);
                    }
                    ev.change(format!(
                        "{{ op = \"create\", unit = \"{}\" }}",
                        Self::unit_key(u)
                    ));
                    self.bring_unit_alive(u);
                    what.push(format!("creates {}", self.units[u].name));
                }
                1 => {
                    // Dissolved into a sibling.
                    let depth = self.rng.range(2, MAX_DEPTH as usize) as u8;
                    let Some(u) = self.some_unit(depth) else {
                        continue;
                    };
                    let Some(parent) = self.units[u].parent.map(|p| p as usize) else {
                        continue;
                    };
                    let siblings: Vec<u32> = self.units[parent]
                        .children
                        .iter()
                        .copied()
                        .filter(|&c| c as usize != u)
                        .collect();
                    if siblings.is_empty() {
                        continue;
                    }
                    let into = *self.rng.pick(&siblings) as usize;
                    ev.change(format!(
                        "{{ op = \"dissolve\", unit = \"{}\", into = \"{}\" }}",
                        Self::unit_key(u),
                        Self::unit_key(into)
                    ));
                    what.push(format!(
                        "folds {} into {}",
                        self.units[u].name, self.units[into].name
                    ));
                    self.dissolve(u, into);
                }
                2 => {
                    // Moved under another unit at the same depth as its parent.
                    let depth = self.rng.range(2, MAX_DEPTH as usize) as u8;
                    let Some(u) = self.some_unit(depth) else {
                        continue;
                    };
                    let Some(old) = self.units[u].parent.map(|p| p as usize) else {
                        continue;
                    };
                    let Some(to) = self.some_unit(depth - 1) else {
                        continue;
                    };
                    if to == old {
                        continue;
                    }
                    ev.change(format!(
                        "{{ op = \"move\", unit = \"{}\", to = \"{}\" }}",
                        Self::unit_key(u),
                        Self::unit_key(to)
                    ));
                    what.push(format!(
                        "moves {} under {}",
                        self.units[u].name, self.units[to].name
                    ));
                    self.units[old].children.retain(|&c| c as usize != u);
                    self.units[to].children.push(u as u32);
                    self.units[u].parent = Some(to as u32);
                }
                _ => {
                    let depth = self.rng.range(1, MAX_DEPTH as usize) as u8;
                    let Some(u) = self.some_unit(depth) else {
                        continue;
                    };
                    let name = self.unit_name();
                    if name == self.units[u].name {
                        continue;
                    }
                    ev.change(format!(
                        "{{ op = \"rename\", unit = \"{}\", name = \"{name}\" }}",
                        Self::unit_key(u)
                    ));
                    what.push(format!("renames {} to {name}", self.units[u].name));
                    self.units[u].name = name;
                }
            }
        }
        if ev.changes.is_empty() {
            return None;
        }
        ev.title = format!("Reorganisation: {}", what.join("; "));
        if self.rng.chance(0.3) {
            ev.note = Some(format!("announced at the {} all-hands", when.month_label()));
        }
        Some(ev)
    }

    fn dissolve(&mut self, u: usize, into: usize) {
        let depth = self.units[u].depth as usize;
        self.units[u].alive = false;
        self.by_depth[depth].remove(u);
        if let Some(p) = self.units[u].parent {
            self.units[p as usize].children.retain(|&c| c as usize != u);
        }
        for c in std::mem::take(&mut self.units[u].children) {
            self.units[c as usize].parent = Some(into as u32);
            self.units[into].children.push(c);
        }
        for r in std::mem::take(&mut self.units[u].roles) {
            let r = r as usize;
            self.roles[r].unit = into as u32;
            self.units[into].roles.push(r as u32);
            if self.roles[r].head {
                // It moves as an ordinary role.
                self.roles[r].head = false;
                self.acting_heads.remove(r);
                if self.roles[r].holder.is_none() {
                    self.vacant_head.remove(r);
                    self.vacant_ic.insert(r);
                }
            }
        }
    }

    fn write_event(&mut self, when: &When, ev: Ev) {
        let n = self.stats.events;
        self.stats.events += 1;
        self.stats.changes += ev.changes.len();
        let t = &mut self.events_txt;
        let _ = write!(t, "[[event]]\nid = \"e-{n:07}\"\ndate = {}\n", when.toml());
        if let When::Month(y, m, _) = *when {
            // Learnt of later.
            let (y2, m2) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
            let _ = writeln!(t, "reported = {y2:04}-{m2:02}-{:02}", 1 + n % 28);
        }
        let _ = writeln!(t, "title = \"{}\"", ev.title);
        let _ = writeln!(t, "sources = [\"{}, {}\"]", ev.source, when.month_label());
        if let Some(note) = &ev.note {
            let _ = writeln!(t, "note = \"{note}\"");
        }
        if let [c] = &ev.changes[..] {
            let _ = writeln!(t, "changes = [{c}]\n");
        } else {
            t.push_str("changes = [\n");
            for c in &ev.changes {
                let _ = writeln!(t, "  {c},");
            }
            t.push_str("]\n\n");
        }
    }

    fn finish(mut self) -> (Vec<(PathBuf, String)>, Stats) {
        self.flush_roles();
        self.flush_people();
        let units = std::mem::take(&mut self.units_txt);
        self.files.push((PathBuf::from("units.toml"), units));
        self.files.sort_by(|a, b| a.0.cmp(&b.0));
        self.stats.files = self.files.len();
        self.stats.bytes = self.files.iter().map(|(_, t)| t.len()).sum();
        (self.files, self.stats)
    }
}

/// An event being written.
#[derive(Default)]
struct Ev {
    title: String,
    source: &'static str,
    note: Option<String>,
    changes: Vec<String>,
}

impl Ev {
    fn change(&mut self, c: String) {
        self.changes.push(c);
    }

    fn appoint(&mut self, p: usize, r: usize, acting: bool) {
        let acting = if acting { ", acting = true" } else { "" };
        self.changes.push(format!(
            "{{ op = \"appoint\", person = \"{}\", role = \"{}\"{acting} }}",
            Gen::person_key(p),
            Gen::role_key(r)
        ));
    }

    fn leave(&mut self, p: usize, r: usize) {
        self.changes.push(format!(
            "{{ op = \"leave\", person = \"{}\", role = \"{}\" }}",
            Gen::person_key(p),
            Gen::role_key(r)
        ));
    }
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        _ => 28,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_files() {
        let p = Params {
            people: 200,
            years: 3,
            ..Params::default()
        };
        let (a, sa) = generate(&p);
        let (b, sb) = generate(&p);
        assert_eq!(sa, sb);
        assert!(a == b);
        let (c, _) = generate(&Params { seed: 8, ..p });
        assert!(a != c);
    }
}
