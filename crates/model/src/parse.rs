//! From the text of an event file to a checked [`Event`], collecting every problem on the way.
//!
//! serde stops at the first error, which would make organizers fix a file one typo per reload.
//! When the whole file does not deserialize, each top-level field and each element of each list is
//! deserialized on its own, so the report names every broken element with its JSON path.

use std::collections::HashSet;

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};
use serde_path_to_error::Segment;

use crate::event::{
    Contact, Event, EventIndex, Host, IndexEntry, Link, Place, Section, Session, Topic,
    SCHEMA_VERSION,
};
use crate::position::locate;
use crate::problem::Problem;
use crate::validate::{unsupported_version, validate};
use crate::zone::ZoneRules;

/// Files larger than this are refused before parsing: no real event needs it, and it keeps a
/// phone from choking on a mistake such as an exported database dump.
pub const MAX_FILE_BYTES: usize = 4 * 1024 * 1024;

/// Nesting deeper than this is refused (the format itself never nests more than 4 levels).
const MAX_DEPTH: usize = 32;

/// The outcome of checking a file: the event when it has no errors, and every problem found.
#[derive(Debug, Clone)]
pub struct Checked<T = Event> {
    pub value: Option<T>,
    pub problems: Vec<Problem>,
}

impl<T> Checked<T> {
    /// Errors only (warnings are for organizers, not a reason to refuse the file).
    pub fn errors(&self) -> impl Iterator<Item = &Problem> {
        self.problems.iter().filter(|p| p.is_error())
    }

    fn failed(problems: Vec<Problem>) -> Self {
        Checked {
            value: None,
            problems,
        }
    }
}

/// Parses and validates an event file.
pub fn check_event(text: &str, rules: &dyn ZoneRules) -> Checked<Event> {
    let text = without_bom(text);
    let value = match parse_json(text) {
        Ok(value) => value,
        Err(problem) => return Checked::failed(vec![problem]),
    };
    let mut checked = if let Some(problem) = other_version(&value) {
        // A file for another version follows another contract: its other "problems" would mislead.
        Checked::failed(vec![problem])
    } else {
        match serde_path_to_error::deserialize::<_, Event>(&value) {
            Ok(event) => {
                let problems = validate(&event, rules);
                let ok = !problems.iter().any(Problem::is_error);
                Checked {
                    value: ok.then_some(event),
                    problems,
                }
            }
            Err(error) => {
                let mut problems = structural_problems(&value);
                if problems.is_empty() {
                    problems.push(problem_at("", &error));
                }
                Checked::failed(problems)
            }
        }
    };
    for problem in &mut checked.problems {
        problem.position = locate(text, &problem.path);
    }
    checked
}

/// Parses an events index (`events/index.json`), reporting every broken entry.
pub fn check_index(text: &str) -> Checked<EventIndex> {
    let text = without_bom(text);
    let value = match parse_json(text) {
        Ok(value) => value,
        Err(problem) => return Checked::failed(vec![problem]),
    };
    let mut checked = match serde_path_to_error::deserialize::<_, EventIndex>(&value) {
        Ok(index) => Checked {
            value: Some(index),
            problems: Vec::new(),
        },
        Err(error) => {
            let mut problems = Vec::new();
            if let Some(object) = value.as_object() {
                if let Err(error) = serde_path_to_error::deserialize::<_, EventIndex>(
                    &without_lists(object, &["events"]),
                ) {
                    problems.push(problem_at("", &error));
                }
                list::<IndexEntry>(object, "events", &mut problems);
            }
            if problems.is_empty() {
                problems.push(problem_at("", &error));
            }
            Checked::failed(problems)
        }
    };
    for problem in &mut checked.problems {
        problem.position = locate(text, &problem.path);
    }
    checked
}

