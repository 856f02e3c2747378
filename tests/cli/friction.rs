//! Issue 9, friction a new user met: each test is one message that misled
//! or repeated itself, now saying what is wrong and how to fix it.

use crate::support::{ACME, Org};

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
