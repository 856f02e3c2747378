//! People-level answers: `log --about UNIT` lists everyone who joined or
//! left the unit's subtree; transfers written without their `leave`.

use crate::support::Org;

/// A small team over one winter: Rita Gomez moves from Infrastructure to
/// Platform, Alice Chen is promoted (her Senior role eliminated), Bo Li
/// moves from Data to Infrastructure, Cam Diaz leaves Tools (under
/// Platform), Ned Ng is hired into Data. Dev Patel heads Platform.
pub const TEAM: &str = r#"
[[unit]]
id = "org"
name = "Org"

[[unit]]
id = "platform"
name = "Platform"
parent = "org"

[[unit]]
id = "tools"
name = "Tools"
parent = "platform"

[[unit]]
id = "infra"
name = "Infrastructure"
parent = "org"

[[unit]]
id = "data"
name = "Data"
parent = "org"

[[person]]
id = "dev"
name = "Dev Patel"

[[person]]
id = "ivy"
name = "Ivy Ito"

[[person]]
id = "rita"
name = "Rita Gomez"

[[person]]
id = "alice"
name = "Alice Chen"

[[person]]
id = "bo"
name = "Bo Li"

[[person]]
id = "cam"
name = "Cam Diaz"

[[person]]
id = "ned"
name = "Ned Ng"

[[role]]
id = "ceo"
title = "CEO"
unit = "org"
head = true

[[role]]
id = "platform-lead"
title = "Head of Platform"
unit = "platform"
head = true
holder = "dev"

[[role]]
id = "infra-lead"
title = "Head of Infrastructure"
unit = "infra"
head = true
holder = "ivy"

[[role]]
id = "infra-eng"
title = "Infrastructure Engineer"
unit = "infra"
holder = "rita"

[[role]]
id = "platform-eng"
title = "Platform Engineer"
unit = "platform"

[[role]]
id = "senior-eng"
title = "Senior Software Engineer"
unit = "platform"
holder = "alice"

[[role]]
id = "staff-eng"
title = "Staff Engineer"
unit = "platform"

[[role]]
id = "data-eng"
title = "Data Engineer"
unit = "data"
holder = "bo"

[[role]]
id = "tools-eng"
title = "Tools Engineer"
unit = "tools"
holder = "cam"

[[event]]
id = "rita-moves"
date = "2026-12-01"
title = "Rita Gomez joins Platform"
changes = [
  { op = "leave", person = "rita", role = "infra-eng" },
  { op = "appoint", person = "rita", role = "platform-eng" },
]

[[event]]
id = "alice-promoted"
date = "2026-12-01"
title = "Alice Chen promoted to Staff Engineer"
changes = [
  { op = "appoint", person = "alice", role = "staff-eng" },
  { op = "eliminate", role = "senior-eng" },
]

[[event]]
id = "bo-to-infra"
date = "2027-01-10"
title = "Bo Li moves to Infrastructure"
changes = [
  { op = "leave", person = "bo", role = "data-eng" },
  { op = "appoint", person = "bo", role = "infra-eng" },
]

[[event]]
id = "cam-leaves"
date = "2027-02-01"
title = "Cam Diaz leaves"
changes = [
  { op = "leave", person = "cam", role = "tools-eng" },
]

[[event]]
id = "ned-hired"
date = "2027-03-01"
title = "Ned Ng joins Data"
changes = [
  { op = "appoint", person = "ned", role = "data-eng" },
]
"#;

fn team() -> Org {
    Org::with(TEAM)
}

#[test]
fn who_left_platform_is_answered_completely() {
    let text = team()
        .run(&["log", "--about", "platform", "--oneline"])
        .ok()
        .to_string();
    assert_eq!(
        text,
        "2026-12-01  rita-moves      Rita Gomez joins Platform\n\
         2026-12-01  alice-promoted  Alice Chen promoted to Staff Engineer\n\
         2027-02-01  cam-leaves      Cam Diaz leaves\n"
    );
}

#[test]
fn a_transfer_out_and_a_hire_are_about_the_unit() {
    let text = team()
        .run(&["log", "--about", "data", "--oneline"])
        .ok()
        .to_string();
    assert_eq!(
        text,
        "2027-01-10  bo-to-infra  Bo Li moves to Infrastructure\n\
         2027-03-01  ned-hired    Ned Ng joins Data\n"
    );
}

#[test]
fn log_about_a_person_is_unchanged() {
    let text = team()
        .run(&["log", "--about", "rita", "--oneline"])
        .ok()
        .to_string();
    assert_eq!(text, "2026-12-01  rita-moves  Rita Gomez joins Platform\n");
}
