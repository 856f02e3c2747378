//! A checker for the part of Mermaid's `flowchart` grammar that orgctl
//! writes, strict enough to catch what would break a real Mermaid parser:
//! an unknown statement, an unsafe node id (a keyword such as `end`), a
//! label that is not quoted or holds a raw `"`, `#`, `<`, `%` or backtick,
//! an edge, class or link style naming what was never declared, and
//! unbalanced `subgraph`/`end`.
//!
//! Statements accepted, one per line after `flowchart DIR`:
//! `%% comment`, `ID["label"]`, `ID --> ID`, `ID -.-> ID`, `ID ~~~ ID`,
//! `subgraph ID["label"]`, `direction DIR`, `end`, `classDef NAME STYLE`,
//! `class ID,ID NAME`, `linkStyle N,N STYLE`.

const DIRECTIONS: &[&str] = &["TB", "TD", "BT", "RL", "LR"];
const KEYWORDS: &[&str] = &[
    "end",
    "graph",
    "flowchart",
    "subgraph",
    "style",
    "class",
    "classDef",
    "click",
    "linkStyle",
    "direction",
    "default",
    "call",
    "href",
    "interpolate",
];

/// An id Mermaid reads as a node id and never as a keyword.
fn is_id(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !KEYWORDS.contains(&s)
}

/// A quoted label: `"..."` with entity codes for the special characters
/// and `<br/>` as the only markup.
fn check_label(label: &str) -> Result<(), String> {
    let inner = label
        .strip_prefix('"')
        .and_then(|l| l.strip_suffix('"'))
        .ok_or_else(|| format!("label not quoted: {label}"))?;
    let mut rest = inner;
    while let Some(c) = rest.chars().next() {
        if rest.starts_with("<br/>") {
            rest = &rest[5..];
            continue;
        }
        match c {
            '"' | '<' | '>' | '%' | '`' | '\n' | '\r' => {
                return Err(format!("raw {c:?} in label {label}"));
            }
            '#' => {
                let end = rest
                    .find(';')
                    .ok_or_else(|| format!("'#' without entity in {label}"))?;
                let code = &rest[1..end];
                let ok = !code.is_empty() && code.chars().all(|c| c.is_ascii_alphanumeric());
                if !ok {
                    return Err(format!("bad entity #{code}; in {label}"));
                }
                rest = &rest[end + 1..];
                continue;
            }
            _ => {}
        }
        rest = &rest[c.len_utf8()..];
    }
    Ok(())
}

/// `ID["label"]`: the id.
fn node_decl(s: &str) -> Result<&str, String> {
    let open = s.find('[').ok_or_else(|| format!("not a node: {s}"))?;
    let (id, rest) = s.split_at(open);
    if !is_id(id) {
        return Err(format!("unsafe node id {id:?}"));
    }
    let label = rest
        .strip_prefix('[')
        .and_then(|r| r.strip_suffix(']'))
        .ok_or_else(|| format!("node not closed: {s}"))?;
    check_label(label)?;
    Ok(id)
}

fn check_style(style: &str) -> Result<(), String> {
    for part in style.split(',') {
        let (k, v) = part
            .split_once(':')
            .ok_or_else(|| format!("bad style {part:?}"))?;
        if k.is_empty() || !k.chars().all(|c| c.is_ascii_lowercase() || c == '-') || v.is_empty() {
            return Err(format!("bad style {part:?}"));
        }
    }
    Ok(())
}

