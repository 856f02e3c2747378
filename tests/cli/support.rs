//! The test harness: a temporary data folder written from inline TOML, and
//! a runner for the real `orgctl` binary.

use std::path::{Path, PathBuf};
use std::process::Command;

/// What one run of orgctl gave.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl From<std::process::Output> for Run {
    fn from(out: std::process::Output) -> Self {
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
}

impl Run {
    /// Asserts exit 0 and returns stdout.
    #[track_caller]
    pub fn ok(&self) -> &str {
        assert_eq!(
            self.code, 0,
            "expected success\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        &self.stdout
    }

    /// Asserts exit `code` and returns stderr.
    #[track_caller]
    pub fn fails(&self, code: i32) -> &str {
        assert_eq!(
            self.code, code,
            "expected exit {code}\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        assert!(
            !self.stderr.contains("panicked"),
            "orgctl panicked:\n{}",
            self.stderr
        );
        &self.stderr
    }

    /// Parses stdout as JSON.
    #[track_caller]
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(self.ok()).expect("stdout is one JSON document")
    }
}

/// The small company most tests are about, Acme: Ann Archer the CEO heads
/// `acme`; Bob Baker the CTO heads `eng` (Engineering) under it, where Cy
/// Cole is an engineer; Dee Dunn is a researcher in `lab` (Research Lab), a
/// headless unit under `eng`. No events: each test adds its own.
pub const ACME: &str = r#"[[unit]]
id = "acme"
name = "Acme"

[[unit]]
id = "eng"
name = "Engineering"
parent = "acme"

[[unit]]
id = "lab"
name = "Research Lab"
parent = "eng"

[[person]]
id = "ann"
name = "Ann Archer"

[[person]]
id = "bob"
name = "Bob Baker"

[[person]]
id = "cy"
name = "Cy Cole"

[[person]]
id = "dee"
name = "Dee Dunn"

[[role]]
id = "ceo"
title = "CEO"
unit = "acme"
head = true
holder = "ann"

[[role]]
id = "cto"
title = "CTO"
unit = "eng"
head = true
holder = "bob"

[[role]]
id = "engineer"
title = "Engineer"
unit = "eng"
holder = "cy"

[[role]]
id = "researcher"
title = "Researcher"
unit = "lab"
holder = "dee"
"#;

