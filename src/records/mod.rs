//! Records: what one data file holds, read from its TOML text into compact
//! form ([`input::FileInput`]), with the shape of each change checked on
//! its own.

pub mod fastparse;
pub mod format;
pub mod input;
pub mod known;
pub mod shape;
