//! `orgctl import snapshots --key post`: organograms, a row per post. A
//! post is a role that keeps its id while it lives; its holder is a
//! person named, a vacancy marker or none recorded; a post whose id
//! changes while its holder, title and unit stay is renumbered, not
//! eliminated and created.

use crate::support::{Org, Run, orgctl, orgctl_in};

const HEADER: &str =
    "Post Unique Reference,Name,Grade (or equivalent),Job Title,Unit,Reports to Senior Post\n";

/// A department on 31 March 2024: the Permanent Secretary, a vacant
/// Director of Policy with a deputy not disclosed, a Director of Finance.
const MARCH: &str = "\
P1,Jo Smith,SCS4,Permanent Secretary,Office of the Permanent Secretary,XX
P2,Vacant,SCS2,Director of Policy,Policy,P1
P3,N/D,SCS1,Deputy Director Policy,Policy,P2
P4,Al Khan,SCS2,Director of Finance,Finance,P1
";

/// 30 June: both Policy posts filled; Finance's post renumbered P9; a
/// new vacant deputy post under it.
const JUNE: &str = "\
P1,Jo Smith,SCS4,Permanent Secretary,Office of the Permanent Secretary,XX
P2,Sam Lee,SCS2,Director of Policy,Policy,P1
P3,Kim Ng,SCS1,Deputy Director Policy,Policy,P2
P9,Al Khan,SCS2,Director of Finance,Finance,P1
P5,Vacant,SCS1,Deputy Director Finance,Finance,P9
";

/// 30 September: P2 retitled and vacant again; P3 moved to Finance
/// (its holder not disclosed); P5 gone.
const SEPTEMBER: &str = "\
P1,Jo Smith,SCS4,Permanent Secretary,Office of the Permanent Secretary,XX
P2,Vacant,SCS2,Director of Policy and Strategy,Policy,P1
P3,N/D,SCS1,Deputy Director Policy,Finance,P9
P9,Al Khan,SCS2,Director of Finance,Finance,P1
";

fn organograms() -> Org {
    Org::new()
        .file("org-2024-03-31.csv", &format!("{HEADER}{MARCH}"))
        .file("org-2024-06-30.csv", &format!("{HEADER}{JUNE}"))
        .file("org-2024-09-30.csv", &format!("{HEADER}{SEPTEMBER}"))
}

const ALL: [&str; 3] = [
    "org-2024-03-31.csv",
    "org-2024-06-30.csv",
    "org-2024-09-30.csv",
];

