//! The JSON Schema of the event file and of the events index, generated from the model types
//! (schemars), so editors complete and check fields with the same names and limits `hub check`
//! uses. Behind the `schema` feature: the browser app never needs it.
//!
//! The schema is draft-07, the version every editor's JSON support understands. It covers what a
//! schema can say (fields, types, values, lengths, patterns); what needs the whole file or the
//! time-zone database (references, DST gaps, end after start) is left to [`crate::validate`].

use std::borrow::Cow;

use schemars::generate::SchemaSettings;
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde_json::Value;

use crate::event::{Event, EventIndex};
use crate::text::Text;
use crate::time::LocalDateTime;

/// An id: what [`crate::validate`] accepts in addresses.
pub const ID_PATTERN: &str = "^[a-z0-9][a-z0-9_-]{0,79}$";

/// A link with one of [`crate::safe_url::SAFE_SCHEMES`] (any letter case, as browsers read
/// schemes), without control characters or whitespace, like [`crate::safe_url::is_safe_url`].
pub const URL_PATTERN: &str = r"^(?:[Hh][Tt][Tt][Pp][Ss]?://|(?:[Mm][Aa][Ii][Ll][Tt][Oo]|[Tt][Ee][Ll]|[Gg][Ee][Oo]):)[^\s\x00-\x1f\x7f-\x9f]+$";

/// One line of plain text: no control characters (they include line breaks and tabs).
pub const TITLE_PATTERN: &str = r"^[^\x00-\x1f\x7f-\x9f]*$";

/// Markdown: line breaks and tabs, but no other control characters.
pub const TEXT_PATTERN: &str = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]*$";

/// A language code as [`crate::text::is_language_code`] accepts it: `en`, `de`, `pt-BR`.
pub const LANGUAGE_PATTERN: &str = "^[a-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$";

/// Something `@` something, without spaces.
pub const EMAIL_PATTERN: &str = r"^[^@\s]+@\S+$";

/// A tile template: a path on this host or an `https:` URL (`hub check` also wants `{z}`, `{x}`
/// and `{y}` in it, which a portable pattern cannot require in any order).
pub const TILES_PATTERN: &str = r"^(?:https://|/[^/])\S*$";

/// A place's image: a path on this host or an `https:` URL.
pub const IMAGE_PATTERN: &str = r"^(?:https://|/[^/])\S*$";

/// An `http(s)` URL or a path on the same host (`/api`, but not `//host`).
pub const SIGNUPS_API_PATTERN: &str = "^(?:https?://|/(?:[^/]|$))";

/// The shape [`LocalDateTime`]'s parser accepts: `YYYY-MM-DDTHH:MM`, optional `:SS`, optional
/// `Z` or `±HH:MM`.
pub const LOCAL_DATE_TIME_PATTERN: &str = "^[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])T(?:[01][0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9])?(?:Z|[+-](?:0[0-9]|1[0-8]):[0-5][0-9])?$";

impl JsonSchema for LocalDateTime {
    // Inline, so each time field carries the pattern next to its own description and example.
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "LocalDateTime".into()
    }

    fn json_schema(_generator: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": LOCAL_DATE_TIME_PATTERN,
            "description": "A wall-clock time in the event's time zone, YYYY-MM-DDTHH:MM (seconds optional). An offset such as +01:00 may follow; it must agree with the zone and picks one side of a fall-back fold.",
            "examples": ["2023-11-08T10:00", "2024-10-27T02:30+01:00"],
        })
    }
}

/// A text as a plain string or per language (see [`Text`]), each version shaped by `string`.
fn text_schema(string: Value) -> Schema {
    json_schema!({
        "anyOf": [
            string,
            {
                "type": "object",
                "description": "The text per language, by language code: {\"en\": \"…\", \"de\": \"…\"}. The page shows the reader's language, else the event's default_language, else the first.",
                "minProperties": 1,
                "propertyNames": { "pattern": LANGUAGE_PATTERN },
                "additionalProperties": string,
            }
        ]
    })
}

impl JsonSchema for Text {
    // Inline, so each text field carries its own description.
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "Text".into()
    }

    fn json_schema(_generator: &mut SchemaGenerator) -> Schema {
        text_schema(serde_json::json!({ "type": "string" }))
    }
}

/// How the schema describes a one-line [`Text`] field (a title, a name): each version 1–200
/// characters without control characters. Field types stay `Text`; this only shapes the schema.
pub struct TitleText;

