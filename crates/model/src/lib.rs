//! The event data contract shared by the app, `hub serve` and `hub check`: serde types, parsing with
//! precise errors, validation, time-zone resolution, the agenda and safe Markdown. No browser
//! dependencies, so all of it is tested natively.

pub mod agenda;
pub mod event;
pub mod format;
pub mod markdown;
pub mod parse;
pub mod position;
pub mod problem;
pub mod safe_url;
pub mod suggest;
pub mod time;
#[cfg(feature = "tzdb")]
pub mod tzdb;
pub mod validate;
pub mod zone;

pub use event::*;
pub use parse::{check_event, check_index, Checked};
pub use problem::{Problem, Severity};
pub use time::LocalDateTime;
pub use zone::ZoneRules;
