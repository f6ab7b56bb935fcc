//! The event data contract shared by the app, `hub serve` and `hub check`: serde types, parsing with
//! precise errors, validation, time-zone resolution, the agenda with "now / next", calendar export
//! (iCalendar, Google Calendar links) and safe Markdown. No browser dependencies, so all of it is
//! tested natively.

pub mod agenda;
pub mod calendar_links;
pub mod event;
pub mod format;
pub mod geo;
pub mod ics;
pub mod language;
pub mod languages;
pub mod map_apps;
pub mod markdown;
pub mod messages;
pub mod now;
pub mod offset_memo;
pub mod open_space;
pub mod parse;
pub mod position;
pub mod problem;
pub mod read;
pub mod safe_url;
#[cfg(feature = "schema")]
pub mod schema;
mod serde_messages;
pub mod short_sort;
pub mod signup;
pub mod suggest;
pub mod text;
pub mod time;
#[cfg(feature = "tzdb")]
pub mod tzdb;
pub mod validate;
pub(crate) mod word;
pub mod zone;

pub use event::*;
pub use language::{DateWords, Language};
pub use messages::Message;
pub use parse::{check_event, check_index, Checked};
pub use problem::{Problem, Severity};
pub use read::{read_event, read_index};
pub use text::Text;
pub use time::LocalDateTime;
pub use zone::ZoneRules;
