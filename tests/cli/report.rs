//! `orgctl report --html`: one self-contained page. What it embeds (the
//! facts and events of the range, as JSON a `<script>` element cannot be
//! broken out of), what it refuses, and, in headless Chromium, that the
//! organisation the page draws on a day is what `orgctl at DAY` says.

use std::path::Path;

use serde_json::Value;

use crate::report_page::{day_before, embedded, page, page_file, shown_by_at, shown_on, tags_with};
use crate::support::{
    Org, acme_held_by, bundled_data, dump_dom, have_chromium, orgctl, small_generated_history,
};

/// Acme (see `support::ACME`) where the lab's researcher has no holder recorded,
/// the engineer reports to the CEO by a dotted line, and a board of two
/// seats fills up; then, through 2023: the CTO leaves (vacant), Dee joins
/// the lab as acting researcher (a month, approximately, reported later),
/// Engineering is renamed Platform, and the engineer's holder becomes
/// unrecorded.
pub(crate) fn acme_2023() -> Org {
    let records = acme_held_by(&["ann", "bob", "cy"])
        .replace("holder = \"cy\"", "holder = \"cy\"\ndotted = [\"ceo\"]");
    let events = r#"
[[role]]
id = "board"
title = "Board member"
unit = "acme"
seats = 2

[[event]]
id = "bob-leaves"
date = "2023-01-10"
title = "Bob Baker leaves"
sources = ["Acme intranet, 2023-01-10"]
changes = [{ op = "leave", person = "bob", role = "cto" }]

[[event]]
id = "bob-on-board"
date = "2023-01-20"
title = "Bob Baker joins the board"
sources = ["Annual report"]
changes = [{ op = "appoint", person = "bob", role = "board" }]

[[event]]
id = "dee-joins"
date = "2023-02~"
reported = 2023-03-15
title = "Dee Dunn joins the lab </script><!-- as acting researcher"
sources = ["Lab newsletter, March 2023", "Interview with Dee Dunn"]
changes = [{ op = "appoint", person = "dee", role = "researcher", acting = true }]

[[event]]
id = "platform"
date = "2023-03-01"
title = "Engineering becomes Platform"
changes = [
  { op = "rename", unit = "eng", name = "Platform" },
  { op = "appoint", person = "ann", role = "board" },
]

[[event]]
id = "engineer-unknown"
date = "2023-04-01"
title = "Who the engineer is is not known"
sources = ["Acme intranet, 2023-04-01"]
changes = [{ op = "unrecorded", role = "engineer" }]
"#;
    Org::with(&format!("{records}\n{events}"))
}

fn strings(v: &Value) -> Vec<&str> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect()
}

