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
use crate::position::{duplicate_keys, locate};
use crate::problem::Problem;
use crate::say;
use crate::serde_messages::{german_syntax, humane};
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
    /// For a file with errors: the event with every item that has one left out, when what every
    /// view needs (id, title, zone, start, end) is intact — what attendees still get to see.
    pub partial: Option<T>,
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
            partial: None,
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
                if problems.iter().any(Problem::is_error) {
                    Checked {
                        value: None,
                        partial: without_broken(event, rules),
                        problems,
                    }
                } else {
                    Checked {
                        value: Some(event),
                        problems,
                        partial: None,
                    }
                }
            }
            Err(error) => {
                let mut problems = structural_problems(&value);
                if problems.is_empty() {
                    problems.push(problem_at("", &error));
                }
                // One broken value must not hide the rest: what did parse is validated too.
                let partial = well_formed_part(&value);
                if let Some((event, origins)) = &partial {
                    let found = validate(event, rules).into_iter();
                    problems.extend(found.filter(|p| !origins.is_consequence(p, event)).map(
                        |mut problem| {
                            problem.path = origins.original_path(&problem.path);
                            problem
                        },
                    ));
                }
                Checked {
                    value: None,
                    partial: partial.and_then(|(event, _)| without_broken(event, rules)),
                    problems,
                }
            }
        }
    };
    for problem in &mut checked.problems {
        problem.message.map_versions(one_line);
    }
    let duplicates = repeated_keys(text);
    if !duplicates.is_empty() {
        checked.value = None;
        checked.problems.splice(0..0, duplicates);
    }
    for problem in &mut checked.problems {
        if problem.position.is_none() {
            problem.position = locate(text, &problem.path);
        }
    }
    checked
}

/// Messages quote what the organizer wrote; a line break or escape code in it must not break the
/// one-line-per-problem output, nor may a huge value make a huge message.
fn one_line(message: &str) -> String {
    const MAX_CHARS: usize = 1_000;
    let mut out = String::with_capacity(message.len().min(MAX_CHARS + 10));
    for (count, c) in message.chars().enumerate() {
        if count == MAX_CHARS {
            out.push('…');
            break;
        }
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:04x}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    out
}

/// A key written twice in one object is an error: the parser would keep the second value and
/// drop the first without a word, which is how a copied block silently loses a field.
fn repeated_keys(text: &str) -> Vec<Problem> {
    duplicate_keys(text)
        .into_iter()
        .map(|(path, position)| {
            let key = path.rsplit(['.', ']']).next().unwrap_or(&path).to_owned();
            let mut problem = Problem::error(
                path,
                say!(
                    "`{key}` is written twice in the same object; only the last one would count — remove or rename one",
                    "`{key}` steht zweimal im selben Objekt; nur das letzte würde zählen — entferne oder benenne eines um"
                ),
            );
            problem.position = Some(position);
            problem
        })
        .collect()
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
            partial: None,
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
        problem.message.map_versions(one_line);
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
        let bytes = text.len();
        return Err(Problem::error(
            "",
            say!(
                "the file is {bytes} bytes; an event file may have at most {MAX_FILE_BYTES}",
                "die Datei hat {bytes} Bytes; eine Veranstaltungsdatei darf höchstens {MAX_FILE_BYTES} haben"
            ),
        ));
    }
    if let Some((line, column)) = too_deep(text) {
        let mut problem = Problem::error(
            "",
            say!(
                "the JSON nests deeper than {MAX_DEPTH} levels",
                "das JSON ist tiefer als {MAX_DEPTH} Ebenen verschachtelt"
            ),
        );
        problem.position = Some((line, column));
        return Err(problem);
    }
    serde_json::from_str(text).map_err(|error| {
        let message = error.to_string();
        // serde_json appends " at line L column C"; the position is reported separately.
        let message = message.split(" at line ").next().unwrap_or(&message);
        let (hint, hint_de) = syntax_hint(text, error.line(), error.column(), message);
        let mut problem = Problem::error(
            "",
            match german_syntax(message) {
                Some(german) => say!(
                    "invalid JSON: {message}{hint}",
                    "ungültiges JSON: {german}{hint_de}"
                ),
                None => format!("invalid JSON: {message}{hint}").into(),
            },
        );
        problem.position = Some((
            error.line(),
            char_column(text, error.line(), error.column()),
        ));
        problem
    })
}

