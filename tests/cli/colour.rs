//! `--color auto|always|never`: colour only adds styles (the text without
//! them is the uncoloured text), on stdout and on stderr; `auto` follows
//! NO_COLOR and CLICOLOR_FORCE, and never colours a pipe otherwise.

use std::path::Path;

use crate::support::{Run, bundled_data, command};

/// A data folder with one unknown unit, for a diagnostic on stderr.
fn broken() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::write(
        dir.path().join("org.toml"),
        "[[unit]]\nid = \"acme\"\nname = \"Acme\"\nparent = \"nowhere\"\n",
    )
    .expect("written");
    dir
}

/// Variables set for a run; NO_COLOR, CLICOLOR and CLICOLOR_FORCE are
/// unset unless given.
type Env<'a> = &'a [(&'a str, &'a str)];

/// orgctl on `data` with `args` and `env`, stdout and stderr piped.
fn run(data: &Path, env: Env, args: &[&str]) -> Run {
    let mut cmd = command();
    cmd.env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("CLICOLOR");
    cmd.envs(env.iter().copied());
    cmd.arg("--data")
        .arg(data)
        .args(args)
        .output()
        .expect("orgctl runs")
        .into()
}

const DIFF: [&str; 3] = ["diff", "2023-03-01", "2023-05-31"];

#[test]
fn colour_only_adds_styles_to_a_diagnostic_and_to_an_answer() {
    let bad = broken();
    let plain = run(bad.path(), &[], &["--color", "never", "check"]);
    let coloured = run(bad.path(), &[], &["--color", "always", "check"]);
    let (plain, coloured) = (plain.fails(1), coloured.fails(1));
    assert!(!plain.contains('\x1b'), "{plain:?}");
    assert!(
        coloured.starts_with("\x1b[1m\x1b[31merror[E"),
        "{coloured:?}"
    );
    assert_eq!(anstream::adapter::strip_str(coloured).to_string(), plain);

    let data = bundled_data();
    let plain = run(&data, &[], &[&["--color", "never"][..], &DIFF].concat());
    let coloured = run(&data, &[], &[&["--color", "always"][..], &DIFF].concat());
    let (plain, coloured) = (plain.ok(), coloured.ok());
    assert!(!plain.contains('\x1b'), "{plain:?}");
    assert!(coloured.contains("\x1b[32m+\x1b[0m"), "{coloured:?}");
    assert_eq!(anstream::adapter::strip_str(coloured).to_string(), plain);
}

#[test]
fn auto_colours_a_pipe_only_with_clicolor_force_and_never_with_no_color() {
    let bad = broken();
    let data = bundled_data();
    let cases: [(Env, bool); 5] = [
        (&[], false),
        (&[("CLICOLOR_FORCE", "1")], true),
        (&[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")], false),
        // An empty NO_COLOR is no request.
        (&[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "")], true),
        (&[("NO_COLOR", "1")], false),
    ];
    for (env, colour) in cases {
        for flag in [None, Some("auto")] {
            let flag: Vec<&str> = flag.into_iter().flat_map(|f| ["--color", f]).collect();
            let args = |rest: &[&'static str]| [flag.as_slice(), rest].concat();
            let stderr = run(bad.path(), env, &args(&["check"]));
            let stdout = run(&data, env, &args(&DIFF));
            assert_eq!(stderr.fails(1).contains('\x1b'), colour, "{env:?}");
            assert_eq!(stdout.ok().contains('\x1b'), colour, "{env:?}");
        }
    }
    // --color never and always win over the environment.
    let force = [("CLICOLOR_FORCE", "1")];
    let never = run(bad.path(), &force, &["--color", "never", "check"]);
    assert!(!never.fails(1).contains('\x1b'));
    let no_color = [("NO_COLOR", "1")];
    let always = run(bad.path(), &no_color, &["--color", "always", "check"]);
    assert!(always.fails(1).contains('\x1b'));
}
