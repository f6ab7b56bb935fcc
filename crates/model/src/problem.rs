//! A problem found in an event file: where (JSON path, and line:column when known) and what, in
//! English and German.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::text::Text;

/// A problem message in English and German: `say!("the id `{id}` …", "die id `{id}` …", args…)`.
/// Both are `format!` strings over the same arguments, so a message without German, or a German
/// that forgets an argument, does not compile.
#[macro_export]
macro_rules! say {
    ($en:literal, $de:literal $(, $arg:expr)* $(,)?) => {
        $crate::text::Text::in_languages([
            ("en", format!($en $(, $arg)*)),
            ("de", format!($de $(, $arg)*)),
        ])
    };
}

/// Errors stop the page from rendering the file; warnings are hints for organizers only.
///
/// Serialized (lowercase) because the organizer bundle hands problems to the attendee page as JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem, in the terms of the file the organizer wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    pub severity: Severity,
    /// JSON path such as `sessions[3].start`; empty for the whole file.
    pub path: String,
    /// In English first, then German; a message from elsewhere (serde) may be English only.
    pub message: Text,
    /// 1-based line and column of the offending value, when known.
    pub position: Option<(usize, usize)>,
}

crate::word::deserialize_words!(Severity {
    Severity::Error => "error",
    Severity::Warning => "warning",
});

impl Problem {
    pub fn error(path: impl Into<String>, message: impl Into<Text>) -> Self {
        Problem {
            severity: Severity::Error,
            path: path.into(),
            message: message.into(),
            position: None,
        }
    }

    pub fn warning(path: impl Into<String>, message: impl Into<Text>) -> Self {
        Problem {
            severity: Severity::Warning,
            ..Problem::error(path, message)
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = if self.path.is_empty() {
            "(file)"
        } else {
            &self.path
        };
        match self.severity {
            Severity::Error => write!(f, "{path}: {}", self.message),
            Severity::Warning => write!(f, "{path}: warning: {}", self.message),
        }
    }
}
