//! `orgctl report --html`, driven in headless Chromium through
//! chromedriver (WebDriver, by `fantoccini`): the arrow keys step through
//! the events and the chart is what `orgctl at` says on each day; typing a
//! search highlights a record and opens its history; two days compared
//! are marked as `orgctl diff FROM TO` finds it, with its letters and
//! events; a permalink reopens the same view; and the page logs no error
//! and loads nothing. Each test skips, with a notice, where chromedriver
//! or chromium is missing (`.ci/run` installs them).

use std::path::{Path, PathBuf};

use fantoccini::Client;
use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use serde_json::{Value, json};

use crate::report::{acme_2023, alibaba_page};
use crate::report_page::{day_before, embedded, page, shown_by_at, shown_by_page};
use crate::support::{
    ChromeDriver, bundled_data, generated_history, have_chromedriver, orgctl,
    small_generated_history,
};

/// Records every error the page's script throws or logs (from before it
/// runs), in `window.__errors`: put first in the page's head.
const ERROR_CATCHER: &str = r#"<script>
window.__errors = [];
window.addEventListener("error", (e) => window.__errors.push(String(e.message)));
const logError = console.error;
console.error = (...args) => { window.__errors.push(args.join(" ")); logError.apply(console, args); };
</script>"#;

/// The page with the error catcher first in its head, written to `dir`.
fn with_catcher(dir: &Path, page: &str) -> PathBuf {
    let file = dir.join("caught.html");
    let page = page.replacen("<head>", &format!("<head>\n{ERROR_CATCHER}"), 1);
    std::fs::write(&file, page).unwrap();
    file
}

fn url(file: &Path, fragment: &str) -> String {
    format!(
        "file://{}#{fragment}",
        file.canonicalize().unwrap().display()
    )
}

/// The bundled Alibaba data's page (with the error catcher) in a folder
/// of its own, and a browser to open it: the browser, its chromedriver,
/// the page, its data and the folder (kept while the test runs). `None`,
/// with a notice, where chromedriver or chromium is missing.
type Session = (Client, ChromeDriver, PathBuf, Value, tempfile::TempDir);

async fn alibaba_session() -> Option<Session> {
    if !have_chromedriver("report_drive") {
        return None;
    }
    let dir = tempfile::tempdir().unwrap();
    let (plain, data) = alibaba_page(dir.path());
    let file = with_catcher(dir.path(), &std::fs::read_to_string(plain).unwrap());
    let driver = ChromeDriver::start();
    let b = driver.browser().await;
    Some((b, driver, file, data, dir))
}

/// Runs `script` (a function body) in the page and returns its answer.
async fn run(b: &Client, script: &str) -> Value {
    b.execute(script, vec![]).await.expect(script)
}

/// Clicks the first element `css` selects.
async fn click(b: &Client, css: &str) {
    let element = b.find(fantoccini::Locator::Css(css)).await.expect(css);
    element.click().await.expect(css);
}

/// Presses and releases `key`, wherever the keyboard's focus is.
async fn press(b: &Client, key: Key) {
    let keys = KeyActions::new("keyboard".to_string())
        .then(KeyAction::Down { value: key.into() })
        .then(KeyAction::Up { value: key.into() });
    b.perform_actions(keys).await.expect("a key pressed");
}

/// The day the page shows.
async fn day_shown(b: &Client) -> String {
    let day = run(b, "return document.body.getAttribute('data-day');").await;
    day.as_str().unwrap().to_string()
}

/// The address's fragment, as the page keeps it.
async fn fragment(b: &Client) -> String {
    let url = b.current_url().await.unwrap();
    url.fragment().unwrap_or_default().to_string()
}

/// The chart on the page now is what `orgctl at DAY` says.
async fn chart_is_at(b: &Client, data: &Path, day: &str) {
    let dom = b.source().await.unwrap();
    let at = orgctl(Some(data), &["at", day, "--format", "json"]).json();
    assert_eq!(shown_by_page(&dom), shown_by_at(&at), "on {day}");
}

/// What the page asked the network for (resource timing has every fetch,
/// failed ones too, but none of a `file:`).
async fn network_loads(b: &Client) -> Value {
    run(
        b,
        "return performance.getEntriesByType('resource').map((e) => e.name);",
    )
    .await
}

/// No error logged or thrown since the page opened, and nothing asked of
/// the network; then the session ends.
async fn finish(b: Client) {
    let errors = run(&b, "return window.__errors;").await;
    assert_eq!(errors, json!([]), "the page's errors");
    assert_eq!(
        network_loads(&b).await,
        json!([]),
        "the page's network loads"
    );
    b.close().await.unwrap();
}

