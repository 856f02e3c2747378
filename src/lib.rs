//! orgctl: an organisation's history, kept as plain-text TOML, replayed
//! into facts with validity intervals and queried by date.
//!
//! The data flows through the modules in this order:
//! files → [`format`] (serde records) → [`load`] → [`timeline`] (the
//! replayed, validated history) → [`query`] (answers) → [`render`] (text,
//! tables, JSON). [`cli`] and [`app`] wire them to the command line.

pub mod app;
pub mod bundled;
pub mod cache;
pub mod cli;
pub mod codes;
pub mod dates;
pub mod diag;
pub mod fastparse;
pub mod format;
pub mod ids;
pub mod known;
pub mod lint;
pub mod load;
pub mod query;
pub mod render;
pub mod shell;
pub mod suggest;
#[doc(hidden)]
pub mod synth;
pub mod timeline;