/// What usually causes a syntax error, from the message and the text where it happened: people
/// writing JSON by hand make the same few mistakes.
fn syntax_hint(
    text: &str,
    line: usize,
    byte_column: usize,
    message: &str,
) -> (&'static str, &'static str) {
    let line_text = text
        .split('\n')
        .nth(line.saturating_sub(1))
        .unwrap_or_default();
    let here = line_text
        .get(byte_column.saturating_sub(1)..)
        .unwrap_or_default();
    if here.starts_with("//") || here.starts_with("/*") {
        (
            " — JSON has no comments; remove it",
            " — JSON kennt keine Kommentare; entferne ihn",
        )
    } else if here.starts_with('\'') {
        (
            " — JSON needs double quotes (\") around keys and strings",
            " — JSON braucht doppelte Anführungszeichen (\") um Schlüssel und Texte",
        )
    } else if message.starts_with("EOF while parsing") {
        (
            " — the file ends too early: is a closing `}`, `]` or `\"` missing?",
            " — die Datei endet zu früh: fehlt ein schließendes `}`, `]` oder `\"`?",
        )
    } else if message.starts_with("expected `,` or") {
        (
            " — is a comma missing before this?",
            " — fehlt davor ein Komma?",
        )
    } else if message == "trailing comma" {
        (
            " — remove the comma after the last item",
            " — entferne das Komma nach dem letzten Eintrag",
        )
    } else if message.starts_with("control character") {
        match here.chars().next() {
            // serde_json reports a string running into a line break at column 0 of the next line.
            _ if byte_column == 0 => (
                " — is the closing `\"` missing? A line break inside a string is written \\n",
                " — fehlt das schließende `\"`? Ein Zeilenumbruch in einem Text wird \\n geschrieben",
            ),
            Some('\t') => (
                " — write a tab inside a string as \\t",
                " — schreibe einen Tabulator in einem Text als \\t",
            ),
            _ => (
                " — remove the invisible character (copied text often carries one)",
                " — entferne das unsichtbare Zeichen (kopierter Text bringt oft eines mit)",
            ),
        }
    } else {
        ("", "")
    }
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
            say!(
                "an event file must be a JSON object: {{ \"schema_version\": 1, … }}",
                "eine Veranstaltungsdatei muss ein JSON-Objekt sein: {{ \"schema_version\": 1, … }}"
            ),
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
        if !seen.insert((problem.path.clone(), problem.message.to_string())) {
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

/// Where each list item of a [`well_formed_part`] came from in the file.
#[derive(Debug, Default)]
struct Origins {
    /// Per list: the file's index of each kept item.
    kept: Vec<(&'static str, Vec<usize>)>,
    /// Per list: the ids of the items left out, as far as they have one.
    left_out: Vec<(&'static str, String)>,
}

impl Origins {
    /// Whether `problem` only follows from an item left out: a reference to a broken place is
    /// not a second mistake. Decided by what the problem's path refers to in `part`, not by the
    /// words of its message (which clip long ids, and will not always be English).
    fn is_consequence(&self, problem: &Problem, part: &Event) -> bool {
        reference_at(part, &problem.path).is_some_and(|(list, id)| {
            self.left_out
                .iter()
                .any(|(left, left_id)| *left == list && left_id == id)
        })
    }

    /// `sessions[1].place` of the part as the file's path (`sessions[3].place` when two sessions
    /// before it were left out).
    fn original_path(&self, path: &str) -> String {
        for (list, kept) in &self.kept {
            let Some(rest) = path.strip_prefix(list).and_then(|r| r.strip_prefix('[')) else {
                continue;
            };
            let Some((index, tail)) = rest.split_once(']') else {
                continue;
            };
            if let Some(original) = index.parse::<usize>().ok().and_then(|i| kept.get(i)) {
                return format!("{list}[{original}]{tail}");
            }
        }
        path.to_owned()
    }
}

/// The event made of what deserializes: the top level without its unknown or broken optional
/// fields, and each list without its broken items. `None` when a field every view needs is
/// broken or missing.
fn well_formed_part(value: &Value) -> Option<(Event, Origins)> {
    let object = value.as_object()?;
    let Value::Object(mut top) = without_lists(object, &LISTS) else {
        return None;
    };
    for _ in 0..=object.len() {
        let Err(error) = serde_path_to_error::deserialize::<_, Event>(&Value::Object(top.clone()))
        else {
            break;
        };
        let message = error.inner().to_string();
        let key = match error.path().iter().next() {
            Some(Segment::Map { key }) => key.clone(),
            _ if message.starts_with("unknown field") => message.split('`').nth(1)?.to_owned(),
            _ => return None,
        };
        if REQUIRED.iter().any(|(field, _)| *field == key) || top.remove(&key).is_none() {
            return None;
        }
    }
    let mut origins = Origins::default();
    for list in LISTS {
        let Some(Value::Array(items)) = object.get(list) else {
            continue;
        };
        let mut kept = Vec::new();
        let mut good = Vec::new();
        for (index, item) in items.iter().enumerate() {
            if item_is_well_formed(list, item) {
                kept.push(index);
                good.push(item.clone());
            } else if let Some(id) = item.get("id").and_then(Value::as_str) {
                origins.left_out.push((list, id.to_owned()));
            }
        }
        top.insert(list.to_owned(), Value::Array(good));
        origins.kept.push((list, kept));
    }
    let event = serde_json::from_value::<Event>(Value::Object(top)).ok()?;
    Some((event, origins))
}

/// The list and id that the reference field at `path` names in `event`: `sessions[i].place`,
/// `topics[i].place` and `topics[i].session` are the event's references.
fn reference_at<'e>(event: &'e Event, path: &str) -> Option<(&'static str, &'e str)> {
    // The open-space board names places (`open_space.rooms[i]`) and sessions (`slots[i]`).
    if let Some(rest) = path.strip_prefix("open_space.") {
        let (field, index) = rest.strip_suffix(']')?.split_once('[')?;
        let index: usize = index.parse().ok()?;
        let space = event.open_space.as_ref()?;
        return match field {
            "rooms" => Some(("places", space.rooms.get(index)?.as_str())),
            "slots" => Some(("sessions", space.slots.get(index)?.as_str())),
            _ => None,
        };
    }
    let (list, rest) = path.split_once('[')?;
    let (index, field) = rest.split_once("].")?;
    let index: usize = index.parse().ok()?;
    match (list, field) {
        ("sessions", "place") => Some(("places", event.sessions.get(index)?.place.as_deref()?)),
        ("topics", "place") => Some(("places", event.topics.get(index)?.place.as_deref()?)),
        ("topics", "session") => Some(("sessions", event.topics.get(index)?.session.as_deref()?)),
        _ => None,
    }
}

/// Whether an item of the list `list` deserializes on its own.
fn item_is_well_formed(list: &str, item: &Value) -> bool {
    fn ok<T: DeserializeOwned>(item: &Value) -> bool {
        T::deserialize(item).is_ok()
    }
    match list {
        "links" => ok::<Link>(item),
        "places" => ok::<Place>(item),
        "sessions" => ok::<Session>(item),
        "topics" => ok::<Topic>(item),
        "contacts" => ok::<Contact>(item),
        "sections" => ok::<Section>(item),
        "hosts" => ok::<Host>(item),
        _ => false,
    }
}

/// `event` with every list item that has an error left out — and then what referred to it —
/// until it validates; `None` when an error is outside the lists (the zone, the event's times):
/// then there is nothing safe to show.
fn without_broken(mut event: Event, rules: &dyn ZoneRules) -> Option<Event> {
    for _ in 0..4 {
        let errors: Vec<String> = validate(&event, rules)
            .into_iter()
            .filter(Problem::is_error)
            .map(|p| p.path)
            .collect();
        if errors.is_empty() {
            return Some(event);
        }
        for list in LISTS {
            let mut broken: Vec<usize> = errors
                .iter()
                .filter_map(|path| {
                    let rest = path.strip_prefix(list)?.strip_prefix('[')?;
                    rest.split_once(']')?.0.parse().ok()
                })
                .collect();
            broken.sort_unstable();
            broken.dedup();
            for index in broken.into_iter().rev() {
                remove_item(&mut event, list, index);
            }
        }
        // A board naming a left-out place or session: the page shows no board rather than none
        // of the event.
        if errors.iter().any(|path| path.starts_with("open_space")) {
            event.open_space = None;
        }
        let outside = errors.iter().any(|path| {
            !path.starts_with("open_space")
                && !LISTS
                    .iter()
                    .any(|list| path.starts_with(&format!("{list}[")))
        });
        if outside {
            return None;
        }
    }
    None
}

fn remove_item(event: &mut Event, list: &str, index: usize) {
    fn drop<T>(items: &mut Vec<T>, index: usize) {
        if index < items.len() {
            items.remove(index);
        }
    }
    match list {
        "links" => drop(&mut event.links, index),
        "places" => drop(&mut event.places, index),
        "sessions" => drop(&mut event.sessions, index),
        "topics" => drop(&mut event.topics, index),
        "contacts" => drop(&mut event.contacts, index),
        "sections" => drop(&mut event.sections, index),
        "hosts" => drop(&mut event.hosts, index),
        _ => {}
    }
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
