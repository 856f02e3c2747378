//! Each shape of history has the properties that make it that shape (the
//! CLI tests, `tests/cli/generated.rs`, check that orgctl loads them
//! without a problem).

use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;

use orgctl_synth::{self as synth, Params, Shape, Stats};

fn generate(shape: Shape, people: usize, years: u32) -> (Vec<(PathBuf, String)>, Stats) {
    synth::generate(&Params {
        people,
        years,
        shape,
        ..Params::default()
    })
}

/// FNV-1a over each file's path and text, in path order.
fn fingerprint(files: &[(PathBuf, String)]) -> u64 {
    let mut files: Vec<(String, &str)> = files
        .iter()
        .map(|(p, t)| (p.display().to_string(), t.as_str()))
        .collect();
    files.sort();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for (path, text) in files {
        for b in path.bytes().chain([0]).chain(text.bytes()).chain([0]) {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// The values of `key = ...` lines in the events files, as written.
fn event_values<'a>(files: &'a [(PathBuf, String)], key: &str) -> Vec<&'a str> {
    let prefix = format!("{key} = ");
    files
        .iter()
        .filter(|(p, _)| p.starts_with("events"))
        .flat_map(|(_, t)| t.lines())
        .filter_map(|l| l.strip_prefix(prefix.as_str()))
        .collect()
}

fn event_count(files: &[(PathBuf, String)]) -> usize {
    files
        .iter()
        .map(|(_, t)| t.matches("[[event]]").count())
        .sum()
}

#[test]
fn the_default_shape_writes_what_it_wrote_before_shapes() {
    // Fingerprints of the files the generator wrote before it had shapes
    // (`gen --size XS`, and 300 people over 5 years, seed 3, with 3
    // snapshots): tests and benchmarks depend on the same files.
    let xs = synth::generate(&Params::size("XS").unwrap());
    assert_eq!(
        (xs.0.len(), fingerprint(&xs.0)),
        (23, 0x0595_939a_3b45_cebd)
    );
    let snap = synth::generate(&Params {
        people: 300,
        years: 5,
        seed: 3,
        snapshots: 3,
        ..Params::default()
    });
    assert_eq!(
        (snap.0.len(), fingerprint(&snap.0)),
        (11, 0x8eb1_651c_656d_9c82)
    );
    assert_eq!(xs.1.person, "p-000105");
}

#[test]
fn shapes_are_named() {
    for shape in Shape::ALL {
        assert_eq!(Shape::named(shape.name()), Some(shape));
    }
    assert_eq!(Shape::named("HR"), Some(Shape::Hr));
    assert_eq!(Shape::named("broad"), None);
    assert_eq!(Params::default().shape, Shape::Default);
}

#[test]
fn an_hr_export_has_no_event_ids_first_of_month_dates_and_one_file_a_year() {
    let (files, stats) = generate(Shape::Hr, 1_000, 20);
    // One events file per year, even for sizes that the default shape
    // splits by month.
    let events: Vec<String> = files
        .iter()
        .filter(|(p, _)| p.starts_with("events"))
        .map(|(p, _)| p.display().to_string())
        .collect();
    let years: Vec<String> = (2005..2025).map(|y| format!("events/{y}.toml")).collect();
    assert_eq!(events, years);
    // No event has an id: every `id` line is a unit's, role's or person's.
    let records: usize = files
        .iter()
        .map(|(_, t)| {
            t.matches("[[unit]]").count()
                + t.matches("[[role]]").count()
                + t.matches("[[person]]").count()
        })
        .sum();
    let ids: usize = files
        .iter()
        .map(|(_, t)| t.matches("\nid = ").count() + usize::from(t.starts_with("id = ")))
        .sum();
    assert_eq!(ids, records);
    assert!(event_values(&files, "id").is_empty());
    // Every date is the first of a month; each month's events share it.
    let dates = event_values(&files, "date");
    assert_eq!(dates.len(), stats.events);
    assert!(
        dates.iter().all(|d| d.len() == 10 && d.ends_with("-01")),
        "{dates:?}"
    );
    let mut per_day: HashMap<&str, usize> = HashMap::new();
    for d in &dates {
        *per_day.entry(d).or_default() += 1;
    }
    assert!(
        per_day.len() <= 240 && per_day.values().all(|&n| n >= 20),
        "{per_day:?}"
    );
    // A dozen titles, repeated verbatim.
    let titles: BTreeSet<&str> = event_values(&files, "title").into_iter().collect();
    assert!(titles.contains("\"Hire\"") && titles.contains("\"Departure\""));
    assert!(titles.len() <= 12, "{titles:?}");
    // People's ids are e-mail addresses made ids, all over 22 bytes.
    let people: Vec<&str> = files
        .iter()
        .filter(|(p, _)| p.starts_with("people"))
        .flat_map(|(_, t)| t.lines())
        .filter_map(|l| l.strip_prefix("id = \""))
        .map(|l| l.trim_end_matches('"'))
        .collect();
    assert_eq!(people.len(), stats.people);
    assert!(
        people
            .iter()
            .all(|id| id.len() > 22 && id.ends_with(".example-corp.com"))
    );
    assert!(people.iter().all(|id| {
        id.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"-_.".contains(&b))
    }));
    assert!(
        stats.person.ends_with(".example-corp.com"),
        "{}",
        stats.person
    );
}

