//! `orgctl report --html --unit UNIT --depth N`: a page of one unit's
//! subtree, or of the top levels. On each day it draws what `orgctl at
//! DAY --unit UNIT` lists (the units under UNIT that day, down to N
//! levels, and their roles and holders); it embeds only those records and
//! the events that touch them; and a page whose data is over the limit
//! is refused, with nothing written.

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;

use crate::report_page::{
    Shown, embedded, page, page_file, shown_by_at, shown_by_page, shown_on, tags_with,
};
use crate::support::{bundled_data, dump_dom, have_chromium, orgctl, orgctl_in};

pub(crate) fn alibaba() -> std::path::PathBuf {
    bundled_data().join("alibaba")
}

/// What `at DAY AT_ARGS --format json` lists, keeping only the roles of
/// the units `at DAY UNIT_ARGS --units --format json` lists, and their
/// holders: `--depth` in `at` counts levels of the reporting tree for
/// roles, the report counts levels of units.
fn at_within(data: &Path, day: &str, at_args: &[&str], unit_args: &[&str]) -> Shown {
    let mut args = vec!["at", day, "--format", "json"];
    args.extend_from_slice(at_args);
    let mut shown = shown_by_at(&orgctl(Some(data), &args).json());
    let mut args = vec!["at", day, "--units", "--format", "json"];
    args.extend_from_slice(unit_args);
    let units = shown_by_at(&orgctl(Some(data), &args).json()).units;
    shown.roles.retain(|_, row| {
        let unit = row.split(" | ").next().unwrap();
        units.contains_key(unit)
    });
    let holders: BTreeSet<&str> = shown
        .roles
        .values()
        .flat_map(|row| row.rsplit(" | ").next().unwrap().split(' '))
        .collect();
    shown.people.retain(|p, _| holders.contains(p.as_str()));
    shown.units = units;
    shown
}

/// Opens the report `report --html ARGS` of `data` on each of `days` and
/// checks that it shows what `at DAY AT_ARGS` shows, restricted to the
/// units of `at DAY UNIT_ARGS --units` (see [`at_within`]).
fn scoped_page_shows_what_at_shows(
    data: &Path,
    args: &[&str],
    days: &[&str],
    at_args: &[&str],
    unit_args: &[&str],
) {
    let (_dir, file) = page_file(data, args);
    for day in days {
        let expected = at_within(data, day, at_args, unit_args);
        assert!(!expected.units.is_empty(), "{day}: no unit");
        assert_eq!(shown_on(&file, day), expected, "{args:?} on {day}");
    }
}

#[test]
fn in_a_browser_a_business_groups_page_shows_on_each_day_what_at_unit_shows() {
    if !have_chromium("report_scope") {
        return;
    }
    // The business and supply chain centres move from the technology
    // middle office into Taobao-Tmall on 2023-05-10.
    let scope = ["--unit", "taobao-tmall"];
    let days = ["2023-03-28", "2023-04-15", "2023-05-09", "2023-05-10"];
    scoped_page_shows_what_at_shows(&alibaba(), &scope, &days, &scope, &scope);
    let office = ["--unit", "Technology middle office"];
    let days = ["2022-11-01", "2023-03-28", "2023-05-09"];
    scoped_page_shows_what_at_shows(&alibaba(), &office, &days, &office, &office);
}

#[test]
fn in_a_browser_a_unit_is_drawn_only_on_the_days_it_lies_under_the_unit() {
    if !have_chromium("report_scope") {
        return;
    }
    let (_dir, file) = page_file(&alibaba(), &["--unit", "taobao-tmall"]);
    let units = |day: &str| -> Vec<String> {
        let shown = shown_by_page(&dump_dom(&file, &format!("day={day}")));
        shown.units.into_keys().collect()
    };
    assert_eq!(units("2023-05-09"), ["taobao-tmall"]);
    assert_eq!(
        units("2023-05-10"),
        ["business-centre", "supply-chain-centre", "taobao-tmall"]
    );
    // Before the restructuring that created it, nothing is drawn (`at
    // --unit` says the unit does not exist).
    let dom = dump_dom(&file, "day=2022-12-31");
    let shown = shown_by_page(&dom);
    assert!(
        shown.units.is_empty() && shown.roles.is_empty(),
        "{shown:?}"
    );
    assert!(dom.contains("No role exists on this day."));
}

