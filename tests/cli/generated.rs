//! The synthetic-history generator (`cargo run -p orgctl-synth`) writes data
//! that `orgctl check` accepts, and that every query can answer on.

use orgctl_synth::{self as synth, Params, Shape};

use crate::support::orgctl;

fn generated(people: usize, years: u32, seed: u64) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let p = Params {
        people,
        years,
        seed,
        ..Params::default()
    };
    let stats = synth::write(&p, dir.path()).expect("written");
    assert!(stats.events > 0 && stats.files > 3, "{stats:?}");
    dir
}

#[test]
fn generated_histories_pass_check() {
    for (people, years, seed) in [(100, 20, 7), (1_000, 4, 1), (300, 10, 99)] {
        let dir = generated(people, years, seed);
        let run = orgctl(Some(dir.path()), &["check"]);
        let out = run.ok();
        assert!(out.contains("no problems found"), "{out}");
    }
}

#[test]
fn every_shape_of_generated_history_passes_check_and_answers_about_its_person() {
    for shape in [Shape::Hr, Shape::News, Shape::Deep, Shape::Wide] {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let p = Params {
            shape,
            ..Params::size("S").unwrap()
        };
        let stats = synth::write(&p, dir.path()).expect("written");
        let d = Some(dir.path());
        let out = orgctl(d, &["check"]).ok().to_string();
        assert!(out.contains("no problems found"), "{shape:?}: {out}");
        let events = format!("and {} events", stats.events);
        assert!(out.contains(&events), "{shape:?}: {out}");
        let person = stats.person.as_str();
        let chain = orgctl(d, &["chain", person, "--at", "2024-12-31"])
            .ok()
            .to_string();
        assert!(
            chain.contains("Chief Executive Officer"),
            "{shape:?}: {chain}"
        );
        orgctl(d, &["who-reports-to", person, "--at", "2024-12-31"]).ok();
        orgctl(d, &["show", person, "--at", "2024-12-31"]).ok();
        orgctl(d, &["history", person]).ok();
    }
}

#[test]
fn every_query_answers_on_a_generated_history() {
    let dir = generated(200, 6, 3);
    let d = Some(dir.path());
    assert!(orgctl(d, &["at", "2008-06-30"]).ok().contains("Acme Group"));
    orgctl(d, &["diff", "2007-01-01", "2008-01-01"]).ok();
    let all = orgctl(d, &["who-reports-to", "ceo", "--at", "2010-12-31", "--all"]);
    assert!(all.ok().lines().count() > 50);
    orgctl(d, &["--format", "json", "at", "2010-12-31"]).json();
}

#[test]
fn the_standard_small_size_has_about_ten_thousand_events() {
    let (files, stats) = synth::generate(&Params::size("S").unwrap());
    assert!((9_000..11_000).contains(&stats.events), "{stats:?}");
    assert!(files.iter().any(|(p, _)| p.starts_with("events")));
    let imprecise = files
        .iter()
        .map(|(_, t)| t.matches("~\"\n").count() + t.matches("?\"\n").count())
        .sum::<usize>();
    assert!(
        imprecise > stats.events / 100,
        "{imprecise} imprecise dates"
    );
}

/// The boxes of a Mermaid chart, and those of them marked (created,
/// removed, changed; not faint).
fn boxes(mermaid: &str) -> (usize, Vec<String>) {
    let count = mermaid
        .lines()
        .filter(|l| l.starts_with("  r") && l.contains("[\""))
        .count();
    let mut marked: Vec<String> = mermaid
        .lines()
        .filter_map(|l| l.strip_prefix("  class "))
        .filter(|l| !l.ends_with(" faint"))
        .flat_map(|l| l.split(' ').next().unwrap_or("").split(','))
        .filter(|id| id.starts_with('r'))
        .map(String::from)
        .collect();
    marked.sort();
    (count, marked)
}

#[test]
fn only_changes_makes_a_large_organisation_small_chart_of_a_month() {
    let dir = generated(1_000, 4, 1);
    let d = Some(dir.path());
    let chart = |extra: &[&str]| {
        let mut args = vec!["diff", "2007-05", "--format", "mermaid"];
        args.extend(extra);
        orgctl(d, &args).ok().to_string()
    };
    let (all, marked) = boxes(&chart(&[]));
    let (few, still_marked) = boxes(&chart(&["--only-changes"]));
    assert!(!marked.is_empty());
    // Every marked box is kept, with its managers, and little else.
    assert_eq!(still_marked, marked);
    assert!(few <= 3 * marked.len() && few * 10 < all, "{few} of {all}");
}
