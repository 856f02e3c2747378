//! The subsets against the whole history: every question of generated S
//! asked of both, byte for byte; and damaged files never misread.

use std::io::Cursor;

use chrono::NaiveDate;

use super::{Ask, person_subset};
use crate::cache::place::Place;
use crate::ids::PersonId;
use crate::query::{self, Index};
use crate::render::{self, Format, Options};
use crate::timeline::History;

const KEY: [u64; 2] = [7, 11];

/// The cache file and its index, as bytes.
fn files(h: &History) -> (Vec<u8>, Vec<u8>) {
    crate::cache::files_of(h, &KEY)
}

/// A question as orgctl's command line asks it.
#[derive(Clone, Copy, Debug)]
enum Q {
    Show,
    Chain,
    /// `who-reports-to`, with `--all`, `--dotted`, `--depth 2`.
    Reports,
    All,
    Dotted,
    Depth2,
    History,
}

const QUESTIONS: [Q; 7] = [
    Q::Show,
    Q::Chain,
    Q::Reports,
    Q::All,
    Q::Dotted,
    Q::Depth2,
    Q::History,
];

impl Q {
    /// What `load_for` asks of the cache.
    fn ask(self, day: NaiveDate) -> Ask {
        match self {
            Q::Show => Ask::Show(day),
            Q::Chain => Ask::Chain(day),
            Q::Reports | Q::Dotted => Ask::Reports { day, all: false },
            Q::All | Q::Depth2 => Ask::Reports { day, all: true },
            Q::History => Ask::History,
        }
    }
}

fn subset(file: &[u8], index: &[u8], query: &str, ask: Ask) -> Option<History> {
    let mut p = Place::open(Cursor::new(file), Cursor::new(index), &KEY)?;
    person_subset(&mut p, query, ask)
}

/// `q` of `query` on `day` as orgctl prints it (as `app::run_on` runs
/// it), or its error.
fn answer(h: &History, q: Q, query: &str, day: NaiveDate, format: Format) -> String {
    let r = render::renderer(format);
    let mut o = Options::plain();
    let found = match q {
        Q::History => query::find_on(h, query, None),
        _ => query::find_on(h, query, Some(day)),
    }
    .expect("found");
    let mut out = format!("{:?}\n", found.note).into_bytes();
    let f = found.found;
    let index = || Index::new(h);
    let shown = match q {
        Q::Show => r.show(&mut out, &query::show(h, &index(), f, day), &o),
        Q::Chain => match query::chain(h, f, day) {
            Ok(c) => r.chain(&mut out, &c, &o),
            Err(e) => return format!("{e}"),
        },
        Q::Reports | Q::All | Q::Dotted | Q::Depth2 => {
            let all = matches!(q, Q::All | Q::Depth2);
            let rep = match q {
                Q::Dotted => query::who_reports_dotted(h, f, day),
                _ => query::who_reports_to(h, f, day, all),
            };
            let mut rep = match rep {
                Ok(rep) => rep,
                Err(e) => return format!("{e}"),
            };
            if let Q::Depth2 = q {
                rep.limit_depth(2);
            }
            o.all = all;
            r.reports(&mut out, &rep, &o)
        }
        Q::History => r.history(&mut out, &query::history(h, &index(), f), &o),
    };
    shown.expect("shown");
    String::from_utf8(out).expect("UTF-8")
}

fn days(h: &History) -> Vec<NaiveDate> {
    let first = h.events.first().expect("events").date.first_day();
    let last = h.events.last().expect("events").date.first_day();
    let span = (last - first).num_days();
    [0, span / 3, span / 2, span - 30, span + 400]
        .into_iter()
        .map(|d| first + chrono::Duration::days(d))
        .collect()
}