#[test]
fn in_a_browser_depth_keeps_the_top_levels_of_units() {
    if !have_chromium("report_scope") {
        return;
    }
    let days = ["2023-03-28", "2023-05-10"];
    // The group alone, and the group with its business groups.
    for depth in ["1", "2"] {
        let args = ["--depth", depth];
        scoped_page_shows_what_at_shows(&alibaba(), &args, &days, &[], &args);
    }
    // Taobao-Tmall without the centres under it.
    let args = ["--unit", "taobao-tmall", "--depth", "1"];
    let unit = ["--unit", "taobao-tmall"];
    scoped_page_shows_what_at_shows(&alibaba(), &args, &["2023-05-10"], &unit, &args);
}

/// A generated history of 300 people over four years, and a unit at the
/// second level with the most units under it on the last event's day.
fn generated_division(dir: &Path) -> (String, Vec<String>) {
    let p = orgctl_synth::Params {
        people: 300,
        years: 4,
        seed: 7,
        ..orgctl_synth::Params::default()
    };
    orgctl_synth::write(&p, dir).expect("written");
    let data = embedded(&page(dir, &[]));
    let events = data["events"].as_array().unwrap();
    let day = |i: usize| events[i]["day"].as_str().unwrap().to_string();
    let days = vec![
        day(events.len() / 3),
        day(2 * events.len() / 3),
        day(events.len() - 1),
    ];
    let at = orgctl(Some(dir), &["at", &days[2], "--units", "--format", "json"]).json();
    let units = at["units"].as_array().unwrap();
    let parent_of = |id: &str| -> Option<String> {
        let u = units.iter().find(|u| u["id"] == id)?;
        u["parent"].as_str().map(String::from)
    };
    let top = units.iter().find(|u| u["parent"].is_null()).unwrap()["id"].clone();
    let under = |div: &Value| {
        let mut n = 0;
        for u in units {
            let mut at = u["id"].as_str().map(String::from);
            while let Some(x) = at {
                if x == div.as_str().unwrap() {
                    n += 1;
                    break;
                }
                at = parent_of(&x);
            }
        }
        n
    };
    let divisions = units.iter().filter(|u| u["parent"] == top);
    let division = divisions.max_by_key(|u| under(&u["id"])).unwrap();
    assert!(
        under(&division["id"]) >= 4,
        "a division with units under it"
    );
    (division["id"].as_str().unwrap().to_string(), days)
}

#[test]
fn in_a_browser_a_generated_divisions_page_shows_what_at_unit_shows() {
    if !have_chromium("report_scope") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (division, days) = generated_division(dir.path());
    let days: Vec<&str> = days.iter().map(String::as_str).collect();
    let unit = ["--unit", division.as_str()];
    scoped_page_shows_what_at_shows(dir.path(), &unit, &days, &unit, &unit);
    let cut = ["--unit", division.as_str(), "--depth", "2"];
    scoped_page_shows_what_at_shows(dir.path(), &cut, &days[2..], &unit, &cut);
}

/// The ids of `list` (`events`, `units`) in the data, and the subjects of
/// its facts.
fn ids<'v>(data: &'v Value, list: &str) -> BTreeSet<&'v str> {
    let items = data[list].as_array().unwrap().iter();
    items.map(|x| x["id"].as_str().unwrap()).collect()
}

fn subjects(data: &Value) -> BTreeSet<&str> {
    let facts = data["facts"].as_array().unwrap().iter();
    facts.map(|f| f["subject"].as_str().unwrap()).collect()
}

