//! The Alibaba data set compiled into the binary, so that `orgctl` answers
//! out of the box after `cargo install`. A test checks this list against
//! the files in `data/`.

/// (path relative to `data/`, contents), in load order.
pub const FILES: &[(&str, &str)] = &[
    (
        "alibaba/events.toml",
        include_str!("../../data/alibaba/events.toml"),
    ),
    (
        "alibaba/people.toml",
        include_str!("../../data/alibaba/people.toml"),
    ),
    (
        "alibaba/roles.toml",
        include_str!("../../data/alibaba/roles.toml"),
    ),
    (
        "alibaba/units.toml",
        include_str!("../../data/alibaba/units.toml"),
    ),
];

/// The bundled files as (display path, text), ready for `load::load_texts`.
pub fn files() -> Vec<(std::path::PathBuf, String)> {
    FILES
        .iter()
        .map(|(p, t)| (std::path::Path::new("<bundled>").join(p), t.to_string()))
        .collect()
}