/// Editors on Windows like to start files with a byte-order mark, which JSON does not allow.
fn without_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// The "wrong version" problem when the file declares a schema version other than ours.
fn other_version(value: &Value) -> Option<Problem> {
    let version = value.get("schema_version")?.as_u64()?;
    (version != u64::from(SCHEMA_VERSION)).then(|| unsupported_version(version))
}

/// JSON syntax, size and depth: the problems that come before any meaning.
fn parse_json(text: &str) -> Result<Value, Problem> {
    if text.len() > MAX_FILE_BYTES {
        return Err(Problem::error(
            "",
            format!(
                "the file is {} bytes; an event file may have at most {MAX_FILE_BYTES}",
                text.len()
            ),
        ));
    }
    if let Some((line, column)) = too_deep(text) {
        let mut problem =
            Problem::error("", format!("the JSON nests deeper than {MAX_DEPTH} levels"));
        problem.position = Some((line, column));
        return Err(problem);
    }
    serde_json::from_str(text).map_err(|error| {
        let message = error.to_string();
        // serde_json appends " at line L column C"; the position is reported separately.
        let message = message.split(" at line ").next().unwrap_or(&message);
        let mut problem = Problem::error("", format!("invalid JSON: {message}"));
        problem.position = Some((
            error.line(),
            char_column(text, error.line(), error.column()),
        ));
        problem
    })
}

/// serde_json counts columns in bytes (and 0 at the very end of a line); people count characters.
fn char_column(text: &str, line: usize, byte_column: usize) -> usize {
    let line_text = text
        .split('\n')
        .nth(line.saturating_sub(1))
        .unwrap_or_default();
    let mut end = byte_column.min(line_text.len());
    while !line_text.is_char_boundary(end) {
        end += 1;
    }
    line_text[..end].chars().count().max(1)
}

/// The position of the first bracket past [`MAX_DEPTH`], ignoring brackets inside strings.
fn too_deep(text: &str) -> Option<(usize, usize)> {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    let (mut line, mut column) = (1, 0);
    for c in text.chars() {
        column += 1;
        if c == '\n' {
            line += 1;
            column = 0;
        }
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '[' | '{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Some((line, column));
                }
            }
            ']' | '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// Every structural problem: wrong types, missing and unknown fields, per field and element.
fn structural_problems(value: &Value) -> Vec<Problem> {
    let Some(object) = value.as_object() else {
        return vec![Problem::error(
            "",
            "an event file must be a JSON object: { \"schema_version\": 1, … }",
        )];
    };
    let mut problems = Vec::new();
    // Lists are checked element by element below; emptied here so the top level reports only its own problems.
    let mut remaining = match without_lists(object, &LISTS) {
        Value::Object(top) => top,
        _ => Map::new(),
    };
    let mut seen = HashSet::new();
    // One error per pass, removing (or filling) what failed, so every top-level problem is listed.
    for _ in 0..=object.len() + REQUIRED.len() {
        let Err(error) =
            serde_path_to_error::deserialize::<_, Event>(&Value::Object(remaining.clone()))
        else {
            break;
        };
        let problem = problem_at("", &error);
        if !seen.insert((problem.path.clone(), problem.message.clone())) {
            break;
        }
        problems.push(problem);
        if !repair(&mut remaining, &error) {
            break;
        }
    }
    list::<Link>(object, "links", &mut problems);
    list::<Place>(object, "places", &mut problems);
    list::<Session>(object, "sessions", &mut problems);
    list::<Topic>(object, "topics", &mut problems);
    list::<Contact>(object, "contacts", &mut problems);
    list::<Section>(object, "sections", &mut problems);
    list::<Host>(object, "hosts", &mut problems);
    problems
}

const LISTS: [&str; 7] = [
    "links", "places", "sessions", "topics", "contacts", "sections", "hosts",
];
const REQUIRED: [(&str, &str); 6] = [
    ("schema_version", "1"),
    ("id", "\"x\""),
    ("title", "\"x\""),
    ("time_zone", "\"UTC\""),
    ("start", "\"2000-01-01T00:00\""),
    ("end", "\"2000-01-01T01:00\""),
];