#[test]
fn a_units_page_embeds_its_records_and_the_events_that_touch_them_only() {
    let whole = page(&alibaba(), &[]);
    let scoped = page(&alibaba(), &["--unit", "taobao-tmall"]);
    assert!(scoped.len() < whole.len());
    let data = embedded(&scoped);
    assert_eq!(
        ids(&data, "units"),
        BTreeSet::from(["business-centre", "supply-chain-centre", "taobao-tmall"])
    );
    // Its head role and holder, the centres' roles; not the group's CEO
    // nor Aicheng's.
    let facts = subjects(&data);
    assert!(facts.contains("taobao-tmall-ceo"), "{facts:?}");
    assert!(!facts.contains("alibaba-ceo") && !facts.contains("aicheng-ceo"));
    assert!(!facts.contains("daniel-zhang") && !facts.contains("wu-zeming"));
    // The restructuring that created it and the carve-up that moved the
    // centres in; not the Freshippo or Cainiao IPO plans, nor Wu Zeming's
    // appointment as CTO.
    assert_eq!(
        ids(&data, "events"),
        BTreeSet::from(["middle-office-carved-up", "one-six-n-restructuring"])
    );
    // A unit inside only from 2023-05-10 is kept, and drawn, from then;
    // its existence is the whole of it (so the page finds it moved in,
    // not created).
    let stretches = |kind: &str| -> Vec<String> {
        let facts = data["facts"].as_array().unwrap().iter();
        facts
            .filter(|f| f["kind"] == kind && f["subject"] == "business-centre")
            .map(|f| format!("{} {}", f["from"], f["until"]))
            .collect()
    };
    assert_eq!(stretches("kept"), [r#""2023-05-10" null"#]);
    let exists = stretches("unit_exists");
    assert_eq!(exists, ["null null"]);
}

#[test]
fn a_unit_or_a_depth_that_cannot_be_reported_is_refused_with_help() {
    let run = |args: &[&str]| {
        let mut all = vec!["report", "--html"];
        all.extend_from_slice(args);
        orgctl(Some(&alibaba()), &all)
    };
    // Not a unit of the data: a lookup error, with the names close to it.
    let err = run(&["--unit", "taobao-tmal"]).fails(1).to_string();
    assert!(
        err.contains("'taobao-tmal'") && err.contains("did you mean 'Taobao-Tmall Commerce'"),
        "{err}"
    );
    // A person is not a unit: a usage error that says what it is.
    let err = run(&["--unit", "Wu Zeming"]).fails(2).to_string();
    assert!(
        err.contains("--unit takes a unit") && err.contains("person"),
        "{err}"
    );
    // A unit that does not exist in the range.
    let err = run(&["--unit", "taobao-tmall", "--until", "2023-01"])
        .fails(1)
        .to_string();
    assert!(
        err.contains("unit 'taobao-tmall' does not exist on any day from 2022-11-01 to 2023-01-31")
            && err.contains("orgctl history taobao-tmall")
            && err.contains("--since"),
        "{err}"
    );
    for depth in ["0", "two", "-1"] {
        let err = run(&[&format!("--depth={depth}")]).fails(2).to_string();
        assert!(
            err.contains("is not a depth") && err.contains("from 1"),
            "{err}"
        );
    }
}

#[test]
fn a_page_over_the_data_limit_is_refused_and_nothing_is_written() {
    let data = alibaba();
    let size = embedded_size(&page(&data, &[]));
    let with_limit = |limit: usize, args: &[&str]| {
        let mut all = vec!["--data", data.to_str().unwrap(), "report", "--html"];
        all.extend_from_slice(args);
        let dir = std::env::temp_dir();
        orgctl_in(
            &dir,
            &[("ORGCTL_REPORT_DATA_LIMIT", &limit.to_string())],
            &all,
        )
    };
    // At the limit, the page is written.
    with_limit(size, &[]).ok();
    let over = with_limit(size - 1, &[]);
    let err = over.fails(1);
    assert_eq!(over.stdout, "", "nothing on stdout");
    let kb = format!("{:.1} kB", size as f64 / 1e3);
    for text in [
        kb.as_str(),
        "nothing was written",
        "--unit",
        "--depth",
        "--since",
    ] {
        assert!(err.contains(text), "{text}: {err}");
    }
    // --out: no file made, and an existing file is left as it was.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.html");
    let out = file.to_str().unwrap();
    with_limit(size - 1, &["--out", out]).fails(1);
    assert!(!file.exists());
    std::fs::write(&file, "before").unwrap();
    with_limit(size - 1, &["--out", out, "--force"]).fails(1);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "before");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    // Narrowed to one unit, the page fits.
    with_limit(
        size - 1,
        &["--out", out, "--force", "--unit", "taobao-tmall"],
    )
    .ok();
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .starts_with("<!DOCTYPE html>")
    );
}