impl JsonSchema for TitleText {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "TitleText".into()
    }

    fn json_schema(_generator: &mut SchemaGenerator) -> Schema {
        text_schema(serde_json::json!({
            "type": "string",
            "minLength": 1,
            "maxLength": crate::validate::MAX_TITLE_CHARS,
            "pattern": TITLE_PATTERN,
        }))
    }
}

/// How the schema describes a Markdown [`Text`] field: each version at most
/// [`crate::validate::MAX_TEXT_CHARS`] characters, line breaks allowed.
pub struct MarkdownText;

impl JsonSchema for MarkdownText {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "MarkdownText".into()
    }

    fn json_schema(_generator: &mut SchemaGenerator) -> Schema {
        text_schema(serde_json::json!({
            "type": "string",
            "maxLength": crate::validate::MAX_TEXT_CHARS,
            "pattern": TEXT_PATTERN,
        }))
    }
}

/// Every IANA zone name the hub knows, sorted: editors offer them as completions and flag a
/// misspelt zone as the organizer types.
pub fn zone_names() -> Vec<&'static str> {
    let mut names: Vec<&'static str> = crate::tzdb::zone_names().collect();
    names.sort_unstable();
    names
}

/// The JSON Schema of an event file (`events/{id}.json`).
pub fn event_schema() -> Value {
    root::<Event>("Event hub event file")
}

/// The JSON Schema of the events index (`events/index.json`).
pub fn index_schema() -> Value {
    root::<EventIndex>("Event hub events index")
}

fn root<T: JsonSchema>(title: &str) -> Value {
    let schema = SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<T>();
    let mut value = schema.to_value();
    if let Value::Object(object) = &mut value {
        object.insert("title".to_owned(), Value::String(title.to_owned()));
    }
    unwrap_descriptions(&mut value);
    drop_custom_formats(&mut value);
    value
}

/// The `format` values JSON Schema defines; schemars adds its own (`uint32`, `double`), which
/// strict validators such as ajv refuse to compile. Their ranges are kept as `minimum`/`maximum`.
const STANDARD_FORMATS: [&str; 19] = [
    "date-time",
    "date",
    "time",
    "duration",
    "email",
    "idn-email",
    "hostname",
    "idn-hostname",
    "ipv4",
    "ipv6",
    "uri",
    "uri-reference",
    "iri",
    "iri-reference",
    "uuid",
    "uri-template",
    "json-pointer",
    "relative-json-pointer",
    "regex",
];

fn drop_custom_formats(value: &mut Value) {
    match value {
        Value::Object(object) => {
            let custom = object
                .get("format")
                .and_then(Value::as_str)
                .is_some_and(|format| !STANDARD_FORMATS.contains(&format));
            if custom {
                object.remove("format");
            }
            object.values_mut().for_each(drop_custom_formats);
        }
        Value::Array(items) => items.iter_mut().for_each(drop_custom_formats),
        _ => {}
    }
}

/// Doc comments are wrapped at 100 columns; editors show descriptions as they are, so single line
/// breaks become spaces (paragraph breaks stay).
fn unwrap_descriptions(value: &mut Value) {
    match value {
        Value::Object(object) => {
            for (key, child) in object.iter_mut() {
                match child {
                    Value::String(text) if key == "description" => *text = unwrap(text),
                    other => unwrap_descriptions(other),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(unwrap_descriptions),
        _ => {}
    }
}

fn unwrap(text: &str) -> String {
    text.split("\n\n")
        .map(|paragraph| paragraph.split('\n').collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_schema_uses_only_formats_json_schema_defines() {
        fn formats(value: &Value, found: &mut Vec<String>) {
            match value {
                Value::Object(object) => {
                    if let Some(Value::String(format)) = object.get("format") {
                        found.push(format.clone());
                    }
                    object.values().for_each(|v| formats(v, found));
                }
                Value::Array(items) => items.iter().for_each(|v| formats(v, found)),
                _ => {}
            }
        }
        for schema in [event_schema(), index_schema()] {
            let mut found = Vec::new();
            formats(&schema, &mut found);
            let custom: Vec<&String> = found
                .iter()
                .filter(|f| !STANDARD_FORMATS.contains(&f.as_str()))
                .collect();
            assert!(custom.is_empty(), "custom formats: {custom:?}");
        }
    }

    #[test]
    fn single_line_breaks_in_descriptions_become_spaces() {
        assert_eq!(unwrap("one\ntwo\n\nthree"), "one two\n\nthree");
    }
}
