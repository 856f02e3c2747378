//! Issue 9, friction a new user met: each test is one message that misled
//! or repeated itself, now saying what is wrong and how to fix it.

use crate::support::{ACME, Org};

/// Runs `check` on `org`: it exits 1 and stderr holds each of `parts`.
#[track_caller]
fn check_says(org: &Org, parts: &[&str]) {
    let stderr = org.run(&["check"]).fails(1).to_string();
    for p in parts {
        assert!(stderr.contains(p), "expected {p:?} in:\n{stderr}");
    }
}

// ----- dates on the command line ---------------------------------------------------------

#[test]
fn a_day_with_a_qualifier_on_the_command_line_names_one_day_once() {
    let run = Org::with(ACME).run(&["at", "2023-10-01~"]);
    assert_eq!(
        run.fails(2),
        "error: invalid value '2023-10-01~' for '[DATE]': '2023-10-01~' is not a single day; \
the command line takes an exact day, YYYY-MM-DD without `~` or `?`: e.g. 2023-10-01\n\
\n\
For more information, try '--help'.\n"
    );
}

#[test]
fn a_month_on_the_command_line_suggests_its_first_and_last_day() {
    let run = Org::with(ACME).run(&["who-reports-to", "ann", "--at", "2023-02?"]);
    assert!(
        run.fails(2).contains(
            "'2023-02?' is not a single day; the command line takes an exact day, \
YYYY-MM-DD without `~` or `?`: e.g. 2023-02-01 or 2023-02-28"
        ),
        "{}",
        run.stderr
    );
}

// ----- values TOML reads otherwise than meant ----------------------------------------------

#[test]
fn an_unquoted_approximate_date_is_told_to_be_quoted() {
    let org = Org::with(ACME).file("events.toml", "[[event]]\ndate = 2023-11-16~\n");
    assert_eq!(
        org.run(&["check"]).fails(1),
        format!(
            "error[E0001]: invalid date-time, expected `T` between date and time
 --> {}/events.toml:2:8
  |
2 | date = 2023-11-16~
  |        ^^^^^^^^^^^
  = help: approximate (`~`) and uncertain (`?`) dates must be quoted (only an exact day is a TOML date): `date = \"2023-11-16~\"`

error: the data has 1 error
",
            org.path().display()
        )
    );
}

#[test]
fn an_unquoted_month_or_year_is_told_to_be_quoted() {
    let org = Org::with(ACME).file(
        "events.toml",
        "[[event]]\ndate = 2023-11\n\n[[event]]\ndate = 2023-12-01\nreported = 2024?\n",
    );
    check_says(
        &org,
        &[
            "= help: a month or a year must be quoted (only an exact day is a TOML date): `date = \"2023-11\"`",
            "= help: approximate (`~`) and uncertain (`?`) dates must be quoted (only an exact day is a TOML date): `reported = \"2024?\"`",
        ],
    );
}

#[test]
fn a_quoted_boolean_is_told_to_drop_the_quotes() {
    let org = Org::with(ACME).file(
        "events.toml",
        r#"[[event]]
date = 2023-01-01
changes = [{ op = "appoint", person = "dee", role = "cto", acting = "true" }]
"#,
    );
    assert_eq!(
        org.run(&["check"]).fails(1),
        format!(
            r#"error[E0002]: invalid type: string "true", expected a boolean
 --> {}/events.toml:3:69
  |
3 | changes = [{{ op = "appoint", person = "dee", role = "cto", acting = "true" }}]
  |                                                                     ^^^^^^
  = help: drop the quotes: `acting = true`

error: the data has 1 error
"#,
            org.path().display()
        )
    );
}

#[test]
fn any_quoted_true_or_false_where_a_boolean_is_wanted_is_told_the_same() {
    let acme = ACME.replacen("head = true", "head = \"False\"", 1);
    check_says(
        &Org::with(&acme),
        &["= help: drop the quotes: `head = false`"],
    );
}