/// [`ACME`] with only the holders in `holders` (person ids): every other
/// role starts with no holder recorded, for tests that appoint their own.
pub fn acme_held_by(holders: &[&str]) -> String {
    ACME.split("\n\n")
        .map(|record| {
            record
                .lines()
                .filter(|line| {
                    line.strip_prefix("holder = ")
                        .is_none_or(|held| holders.iter().any(|h| held.trim_matches('"') == *h))
                })
                .collect::<Vec<_>>()
                .join("\n")
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// [`acme_held_by`]`(holders)` without the records whose ids are in
/// `without`, for tests that declare records of those ids themselves.
pub fn acme_without(without: &[&str], holders: &[&str]) -> String {
    acme_held_by(holders)
        .split("\n\n")
        .filter(|record| {
            !record
                .lines()
                .any(|line| without.iter().any(|id| line == format!("id = \"{id}\"")))
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// A data folder for one test.
pub struct Org {
    dir: tempfile::TempDir,
}

impl Org {
    pub fn new() -> Self {
        Org {
            dir: tempfile::tempdir().expect("a temporary folder"),
        }
    }

    /// A data folder with one file, `org.toml`.
    pub fn with(toml: &str) -> Self {
        Org::new().file("org.toml", toml)
    }

    /// Adds a file (creating folders as needed).
    pub fn file(self, name: &str, contents: &str) -> Self {
        self.bytes(name, contents.as_bytes())
    }

    pub fn bytes(self, name: &str, contents: &[u8]) -> Self {
        let path = self.dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, contents).unwrap();
        self
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Every file of the folder (hidden ones too), by relative path, with
    /// its bytes: to prove a run changed nothing.
    pub fn snapshot(&self) -> std::collections::BTreeMap<PathBuf, Vec<u8>> {
        fn walk(root: &Path, dir: &Path, out: &mut std::collections::BTreeMap<PathBuf, Vec<u8>>) {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    walk(root, &path, out);
                } else {
                    let rel = path.strip_prefix(root).unwrap().to_path_buf();
                    out.insert(rel, std::fs::read(&path).unwrap());
                }
            }
        }
        let mut out = std::collections::BTreeMap::new();
        walk(self.path(), self.path(), &mut out);
        out
    }

    /// The text of one file of the folder.
    pub fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.path().join(name)).unwrap()
    }

    /// Runs `orgctl --data DIR ARGS...`.
    pub fn run(&self, args: &[&str]) -> Run {
        orgctl(Some(self.path()), args)
    }
}

/// A chain of `n` units `u0` > `u1` > ..., each under the one before,
/// each with a head `r{i}` held by `p{i}` (named `P{i}`): the deepest tree
/// for its size.
pub fn chain_of(n: usize) -> Org {
    let mut toml = String::new();
    for i in 0..n {
        let parent = match i {
            0 => String::new(),
            _ => format!("parent = \"u{}\"\n", i - 1),
        };
        toml += &format!(
            "[[unit]]\nid = \"u{i}\"\nname = \"U{i}\"\n{parent}\n[[role]]\nid = \"r{i}\"\ntitle = \"Head\"\nunit = \"u{i}\"\nhead = true\nholder = \"p{i}\"\n\n[[person]]\nid = \"p{i}\"\nname = \"P{i}\"\n\n"
        );
    }
    Org::with(&toml)
}

/// The repository's own data folder.
pub fn bundled_data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data")
}

/// The orgctl binary with a fixed "today", no colour, no backtraces and
/// no standard input.
pub fn command() -> Command {
    command_of(Path::new(env!("CARGO_BIN_EXE_orgctl")))
}

/// [`command`] for another orgctl executable (a copy of this one).
pub fn command_of(exe: &Path) -> Command {
    let mut cmd = Command::new(exe);
    cmd.env_remove("ORGCTL_DATA")
        .env_remove("RUST_BACKTRACE")
        .env_remove("RUST_LIB_BACKTRACE")
        .env("ORGCTL_TODAY", "2024-01-01")
        .env("NO_COLOR", "1")
        .stdin(std::process::Stdio::null());
    cmd
}

/// Runs orgctl ([`command`]) on `data` with `args`.
pub fn orgctl(data: Option<&Path>, args: &[&str]) -> Run {
    let mut cmd = command();
    if let Some(d) = data {
        cmd.arg("--data").arg(d);
    }
    cmd.args(args);
    cmd.output().expect("orgctl runs").into()
}

/// Runs orgctl ([`command`]) in the folder `dir`, with no `--data`, the
/// variables `env` set, and `args`.
pub fn orgctl_in(dir: &Path, env: &[(&str, &str)], args: &[&str]) -> Run {
    let mut cmd = command();
    cmd.current_dir(dir).args(args);
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("orgctl runs").into()
}

/// Whether `program VERSION_ARG` runs. When it does not, says so on
/// stderr (past the test harness's capture), so a skipped check is
/// visible: `{test}: {what} is not installed; {check} skipped`.
fn have(program: &str, version_arg: &str, test: &str, what: &str, check: &str) -> bool {
    use std::io::Write;
    let found = Command::new(program)
        .arg(version_arg)
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        let _ = writeln!(
            std::io::stderr(),
            "notice: {test}: {what} is not installed; {check} skipped (.ci/run installs it)"
        );
    }
    found
}

/// Whether Graphviz `dot` can be run (a notice on stderr when not).
pub fn have_graphviz(test: &str) -> bool {
    have("dot", "-V", test, "Graphviz `dot`", "rendering check")
}

/// Renders DOT text with `dot -Tsvg`; panics unless it succeeds without a
/// word on stderr (warnings included). Returns the SVG.
#[track_caller]
pub fn render_svg(dot: &str) -> String {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("dot runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(dot.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && stderr.trim().is_empty(),
        "dot -Tsvg failed or warned:\n{stderr}\n--- input:\n{dot}"
    );
    String::from_utf8(out.stdout).expect("SVG is UTF-8")
}

/// Runs orgctl on the repository's Alibaba data with `args`.
pub fn alibaba(args: &[&str]) -> Run {
    orgctl(Some(&bundled_data()), args)
}