#[test]
fn an_hr_export_is_the_default_company_written_differently() {
    let (hr, hs) = generate(Shape::Hr, 300, 4);
    let (default, ds) = generate(Shape::Default, 300, 4);
    assert_eq!(
        (hs.units, hs.roles, hs.people, hs.events, hs.changes),
        (ds.units, ds.roles, ds.people, ds.events, ds.changes)
    );
    let same = |files: &[(PathBuf, String)]| {
        files
            .iter()
            .find(|(p, _)| p.as_os_str() == "units.toml")
            .map(|(_, t)| t.clone())
    };
    assert_eq!(same(&hr), same(&default));
}

#[test]
fn the_news_shape_has_few_people_imprecise_dates_windows_and_attributes() {
    let (files, stats) = generate(Shape::News, 1_000, 20);
    assert!((20..1_000).contains(&stats.people), "{stats:?}");
    assert!((9_000..11_000).contains(&stats.events), "{stats:?}");
    let dates = event_values(&files, "date");
    let count = |f: &dyn Fn(&str) -> bool| dates.iter().filter(|d| f(d)).count();
    let quoted = |d: &str| d.trim_matches('"').to_string();
    let windows = count(&|d| d.contains('/'));
    let years = count(&|d| {
        let d = quoted(d);
        d.len() == 5 && (d.ends_with('~') || d.ends_with('?'))
    });
    let months = count(&|d| quoted(d).len() == 7);
    let uncertain_days = count(&|d| {
        let d = quoted(d);
        d.len() == 11 && (d.ends_with('~') || d.ends_with('?'))
    });
    for (what, n) in [
        ("windows", windows),
        ("years", years),
        ("bare months", months),
        ("uncertain days", uncertain_days),
    ] {
        assert!(n > stats.events / 100, "{n} {what} of {}", stats.events);
    }
    // A window runs from a month's last day to a later month's last day.
    assert!(
        dates.contains(&"\"2015-12-31/2016-01-31\"")
            || dates.contains(&"\"2015-12-31/2016-02-29\"")
    );
    assert!(
        dates
            .iter()
            .filter(|d| d.contains('/'))
            .all(|d| d.len() == 23)
    );
    // Most events set an attribute of a person.
    let sets = files
        .iter()
        .map(|(_, t)| t.matches("{ op = \"set\", person = ").count())
        .sum::<usize>();
    assert!(sets > stats.events / 2, "{sets} of {}", stats.events);
    // Long titles and sources: URLs with a quote.
    let titles = event_values(&files, "title");
    assert!(titles.iter().map(|t| t.len()).sum::<usize>() / titles.len() > 120);
    let sources = event_values(&files, "sources");
    assert!(
        sources
            .iter()
            .all(|s| s.starts_with("[\"https://") && s.contains(": \\\""))
    );
}