/// Checks a whole flowchart; the error names the line.
pub fn check(text: &str) -> Result<(), String> {
    let mut lines = text.lines().enumerate();
    let (_, first) = lines.next().ok_or("empty")?;
    let dir = first
        .strip_prefix("flowchart ")
        .ok_or_else(|| format!("line 1 is not `flowchart DIR`: {first}"))?;
    if !DIRECTIONS.contains(&dir) {
        return Err(format!("unknown direction {dir}"));
    }
    let mut nodes: Vec<String> = Vec::new();
    let mut used: Vec<String> = Vec::new();
    let mut classes_defined: Vec<String> = Vec::new();
    let mut classes_used: Vec<String> = Vec::new();
    let mut links = 0usize;
    let mut link_styles: Vec<usize> = Vec::new();
    let mut depth = 0usize;
    for (i, raw) in lines {
        let at = |e: String| format!("line {}: {e}\n{raw}", i + 1);
        let line = raw.trim();
        if line.is_empty() || line.starts_with("%% ") {
            continue;
        }
        let words: Vec<&str> = line.split(' ').collect();
        match words[0] {
            "subgraph" => {
                let decl = line.strip_prefix("subgraph ").unwrap_or("");
                nodes.push(node_decl(decl).map_err(at)?.to_string());
                depth += 1;
            }
            "end" if words.len() == 1 => {
                depth = depth
                    .checked_sub(1)
                    .ok_or_else(|| at("`end` without `subgraph`".into()))?;
            }
            "direction" if words.len() == 2 && DIRECTIONS.contains(&words[1]) => {}
            "classDef" if words.len() >= 3 => {
                if !is_id(words[1]) {
                    return Err(at(format!("bad class name {}", words[1])));
                }
                // Styles may hold spaces (`stroke-dasharray:5 5`).
                let style = line.splitn(3, ' ').nth(2).unwrap_or("");
                check_style(style).map_err(at)?;
                classes_defined.push(words[1].to_string());
            }
            "class" if words.len() == 3 => {
                for id in words[1].split(',') {
                    if !is_id(id) {
                        return Err(at(format!("unsafe id {id:?}")));
                    }
                    used.push(id.to_string());
                }
                classes_used.push(words[2].to_string());
            }
            "linkStyle" if words.len() >= 3 => {
                for n in words[1].split(',') {
                    link_styles.push(n.parse().map_err(|_| at(format!("bad link {n}")))?);
                }
                let style = line.splitn(3, ' ').nth(2).unwrap_or("");
                check_style(style).map_err(at)?;
            }
            _ if words.len() == 3 && ["-->", "-.->", "~~~"].contains(&words[1]) => {
                for id in [words[0], words[2]] {
                    if !is_id(id) {
                        return Err(at(format!("unsafe id {id:?}")));
                    }
                    used.push(id.to_string());
                }
                links += 1;
            }
            _ => {
                nodes.push(node_decl(line).map_err(at)?.to_string());
            }
        }
    }
    if depth != 0 {
        return Err("`subgraph` without `end`".into());
    }
    if let Some(u) = used.iter().find(|u| !nodes.contains(u)) {
        return Err(format!("{u} is used but never declared"));
    }
    if let Some(c) = classes_used.iter().find(|c| !classes_defined.contains(c)) {
        return Err(format!("class {c} is used but never defined"));
    }
    if let Some(n) = link_styles.iter().find(|&&n| n >= links) {
        return Err(format!("linkStyle {n}, but there are {links} links"));
    }
    Ok(())
}

#[test]
fn the_checker_accepts_a_flowchart_and_rejects_broken_ones() {
    let good = "flowchart TB\n  %% title\n  r0[\"A #quot;B#quot;<br/>C #35;1\"]\n  r1[\"D\"]\n  r0 --> r1\n  classDef created stroke:#1a7f37,stroke-dasharray:5 5\n  class r1 created\n  linkStyle 0 stroke:#1a7f37\n";
    assert_eq!(check(good), Ok(()));
    for (bad, why) in [
        ("graph TB\n", "not a flowchart"),
        ("flowchart TB\n  end[\"x\"]\n", "keyword id"),
        ("flowchart TB\n  r0[x]\n", "unquoted label"),
        ("flowchart TB\n  r0[\"a\"b\"]\n", "raw quote"),
        ("flowchart TB\n  r0[\"<b>x</b>\"]\n", "raw HTML"),
        ("flowchart TB\n  r0[\"C# rocks\"]\n", "raw #"),
        ("flowchart TB\n  r0[\"100%\"]\n", "raw %"),
        (
            "flowchart TB\n  r0[\"a\"]\n  r0 --> r9\n",
            "undeclared node",
        ),
        (
            "flowchart TB\n  r0[\"a\"]\n  class r0 nope\n",
            "undefined class",
        ),
        (
            "flowchart TB\n  r0[\"a\"]\n  linkStyle 0 stroke:#000\n",
            "no such link",
        ),
        ("flowchart TB\n  subgraph s[\"S\"]\n", "unclosed subgraph"),
        (
            "flowchart TB\n  r0[\"a\"] --> r1\n",
            "two statements on a line",
        ),
    ] {
        assert!(check(bad).is_err(), "accepted {why}: {bad}");
    }
}