/// The event days of the page, each once, in order.
fn event_days(data: &Value) -> Vec<String> {
    let mut days: Vec<String> = data["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["day"].as_str().unwrap().to_string())
        .collect();
    days.dedup();
    days
}

#[tokio::test(flavor = "current_thread")]
async fn the_arrow_keys_step_through_the_events_and_the_chart_is_what_at_shows() {
    let Some((b, _driver, file, data, _dir)) = alibaba_session().await else {
        return;
    };
    let alibaba = bundled_data().join("alibaba");
    let days = event_days(&data);
    assert!(days.len() >= 4, "{days:?}");
    b.goto(&url(&file, "")).await.unwrap();
    // It opens on the last day; Home goes to the first event's day.
    assert_eq!(day_shown(&b).await, data["last_day"].as_str().unwrap());
    press(&b, Key::Home).await;
    let mut shown = vec![day_shown(&b).await];
    for _ in 1..days.len() {
        press(&b, Key::Right).await;
        shown.push(day_shown(&b).await);
    }
    assert_eq!(shown, days, "one step per event day, in order");
    // Past the last event, Right stays; Left steps back, and each step's
    // chart, changes, focus and address follow.
    press(&b, Key::Right).await;
    assert_eq!(day_shown(&b).await, days[days.len() - 1]);
    for want in days.iter().rev().skip(1) {
        press(&b, Key::Left).await;
        assert_eq!(&day_shown(&b).await, want);
        chart_is_at(&b, &alibaba, want).await;
        let compare = day_before(want);
        assert_eq!(fragment(&b).await, format!("day={want}&compare={compare}"));
        let changes = run(
            &b,
            "return document.querySelector('#changes h2').textContent;",
        )
        .await;
        assert_eq!(changes, format!("Changes from {compare} to {want}"));
        // The event stepped to has the keyboard's focus, in view.
        let focused = run(
            &b,
            "return document.activeElement.closest('#events > li').dataset.day;",
        );
        assert_eq!(focused.await, want.as_str());
    }
    // End goes to the last; typing in the search box moves no day.
    press(&b, Key::End).await;
    assert_eq!(day_shown(&b).await, days[days.len() - 1]);
    let search = b.find(fantoccini::Locator::Id("search")).await.unwrap();
    search.send_keys(&Key::Left.to_string()).await.unwrap();
    assert_eq!(day_shown(&b).await, days[days.len() - 1]);
    finish(b).await;
}

#[tokio::test(flavor = "current_thread")]
async fn the_event_stepped_to_is_scrolled_into_view_in_a_long_timeline() {
    if !have_chromedriver("report_drive") {
        return;
    }
    let data = small_generated_history();
    let file = with_catcher(data.path(), &page(data.path(), &[]));
    let driver = ChromeDriver::start();
    let b = driver.browser().await;
    b.goto(&url(&file, "")).await.unwrap();
    // Whether the event of the day shown is within the window, and how
    // far the page is scrolled.
    let seen = "const r = document.querySelector('#events > li.on-day').getBoundingClientRect();
        return [r.top >= 0 && r.bottom <= window.innerHeight, window.scrollY > 0];";
    press(&b, Key::Home).await;
    assert_eq!(run(&b, seen).await, json!([true, false]));
    press(&b, Key::End).await;
    assert_eq!(run(&b, seen).await, json!([true, true]));
    finish(b).await;
}

#[tokio::test(flavor = "current_thread")]
async fn typing_a_name_finds_the_person_and_choosing_them_opens_their_history() {
    let Some((b, _driver, file, _, _dir)) = alibaba_session().await else {
        return;
    };
    b.goto(&url(&file, "day=2023-05-10")).await.unwrap();
    let search = b.find(fantoccini::Locator::Id("search")).await.unwrap();
    search.send_keys("zeming").await.unwrap();
    let found = run(
        &b,
        "return [...document.querySelectorAll('#search-results [data-found]')].map((e) => e.dataset.found);",
    );
    assert_eq!(found.await, json!(["wu-zeming"]));
    assert_eq!(fragment(&b).await, "day=2023-05-10&q=zeming");
    click(&b, "[data-found='wu-zeming']").await;
    // Highlighted where the chart shows him (Aicheng's CEO), and his
    // history open: the roles he held, the CTO's and then Aicheng's CEO's.
    let marked = run(
        &b,
        "return [...document.querySelectorAll('.focus')].map((e) => [e.dataset.person, e.closest('li').dataset.role]);",
    );
    assert_eq!(marked.await, json!([["wu-zeming", "aicheng-ceo"]]));
    let panel = run(
        &b,
        "return document.querySelector('#focus h2').dataset.focusId;",
    )
    .await;
    assert_eq!(panel, "wu-zeming");
    let held = run(
        &b,
        "return [...document.querySelectorAll('#focus [data-fact=holds]')].map((e) => e.dataset.value);",
    );
    assert_eq!(held.await, json!(["alibaba-cto", "aicheng-ceo"]));
    assert_eq!(
        fragment(&b).await,
        "day=2023-05-10&focus=wu-zeming&q=zeming"
    );
    finish(b).await;
}

/// What the page shows: its day, the day compared with, the focused
/// record, the marks on the chart and the changes listed.
async fn view(b: &Client) -> Value {
    run(b, r##"
        const attrs = (sel, keys) => [...document.querySelectorAll(sel)].map((e) => keys.map((k) => e.getAttribute(k)));
        return {
          day: document.body.dataset.day,
          compare: document.body.dataset.compare,
          compareInput: document.getElementById("compare-picker").value,
          focus: attrs("[data-focus]", ["data-focus", "data-person", "data-role"]),
          marks: attrs("button.mark[data-mark-subject]", ["data-mark-subject", "data-mark", "data-person-mark"]),
          changes: attrs("#changes li", ["data-change", "data-person-change", "data-subject", "data-change-event"]),
        };"##).await
}

#[tokio::test(flavor = "current_thread")]
async fn a_permalink_reopens_the_same_day_focus_and_comparison() {
    let Some((b, driver, file, _, _dir)) = alibaba_session().await else {
        return;
    };
    b.goto(&url(&file, "")).await.unwrap();
    // A view made by hand: an event's day by the keyboard, a person found,
    // and a day compared with chosen in the "compare with" field.
    press(&b, Key::Home).await;
    press(&b, Key::Right).await;
    press(&b, Key::Right).await;
    press(&b, Key::Right).await;
    let search = b.find(fantoccini::Locator::Id("search")).await.unwrap();
    search.send_keys("Wu Ze").await.unwrap();
    click(&b, "[data-found]").await;
    run(
        &b,
        r#"const c = document.getElementById("compare-picker");
        c.value = "2022-12-01"; c.dispatchEvent(new Event("change"));"#,
    )
    .await;
    let made = view(&b).await;
    let link = b.current_url().await.unwrap().to_string();
    assert!(
        link.ends_with("#day=2023-05-10&focus=wu-zeming&compare=2022-12-01&q=Wu+Ze"),
        "{link}"
    );
    assert_eq!(made["compare"], "2022-12-01");
    assert_eq!(made["compareInput"], "2022-12-01");
    assert!(!made["marks"].as_array().unwrap().is_empty(), "{made}");
    assert!(!made["focus"].as_array().unwrap().is_empty(), "{made}");
    // Reopened in another session, the link shows the same view.
    b.close().await.unwrap();
    let b = driver.browser().await;
    b.goto(&link).await.unwrap();
    assert_eq!(view(&b).await, made);
    // "No comparison" clears the marks, and the address says so.
    click(&b, "#compare-clear").await;
    assert_eq!(view(&b).await["marks"], json!([]));
    assert_eq!(fragment(&b).await, "day=2023-05-10&focus=wu-zeming&q=Wu+Ze");
    // A day compared with after the day shown is refused, as diff does.
    b.goto(&url(&file, "day=2023-01-01&compare=2023-05-10"))
        .await
        .unwrap();
    let refused = view(&b).await;
    assert_eq!(
        (&refused["marks"], &refused["changes"]),
        (&json!([]), &json!([]))
    );
    let note = run(
        &b,
        "return document.querySelector('#changes .refused').textContent;",
    );
    assert!(note.await.as_str().unwrap().contains("after the day shown"));
    finish(b).await;
}

/// The changes the page lists between `from` and `to` (opened by its
/// address), and those `orgctl diff FROM TO --format json` finds, each
/// as the same row.
async fn compared(b: &Client, file: &Path, data: &Path, from: &str, to: &str) -> (Value, Value) {
    b.goto(&url(file, &format!("day={to}&compare={from}")))
        .await
        .unwrap();
    let page = run(b, r##"
        const rows = (sel, keys) => [...document.querySelectorAll(sel)].map((e) => keys.map((k) => e.getAttribute(k)));
        return [
          rows("#changes li[data-change]", ["data-letter", "data-change", "data-subject", "data-before", "data-after", "data-change-event", "data-key", "data-acting", "data-moved-to"]),
          rows("#changes li[data-person-change]", ["data-letter", "data-person-change", "data-change-person", "data-before", "data-after", "data-change-event"]),
          [...document.querySelectorAll("#reporting button.mark, #units button.mark")].length,
        ];"##).await;
    let diff = orgctl(Some(data), &["diff", from, to, "--format", "json"]).json();
    let (letters, people_letters) = diff_letters(data, from, to);
    let changes: Vec<Value> = diff["changes"]
        .as_array()
        .unwrap()
        .iter()
        .zip(&letters)
        .map(|(c, letter)| {
            let kind = c["kind"].as_str().unwrap();
            let acting = c
                .get("acting")
                .map(|_| json!("true"))
                .unwrap_or(Value::Null);
            json!([
                letter,
                kind,
                c["subject"],
                c["before"],
                c["after"],
                c["event"],
                c.get("key").unwrap_or(&Value::Null),
                acting,
                c.get("moved_to").unwrap_or(&Value::Null)
            ])
        })
        .collect();
    let role = |p: &Value| p.get("role").cloned().unwrap_or(Value::Null);
    let people: Vec<Value> = diff["people"]
        .as_array()
        .unwrap()
        .iter()
        .zip(&people_letters)
        .map(|(c, letter)| {
            let kind = c["kind"].as_str().unwrap();
            json!([
                letter,
                kind,
                c["person"],
                role(&c["before"]),
                role(&c["after"]),
                c["event"]
            ])
        })
        .collect();
    assert_eq!(letters.len(), changes.len(), "a letter per change");
    assert_eq!(people_letters.len(), people.len(), "a letter per person");
    // Marked on the chart too, when there is a change.
    let marked = page[2].as_u64().unwrap() > 0;
    assert_eq!(marked, !changes.is_empty() || !people.is_empty(), "{page}");
    (json!([page[0], page[1]]), json!([changes, people]))
}

/// The letters of `orgctl diff FROM TO`'s text output, in order: of the
/// changes, then of its people view (below "People").
fn diff_letters(data: &Path, from: &str, to: &str) -> (Vec<String>, Vec<String>) {
    let text = orgctl(Some(data), &["diff", from, to]).ok().to_string();
    let (mut changes, mut people) = (Vec::new(), Vec::new());
    let mut list = &mut changes;
    for line in text.lines() {
        if line == "People" {
            list = &mut people;
        }
        let mut chars = line.strip_prefix("  ").unwrap_or_default().chars();
        if let (Some(letter), Some(' ')) = (chars.next(), chars.next())
            && letter != ' '
        {
            list.push(letter.to_string());
        }
    }
    (changes, people)
}

/// For each pair of days, the page marks what `diff` finds between them.
async fn compare_pairs(data: &Path, pairs: &[(&str, &str)]) {
    let dir = tempfile::tempdir().unwrap();
    let file = with_catcher(dir.path(), &page(data, &[]));
    let driver = ChromeDriver::start();
    let b = driver.browser().await;
    let mut sizes = Vec::new();
    for (from, to) in pairs {
        let (shown, found) = compared(&b, &file, data, from, to).await;
        assert_eq!(shown, found, "from {from} to {to}");
        sizes.push(found[0].as_array().unwrap().len() + found[1].as_array().unwrap().len());
    }
    // The pairs tell something: changes, and none.
    assert!(
        sizes.iter().any(|n| *n > 5) && sizes.contains(&0),
        "{sizes:?}"
    );
    finish(b).await;
}

#[tokio::test(flavor = "current_thread")]
async fn two_days_compared_are_marked_as_diff_finds_on_the_bundled_data() {
    if !have_chromedriver("report_drive") {
        return;
    }
    let pairs = [
        // Across every event, across several, between events (no change),
        // the day of three events, and an event's day from far before.
        ("2022-11-01", "2023-05-10"),
        ("2023-03-01", "2023-04-15"),
        ("2023-04-01", "2023-05-09"),
        ("2023-05-09", "2023-05-10"),
        ("2022-12-01", "2023-03-28"),
        ("2023-03-28", "2023-05-10"),
    ];
    compare_pairs(&bundled_data().join("alibaba"), &pairs).await;
}

#[tokio::test(flavor = "current_thread")]
async fn two_days_compared_are_marked_as_diff_finds_with_seats_dotted_lines_and_acting() {
    if !have_chromedriver("report_drive") {
        return;
    }
    // Acme through 2023 (see `report::acme_2023`): a CTO leaves, a board
    // of two seats fills up, an acting researcher joins in a month, a unit
    // is renamed and the engineer's holder becomes unrecorded.
    let org = acme_2023();
    let pairs = [
        ("2023-01-10", "2023-04-01"),
        ("2023-01-15", "2023-03-01"),
        ("2023-02-02", "2023-02-28"),
        ("2023-01-19", "2023-01-20"),
        ("2023-02-15", "2023-04-01"),
    ];
    compare_pairs(org.path(), &pairs).await;
}

#[tokio::test(flavor = "current_thread")]
async fn two_days_compared_are_marked_as_diff_finds_on_a_generated_history() {
    if !have_chromedriver("report_drive") {
        return;
    }
    let dir = small_generated_history();
    let data = embedded(&page(dir.path(), &[]));
    let days = event_days(&data);
    let at = |i: usize| days[i].as_str();
    let n = days.len();
    let next = day_before(at(n / 2 + 1));
    let pairs = [
        (at(0), at(n - 1)),
        (at(n / 4), at(n / 2)),
        (at(n / 3), at(2 * n / 3)),
        (at(n / 2), next.as_str()),
        (at(n / 2 - 1), at(n / 2)),
    ];
    compare_pairs(dir.path(), &pairs).await;
}

#[tokio::test(flavor = "current_thread")]
async fn the_page_loads_nothing_from_the_network() {
    let Some((b, _driver, file, _, _dir)) = alibaba_session().await else {
        return;
    };
    b.goto(&url(
        &file,
        "day=2023-05-10&compare=2023-01-01&focus=wu-zeming",
    ))
    .await
    .unwrap();
    press(&b, Key::Left).await;
    let roles = run(
        &b,
        "return document.querySelectorAll('#reporting [data-role]').length;",
    );
    assert!(roles.await.as_u64().unwrap() > 5, "the chart is drawn");
    assert_eq!(network_loads(&b).await, json!([]));
    // A load from elsewhere (failed: there is no network) would be seen.
    let seen = b.execute_async(
        "const done = arguments[0];
         new PerformanceObserver((list) => done(list.getEntries().map((e) => e.name)))
           .observe({ type: 'resource' });
         new Image().src = 'http://example.org/logo.png';",
        vec![],
    );
    assert_eq!(seen.await.unwrap(), json!(["http://example.org/logo.png"]));
    b.close().await.unwrap();
}

#[tokio::test(flavor = "current_thread")]
async fn a_long_timeline_lists_the_events_near_the_day_and_more_when_asked() {
    if !have_chromedriver("report_drive") {
        return;
    }
    let dir = generated_history(400, 6, 3);
    let html = page(dir.path(), &[]);
    let data = embedded(&html);
    let all = data["events"].as_array().unwrap();
    let events: Vec<&str> = all.iter().map(|e| e["id"].as_str().unwrap()).collect();
    let n = events.len();
    // The first event of the last day: 150 events are listed before it,
    // and it with those after it.
    let last_day = &all[n - 1]["day"];
    let at = all.iter().position(|e| &e["day"] == last_day).unwrap();
    assert!(at > 300, "{at} of {n}");
    let file = with_catcher(dir.path(), &html);
    let driver = ChromeDriver::start();
    let b = driver.browser().await;
    b.goto(&url(&file, "")).await.unwrap();
    let listed = async |b: &Client| -> Vec<String> {
        let ids = run(
            b,
            "return [...document.querySelectorAll('#events > li[data-event]')].map((e) => e.dataset.event);",
        );
        serde_json::from_value(ids.await).unwrap()
    };
    // On the last day: the events near it, not all.
    assert_eq!(listed(&b).await, events[at - 150..]);
    // "Show 150 earlier events" lists 150 more, before them.
    click(&b, "button[data-more='earlier']").await;
    assert_eq!(listed(&b).await, events[at - 300..]);
    // Home: the first event's day, the events after it listed.
    press(&b, Key::Home).await;
    assert_eq!(listed(&b).await, events[..150]);
    let later = "return document.querySelectorAll(\"button[data-more='later']\").length;";
    assert_eq!(run(&b, later).await, json!(1));
    finish(b).await;
}