// ----- references written as names ----------------------------------------------------------

/// A holding whose chairman is also its CEO, and two labs with a head each.
const HOLDING: &str = r#"[[unit]]
id = "acme"
name = "Acme Holdings"

[[unit]]
id = "labs"
name = "Acme Labs"
parent = "acme"

[[unit]]
id = "works"
name = "Acme Works"
parent = "acme"

[[person]]
id = "ann"
name = "Ann Archer"

[[role]]
id = "acme-ceo"
title = "Chairman and Chief Executive Officer"
aka = ["chairman"]
unit = "acme"
head = true

[[role]]
id = "labs-head"
title = "Head"
unit = "labs"
head = true

[[role]]
id = "works-head"
title = "Head"
unit = "works"
head = true
"#;

#[test]
fn a_role_or_unit_written_by_its_title_name_or_alias_suggests_its_id() {
    let org = Org::with(HOLDING).file(
        "events.toml",
        r#"[[event]]
date = 2023-01-01
changes = [
  { op = "appoint", person = "ann", role = "Chairman" },
  { op = "set", unit = "acme labs", key = "site", value = "Leeds" },
  { op = "eliminate", role = "head" },
]
"#,
    );
    assert_eq!(
        org.run(&["check"]).fails(1),
        format!(
            r#"error[E0103]: unknown role 'Chairman'
 --> {dir}/events.toml:4:44
  |
4 |   {{ op = "appoint", person = "ann", role = "Chairman" }},
  |                                            ^^^^^^^^^^
  = help: did you mean 'acme-ceo' (Chairman and Chief Executive Officer, also known as chairman)? a reference names a record by its id

error[E0103]: unknown unit 'acme labs'
 --> {dir}/events.toml:5:24
  |
5 |   {{ op = "set", unit = "acme labs", key = "site", value = "Leeds" }},
  |                        ^^^^^^^^^^^
  = help: did you mean 'labs' (Acme Labs)? a reference names a record by its id

error[E0103]: unknown role 'head'
 --> {dir}/events.toml:6:30
  |
6 |   {{ op = "eliminate", role = "head" }},
  |                              ^^^^^^
  = help: did you mean 'labs-head' or 'works-head' (each Head)? a reference names a record by its id

error: the data has 3 errors
"#,
            dir = org.path().display()
        )
    );
}

#[test]
fn a_person_written_by_an_alias_suggests_their_id() {
    let org = Org::with(&HOLDING.replace("name = \"Ann Archer\"", "name = \"Ann Archer\"\naka = [\"Annie\"]"))
        .file(
            "events.toml",
            "[[event]]\ndate = 2023-01-01\nchanges = [{ op = \"appoint\", person = \"annie\", role = \"acme-ceo\" }]\n",
        );
    check_says(
        &org,
        &[
            "= help: did you mean 'ann' (Ann Archer, also known as Annie)? a reference names a record by its id",
        ],
    );
}

// ----- an approximate month counts from its first day ---------------------------------------

/// A group whose cloud unit and its CEO role are created on 2023-03-28.
const GROUP: &str = r#"[[unit]]
id = "group"
name = "Group"

[[unit]]
id = "cloud"
name = "Cloud Intelligence"
parent = "group"

[[person]]
id = "eddie"
name = "Eddie Wu"

[[role]]
id = "group-ceo"
title = "CEO"
unit = "group"
head = true

[[role]]
id = "cloud-ceo"
title = "CEO"
unit = "cloud"
head = true

[[event]]
id = "restructuring"
date = 2023-03-28
changes = [{ op = "create", unit = "cloud" }]
"#;

