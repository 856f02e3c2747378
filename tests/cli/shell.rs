//! Shell integration: `orgctl completions SHELL` and `orgctl man`.

use crate::support::orgctl;

const COMMANDS: [&str; 6] = [
    "at",
    "diff",
    "who-reports-to",
    "check",
    "completions",
    "man",
];

#[test]
fn completions_for_every_shell_name_the_commands() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = orgctl(None, &["completions", shell]);
        let script = out.ok();
        assert!(script.len() > 500, "{shell}: {script}");
        for command in COMMANDS {
            assert!(
                script.contains(command),
                "{shell} lacks {command}:\n{script}"
            );
        }
        assert!(script.contains("known-at"), "{shell}: {script}");
        assert!(out.stderr.is_empty(), "{shell}: {}", out.stderr);
    }
}

#[test]
fn bash_completion_defines_its_function() {
    let script = orgctl(None, &["completions", "bash"]).ok().to_string();
    assert!(script.contains("_orgctl()"), "{script}");
    assert!(script.contains("complete -F _orgctl"), "{script}");
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    let err = orgctl(None, &["completions", "tcsh"]).fails(2).to_string();
    assert!(err.contains("bash"), "{err}");
}

#[test]
fn man_prints_a_roff_page_with_every_command() {
    let page = orgctl(None, &["man"]).ok().to_string();
    assert!(page.contains(".TH orgctl 1"), "{page}");
    assert!(page.contains(".SH NAME"), "{page}");
    assert!(page.contains(".SH SUBCOMMANDS"), "{page}");
    for command in COMMANDS {
        assert!(
            page.contains(&format!("orgctl\\-{}", command.replace('-', "\\-"))),
            "{command}:\n{page}"
        );
    }
    assert!(page.contains("known\\-at"), "{page}");
}

#[test]
fn man_command_prints_the_page_of_that_command() {
    let page = orgctl(None, &["man", "diff"]).ok().to_string();
    assert!(page.contains(".TH orgctl-diff 1"), "{page}");
    assert!(page.contains("\\-\\-stat"), "{page}");
    let err = orgctl(None, &["man", "dif"]).fails(2).to_string();
    assert!(err.contains("no command 'dif'"), "{err}");
    assert!(err.contains("at, diff, who-reports-to"), "{err}");
}

#[test]
fn completions_into_a_closed_pipe_are_a_quiet_success() {
    use std::process::Stdio;
    let mut child = crate::support::command()
        .args(["completions", "zsh"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}