/// A copy of `object` in which the arrays under `lists` are empty.
fn without_lists(object: &Map<String, Value>, lists: &[&str]) -> Value {
    let copy = object.iter().map(|(key, value)| {
        let value = match value {
            Value::Array(_) if lists.contains(&key.as_str()) => Value::Array(Vec::new()),
            other => other.clone(),
        };
        (key.clone(), value)
    });
    Value::Object(copy.collect())
}

/// Makes the top level deserialize past `error`: fills a missing field with a placeholder, drops
/// an unknown one, and replaces (or drops) a top-level field with a problem anywhere inside it.
fn repair(
    object: &mut Map<String, Value>,
    error: &serde_path_to_error::Error<serde_json::Error>,
) -> bool {
    let message = error.inner().to_string();
    let named = message.split('`').nth(1).map(str::to_owned);
    let key = match error.path().iter().next() {
        Some(Segment::Map { key }) => Some(key.clone()),
        _ => None,
    };
    let Some(key) = key else {
        // The problem is in the top-level object itself.
        let Some(name) = named else { return false };
        if message.starts_with("unknown field") {
            return object.remove(&name).is_some();
        }
        if message.starts_with("missing field") {
            return fill(object, &name);
        }
        return false;
    };
    fill(object, &key) || object.remove(&key).is_some()
}

/// Puts a valid placeholder in the required field `key`; false when `key` is not required.
fn fill(object: &mut Map<String, Value>, key: &str) -> bool {
    let Some((_, placeholder)) = REQUIRED.iter().find(|(field, _)| *field == key) else {
        return false;
    };
    object.insert(
        key.to_owned(),
        serde_json::from_str(placeholder).unwrap_or(Value::Null),
    );
    true
}

/// Checks each element of the list `key` on its own; a non-list was reported by the top level.
fn list<T: DeserializeOwned>(object: &Map<String, Value>, key: &str, problems: &mut Vec<Problem>) {
    let Some(Value::Array(items)) = object.get(key) else {
        return;
    };
    for (index, item) in items.iter().enumerate() {
        if let Err(error) = serde_path_to_error::deserialize::<_, T>(item) {
            problems.push(problem_at(&format!("{key}[{index}]"), &error));
        }
    }
}

/// A problem from a serde error, its path under `prefix`. An unknown field's path is the field
/// itself (`sessions[2].titel`), so the position points at the typo rather than at its object.
fn problem_at(prefix: &str, error: &serde_path_to_error::Error<serde_json::Error>) -> Problem {
    let inner = error.path().to_string();
    let inner = if inner == "." { String::new() } else { inner };
    let path = match (prefix.is_empty(), inner.is_empty()) {
        (true, _) => inner,
        (false, true) => prefix.to_owned(),
        (false, false) if inner.starts_with('[') => format!("{prefix}{inner}"),
        (false, false) => format!("{prefix}.{inner}"),
    };
    Problem::error(path, humane(&error.inner().to_string()))
}

/// serde's wording, made a little friendlier for people who are not programmers.
fn humane(message: &str) -> String {
    let message = message.split(" at line ").next().unwrap_or(message);
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let name = rest.split('`').nth(1).unwrap_or_default();
        let expected: Vec<&str> = rest.split('`').skip(3).step_by(2).collect();
        return match crate::suggest::closest(name, expected.iter().copied()) {
            Some(best) => format!("unknown field `{name}` — did you mean `{best}`?"),
            None => format!(
                "unknown field `{name}`; allowed here: {}",
                expected.join(", ")
            ),
        };
    }
    if let Some(rest) = message.strip_prefix("unknown variant ") {
        let name = rest.split('`').nth(1).unwrap_or_default();
        let expected: Vec<&str> = rest.split('`').skip(3).step_by(2).collect();
        return format!("`{name}` is not one of: {}", expected.join(", "));
    }
    message.to_owned()
}