#[test]
fn the_page_embeds_the_events_with_their_dates_and_sources_and_the_facts_once() {
    let org = acme_2023();
    let data = embedded(&page(org.path(), &[]));
    assert_eq!(data["version"], 2);
    // From the first event to the last; the page opens on the last.
    assert_eq!(data["first_day"], "2023-01-10");
    assert_eq!(data["last_day"], "2023-04-01");
    assert_eq!(data["open_day"], "2023-04-01");
    let events = data["events"].as_array().unwrap();
    let ids: Vec<&str> = events.iter().map(|e| e["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        [
            "bob-leaves",
            "bob-on-board",
            "dee-joins",
            "platform",
            "engineer-unknown"
        ]
    );
    let dee = &events[2];
    assert_eq!(dee["date"], "2023-02~");
    assert_eq!(dee["precision"], "month");
    assert_eq!(dee["qualifier"], "approximate");
    assert_eq!(dee["reported"], "2023-03-15");
    assert_eq!(dee["day"], "2023-02-01");
    assert_eq!(
        strings(&dee["sources"]),
        ["Lab newsletter, March 2023", "Interview with Dee Dunn"]
    );
    assert_eq!(events[3]["sources"], serde_json::json!([]));
    // One fact per stretch of time, with its first and last day (both
    // included): Cy held the engineer's role until the day before the
    // event that ended it; Bob's CTO role, which ended before the first
    // day, is left out.
    let facts = data["facts"].as_array().unwrap();
    let held = |who: &str| -> Vec<String> {
        let held = facts
            .iter()
            .filter(|f| f["kind"] == "holds" && f["subject"] == who);
        held.map(|f| format!("{} {} {}", f["object"], f["from"], f["until"]))
            .collect()
    };
    assert_eq!(held("cy"), [r#""engineer" null "2023-03-31""#]);
    assert_eq!(held("bob"), [r#""board" "2023-01-20" null"#]);
    let names: Vec<(&Value, &Value, &Value)> = facts
        .iter()
        .filter(|f| f["kind"] == "unit_name" && f["subject"] == "eng")
        .map(|f| (&f["value"], &f["from"], &f["until"]))
        .collect();
    assert_eq!(
        format!("{names:?}"),
        r#"[(String("Engineering"), Null, String("2023-02-28")), (String("Platform"), String("2023-03-01"), Null)]"#
    );
}

#[test]
fn since_and_until_keep_the_events_and_facts_of_those_days() {
    let org = acme_2023();
    let data = embedded(&page(
        org.path(),
        &["--since", "2023-02-15", "--until", "2023-03"],
    ));
    assert_eq!(data["first_day"], "2023-02-15");
    assert_eq!(data["last_day"], "2023-03-31");
    let events: Vec<&str> = data["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    // Dee's month, 2023-02~, shares days with the range.
    assert_eq!(events, ["dee-joins", "platform"]);
    let facts = data["facts"].as_array().unwrap();
    // Bob's CTO role ended before the range; the engineer's unknown
    // holder begins after it.
    assert!(
        !facts
            .iter()
            .any(|f| f["kind"] == "holds" && f["object"] == "cto")
    );
    assert!(!facts.iter().any(|f| f["kind"] == "unrecorded"));
}

#[test]
fn the_data_cannot_end_its_script_element_and_reads_back_as_written() {
    let org = acme_2023();
    let page = page(org.path(), &[]);
    assert_eq!(
        page.matches("</script>").count(),
        2,
        "the data's and the code's"
    );
    assert!(!page.contains("<!-- as acting"));
    let data = embedded(&page);
    assert_eq!(
        data["events"][2]["title"],
        "Dee Dunn joins the lab </script><!-- as acting researcher"
    );
}

#[test]
fn the_page_loads_nothing_from_elsewhere() {
    for page in [page(&bundled_data(), &[]), page(acme_2023().path(), &[])] {
        assert!(page.starts_with("<!DOCTYPE html>"));
        // The data may quote addresses (sources); the page refers to none.
        let open = r#"<script type="application/json" id="report-data">"#;
        let (before, data) = page.split_once(open).unwrap();
        let after = data.split_once("</script>").unwrap().1;
        let code = format!("{before}{after}").to_lowercase();
        for reference in [
            "src=", "href=", "url(", "@import", "http:", "https:", "ftp:",
        ] {
            assert!(!code.contains(reference), "the page holds {reference}");
        }
    }
}

#[test]
fn out_writes_the_page_and_never_over_a_file_without_force() {
    let org = acme_2023();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.html");
    let file_arg = file.to_str().unwrap();
    let run = orgctl(Some(org.path()), &["report", "--html", "--out", file_arg]);
    assert_eq!(run.ok(), "");
    assert!(
        run.stderr.contains("2023-01-10 to 2023-04-01, 5 events"),
        "{}",
        run.stderr
    );
    let written = std::fs::read_to_string(&file).unwrap();
    assert_eq!(written, page(org.path(), &[]));
    let again = orgctl(Some(org.path()), &["report", "--html", "--out", file_arg]);
    assert!(
        again
            .fails(1)
            .contains("exists; give --force to replace it")
    );
    let forced = &["report", "--html", "--out", file_arg, "--force"];
    orgctl(Some(org.path()), forced).ok();
}

#[test]
fn a_report_needs_html_and_a_range_in_order() {
    let org = acme_2023();
    let err = orgctl(Some(org.path()), &["report"]).fails(2).to_string();
    assert!(err.contains("--html"), "{err}");
    let args = &[
        "report",
        "--html",
        "--since",
        "2023-03-01",
        "--until",
        "2023-02-01",
    ];
    let err = orgctl(Some(org.path()), args).fails(2).to_string();
    assert!(
        err.contains("--since (2023-03-01) is after --until (2023-02-01)"),
        "{err}"
    );
}

// ---- In the browser ----

/// Opens the report of `data` in headless Chromium on each of `days` and
/// checks that it shows what `orgctl at DAY --format json` says.
fn page_shows_what_at_shows(data: &Path, days: &[&str]) {
    let (_dir, file) = page_file(data, &[]);
    for day in days {
        let at = orgctl(Some(data), &["at", day, "--format", "json"]).json();
        let expected = shown_by_at(&at);
        assert!(!expected.roles.is_empty(), "{day}: no role");
        assert_eq!(shown_on(&file, day), expected, "on {day}");
    }
}

#[test]
fn in_a_browser_the_page_shows_alibaba_as_at_does_on_each_day() {
    if !have_chromium("report") {
        return;
    }
    let days = [
        "2022-11-01",
        "2022-12-31",
        "2023-03-28",
        "2023-04-15",
        "2023-05-10",
    ];
    page_shows_what_at_shows(&bundled_data().join("alibaba"), &days);
}

#[test]
fn in_a_browser_vacant_unrecorded_acting_seats_and_dotted_lines_are_as_at_says() {
    if !have_chromium("report") {
        return;
    }
    let org = acme_2023();
    let days = [
        "2023-01-10",
        "2023-01-25",
        "2023-02-15",
        "2023-03-01",
        "2023-04-01",
    ];
    page_shows_what_at_shows(org.path(), &days);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.html");
    std::fs::write(&file, page(org.path(), &[])).unwrap();
    // Marked in the tree: the vacant CTO, the acting researcher, the dotted
    // line; and a day outside the range is brought to its end.
    let dom = dump_dom(&file, "day=2023-03-01");
    assert!(dom.contains("(vacant)") && dom.contains("(acting)"));
    assert!(dom.contains("dotted line to CEO, Acme"));
    let dom = dump_dom(&file, "day=2030-01-01");
    assert!(dom.contains("<body data-day=\"2023-04-01\""));
}

#[test]
fn in_a_browser_the_page_opens_on_its_last_day_without_a_day_in_its_address() {
    if !have_chromium("report") {
        return;
    }
    let org = acme_2023();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.html");
    std::fs::write(&file, page(org.path(), &[])).unwrap();
    let dom = dump_dom(&file, "");
    assert!(dom.contains("<body data-day=\"2023-04-01\""));
    // Every event is listed, with its date and sources.
    for text in [
        "2023-02~",
        "(reported 2023-03-15)",
        "Lab newsletter, March 2023",
    ] {
        assert!(dom.contains(text), "{text}");
    }
}

#[test]
fn in_a_browser_the_page_shows_a_generated_history_as_at_does() {
    if !have_chromium("report") {
        return;
    }
    let dir = small_generated_history();
    let data = embedded(&page(dir.path(), &[]));
    let events = data["events"].as_array().unwrap();
    let day = |i: usize| events[i]["day"].as_str().unwrap().to_string();
    let days = [
        day(events.len() / 4),
        day(events.len() / 2),
        day(events.len() - 1),
    ];
    let days: Vec<&str> = days.iter().map(String::as_str).collect();
    page_shows_what_at_shows(dir.path(), &days);
}

// ---- Search, focus and the changes of an event, in the browser ----

/// The report of the bundled Alibaba data written to a file in `dir`, and
/// its embedded data.
pub(crate) fn alibaba_page(dir: &Path) -> (std::path::PathBuf, Value) {
    let file = dir.join("report.html");
    let page = page(&bundled_data().join("alibaba"), &[]);
    std::fs::write(&file, &page).unwrap();
    (file, embedded(&page))
}

/// The day an event's changes hold from, as the page has it.
fn event_day(data: &Value, event: &Value) -> String {
    let events = data["events"].as_array().unwrap();
    let e = events.iter().find(|e| e["id"] == *event).expect("an event");
    e["day"].as_str().unwrap().to_string()
}

#[test]
fn in_a_browser_a_permalink_focuses_a_person_and_shows_their_history() {
    if !have_chromium("report") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (file, data) = alibaba_page(dir.path());
    let dom = dump_dom(&file, "day=2023-05-10&focus=wu-zeming");
    // The person is marked where the chart shows them: as Aicheng's CEO.
    let focused = tags_with(&dom, "data-focus");
    assert_eq!(focused.len(), 1, "{focused:?}");
    assert_eq!(focused[0]["data-person"], "wu-zeming");
    assert!(focused[0]["class"].contains("focus"));
    let roles = tags_with(&dom, "data-role");
    let ceo = roles
        .iter()
        .find(|t| t["data-role"] == "aicheng-ceo")
        .unwrap();
    assert_eq!(ceo["data-holders"], "wu-zeming");
    // The panel: the roles held, as `history` has them (each from its
    // first event's day to the day before its last), and the name.
    let history = orgctl(
        Some(&bundled_data().join("alibaba")),
        &["history", "wu-zeming", "--format", "json"],
    )
    .json();
    let panel = tags_with(&dom, "data-fact");
    let held: Vec<String> = panel
        .iter()
        .filter(|t| t["data-fact"] == "holds")
        .map(|t| {
            let until = t.get("data-until").cloned().unwrap_or_default();
            format!("{} {} {until}", t["data-value"], t["data-from"])
        })
        .collect();
    let expected: Vec<String> = history["facts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["fact"] == "holds")
        .map(|f| {
            let from = event_day(&data, &f["from"]["event"]);
            let until = match f["until"].get("event") {
                Some(e) => day_before(&event_day(&data, e)),
                None => String::new(),
            };
            format!("{} {from} {until}", f["role"].as_str().unwrap())
        })
        .collect();
    assert_eq!(
        held,
        [
            "alibaba-cto 2022-11-01 2023-05-09",
            "aicheng-ceo 2023-05-10 "
        ]
    );
    assert_eq!(held, expected);
    let names: Vec<&String> = panel
        .iter()
        .filter(|t| t["data-fact"] == "person_name")
        .map(|t| &t["data-value"])
        .collect();
    assert_eq!(names, [&history["subject"]["name"]]);
    let head = &tags_with(&dom, "data-focus-id")[0];
    assert_eq!(
        (
            head["data-focus-id"].as_str(),
            head["data-focus-kind"].as_str()
        ),
        ("wu-zeming", "person")
    );
}

#[test]
fn in_a_browser_search_finds_names_and_aliases_valid_on_the_day_shown() {
    if !have_chromium("report") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (file, _) = alibaba_page(dir.path());
    let found = |fragment: &str| -> Vec<String> {
        let dom = dump_dom(&file, fragment);
        let found = tags_with(&dom, "data-found");
        found.iter().map(|t| t["data-found"].clone()).collect()
    };
    // An alias of a person; an alias of a role, gone with the role.
    assert_eq!(found("day=2023-05-10&q=zhang%20yong"), ["daniel-zhang"]);
    assert_eq!(found("day=2023-05-09&q=cto"), ["alibaba-cto"]);
    assert!(found("day=2023-05-10&q=cto").is_empty());
    // A unit by its name, which the search and the focus keep in the address.
    let dom = dump_dom(&file, "day=2023-05-10&q=aicheng&focus=aicheng");
    let focused = tags_with(&dom, "data-focus");
    assert_eq!(focused.len(), 1, "{focused:?}");
    assert_eq!(focused[0]["data-focus"], "aicheng");
    let unit = r#"<li class="unit" data-unit="aicheng""#;
    let node = r#"<span class="node focus" data-focus="aicheng">"#;
    assert!(dom.contains(&format!(
        "{unit} data-parent=\"alibaba\" data-name=\"Aicheng Technology\">{node}"
    )));
    assert!(dom.contains("History of Aicheng Technology"));
    // Its history panel: its aliases (always), then its name.
    let names: Vec<String> = tags_with(&dom, "data-fact")
        .iter()
        .filter(|t| t["data-fact"] == "alias" || t["data-fact"] == "unit_name")
        .map(|t| format!("{} {}", t["data-fact"], t["data-value"]))
        .collect();
    assert_eq!(
        names,
        [
            "alias Zhejiang Aicheng Technology Development Co",
            "alias Aicheng",
            "unit_name Aicheng Technology"
        ]
    );
}

/// The changes the page lists and marks for `from` to `to`, against
/// `orgctl diff FROM TO --format json`.
fn page_marks_what_diff_finds(file: &Path, from: &str, to: &str) {
    let dom = dump_dom(file, &format!("day={to}&compare={from}"));
    let diff = orgctl(
        Some(&bundled_data().join("alibaba")),
        &["diff", from, to, "--format", "json"],
    )
    .json();
    let s = |v: &Value| v.as_str().unwrap_or_default().to_string();
    let listed: Vec<String> = tags_with(&dom, "data-change")
        .iter()
        .map(|t| {
            let get = |k: &str| t.get(k).cloned().unwrap_or_default();
            [
                "data-letter",
                "data-change",
                "data-subject",
                "data-before",
                "data-after",
                "data-change-event",
            ]
            .map(get)
            .join(" | ")
        })
        .collect();
    // The letters of `diff`'s text output.
    let letter = |kind: &str| match kind {
        "unit-created" | "role-created" => "A",
        "unit-dissolved" | "role-eliminated" => "D",
        "unit-moved" | "role-moved" => "M",
        "unit-renamed" | "role-retitled" | "person-renamed" => "R",
        "appointed" => "+",
        "left" => "-",
        "line-changed" => "L",
        "attribute-changed" => "S",
        "dotted-line-changed" => "~",
        other => panic!("a new kind of change: {other}"),
    };
    let changes = diff["changes"].as_array().unwrap();
    let expected: Vec<String> = changes
        .iter()
        .map(|c| {
            let kind = s(&c["kind"]);
            [letter(&kind).to_string(), kind]
                .into_iter()
                .chain(["subject", "before", "after", "event"].map(|k| s(&c[k])))
                .collect::<Vec<_>>()
                .join(" | ")
        })
        .collect();
    assert!(!expected.is_empty(), "{from} to {to}: no change");
    assert_eq!(listed, expected, "{from} to {to}");
    // On the chart: a mark beside each subject the chart shows on TO,
    // with its letter, linked to its event.
    let shown: std::collections::BTreeSet<String> = ["data-role", "data-unit", "data-person"]
        .iter()
        .flat_map(|k| tags_with(&dom, k).into_iter().map(|t| t[*k].clone()))
        .collect();
    let marks: Vec<String> = tags_with(&dom, "data-mark")
        .iter()
        .map(|t| {
            let event = t.get("data-event").cloned().unwrap_or_default();
            format!("{} {} {event}", t["data-mark"], t["data-mark-subject"])
        })
        .collect();
    let mut expected_marks: Vec<String> = Vec::new();
    for c in changes {
        let subject = s(&c["subject"]);
        if shown.contains(&subject) {
            // A person is marked at each of their roles on the chart.
            let at = tags_with(&dom, "data-person")
                .iter()
                .filter(|t| t["data-person"] == subject)
                .count()
                .max(1);
            for _ in 0..at {
                expected_marks.push(format!("{} {subject} {}", s(&c["kind"]), s(&c["event"])));
            }
        }
    }
    let mut marks = marks;
    marks.sort();
    expected_marks.sort();
    assert!(!marks.is_empty(), "{from} to {to}: nothing marked");
    assert_eq!(marks, expected_marks, "{from} to {to}");
    // The people view, with the letters of `diff`'s: listed, and marked
    // beside each person the chart shows.
    let person_letter = |kind: &str| match kind {
        "hired" => "+",
        "left" => "-",
        "moved" => "M",
        "new-role" => "R",
        "new-manager" => "L",
        other => panic!("a new kind of change: {other}"),
    };
    let role = |p: &Value| p.get("role").map(s).unwrap_or_default();
    let people = diff["people"].as_array().unwrap();
    let expected: Vec<String> = people
        .iter()
        .map(|c| {
            let kind = s(&c["kind"]);
            let person = s(&c["person"]);
            let (before, after) = (role(&c["before"]), role(&c["after"]));
            let event = s(&c["event"]);
            format!(
                "{} {kind} {person} {before} {after} {event}",
                person_letter(&kind)
            )
        })
        .collect();
    let listed: Vec<String> = tags_with(&dom, "data-person-change")
        .iter()
        .map(|t| {
            let get = |k: &str| t.get(k).cloned().unwrap_or_default();
            [
                "data-letter",
                "data-person-change",
                "data-change-person",
                "data-before",
                "data-after",
                "data-change-event",
            ]
            .map(get)
            .join(" ")
        })
        .collect();
    assert_eq!(listed, expected, "{from} to {to}: people");
    let mut marks: Vec<String> = tags_with(&dom, "data-person-mark")
        .iter()
        .map(|t| format!("{} {}", t["data-person-mark"], t["data-mark-subject"]))
        .collect();
    let mut expected_marks: Vec<String> = Vec::new();
    for c in people {
        let person = s(&c["person"]);
        let at = tags_with(&dom, "data-person")
            .iter()
            .filter(|t| t["data-person"] == person)
            .count();
        expected_marks.extend((0..at).map(|_| format!("{} {person}", s(&c["kind"]))));
    }
    marks.sort();
    expected_marks.sort();
    assert_eq!(marks, expected_marks, "{from} to {to}: people marks");
}

#[test]
fn in_a_browser_an_events_changes_are_marked_as_diff_finds_them() {
    if !have_chromium("report") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (file, data) = alibaba_page(dir.path());
    let mut days: Vec<&str> = data["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["day"].as_str().unwrap())
        .collect();
    days.dedup();
    assert!(days.contains(&"2023-05-10") && days.len() >= 3, "{days:?}");
    for to in ["2023-05-10", days[0], days[days.len() / 2]] {
        page_marks_what_diff_finds(&file, &day_before(to), to);
    }
    // Wu Zeming, moved to Aicheng that day, is marked M beside his name.
    let dom = dump_dom(&file, "day=2023-05-10&compare=2023-05-09");
    let moved = tags_with(&dom, "data-person-mark");
    let moved: Vec<_> = moved.iter().map(|t| &t["data-mark-subject"]).collect();
    assert_eq!(moved, ["wu-zeming"]);
    assert!(dom.contains(r#"data-person-mark="moved" data-mark-subject="wu-zeming">M</button>"#));
    // Any two other days: the page finds their changes as diff does.
    page_marks_what_diff_finds(&file, "2023-01-01", "2023-05-10");
}