fn import(dir: &Org, args: &[&str]) -> Run {
    let mut all = vec!["import", "snapshots", "--key", "post"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--out", "org"]);
    orgctl_in(dir.path(), &[], &all)
}

fn lines_at(dir: &Org, day: &str) -> String {
    let out = orgctl(Some(&dir.path().join("org")), &["at", day])
        .ok()
        .to_string();
    let start = out.find("Reporting lines\n").expect("reporting lines") + "Reporting lines\n".len();
    let end = out.find("\nUnits\n").expect("units");
    // Without the marks of a window's days ("[uncertain: within ...]").
    let mut lines = String::new();
    for mut line in out[start..end].lines() {
        let mut kept = String::new();
        while let Some(i) = line.find(" [") {
            kept.push_str(&line[..i]);
            line = line[i..].split_once(']').map_or("", |(_, rest)| rest);
        }
        kept.push_str(line);
        lines.push_str(&kept);
        lines.push('\n');
    }
    lines
}

#[test]
fn posts_are_roles_with_their_holder_a_vacancy_or_none_recorded() {
    let dir = organograms();
    let run = import(&dir, &ALL);
    run.ok();
    assert_eq!(
        lines_at(&dir, "2024-03-31"),
        "\
Jo Smith — Permanent Secretary, Office of the Permanent Secretary
├── (no holder recorded) — Director of Policy, Policy
│   └── (no holder recorded) — Deputy Director Policy, Policy
└── Al Khan — Director of Finance, Finance
"
    );
    assert_eq!(
        lines_at(&dir, "2024-06-30"),
        "\
Jo Smith — Permanent Secretary, Office of the Permanent Secretary
├── Sam Lee — Director of Policy, Policy
│   └── Kim Ng — Deputy Director Policy, Policy
└── Al Khan — Director of Finance, Finance
    └── (no holder recorded) — Deputy Director Finance, Finance
"
    );
    assert_eq!(
        lines_at(&dir, "2024-09-30"),
        "\
Jo Smith — Permanent Secretary, Office of the Permanent Secretary
├── (vacant) — Director of Policy and Strategy, Policy
└── Al Khan — Director of Finance, Finance
    └── (no holder recorded) — Deputy Director Policy, Finance
"
    );
    assert!(run.stderr.contains(
        "org-2024-03-31.csv: id ← \"Post Unique Reference\", name ← \"Name\", title ← \"Job Title\", unit ← \"Unit\", manager ← \"Reports to Senior Post\"; not read: \"Grade (or equivalent)\"\n"
    ));
}

#[test]
fn each_post_that_changed_is_one_event_and_a_renumbered_post_keeps_its_role() {
    let dir = organograms();
    import(&dir, &ALL).ok();
    assert_eq!(
        dir.read("org/events/2024-06-30.toml"),
        r#"[[event]]
date = "2024-03-31/2024-06-30"
title = "Director of Policy, Policy (post p2) is filled by Sam Lee"
sources = ["org-2024-06-30.csv (snapshot of 2024-06-30)"]
changes = [
  { op = "appoint", person = "p-sam-lee", role = "r-p2" },
]

[[event]]
date = "2024-03-31/2024-06-30"
title = "Director of Finance, Finance (post p9) is renumbered from p4"
sources = ["org-2024-06-30.csv (snapshot of 2024-06-30)"]
changes = [
  { op = "set", role = "r-p4", key = "post", value = "p9" },
]

[[event]]
date = "2024-03-31/2024-06-30"
title = "Deputy Director Policy, Policy (post p3) is filled by Kim Ng"
sources = ["org-2024-06-30.csv (snapshot of 2024-06-30)"]
changes = [
  { op = "appoint", person = "p-kim-ng", role = "r-p3" },
]

[[event]]
date = "2024-03-31/2024-06-30"
title = "Deputy Director Finance, Finance (post p5) is created"
sources = ["org-2024-06-30.csv (snapshot of 2024-06-30)"]
changes = [
  { op = "create", role = "r-p5" },
  { op = "report", role = "r-p5", to = "r-p4" },
]
"#
    );
    assert_eq!(
        dir.read("org/events/2024-09-30.toml"),
        r#"[[event]]
date = "2024-06-30/2024-09-30"
title = "Director of Policy, Policy (post p2) is retitled Director of Policy and Strategy, falls vacant (Sam Lee leaves)"
sources = ["org-2024-09-30.csv (snapshot of 2024-09-30)"]
changes = [
  { op = "rename", role = "r-p2", title = "Director of Policy and Strategy" },
  { op = "leave", person = "p-sam-lee", role = "r-p2" },
]

[[event]]
date = "2024-06-30/2024-09-30"
title = "Deputy Director Policy, Policy (post p3) moves from Policy to Finance, now reports to post p9, has no holder recorded (Kim Ng leaves)"
sources = ["org-2024-09-30.csv (snapshot of 2024-09-30)"]
changes = [
  { op = "move", role = "r-p3", to = "u-finance" },
  { op = "report", role = "r-p3", to = "r-p4" },
  { op = "unrecorded", role = "r-p3" },
]

[[event]]
date = "2024-06-30/2024-09-30"
title = "Deputy Director Finance, Finance (post p5) is eliminated"
sources = ["org-2024-09-30.csv (snapshot of 2024-09-30)"]
changes = [
  { op = "eliminate", role = "r-p5" },
]
"#
    );
}

#[test]
fn a_vacancy_never_held_is_warned_and_the_movement_counts_holders() {
    let dir = organograms();
    let run = import(&dir, &ALL);
    assert!(run.stderr.contains(
        "\
warning: org-2024-03-31.csv:3: this post is marked vacant but was never held in the record: it is recorded with no holder (the format cannot yet record a vacancy no holder left)
warning: org-2024-06-30.csv:6: this post is marked vacant but was never held in the record: it is recorded with no holder (the format cannot yet record a vacancy no holder left)
"
    ), "{}", run.stderr);
    assert!(
        run.stdout.ends_with(
            "\
Movement 2024-06-30 to 2024-09-30
unit                               before  hires  departures  in  out  after
Finance                                 1      0           0   0    0      1
Office of the Permanent Secretary       1      0           0   0    0      1
Policy                                  2      0           2   0    0      0
total                                   4      0           2   0    0      2
reconciled: before + hires - departures + in - out = after, in every row
"
        ),
        "{}",
        run.stdout
    );
}

#[test]
fn post_imports_continue_and_repeat_like_person_imports() {
    let dir = organograms();
    import(&dir, &ALL[..2]).ok();
    import(&dir, &ALL[2..]).ok();
    let whole = organograms();
    import(&whole, &ALL).ok();
    for file in [
        "roles.toml",
        "people.toml",
        "events/2024-06-30.toml",
        "events/2024-09-30.toml",
    ] {
        let file = format!("org/{file}");
        assert_eq!(dir.read(&file), whole.read(&file), "{file}");
    }
    let before = dir.snapshot();
    import(&dir, &ALL).ok();
    assert_eq!(dir.snapshot(), before);
}

#[test]
fn markers_are_configurable_and_a_post_reporting_to_itself_is_a_top() {
    let dir = Org::new().file(
        "o-2024-01-31.csv",
        "Post,Holder,Title,Unit,Reports To\n1,Ada,Head,Core,1\n2,Gone,Lead,Core,1\n3,?,Lead,Core,1\n4,Bo,Lead,Core,77\n",
    );
    let run = orgctl_in(
        dir.path(),
        &[],
        &[
            "import",
            "snapshots",
            "--key",
            "post",
            "o-2024-01-31.csv",
            "--out",
            "org",
            "--map",
            "id=Post",
            "--vacant",
            "Gone",
            "--unrecorded",
            "?",
        ],
    );
    run.ok();
    assert!(
        run.stderr.contains(
            "warning: o-2024-01-31.csv:2: post '1' (Ada) reports to itself: a top of the tree\n"
        ),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("warning: o-2024-01-31.csv:5: the manager of post '4' (Bo), '77', names no row of this snapshot: a top of the tree\n"), "{}", run.stderr);
    assert_eq!(
        lines_at(&dir, "2024-01-31"),
        "Ada — Head, Core\n├── (no holder recorded) — Lead, Core\n└── (no holder recorded) — Lead, Core\nBo — Lead, Core\n"
    );
}

/// A post held, then not disclosed, then vacant, then not disclosed,
/// then held: each state follows each, written `unrecorded`, `vacate`
/// and `appoint`.
#[test]
fn a_holder_not_disclosed_is_recorded_as_unrecorded_and_each_state_follows_each() {
    let rows = [
        ("2024-01-31", "P2,Sam Lee,SCS2,Director,Policy,P1"),
        ("2024-02-29", "P2,N/D,SCS2,Director,Policy,P1"),
        ("2024-03-31", "P2,Vacant,SCS2,Director,Policy,P1"),
        ("2024-04-30", "P2,N/D,SCS2,Director,Policy,P1"),
        ("2024-05-31", "P2,Kim Ng,SCS2,Director,Policy,P1"),
    ];
    let mut dir = Org::new();
    let mut files = Vec::new();
    for (day, row) in rows {
        let name = format!("org-{day}.csv");
        let top = "P1,Jo Smith,SCS4,Permanent Secretary,Office,\n";
        dir = dir.file(&name, &format!("{HEADER}{top}{row}\n"));
        files.push(name);
    }
    let files: Vec<&str> = files.iter().map(String::as_str).collect();
    let run = import(&dir, &files);
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    let director = |day: &str| {
        lines_at(&dir, day)
            .lines()
            .nth(1)
            .expect("the director's line")
            .to_string()
    };
    let seen: Vec<String> = [
        "2024-01-31",
        "2024-02-29",
        "2024-03-31",
        "2024-04-30",
        "2024-05-31",
    ]
    .iter()
    .map(|d| director(d))
    .collect();
    assert_eq!(
        seen,
        [
            "└── Sam Lee — Director, Policy",
            "└── (no holder recorded) — Director, Policy",
            "└── (vacant) — Director, Policy",
            "└── (no holder recorded) — Director, Policy",
            "└── Kim Ng — Director, Policy",
        ]
    );
    let events = std::fs::read_to_string(dir.path().join("org/events/2024-03-31.toml"))
        .expect("the March events");
    assert!(
        events.contains("changes = [\n  { op = \"vacate\", role = \"r-p2\" },\n]"),
        "{events}"
    );
}

/// A post left out of one snapshot (or eliminated and reinstated) that
/// returns under the same id: its role comes back, not a second role.
const RETURNING: [(&str, &str); 4] = [
    (
        "2024-01-31",
        "P2,Sam Lee,SCS2,Director,Policy,P1\nP3,Kim Ng,SCS1,Analyst,Policy,P2\n",
    ),
    ("2024-02-29", "P3,Kim Ng,SCS1,Analyst,Policy,P1\n"),
    (
        "2024-03-31",
        "P2,Vacant,SCS2,Director of Policy,Policy,P1\nP3,Kim Ng,SCS1,Analyst,Policy,P2\n",
    ),
    (
        "2024-04-30",
        "P2,Al Khan,SCS2,Director of Policy,Finance,P1\nP3,N/D,SCS1,Analyst,Policy,P2\n",
    ),
];

fn returning() -> (Org, Vec<String>) {
    let mut dir = Org::new();
    let mut files = Vec::new();
    for (day, rows) in RETURNING {
        let name = format!("org-{day}.csv");
        let top = "P1,Jo Smith,SCS4,Permanent Secretary,Office,\nP4,Ed Park,SCS2,Director of Finance,Finance,P1\n";
        dir = dir.file(&name, &format!("{HEADER}{top}{rows}"));
        files.push(name);
    }
    (dir, files)
}

const RETURNING_LINES: [&str; 4] = [
    "\
Jo Smith — Permanent Secretary, Office
├── Sam Lee — Director, Policy
│   └── Kim Ng — Analyst, Policy
└── Ed Park — Director of Finance, Finance
",
    "\
Jo Smith — Permanent Secretary, Office
├── Ed Park — Director of Finance, Finance
└── Kim Ng — Analyst, Policy
",
    "\
Jo Smith — Permanent Secretary, Office
├── (vacant) — Director of Policy, Policy
│   └── Kim Ng — Analyst, Policy
└── Ed Park — Director of Finance, Finance
",
    "\
Jo Smith — Permanent Secretary, Office
├── Al Khan — Director of Policy, Finance
│   └── (no holder recorded) — Analyst, Policy
└── Ed Park — Director of Finance, Finance
",
];

#[test]
fn a_post_that_returns_under_the_same_id_is_its_role_come_back() {
    let (dir, files) = returning();
    let files: Vec<&str> = files.iter().map(String::as_str).collect();
    let run = import(&dir, &files);
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    for ((day, _), want) in RETURNING.iter().zip(RETURNING_LINES) {
        assert_eq!(lines_at(&dir, day), want, "on {day}");
    }
    let roles = std::fs::read_to_string(dir.path().join("org/roles.toml")).expect("roles");
    assert!(!roles.contains("r-p2-2"), "{roles}");
    let march = std::fs::read_to_string(dir.path().join("org/events/2024-03-31.toml"))
        .expect("the March events");
    assert!(
        march.contains(
            "title = \"Director, Policy (post p2) comes back, is retitled Director of Policy\""
        ),
        "{march}"
    );
    assert!(
        march.contains("  { op = \"create\", role = \"r-p2\" },\n  { op = \"rename\", role = \"r-p2\", title = \"Director of Policy\" },\n]"),
        "{march}"
    );
    let history = orgctl(Some(&dir.path().join("org")), &["history", "r-p2"])
        .ok()
        .to_string();
    let lives: Vec<&str> = history
        .lines()
        .filter(|l| l.contains("  exists  "))
        .collect();
    assert_eq!(lives.len(), 2, "{history}");
    orgctl(Some(&dir.path().join("org")), &["check", "--strict"]).ok();
}

#[test]
fn a_post_returns_the_same_way_when_imported_one_snapshot_at_a_time() {
    let (dir, files) = returning();
    for f in &files {
        import(&dir, &[f]).ok();
    }
    for ((day, _), want) in RETURNING.iter().zip(RETURNING_LINES) {
        assert_eq!(lines_at(&dir, day), want, "on {day}");
    }
    let roles = std::fs::read_to_string(dir.path().join("org/roles.toml")).expect("roles");
    assert!(!roles.contains("r-p2-2"), "{roles}");
}
