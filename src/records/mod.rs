//! Records: what one data file holds, as the [`schema`] declares it, read
//! from its TOML text by the [`reader`] into compact form
//! ([`input::FileInput`]), with the shape of each change checked on its own.

pub(crate) mod build;
#[cfg(test)]
mod differential;
mod fast;
pub mod input;
pub mod known;
pub mod lines;
pub mod project;
pub mod reader;
pub mod schema;
pub mod shape;
pub(crate) mod tree;
