//! The handover day: on a role that holds one person at a time, the new
//! holder is appointed and the old holder's `leave` of the role is written
//! later the same day. The replay takes that `leave` as the other half of
//! the handover (it ends nothing more); `check --strict` warns (W0308).

use crate::support::{ACME, Org};

const SOURCED: &str = "title = \"t\"\nsources = [\"s\"]\n";

/// Acme, and Cy promoted to CEO on 2023-03-01 by `changes`, written in
/// that order in one event, or, for `split`, one event per change.
fn promotion(changes: &[&str], split: bool) -> Org {
    let events = if split {
        changes
            .iter()
            .map(|c| format!("[[event]]\ndate = 2023-03-01\n{SOURCED}changes = [{c}]\n"))
            .collect::<Vec<_>>()
            .join("\n")
    } else {
        format!(
            "[[event]]\ndate = 2023-03-01\n{SOURCED}changes = [\n  {},\n]\n",
            changes.join(",\n  ")
        )
    };
    Org::new().file("acme.toml", ACME).file("org.toml", &events)
}

const APPOINT_CY: &str = r#"{ op = "appoint", person = "cy", role = "ceo" }"#;
const ANN_LEAVES: &str = r#"{ op = "leave", person = "ann", role = "ceo" }"#;

#[test]
fn the_old_holders_leave_after_the_appointment_the_same_day_is_accepted() {
    for split in [false, true] {
        let org = promotion(&[APPOINT_CY, ANN_LEAVES], split);
        org.run(&["check"]).ok();
        let at = org.run(&["at", "2023-03-01", "--format", "json"]).json();
        let ceo = &at["roles"][0];
        assert_eq!(ceo["id"], "ceo");
        assert_eq!(ceo["holder"]["id"], "cy");
        assert_eq!(ceo["holder"]["since"], "2023-03-01");
        // Ann's tenure ended with the appointment, once.
        let history = org.run(&["history", "ann"]).ok().to_string();
        assert!(
            history.contains(" start  2023-03-01  holds CEO, Acme "),
            "{history}"
        );
        assert_eq!(history.matches("holds CEO").count(), 1, "{history}");
    }
}

#[test]
fn strict_warns_of_the_two_holders_at_the_leave() {
    for split in [false, true] {
        let org = promotion(&[APPOINT_CY, ANN_LEAVES], split);
        let err = org.run(&["check", "--strict"]).fails(1).to_string();
        let at = if split {
            "org.toml:11:12"
        } else {
            "org.toml:7:3"
        };
        assert!(
            err.starts_with(
                "warning[W0308]: 'cy' was appointed to 'ceo' before 'ann' left it: \
                 the role had two holders on 2023-03-01\n"
            ),
            "{err}"
        );
        assert!(err.contains(at), "{err}");
        assert!(
            err.contains(
                "= help: 'ceo' holds one person at a time: \
                 write this `leave` before the appointment of 'cy'"
            ),
            "{err}"
        );
        // The handover is not also an implicit replacement.
        assert!(!err.contains("W0303"), "{err}");
        assert!(
            err.ends_with("warning: the data has 1 warning (--strict)\n"),
            "{err}"
        );
    }
}

#[test]
fn the_leave_written_first_is_no_handover() {
    let org = promotion(&[ANN_LEAVES, APPOINT_CY], false);
    org.run(&["check", "--strict"]).ok();
}

#[test]
fn a_leave_of_every_role_the_same_day_is_the_handover_too() {
    let org = promotion(&[APPOINT_CY, r#"{ op = "leave", person = "ann" }"#], true);
    org.run(&["check"]).ok();
    let err = org.run(&["check", "--strict"]).fails(1).to_string();
    assert!(err.contains("warning[W0308]"), "{err}");
}

#[test]
fn a_second_leave_or_one_a_day_late_is_still_not_held() {
    let org = promotion(&[APPOINT_CY, ANN_LEAVES, ANN_LEAVES], false);
    let err = org.run(&["check"]).fails(1).to_string();
    assert!(
        err.starts_with("error[E0207]: 'ann' does not hold role 'ceo' on 2023-03-01\n"),
        "{err}"
    );
    assert!(err.contains("org.toml:8:42"), "{err}");

    let late = Org::new().file("acme.toml", ACME).file(
        "org.toml",
        &format!(
            "[[event]]\ndate = 2023-03-01\n{SOURCED}changes = [{APPOINT_CY}]\n\n\
             [[event]]\ndate = 2023-03-02\n{SOURCED}changes = [{ANN_LEAVES}]\n"
        ),
    );
    let err = late.run(&["check"]).fails(1).to_string();
    assert!(
        err.starts_with("error[E0207]: 'ann' does not hold role 'ceo' on 2023-03-02\n"),
        "{err}"
    );
}

#[test]
fn the_new_holders_own_leave_that_day_still_ends_their_tenure() {
    let org = promotion(
        &[
            APPOINT_CY,
            ANN_LEAVES,
            r#"{ op = "leave", person = "cy", role = "ceo" }"#,
        ],
        false,
    );
    let at = org.run(&["at", "2023-03-01", "--format", "json"]).json();
    assert_eq!(at["roles"][0]["status"], "vacant");
}