/// The bytes of the data a page embeds, as written in the page.
fn embedded_size(page: &str) -> usize {
    let open = r#"<script type="application/json" id="report-data">"#;
    let start = page.find(open).expect("the data element") + open.len();
    page[start..].find("</script>").expect("its end")
}

/// The records a scoped page keeps on `day`: the units its `kept` facts
/// say, the roles that exist in them, the people who hold those roles.
fn kept_on<'v>(data: &'v Value, day: &str) -> BTreeSet<&'v str> {
    let on_day = |kind: &str| -> Vec<&'v Value> {
        let facts = data["facts"].as_array().unwrap().iter();
        let holds = |f: &&Value| {
            let (from, until) = (f["from"].as_str(), f["until"].as_str());
            from.is_none_or(|d| d <= day) && until.is_none_or(|d| day <= d)
        };
        facts.filter(|f| f["kind"] == kind).filter(holds).collect()
    };
    let id = |v: &'v Value| v.as_str().unwrap();
    let mut kept: BTreeSet<&str> = on_day("kept").iter().map(|f| id(&f["subject"])).collect();
    let exists: BTreeSet<&str> = on_day("role_exists")
        .iter()
        .map(|f| id(&f["subject"]))
        .collect();
    for f in on_day("role_unit") {
        if exists.contains(id(&f["subject"])) && kept.contains(id(&f["object"])) {
            kept.insert(id(&f["subject"]));
        }
    }
    for f in on_day("holds") {
        if kept.contains(id(&f["object"])) {
            kept.insert(id(&f["subject"]));
        }
    }
    kept
}

#[test]
fn in_a_browser_a_units_page_lists_the_changes_diff_finds_of_its_records() {
    if !have_chromium("report_scope") {
        return;
    }
    let (_dir, file) = page_file(&alibaba(), &["--unit", "taobao-tmall"]);
    let data = embedded(&std::fs::read_to_string(&file).unwrap());
    for (from, to) in [
        ("2023-05-09", "2023-05-10"),
        ("2023-03-27", "2023-03-28"),
        ("2023-01-01", "2023-05-10"),
    ] {
        let kept: BTreeSet<&str> = kept_on(&data, from)
            .union(&kept_on(&data, to))
            .copied()
            .collect();
        let diff = orgctl(Some(&alibaba()), &["diff", from, to, "--format", "json"]).json();
        let expected: Vec<String> = diff["changes"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| kept.contains(c["subject"].as_str().unwrap()))
            .map(|c| {
                format!(
                    "{} {} {} {} {}",
                    c["kind"], c["subject"], c["before"], c["after"], c["event"]
                )
            })
            .collect();
        let dom = dump_dom(&file, &format!("day={to}&compare={from}"));
        let attr = |t: &std::collections::BTreeMap<&str, String>, k: &str| {
            t.get(k).map_or("null".to_string(), |v| format!("{v:?}"))
        };
        let listed: Vec<String> = tags_with(&dom, "data-change")
            .iter()
            .map(|t| {
                [
                    "data-change",
                    "data-subject",
                    "data-before",
                    "data-after",
                    "data-change-event",
                ]
                .map(|k| attr(t, k))
                .join(" ")
            })
            .collect();
        assert!(!expected.is_empty(), "{from} to {to}: no change kept");
        assert_eq!(listed, expected, "{from} to {to}");
    }
    // The business centre moved in: a move, not a creation.
    let dom = dump_dom(&file, "day=2023-05-10&compare=2023-05-09");
    assert!(
        dom.contains(r#"data-change="unit-moved" data-subject="business-centre""#),
        "{dom}"
    );
}
