//! The README's "Org chart as code" section, run as written: its
//! `orgctl.toml` at the root of a git repository, and each command of its
//! `sh` block, from a subfolder, on a pull request's branch.

use crate::docs::shell_words;
use crate::support::Repo;

/// The section's text.
fn section() -> String {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("the README");
    let start = readme.find("## Org chart as code").expect("the section");
    let rest = &readme[start..];
    let end = rest[3..].find("\n## ").map_or(rest.len(), |i| i + 3);
    rest[..end].to_string()
}

/// The lines of the first fenced block of `lang` in `text`.
fn block<'a>(text: &'a str, lang: &str) -> Vec<&'a str> {
    let open = format!("```{lang}\n");
    let start = text.find(&open).expect("a block") + open.len();
    let end = start + text[start..].find("```").expect("its end");
    text[start..end].lines().collect()
}

const ORG: &str = r#"[[unit]]
id = "acme"
name = "Acme"

[[person]]
id = "ann"
name = "Ann Archer"

[[role]]
id = "ceo"
title = "CEO"
unit = "acme"
head = true

[[role]]
id = "engineer"
title = "Engineer"
unit = "acme"

[[event]]
date = 2025-01-06
title = "Ann Archer becomes CEO"
sources = ["Acme press release, 2025-01-06"]
changes = [{ op = "appoint", person = "ann", role = "ceo" }]
"#;

#[test]
fn the_org_as_code_workflow_of_the_readme_runs_as_written() {
    let section = section();
    let project = block(&section, "toml").join("\n");
    let repo = Repo::new();
    repo.write("orgctl.toml", project.as_bytes())
        .write("org/org.toml", ORG.as_bytes())
        .write("org/drafts/ideas.toml", b"not = \"data\"\n")
        .write("docs/readme.md", b"docs\n")
        .commit("Acme");
    repo.git(&["update-ref", "refs/remotes/origin/main", "HEAD"]);
    // A pull request's branch: a staged change on top of main.
    repo.git(&["checkout", "-q", "-b", "hire-bob"]);
    repo.write(
        "org/people.toml",
        b"[[person]]\nid = \"bob\"\nname = \"Bob Baker\"\n",
    );
    repo.git(&["add", "-A"]);
    let commands: Vec<&str> = block(&section, "sh")
        .into_iter()
        .filter(|l| l.starts_with("orgctl "))
        .collect();
    assert!(commands.len() >= 6, "{commands:?}");
    for line in commands {
        // The comment is not part of the command.
        let command = line.split("  #").next().unwrap().trim();
        let words = shell_words(command.strip_prefix("orgctl ").unwrap());
        let args: Vec<&str> = words.iter().map(String::as_str).collect();
        // From a subfolder: the project file is found above it.
        let mut cmd = crate::support::command();
        cmd.args(&args).current_dir(repo.path().join("docs"));
        let run: crate::support::Run = cmd.output().expect("orgctl runs").into();
        assert_eq!(run.code, 0, "{command}\n{}\n{}", run.stdout, run.stderr);
        // Answers on stdout; `add` says what it wrote on stderr.
        assert!(
            !run.stdout.is_empty() || run.stderr.starts_with("wrote "),
            "{command} printed nothing"
        );
    }
    // `add hire` wrote into the project file's data folder.
    let data: String = ["org/org.toml", "org/people.toml"]
        .iter()
        .map(|f| std::fs::read_to_string(repo.path().join(f)).unwrap())
        .collect();
    assert!(data.contains("id = \"zoe-zhu\""), "{data}");
}