#[test]
fn a_month_before_a_creation_in_it_is_one_error_that_says_it_counts_from_the_first() {
    let org = Org::with(GROUP).file(
        "wu.toml",
        r#"[[event]]
id = "wu-takes-the-cloud"
date = "2023-03~"
changes = [
  { op = "appoint", person = "eddie", role = "cloud-ceo" },
  { op = "set", role = "cloud-ceo", key = "board", value = "own" },
  { op = "report", role = "cloud-ceo", to = "group-ceo" },
]
"#,
    );
    assert_eq!(
        org.run(&["check"]).fails(1),
        format!(
            r#"error[E0201]: role 'cloud-ceo' does not exist yet on 2023-03~
 --> {}/wu.toml:5:46
  |
5 |   {{ op = "appoint", person = "eddie", role = "cloud-ceo" }},
  |                                              ^^^^^^^^^^^
  = help: 2023-03~ counts from 2023-03-01, before the role is created on 2023-03-28; if the event came after, date it on or after 2023-03-28; 2 more changes of this event name it and are left out too

error: the data has 1 error
"#,
            org.path().display()
        )
    );
}

#[test]
fn a_record_is_reported_once_per_event_and_again_in_another() {
    let org = Org::with(GROUP).file(
        "wu.toml",
        r#"[[event]]
date = "2023-02"
changes = [{ op = "appoint", person = "eddie", role = "cloud-ceo" }]

[[event]]
date = "2023-03?"
changes = [{ op = "set", role = "cloud-ceo", key = "board", value = "own" }]
"#,
    );
    let stderr = org.run(&["check"]).fails(1).to_string();
    let helps: Vec<&str> = stderr.lines().filter(|l| l.contains("= help")).collect();
    assert_eq!(
        helps,
        [
            // February ends before the role begins: its first day is not the point.
            "  = help: it comes into existence on 2023-03-28",
            "  = help: 2023-03? counts from 2023-03-01, before the role is created on 2023-03-28; if the event came after, date it on or after 2023-03-28",
        ],
        "{stderr}"
    );
}

// ----- a name of several words without quotes -----------------------------------------------

#[test]
fn a_name_of_two_words_without_quotes_gets_the_quoted_command() {
    let org = Org::with(ACME);
    assert_eq!(
        org.run(&["who-reports-to", "Ann", "Archer"]).fails(2),
        format!(
            "error: unexpected argument 'Archer' found

  tip: to name \"Ann Archer\", quote it: orgctl --data {} who-reports-to \"Ann Archer\"

Usage: orgctl who-reports-to [OPTIONS] <NAME>

For more information, try '--help'.
",
            org.path().display()
        )
    );
}

#[test]
fn every_command_that_takes_a_name_gets_the_tip() {
    let org = Org::with(ACME);
    let data = org.path().display().to_string();
    for (args, quoted) in [
        (
            &["chain", "Bob", "Baker", "--at", "2023-01-01"][..],
            "chain \"Bob Baker\" --at 2023-01-01",
        ),
        (&["history", "Cy", "Cole"], "history \"Cy Cole\""),
        (
            &["why", "--at", "2023-01-01", "Dee", "Dunn"],
            "why --at 2023-01-01 \"Dee Dunn\"",
        ),
        (&["show", "Research", "Lab"], "show \"Research Lab\""),
        (
            &["log", "--about", "Research", "Lab", "--oneline"],
            "log --about \"Research Lab\" --oneline",
        ),
        // The second word is read as the date: the tip all the same.
        (
            &["at", "--unit", "Research", "Lab"],
            "at --unit \"Research Lab\"",
        ),
    ] {
        let run = org.run(args);
        let tip = format!("quote it: orgctl --data {data} {quoted}\n");
        assert!(run.fails(2).contains(&tip), "{args:?}:\n{}", run.stderr);
    }
}

#[test]
fn no_tip_where_quoting_would_not_help() {
    let org = Org::with(ACME);
    for args in [
        &["diff", "2023-01-01", "2023-02-01", "2023-03-01"][..],
        &["at", "2023-13-01"],
        &["who-reports-to", "Ann", "--at", "2023-01-01", "Archer"],
    ] {
        let run = org.run(args);
        assert!(
            !run.fails(2).contains("tip: to name"),
            "{args:?}:\n{}",
            run.stderr
        );
    }
}