/// The depth of each unit of a units file (its parent declared before it).
fn depths(units: &str) -> HashMap<String, usize> {
    let mut depth = HashMap::new();
    let mut id = String::new();
    for line in units.lines() {
        if let Some(v) = line.strip_prefix("id = ") {
            id = v.trim_matches('"').to_string();
            depth.insert(id.clone(), 0);
        } else if let Some(v) = line.strip_prefix("parent = ") {
            let d = depth[v.trim_matches('"')] + 1;
            depth.insert(id.clone(), d);
        }
    }
    depth
}

#[test]
fn the_deep_shape_is_a_chain_as_deep_as_the_size_says() {
    let (files, stats) = synth::generate(&Params {
        shape: Shape::Deep,
        ..Params::size("S").unwrap()
    });
    let units = &files
        .iter()
        .find(|(p, _)| p.as_os_str() == "units.toml")
        .unwrap()
        .1;
    let depth = depths(units);
    assert_eq!(depth.len(), 1_000);
    assert_eq!(depth.values().max(), Some(&999));
    assert_eq!(stats.units, 1_000);
    // Each unit has its head, held from the start; events replace some.
    let roles = &files
        .iter()
        .find(|(p, _)| p.as_os_str() == "roles.toml")
        .unwrap()
        .1;
    assert_eq!(roles.matches("head = true").count(), 1_000);
    assert_eq!(roles.matches("holder = ").count(), 1_000);
    assert!(stats.events >= 20 * 12 && event_count(&files) == stats.events);
    assert!(stats.people > 1_000);
    // The person to ask about heads the unit halfway down.
    assert!(
        files
            .iter()
            .any(|(_, t)| t.contains(&format!("\"{}\"", stats.person)))
    );
    // The sizes choose the depth, up to 50,000.
    assert_eq!(synth::deep_depth(Params::size("M").unwrap().people), 10_000);
    assert_eq!(synth::deep_depth(Params::size("L").unwrap().people), 50_000);
}

#[test]
fn the_wide_shape_puts_everything_side_by_side_and_reorganises_it_in_a_day() {
    let (files, stats) = synth::generate(&Params {
        shape: Shape::Wide,
        ..Params::size("S").unwrap()
    });
    let file = |name: &str| &files.iter().find(|(p, _)| p.as_os_str() == name).unwrap().1;
    // A thousand teams, all named alike, under one parent.
    let depth = depths(file("units.toml"));
    assert_eq!(depth.len(), 1_001);
    assert_eq!(depth.values().filter(|&&d| d == 1).count(), 1_000);
    assert_eq!(file("units.toml").matches("name = \"Team\"").count(), 1_000);
    // A thousand engineers in the top unit, and their chief.
    let roles = file("roles.toml");
    assert_eq!(roles.matches("title = \"Engineer\"").count(), 1_000);
    assert_eq!(roles.matches("unit = \"acme\"").count(), 1_001);
    // One day, one title, one source, no ids.
    assert_eq!(event_count(&files), 1_000);
    assert_eq!(stats.events, 1_000);
    for key in ["date", "title", "sources"] {
        let values: BTreeSet<&str> = event_values(&files, key).into_iter().collect();
        assert_eq!(values.len(), 1, "{key}: {values:?}");
    }
    assert!(event_values(&files, "id").is_empty());
    assert_eq!(
        synth::wide_width(Params::size("L").unwrap().people),
        100_000
    );
    assert!(roles.contains(&format!("holder = \"{}\"", stats.person)));
}