/// A matrix organisation: Ann Archer the CEO heads `group`, where Carl Cho
/// is the CFO; Rita Ruiz heads the region `emea` under it, where Fay Fox,
/// the regional finance lead, reports to her and, dotted, to the CFO
/// (declared). No events: each test adds its own.
pub const MATRIX: &str = r#"[[unit]]
id = "group"
name = "Group"

[[unit]]
id = "emea"
name = "EMEA"
parent = "group"

[[person]]
id = "ann"
name = "Ann Archer"

[[person]]
id = "carl"
name = "Carl Cho"

[[person]]
id = "rita"
name = "Rita Ruiz"

[[person]]
id = "fay"
name = "Fay Fox"

[[role]]
id = "ceo"
title = "CEO"
unit = "group"
head = true
holder = "ann"

[[role]]
id = "cfo"
title = "CFO"
unit = "group"
holder = "carl"

[[role]]
id = "emea-head"
title = "Regional Head"
unit = "emea"
head = true
holder = "rita"

[[role]]
id = "emea-finance"
title = "Finance Lead"
unit = "emea"
holder = "fay"
dotted = ["cfo"]
"#;

/// [`MATRIX`] without its declared dotted line.
pub fn matrix_undotted() -> String {
    MATRIX.replace("dotted = [\"cfo\"]\n", "")
}

/// A git repository for one test, built with the `git` binary: its data
/// folder is `data/` (found by orgctl run at its top), and commits are
/// made with a fixed author and date, unsigned, whatever the user's
/// configuration says.
pub struct Repo {
    dir: tempfile::TempDir,
}

impl Repo {
    /// An empty repository on branch `main`.
    pub fn new() -> Self {
        let repo = Repo {
            dir: tempfile::tempdir().expect("a temporary folder"),
        };
        repo.git(&["init", "-q", "-b", "main"]);
        repo.git(&["config", "user.name", "Test"]);
        repo.git(&["config", "user.email", "test@example.com"]);
        repo.git(&["config", "commit.gpgsign", "false"]);
        repo
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes a file of the working tree (creating folders as needed).
    pub fn write(&self, name: &str, contents: &[u8]) -> &Self {
        let path = self.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, contents).unwrap();
        self
    }