/// Every question about a person (`show`, `chain`, `who-reports-to`
/// with and without `--all`, `--dotted`, `--depth`, `history`), the
/// person named by id or by name, on days across the history, in text and
/// JSON, is answered the same from the subset read in place as from the
/// whole history; a name that is not one person's whole name is left to
/// the whole history.
#[test]
fn a_question_about_a_person_read_in_place_is_answered_as_from_the_whole_history() {
    let s = orgctl_synth::Params::size("S").expect("size S");
    for (texts, big) in [
        (crate::load::bundled::files(), false),
        (orgctl_synth::generate(&s).0, true),
    ] {
        let h = crate::load::load_texts(texts).expect("valid");
        let (file, index) = files(&h);
        let step = (h.people.len() / 24).max(1);
        let mut answered = [0usize; QUESTIONS.len()];
        let mut smaller = [0usize; QUESTIONS.len()];
        for i in (0..h.people.len()).step_by(step) {
            let p = h.person(PersonId::new(i));
            for query in [p.key.as_str(), p.latest_name()] {
                for day in days(&h) {
                    for (n, q) in QUESTIONS.into_iter().enumerate() {
                        let by_name = query != p.key.as_str();
                        if matches!(q, Q::History) && day != days(&h)[0]
                            || by_name && !matches!(q, Q::Show | Q::History)
                        {
                            continue;
                        }
                        let Some(sub) = subset(&file, &index, query, q.ask(day)) else {
                            // Only a name shared by several records, or
                            // everyone below the top of the organisation.
                            assert!(
                                query::find_on(&h, query, Some(day)).is_err()
                                    || query != p.key.as_str()
                                    || matches!(q, Q::All | Q::Depth2),
                                "{q:?} {query} on {day}"
                            );
                            continue;
                        };
                        answered[n] += 1;
                        smaller[n] += usize::from(sub.events.len() * 4 < h.events.len());
                        // The lists of sources its events cite, no others.
                        assert!(sub.source_lists.len() <= sub.events.len());
                        for format in [Format::Table, Format::Json] {
                            assert_eq!(
                                answer(&h, q, query, day, format),
                                answer(&sub, q, query, day, format),
                                "{q:?} {query} on {day}"
                            );
                        }
                    }
                }
            }
        }
        assert!(answered.iter().sum::<usize>() >= 30, "{answered:?}");
        for n in 0..QUESTIONS.len() {
            assert!(
                !big || answered[n] >= 30,
                "{:?}: {answered:?}",
                QUESTIONS[n]
            );
            // On a large history, most questions read a small part of it.
            assert!(
                !big || smaller[n] * 2 > answered[n],
                "{:?}: {answered:?} {smaller:?}",
                QUESTIONS[n]
            );
        }
    }
}

/// Words of a name, a name of no one, a unit's or role's id: not a
/// person's whole name, never answered in place.
#[test]
fn only_a_persons_whole_name_is_answered_in_place() {
    let h = crate::load::load_texts(crate::load::bundled::files()).expect("valid");
    let (file, index) = files(&h);
    let day = days(&h)[3];
    let unit = h.units[0].key.as_str();
    let role = h.roles[0].key.as_str();
    for q in QUESTIONS {
        let ask = q.ask(day);
        for query in ["Zhang", "nobody at all", unit, role, ""] {
            assert!(subset(&file, &index, query, ask).is_none(), "{query}");
        }
        // (Everyone below the top of the organisation: the whole history.)
        if matches!(q, Q::All | Q::Depth2) {
            continue;
        }
        let p = h.people[0].key.as_str();
        assert!(subset(&file, &index, p, ask).is_some());
        let shouted = format!("  {}  ", p.to_uppercase());
        assert!(subset(&file, &index, &shouted, ask).is_some());
    }
}

/// Cut short or with a byte changed, the cache file or its index give
/// no subset or the right one, for every question: never a panic, never
/// a wrong answer.
#[test]
fn a_damaged_store_is_never_misread() {
    let h = crate::load::load_texts(crate::load::bundled::files()).expect("valid");
    let (file, index) = files(&h);
    let day = days(&h)[3];
    let p = h.people[h.people.len() / 2].key.as_str().to_string();
    for q in QUESTIONS {
        let right = answer(&h, q, &p, day, Format::Json);
        assert!(subset(&file, &index, &p, q.ask(day)).is_some(), "{q:?}");
        let check = |file: &[u8], index: &[u8]| {
            if let Some(sub) = subset(file, index, &p, q.ask(day)) {
                assert_eq!(answer(&sub, q, &p, day, Format::Json), right, "{q:?}");
            }
        };
        for n in (0..index.len()).step_by((index.len() / 97).max(1)) {
            check(&file, &index[..n]);
            let mut bad = index.clone();
            bad[n] ^= 0x5a;
            check(&file, &bad);
        }
        for n in (0..file.len()).step_by((file.len() / 97).max(1)) {
            check(&file[..n], &index);
            let mut bad = file.clone();
            bad[n] ^= 0x5a;
            check(&bad, &index);
        }
    }
    // Another key: not this history's index.
    assert!(Place::open(Cursor::new(&file), Cursor::new(&index), &[7, 12]).is_none());
}

