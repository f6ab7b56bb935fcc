//! What the sign-up tests share: a temporary built site with one small event, and a data
//! directory beside it.

// Each test binary uses a different part of this module.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use event_model::tzdb::Tzdb;
use tempfile::TempDir;

/// The test event's id.
pub const EVENT: &str = "meetup";
/// A topic with two seats.
pub const SMALL: &str = "small";
/// A topic without a limit.
pub const OPEN: &str = "open";
/// A topic with ten seats, for the concurrency test.
pub const TEN: &str = "ten";

/// A valid event file with the three topics, ending at `end` (local time in Berlin).
pub fn event_file(id: &str, end: &str) -> String {
    format!(
        r#"{{
  "schema_version": 1,
  "id": "{id}",
  "title": "A small meetup",
  "time_zone": "Europe/Berlin",
  "start": "{start}",
  "end": "{end}",
  "topics": [
    {{ "id": "{SMALL}", "title": {{ "en": "A small room", "de": "Ein kleiner Raum" }}, "capacity": 2 }},
    {{ "id": "{OPEN}", "title": "Open to all" }},
    {{ "id": "{TEN}", "title": "Ten seats", "capacity": 10 }}
  ],
  "signups": {{ "api": "/api" }}
}}
"#,
        start = end.replacen("T18", "T10", 1),
    )
}

/// An end far enough ahead that no retention rule touches the test's sign-ups.
pub const FUTURE_END: &str = "2099-06-01T18:00";

/// A site (`DIR/site` with `index.html` and `events/meetup.json`) and an empty `DIR/data`.
pub fn site() -> (TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let site = dir.path().join("site");
    std::fs::create_dir_all(site.join("events")).expect("the events directory");
    std::fs::write(
        site.join("index.html"),
        "<!doctype html><title>hub</title>\n",
    )
    .expect("index.html");
    write_event(&site, EVENT, FUTURE_END);
    let data = dir.path().join("data");
    (dir, site, data)
}

/// Writes `events/{id}.json`, checking that the model accepts it: a test event the checker
/// refused would be 404 and every test would fail for the wrong reason.
pub fn write_event(site: &Path, id: &str, end: &str) {
    let text = event_file(id, end);
    let checked = event_model::check_event(&text, &Tzdb);
    let problems: Vec<String> = checked.errors().map(ToString::to_string).collect();
    assert!(
        checked.value.is_some(),
        "the test event is invalid: {problems:?}"
    );
    std::fs::write(site.join("events").join(format!("{id}.json")), text).expect("the event file");
}