    /// Runs `git ARGS...` in the repository; it must succeed. Returns its
    /// standard output, trimmed.
    pub fn git(&self, args: &[&str]) -> String {
        let out = Command::new("git")
            .args(args)
            .current_dir(self.path())
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_AUTHOR_DATE", "2024-01-01T00:00:00Z")
            .env("GIT_COMMITTER_DATE", "2024-01-01T00:00:00Z")
            .output()
            .expect("git runs");
        assert!(
            out.status.success(),
            "git {args:?} failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    /// Stages everything and commits it.
    pub fn commit(&self, message: &str) -> &Self {
        self.git(&["add", "-A"]);
        self.git(&["commit", "-q", "-m", message]);
        self
    }

    /// Runs `orgctl ARGS...` at the top of the working tree (so on `./data`).
    pub fn run(&self, args: &[&str]) -> Run {
        let mut cmd = command();
        cmd.args(args).current_dir(self.path());
        cmd.output().expect("orgctl runs").into()
    }
}

/// Whether headless Chromium (Debian's `chromium`) can be run (a notice
/// on stderr when not).
pub fn have_chromium(test: &str) -> bool {
    have("chromium", "--version", test, "`chromium`", "browser check")
}

/// The DOM of the page `file` (an HTML file) after its script ran, opened
/// by headless Chromium at the address `file://FILE#fragment`, with a
/// profile of its own (so that tests can run it side by side).
#[track_caller]
pub fn dump_dom(file: &Path, fragment: &str) -> String {
    let profile = tempfile::tempdir().expect("a temporary folder");
    let file = file.canonicalize().expect("the page exists");
    let url = format!("file://{}#{fragment}", file.display());
    let out = Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--virtual-time-budget=5000",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg("--dump-dom")
        .arg(&url)
        .stdin(std::process::Stdio::null())
        .output()
        .expect("chromium runs");
    assert!(
        out.status.success(),
        "chromium failed on {url}:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("the DOM is UTF-8")
}

/// A generated history of 80 people over 3 years (seed 5), in a
/// temporary folder: small enough for a browser, with every kind of event.
pub fn small_generated_history() -> tempfile::TempDir {
    generated_history(80, 3, 5)
}

/// A history the generator writes for `people` over `years` from
/// `seed`, in a temporary folder.
pub fn generated_history(people: usize, years: u32, seed: u64) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let p = orgctl_synth::Params {
        people,
        years,
        seed,
        ..orgctl_synth::Params::default()
    };
    orgctl_synth::write(&p, dir.path()).expect("written");
    dir
}

/// Whether chromedriver (Debian's `chromium-driver`) and headless
/// Chromium can be run, for the tests that drive the page (a notice on
/// stderr when not).
pub fn have_chromedriver(test: &str) -> bool {
    have_chromium(test)
        && have(
            "chromedriver",
            "--version",
            test,
            "`chromedriver`",
            "browser driving check",
        )
}

/// A chromedriver of one test, on a free port of the loopback, with a
/// browser profile of its own; ended when dropped, the test passed or not,
/// with the browsers it started (its process group).
pub struct ChromeDriver {
    child: std::process::Child,
    port: u16,
    profile: tempfile::TempDir,
}

impl ChromeDriver {
    /// Starts chromedriver and waits until it takes connections (a hang
    /// guard of 60 s).
    pub fn start() -> Self {
        use std::process::Stdio;
        use std::time::{Duration, Instant};
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let mut command = Command::new("chromedriver");
        command
            .arg(format!("--port={port}"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        // A process group of its own, which its browsers join.
        #[cfg(unix)]
        std::os::unix::process::CommandExt::process_group(&mut command, 0);
        let child = command.spawn().expect("chromedriver runs");
        let driver = ChromeDriver {
            child,
            port,
            profile: tempfile::tempdir().expect("a temporary folder"),
        };
        let guard = Instant::now() + Duration::from_secs(60);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < guard, "chromedriver did not start");
            std::thread::sleep(Duration::from_millis(20));
        }
        driver
    }

    /// A session of headless Chromium, driven over WebDriver.
    pub async fn browser(&self) -> fantoccini::Client {
        let args = [
            "--headless".to_string(),
            "--no-sandbox".to_string(),
            "--disable-gpu".to_string(),
            "--no-first-run".to_string(),
            format!("--user-data-dir={}", self.profile.path().display()),
        ];
        let mut caps = serde_json::Map::new();
        caps.insert(
            "goog:chromeOptions".to_string(),
            serde_json::json!({ "args": args }),
        );
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        fantoccini::ClientBuilder::new(connector)
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{}", self.port))
            .await
            .expect("a browser session")
    }
}

impl Drop for ChromeDriver {
    fn drop(&mut self) {
        // The browsers of a test that failed before it closed them too.
        #[cfg(unix)]
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", self.child.id())])
            .status();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The value of the JavaScript expression `measure` in the page `file`
/// (an HTML file) opened at `#fragment` in a frame `width` by `height`
/// CSS pixels wide, once its script ran: headless Chromium's window is at
/// least 500 pixels wide, a frame can be narrower. A copy of the page is
/// given a script that sends the value to the frame's parent, which
/// writes it into its own DOM, read by [`dump_dom`].
#[track_caller]
pub fn measure_in_frame(
    file: &Path,
    fragment: &str,
    (width, height): (u32, u32),
    measure: &str,
) -> String {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let page = std::fs::read_to_string(file).expect("the page");
    let send = format!(
        "<script>window.addEventListener(\"load\", () => setTimeout(() => parent.postMessage(String({measure}), \"*\"), 0));</script></body>"
    );
    std::fs::write(dir.path().join("page.html"), page.replace("</body>", &send)).unwrap();
    let frame = format!(
        "<!DOCTYPE html><html><body><iframe src=\"page.html#{fragment}\" style=\"width:{width}px;height:{height}px;border:0\"></iframe>\
         <script>window.addEventListener(\"message\", (e) => document.body.setAttribute(\"data-measured\", e.data));</script></body></html>"
    );
    let wrapper = dir.path().join("frame.html");
    std::fs::write(&wrapper, frame).unwrap();
    let dom = dump_dom(&wrapper, "");
    let start = dom
        .find("data-measured=\"")
        .expect("the page sent its measure")
        + 15;
    let end = start + dom[start..].find('"').unwrap();
    dom[start..end]
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}