/// `show` of a person on a day between an event's report and its date
/// lists the changes announced about them, from the subset as from the
/// whole: those events are read whole, with the records they name.
#[test]
fn the_changes_announced_about_a_person_are_read_in_place() {
    let h = crate::cache::bundled_with_an_announcement();
    let (file, index) = files(&h);
    let day = NaiveDate::from_ymd_opt(2023, 7, 1).unwrap();
    for person in ["daniel-zhang", "eddie-wu"] {
        let sub = subset(&file, &index, person, Q::Show.ask(day)).expect("in place");
        for format in [Format::Table, Format::Json] {
            let whole = answer(&h, Q::Show, person, day, format);
            assert!(whole.contains("ceo-handover"), "{whole}");
            assert_eq!(
                answer(&sub, Q::Show, person, day, format),
                whole,
                "{person}"
            );
        }
    }
}

/// A head whose explicit line reaches a role in its own unit passes that
/// role's line on to the unit above: the role reports to the head above,
/// across a unit with a head, and the subset of `who-reports-to` and
/// `show` about the head above holds it (the possible reports of a role
/// stop at a unit with a head, but for the roles its head's lines reach),
/// as the subset of `chain` and `show` about the role passed over holds
/// the units and heads above the head that passes it over.
#[test]
fn a_role_a_head_passes_over_is_read_in_place_as_a_report_of_the_head_above() {
    let org = r#"[[unit]]
id = "org"
name = "Org"

[[unit]]
id = "team"
name = "Team"
parent = "org"

[[unit]]
id = "squad"
name = "Squad"
parent = "team"

[[person]]
id = "bea"
name = "Bea Boss"

[[person]]
id = "lee"
name = "Lee Lead"

[[person]]
id = "dee"
name = "Dee Deputy"

[[person]]
id = "sam"
name = "Sam Squad"

[[role]]
id = "boss"
title = "Boss"
unit = "org"
head = true
holder = "bea"

[[role]]
id = "lead"
title = "Lead"
unit = "team"
head = true
reports_to = "deputy"
holder = "lee"

[[role]]
id = "deputy"
title = "Deputy"
unit = "squad"
holder = "dee"

[[role]]
id = "member"
title = "Member"
unit = "team"
holder = "sam"
"#;
    let texts = vec![(std::path::PathBuf::from("org.toml"), org.to_string())];
    let h = crate::load::load_texts(texts).expect("valid");
    let (file, index) = files(&h);
    let day = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
    for q in [Q::Reports, Q::All, Q::Show] {
        let whole = answer(&h, q, "bea", day, Format::Table);
        assert!(whole.contains("Dee Deputy"), "{q:?}: {whole}");
        assert!(
            !whole.contains("Sam Squad") || matches!(q, Q::All),
            "{q:?}: {whole}"
        );
        // (Everyone below: the whole history, past an eighth of the roles.)
        if let Some(sub) = subset(&file, &index, "bea", q.ask(day)) {
            assert_eq!(answer(&sub, q, "bea", day, Format::Table), whole, "{q:?}");
        } else {
            assert!(matches!(q, Q::All), "{q:?}");
        }
    }
    // The role passed over climbs past its unit's head to the head above.
    for q in [Q::Chain, Q::Show] {
        let whole = answer(&h, q, "dee", day, Format::Table);
        assert!(whole.contains("Bea Boss"), "{q:?}: {whole}");
        let sub = subset(&file, &index, "dee", q.ask(day)).expect("in place");
        assert_eq!(answer(&sub, q, "dee", day, Format::Table), whole, "{q:?}");
    }
}

