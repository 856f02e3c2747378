//! Query results into bytes: one module per output format, each writing
//! into the `Write` it is given. Nothing else in orgctl prints.

pub mod json;
pub mod text;

use chrono::NaiveDate;

use crate::ids::{RoleId, UnitId};
use crate::timeline::History;

/// How human output may look.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    /// ANSI colour and bold.
    pub color: bool,
    /// Output goes to a terminal: tables may wrap to its width.
    pub terminal: bool,
}

impl Style {
    pub fn plain() -> Self {
        Style {
            color: false,
            terminal: false,
        }
    }

    fn paint(&self, text: &str, code: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    pub fn bold(&self, text: &str) -> String {
        self.paint(text, "1")
    }

    pub fn dim(&self, text: &str) -> String {
        self.paint(text, "2")
    }

    pub fn yellow(&self, text: &str) -> String {
        self.paint(text, "33")
    }

    pub fn green(&self, text: &str) -> String {
        self.paint(text, "32")
    }

    pub fn red(&self, text: &str) -> String {
        self.paint(text, "31")
    }
}

/// "Title, Unit" for a role on a day.
pub fn role_label(h: &History, r: RoleId, unit: Option<UnitId>, day: NaiveDate) -> String {
    match unit {
        Some(u) => format!("{}, {}", h.role_title(r, day), h.unit_name(u, day)),
        None => h.role_title(r, day).to_string(),
    }
}
