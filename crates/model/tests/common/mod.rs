//! Helpers shared by the integration tests: the sample file, edited copies of it, small events.

#![allow(dead_code)]

use event_model::tzdb::Tzdb;
use event_model::{check_event, Checked, Event, Problem};
use serde_json::Value;

/// The sample event the hub ships with.
pub const SAMPLE: &str = include_str!("../../../../public/events/scs-hackathon-3.json");

/// The events index the hub ships with.
pub const INDEX: &str = include_str!("../../../../public/events/index.json");

/// Checks `text` against the full time-zone database.
pub fn check(text: &str) -> Checked<Event> {
    check_event(text, &Tzdb)
}

/// The sample, parsed as plain JSON so a test can break one thing in it.
pub fn sample_json() -> Value {
    serde_json::from_str(SAMPLE).expect("the sample is JSON")
}

/// The sample with `value` put at the JSON pointer `pointer` (e.g. `/sessions/1/place`); a new
/// member is added to its object.
pub fn sample_with(pointer: &str, value: Value) -> String {
    let mut json = sample_json();
    match json.pointer_mut(pointer) {
        Some(slot) => *slot = value,
        None => {
            let (parent, key) = pointer.rsplit_once('/').expect("a pointer with a parent");
            let object = json
                .pointer_mut(parent)
                .and_then(Value::as_object_mut)
                .unwrap_or_else(|| panic!("{parent} is an object in the sample"));
            object.insert(key.to_owned(), value);
        }
    }
    pretty(&json)
}

/// The sample with the member at `pointer` removed.
pub fn sample_without(pointer: &str) -> String {
    let mut json = sample_json();
    let (parent, key) = pointer.rsplit_once('/').expect("a pointer with a parent");
    let object = json
        .pointer_mut(parent)
        .and_then(Value::as_object_mut)
        .unwrap_or_else(|| panic!("{parent} is an object in the sample"));
    assert!(object.remove(key).is_some(), "{pointer} is in the sample");
    pretty(&json)
}

pub fn pretty(json: &Value) -> String {
    serde_json::to_string_pretty(json).expect("JSON values serialize")
}

/// A small valid event in Europe/Berlin with the given sessions (a JSON array).
pub fn event_with_sessions(sessions: Value) -> String {
    pretty(&serde_json::json!({
        "schema_version": 1,
        "id": "dst-test",
        "title": "DST test",
        "time_zone": "Europe/Berlin",
        "start": "2024-03-30T10:00",
        "end": "2024-11-01T10:00",
        "sessions": sessions,
    }))
}

/// One session from `start` to `end`.
pub fn session(id: &str, start: &str, end: &str) -> Value {
    serde_json::json!({ "id": id, "title": id, "start": start, "end": end })
}

/// Every problem, one per line, for assertion messages.
pub fn listing(checked: &Checked<Event>) -> String {
    checked
        .problems
        .iter()
        .map(|p| format!("\n  {p} @ {:?}", p.position))
        .collect()
}

/// The only problem of `checked`, which must be an error.
pub fn only_error(checked: &Checked<Event>) -> &Problem {
    assert_eq!(
        checked.problems.len(),
        1,
        "expected exactly one problem:{}",
        listing(checked)
    );
    let problem = &checked.problems[0];
    assert!(problem.is_error(), "{problem}");
    assert!(
        checked.value.is_none(),
        "a file with an error yields no event"
    );
    problem
}

/// Asserts that `message` contains every one of `parts`.
pub fn assert_mentions(message: &str, parts: &[&str]) {
    for part in parts {
        assert!(
            message.contains(part),
            "`{message}` should mention `{part}`"
        );
    }
}
