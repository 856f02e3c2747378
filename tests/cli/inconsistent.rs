//! Inconsistent data: every rule of the format that data can break gives a
//! located error (file:line:col), exit 1, and never a panic.

use crate::support::Org;

/// Runs `check` on one file and returns stderr, asserting exit 1.
fn check_fails(toml: &str) -> String {
    Org::with(toml).run(&["check"]).fails(1).to_string()
}

#[track_caller]
fn assert_has(stderr: &str, parts: &[&str]) {
    for p in parts {
        assert!(stderr.contains(p), "expected {p:?} in:\n{stderr}");
    }
}

const BASE: &str = r#"
[[unit]]
id = "acme"
name = "Acme"

[[unit]]
id = "eng"
name = "Engineering"
parent = "acme"

[[person]]
id = "ann"
name = "Ann Archer"

[[role]]
id = "ceo"
title = "CEO"
unit = "acme"
head = true

[[role]]
id = "cto"
title = "CTO"
unit = "eng"
head = true
"#;

fn base(more: &str) -> String {
    format!("{BASE}{more}")
}

/// `org.toml:LINE:COL` of the first occurrence of `needle` in `toml`.
fn at(toml: &str, needle: &str) -> String {
    at_nth(toml, needle, 0)
}

/// `org.toml:LINE:COL` of the `n`th (from 0) occurrence of `needle`.
fn at_nth(toml: &str, needle: &str, n: usize) -> String {
    let offset = toml
        .match_indices(needle)
        .nth(n)
        .expect("needle in fixture")
        .0;
    let before = &toml[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().unwrap().chars().count() + 1;
    format!("org.toml:{line}:{col}")
}

#[test]
fn a_reference_to_an_unknown_id_names_the_line_and_suggests_the_id() {
    let toml = base(
        r#"[[event]]
date = 2023-01-01
changes = [{ op = "appoint", person = "ann", role = "cdo" }]
"#,
    );
    let err = check_fails(&toml);
    assert_has(
        &err,
        &[
            "error: unknown role 'cdo'",
            &at(&toml, "\"cdo\""),
            "help: did you mean 'ceo'?",
        ],
    );
}

#[test]
fn every_field_that_holds_an_id_is_checked() {
    let toml = r#"[[unit]]
id = "acme"
name = "Acme"
parent = "nowhere"

[[role]]
id = "r"
title = "R"
unit = "nounit"
reports_to = "norole"
holder = "nobody"

[[event]]
date = 2023-01-01
changes = [
  { op = "dissolve", unit = "acme", into = "nounit2" },
  { op = "move", unit = "acme", to = "nounit3" },
  { op = "leave", person = "nobody2" },
]
"#;
    let err = check_fails(toml);
    assert_has(
        &err,
        &[
            "unknown unit 'nowhere'",
            &at(toml, "\"nowhere\""),
            "unknown unit 'nounit'",
            &at(toml, "\"nounit\""),
            "unknown role 'norole'",
            &at(toml, "\"norole\""),
            "unknown person 'nobody'",
            &at(toml, "\"nobody\""),
            "unknown unit 'nounit2'",
            &at(toml, "\"nounit2\""),
            "unknown unit 'nounit3'",
            &at(toml, "\"nounit3\""),
            "unknown person 'nobody2'",
            &at(toml, "\"nobody2\""),
            "the data has 7 errors",
        ],
    );
}

#[test]
fn a_reference_to_the_wrong_kind_of_record_is_an_error() {
    let toml = base(
        r#"[[event]]
date = 2023-01-01
changes = [{ op = "appoint", person = "ann", role = "eng" }]
"#,
    );
    let err = check_fails(&toml);
    assert_has(
        &err,
        &["'eng' is a unit, not a role", &at_nth(&toml, "\"eng\"", 2)],
    );
}

#[test]
fn ids_are_unique_across_kinds() {
    let toml = base(
        r#"[[person]]
id = "eng"
name = "Eng Person"
"#,
    );
    let err = check_fails(&toml);
    assert_has(
        &err,
        &[
            "duplicate id 'eng'",
            &at_nth(&toml, "\"eng\"", 2),
            "already a unit at",
            &at(&toml, "\"eng\""),
        ],
    );
}

#[test]
fn an_id_must_have_the_id_shape() {
    let toml = r#"
[[person]]
id = "Ann Archer"
name = "Ann Archer"
"#;
    let err = check_fails(toml);
    assert_has(
        &err,
        &[
            "'Ann Archer' is not a valid id",
            &at(toml, "\"Ann Archer\""),
            "lowercase letters",
        ],
    );
}

#[test]
fn appointing_to_a_role_that_does_not_exist_yet_says_when_it_will() {
    let toml = base(
        r#"[[role]]
id = "cfo"
title = "CFO"
unit = "acme"
since = "2024"

[[event]]
date = 2023-01-01
changes = [{ op = "appoint", person = "ann", role = "cfo" }]
"#,
    );
    let err = check_fails(&toml);
    assert_has(
        &err,
        &[
            "role 'cfo' does not exist yet on 2023-01-01",
            &at_nth(&toml, "\"cfo\"", 1),
            "it comes into existence on 2024",
        ],
    );
}

#[test]
fn appointing_to_an_eliminated_role_says_when_it_ended() {
    let toml = base(
        r#"[[event]]
id = "no-more-cto"
date = 2023-01-01
changes = [{ op = "eliminate", role = "cto" }]

[[event]]
date = 2023-02-01
changes = [{ op = "appoint", person = "ann", role = "cto" }]
"#,
    );
    let err = check_fails(&toml);
    assert_has(
        &err,
        &[
            "role 'cto' no longer exists on 2023-02-01",
            &at_nth(&toml, "\"cto\"", 2),
            "eliminated on 2023-01-01 by event 'no-more-cto'",
        ],
    );
}

#[test]
fn moving_a_dissolved_unit_is_an_error() {
    let toml = base(
        r#"[[unit]]
id = "lab"
name = "Lab"
parent = "acme"

[[event]]
date = 2023-01-01
changes = [{ op = "dissolve", unit = "lab" }]

[[event]]
date = 2023-02-01
changes = [{ op = "move", unit = "lab", to = "eng" }]
"#,
    );
    let err = check_fails(&toml);
    assert_has(
        &err,
        &[
            "unit 'lab' no longer exists on 2023-02-01",
            &at_nth(&toml, "\"lab\"", 2),
            "dissolved on 2023-01-01",
        ],
    );
}

#[test]
fn moving_a_unit_under_its_own_descendant_is_an_error() {
    let toml = base(
        r#"[[event]]
date = 2023-01-01
changes = [{ op = "move", unit = "acme", to = "eng" }]
"#,
    );
    let err = check_fails(&toml);
    assert_has(
        &err,
        &[
            "unit 'acme' cannot be moved under 'eng', which is inside it",
            &at_nth(&toml, "\"eng\"", 2),
        ],
    );
}

#[test]
fn moving_a_unit_under_itself_is_an_error() {
    let toml = base(
        r#"[[event]]
date = 2023-01-01
changes = [{ op = "move", unit = "eng", to = "eng" }]
"#,
    );
    let err = check_fails(&toml);
    assert_has(
        &err,
        &[
            "unit 'eng' cannot be moved under itself",
            &at_nth(&toml, "\"eng\"", 3),
        ],
    );
}

#[test]
fn a_unit_cannot_be_its_own_parent() {
    let toml = r#"
[[unit]]
id = "a"
name = "A"
parent = "b"

[[unit]]
id = "b"
name = "B"
parent = "a"
"#;
    let err = check_fails(toml);
    assert_has(
        &err,
        &["unit parents form a cycle: a → b → a", &at(toml, "\"b\"")],
    );
}

#[test]
fn two_heads_of_one_unit_are_an_error() {
    let toml = base(
        r#"[[role]]
id = "vp"
title = "VP Engineering"
unit = "eng"
head = true
"#,
    );
    let err = check_fails(&toml);
    assert_has(
        &err,
        &[
            "unit 'eng' would have two heads: 'cto' and 'vp'",
            &at_nth(&toml, "true", 2),
        ],
    );
}

#[test]
fn moving_a_head_role_into_a_headed_unit_is_an_error() {
    let toml = base(
        r#"[[event]]
date = 2023-01-01
changes = [{ op = "move", role = "cto", to = "acme" }]
"#,
    );
    let err = check_fails(&toml);
    assert_has(
        &err,
        &[
            "unit 'acme' would have two heads: 'ceo' and 'cto'",
            &at_nth(&toml, "\"acme\"", 3),
        ],
    );
}

#[test]
fn a_reporting_cycle_among_roles_is_an_error() {
    let toml = base(
        r#"[[role]]
id = "coach"
title = "Coach"
unit = "eng"

[[event]]
date = 2023-01-01
changes = [{ op = "report", role = "ceo", to = "coach" }]
"#,
    );
    let err = check_fails(&toml);
    assert_has(
        &err,
        &[
            "reporting cycle: ceo → coach → cto → ceo",
            &at(&toml, "{ op = \"report\""),
        ],
    );
}

#[test]
fn a_declared_reporting_cycle_is_an_error() {
    let toml = r#"
[[unit]]
id = "acme"
name = "Acme"

[[role]]
id = "a"
title = "A"
unit = "acme"
reports_to = "b"

[[role]]
id = "b"
title = "B"
unit = "acme"
reports_to = "a"
"#;
    let err = check_fails(toml);
    assert_has(&err, &["reporting cycle: a → b → a", &at(toml, "\"a\"")]);
}

#[test]
fn leaving_a_role_not_held_is_an_error() {
    let toml = base(
        r#"[[event]]
date = 2023-01-01
changes = [{ op = "leave", person = "ann", role = "cto" }]
"#,
    );
    let err = check_fails(&toml);
    assert_has(
        &err,
        &[
            "'ann' does not hold role 'cto' on 2023-01-01",
            &at_nth(&toml, "\"cto\"", 1),
            "they hold no role then",
        ],
    );
}

#[test]
fn leaving_when_holding_no_role_is_an_error() {
    let toml = base(
        r#"[[event]]
date = 2023-01-01
changes = [{ op = "leave", person = "ann" }]
"#,
    );
    let err = check_fails(&toml);
    assert_has(
        &err,
        &[
            "'ann' holds no role on 2023-01-01 to leave",
            &at_nth(&toml, "\"ann\"", 1),
        ],
    );
}

#[test]
fn dissolving_a_unit_that_is_not_empty_needs_into() {
    let toml = base(
        r#"[[event]]
date = 2023-01-01
changes = [{ op = "dissolve", unit = "eng" }]
"#,
    );
    let err = check_fails(&toml);
    assert_has(
        &err,
        &[
            "unit 'eng' still has roles cto",
            &at(&toml, "{ op = \"dissolve\""),
            "add `into = \"UNIT\"`",
        ],
    );
}

#[test]
fn an_op_needs_its_fields_and_takes_no_others() {
    let toml = base(
        r#"[[event]]
date = 2023-01-01
changes = [
  { op = "appoint", person = "ann" },
  { op = "eliminate", role = "cto", into = "acme" },
]
"#,
    );
    let err = check_fails(&toml);
    assert_has(
        &err,
        &[
            "op 'appoint' needs `role`",
            &at(&toml, "\"appoint\""),
            "op 'eliminate' does not take 'into'",
            &at_nth(&toml, "\"acme\"", 3),
            "write it as { op = \"eliminate\", role = \"ID\" }",
        ],
    );
}

#[test]
fn an_unknown_op_lists_the_valid_ones() {
    let toml = base(
        r#"[[event]]
date = 2023-01-01
changes = [{ op = "fire", person = "ann" }]
"#,
    );
    let err = check_fails(&toml);
    assert_has(
        &err,
        &[
            "unknown op 'fire'",
            &at(&toml, "\"fire\""),
            "the ops are: create, dissolve",
        ],
    );
}

#[test]
fn a_record_with_since_cannot_also_be_created_by_an_event() {
    let toml = base(
        r#"[[unit]]
id = "lab"
name = "Lab"
parent = "acme"
since = "2022"

[[event]]
date = 2023-01-01
changes = [{ op = "create", unit = "lab" }]
"#,
    );
    let err = check_fails(&toml);
    assert_has(
        &err,
        &[
            "declared with `since` and also created by an event",
            &at_nth(&toml, "\"lab\"", 1),
        ],
    );
}

#[test]
fn a_record_is_created_once() {
    let toml = base(
        r#"[[unit]]
id = "lab"
name = "Lab"
parent = "acme"

[[event]]
date = 2023-01-01
changes = [{ op = "create", unit = "lab" }]

[[event]]
date = 2023-02-01
changes = [{ op = "create", unit = "lab" }]
"#,
    );
    let err = check_fails(&toml);
    assert_has(
        &err,
        &[
            "unit 'lab' is created twice",
            &at_nth(&toml, "\"lab\"", 2),
            "already came into existence on 2023-01-01",
        ],
    );
}

#[test]
fn clearing_an_attribute_that_is_not_set_is_an_error() {
    let toml = base(
        r#"[[event]]
date = 2023-01-01
changes = [{ op = "set", unit = "eng", key = "status", value = "" }]
"#,
    );
    let err = check_fails(&toml);
    assert_has(
        &err,
        &["cannot clear 'status': it is not set", &at(&toml, "\"\" }")],
    );
}

#[test]
fn every_independent_problem_is_reported_in_one_run() {
    let toml = base(
        r#"[[event]]
date = 2023-01-01
changes = [
  { op = "leave", person = "ann" },
  { op = "move", unit = "eng", to = "eng" },
  { op = "appoint", person = "ann", role = "cfo" },
]
"#,
    );
    let err = check_fails(&toml);
    assert_has(
        &err,
        &[
            &at_nth(&toml, "\"ann\"", 1),
            &at_nth(&toml, "\"eng\"", 3),
            &at(&toml, "\"cfo\""),
            "the data has 3 errors",
        ],
    );
}