/// Roles that move between units, a unit moved under another head, an
/// explicit line redrawn and a head replaced: on the day before, the day
/// of and the day after each change, every question about the managers is
/// answered in place as from the whole history, and a question about a
/// day reads only the records tied to a manager's units that day (the
/// index keeps, with each role in a unit and each unit under another, the
/// days it was there).
#[test]
fn a_question_about_a_day_reads_the_records_of_that_day_and_answers_as_the_whole() {
    let mut org = String::from(
        r#"[[unit]]
id = "org"
name = "Org"

[[unit]]
id = "east"
name = "East"
parent = "org"

[[unit]]
id = "west"
name = "West"
parent = "org"

[[unit]]
id = "lab"
name = "Lab"
parent = "east"

[[person]]
id = "bea"
name = "Bea Boss"

[[person]]
id = "eve"
name = "Eve East"

[[person]]
id = "wes"
name = "Wes West"

[[person]]
id = "lia"
name = "Lia Lab"

[[role]]
id = "boss"
title = "Boss"
unit = "org"
head = true
holder = "bea"

[[role]]
id = "east-head"
title = "Head of East"
unit = "east"
head = true
holder = "eve"

[[role]]
id = "west-head"
title = "Head of West"
unit = "west"
head = true
holder = "wes"

[[role]]
id = "lab-lead"
title = "Lab Lead"
unit = "lab"
holder = "lia"

[[event]]
date = "2023-06-01"
title = "The lab moves to West"
changes = [{ op = "move", unit = "lab", to = "west" }]

[[event]]
date = "2023-09-01"
title = "The lab lead reports to the boss"
changes = [{ op = "report", role = "lab-lead", to = "boss" }]

[[event]]
date = "2023-11-01"
title = "The lab lead's line is derived again"
changes = [{ op = "report", role = "lab-lead", to = "" }]
"#,
    );
    // Twenty engineers in East, each moved to West on a day of its own.
    for i in 0..20 {
        org.push_str(&format!(
            "\n[[person]]\nid = \"eng{i}\"\nname = \"Engineer {i}\"\n\n\
             [[role]]\nid = \"eng-{i}\"\ntitle = \"Engineer\"\nunit = \"east\"\nholder = \"eng{i}\"\n\n\
             [[event]]\ndate = \"2023-02-{:02}\"\ntitle = \"Engineer {i} moves West\"\n\
             changes = [{{ op = \"move\", role = \"eng-{i}\", to = \"west\" }}]\n",
            i + 1
        ));
    }
    let texts = vec![(std::path::PathBuf::from("org.toml"), org)];
    let h = crate::load::load_texts(texts).expect("valid");
    let (file, index) = files(&h);
    let ymd = |m, d| NaiveDate::from_ymd_opt(2023, m, d).unwrap();
    let mut days = vec![ymd(1, 1), ymd(12, 31)];
    for (m, d) in [(6, 1), (9, 1), (11, 1), (2, 1), (2, 10), (2, 20)] {
        days.extend([
            ymd(m, d).pred_opt().unwrap(),
            ymd(m, d),
            ymd(m, d).succ_opt().unwrap(),
        ]);
    }
    for day in days {
        for who in ["eve", "wes", "bea", "lia", "eng7"] {
            for q in QUESTIONS {
                let whole = answer(&h, q, who, day, Format::Table);
                if let Some(sub) = subset(&file, &index, who, q.ask(day)) {
                    assert_eq!(
                        answer(&sub, q, who, day, Format::Table),
                        whole,
                        "{q:?} {who} {day}"
                    );
                }
            }
        }
    }
    // After the moves, East's head reads none of the engineers who left
    // (their roles, their holders), only the lab, gone by June.
    let late = ymd(12, 31);
    let sub = subset(&file, &index, "eve", Q::All.ask(late)).expect("in place");
    assert!(
        sub.roles
            .iter()
            .all(|r| !r.key.as_str().starts_with("eng-"))
    );
    assert!(
        sub.people
            .iter()
            .all(|p| !p.key.as_str().starts_with("eng"))
    );
    assert!(answer(&h, Q::All, "eve", late, Format::Table).contains("nobody reports"));
    // Before them, all twenty.
    let early = ymd(1, 1);
    let sub = subset(&file, &index, "eve", Q::All.ask(early)).expect("in place");
    let engineers = sub
        .roles
        .iter()
        .filter(|r| r.key.as_str().starts_with("eng-"));
    assert_eq!(engineers.count(), 20);
}
