//! orgctl: an organisation's history, kept as plain-text TOML, replayed
//! into facts with validity intervals and queried by date.
//!
//! The data flows through the modules in this order:
//! files → [`records`] (one file's records, read and shaped) → [`load`]
//! (the folder, walked once) → [`timeline`] (the replayed, validated
//! history) → [`cache`] (the history kept on disk) → [`query`] (answers) →
//! [`render`] (text, tables, JSON, CSV, charts), with [`export`] (the
//! history for other tools: SQLite, Popolo) beside it. [`check`] (problem
//! codes, diagnostics, lint) stands beside them, [`write`] writes data
//! files (`orgctl add`) and [`import`] writes the data of other tools as
//! data files; [`cli`] and [`app`] wire them to the command line.

pub mod app;
pub mod cache;
pub mod check;
pub mod cli;
pub mod dates;
pub mod escape;
pub mod export;
pub mod ids;
pub mod import;
pub mod load;
pub mod query;
pub mod records;
pub mod render;
pub mod runs;
pub mod shell;
pub mod suggest;
pub mod timeline;
pub mod timer;
pub mod write;
