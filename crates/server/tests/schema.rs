//! The JSON Schema: the committed copies under `public/schema/` are exactly what `hub schema`
//! prints, and the schema — checked by an independent validator — accepts every valid event and
//! rejects the mistakes an editor can catch as the organizer types.

// A failed setup step should fail the test on the spot, with its message.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

use hub::schema::{render, Which};
use serde_json::{json, Value};

const HUB: &str = env!("CARGO_BIN_EXE_hub");

fn workspace(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(path)
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap();
    serde_json::from_str(text.trim_start_matches('\u{feff}')).unwrap()
}

fn validator(which: Which) -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(&render(which)).unwrap();
    jsonschema::draft7::new(&schema).unwrap()
}

/// The schema's complaints about `instance`, one line each, for assertion messages.
fn complaints(validator: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    validator
        .iter_errors(instance)
        .map(|error| format!("{}: {error}", error.instance_path()))
        .collect()
}

#[test]
fn the_committed_schemas_are_what_hub_schema_prints() {
    for (which, file, command) in [
        (
            Which::Event,
            "public/schema/event.schema.json",
            "cargo run -p hub -- schema > public/schema/event.schema.json",
        ),
        (
            Which::Index,
            "public/schema/index.schema.json",
            "cargo run -p hub -- schema --index > public/schema/index.schema.json",
        ),
    ] {
        let committed = std::fs::read_to_string(workspace(file)).unwrap_or_default();
        assert!(
            committed == render(which),
            "{file} differs from the schema generated from the model types; run `{command}`"
        );
    }
}

#[test]
fn hub_schema_prints_the_schema_on_stdout() {
    let output = Command::new(HUB).arg("schema").output().unwrap();
    assert!(output.status.success());
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        render(Which::Event)
    );
    let output = Command::new(HUB)
        .args(["schema", "--index"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        render(Which::Index)
    );
}

#[test]
fn the_sample_and_every_good_fixture_are_valid_under_the_schema() {
    let validator = validator(Which::Event);
    let mut files = vec![workspace("public/events/scs-hackathon-3.json")];
    let good = std::fs::read_dir(workspace("tests/fixtures/good")).unwrap();
    files.extend(good.map(|entry| entry.unwrap().path()));
    for file in files {
        let event = read_json(&file);
        let problems = complaints(&validator, &event);
        assert!(problems.is_empty(), "{}: {problems:#?}", file.display());
    }
}

#[test]
fn the_sample_index_is_valid_under_the_index_schema() {
    let index = read_json(&workspace("public/events/index.json"));
    let problems = complaints(&validator(Which::Index), &index);
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn the_samples_schema_line_points_at_the_committed_schema() {
    let sample = workspace("public/events/scs-hackathon-3.json");
    let target = read_json(&sample)["$schema"].as_str().unwrap().to_owned();
    let resolved = sample.parent().unwrap().join(target);
    assert!(resolved.is_file(), "{} does not exist", resolved.display());
}

/// The sample with one change: `value` at the JSON pointer `pointer` (a new member is added).
fn sample_with(pointer: &str, value: Value) -> Value {
    let mut event = read_json(&workspace("public/events/scs-hackathon-3.json"));
    if let Some(slot) = event.pointer_mut(pointer) {
        *slot = value;
    } else {
        let (parent, key) = pointer.rsplit_once('/').unwrap();
        let object = event.pointer_mut(parent).unwrap().as_object_mut().unwrap();
        object.insert(key.to_owned(), value);
    }
    event
}

#[test]
fn the_schema_rejects_what_an_editor_can_catch() {
    let validator = validator(Which::Event);
    for (pointer, value, complaint_at) in [
        ("/titel", json!("typo"), ""),
        ("/sessions/0/room", json!("B"), "/sessions/0"),
        ("/signups/apii", json!(null), "/signups"),
        ("/schema_version", json!(2), "/schema_version"),
        ("/id", json!("Not An Id"), "/id"),
        ("/title", json!(""), "/title"),
        ("/title", json!("x".repeat(201)), "/title"),
        ("/title", json!("tab\there"), "/title"),
        ("/time_zone", json!("Berlin"), "/time_zone"),
        ("/start", json!("2023-11-08 10:00"), "/start"),
        ("/start", json!("2023-11-08T9:00"), "/start"),
        ("/sessions/0/end", json!(1_699_434_000), "/sessions/0/end"),
        ("/places/0/kind", json!("hall"), "/places/0/kind"),
        ("/places/0/lat", json!(91), "/places/0/lat"),
        ("/places/0/lon", json!("13.7"), "/places/0/lon"),
        ("/links/0/url", json!("javascript:alert(1)"), "/links/0/url"),
        ("/links/0/url", json!("data:text/html,x"), "/links/0/url"),
        ("/links/0/url", json!("vbscript:x"), "/links/0/url"),
        ("/links/0/url", json!("//evil.example/"), "/links/0/url"),
        ("/links/0/url", json!("java\nscript:x"), "/links/0/url"),
        ("/topics/0/capacity", json!(0), "/topics/0/capacity"),
        ("/topics/0/capacity", json!("10"), "/topics/0/capacity"),
        (
            "/contacts/0/email",
            json!("no-at-sign"),
            "/contacts/0/email",
        ),
        ("/signups/api", json!("ftp://example.org/"), "/signups/api"),
        ("/sessions", json!({}), "/sessions"),
    ] {
        let event = sample_with(pointer, value.clone());
        let problems = complaints(&validator, &event);
        assert!(
            problems
                .iter()
                .any(|p| p.starts_with(&format!("{complaint_at}: "))),
            "{pointer} = {value}: expected a complaint at `{complaint_at}`, got {problems:#?}"
        );
    }
}

#[test]
fn the_schema_accepts_what_the_hub_accepts_at_the_edges() {
    let validator = validator(Which::Event);
    for (pointer, value) in [
        ("/links/0/url", json!("HTTPS://EXAMPLE.ORG/")),
        ("/links/0/url", json!("mailto:team@example.org")),
        ("/links/0/url", json!("tel:+49351")),
        ("/links/0/url", json!("geo:51.08,13.76")),
        ("/start", json!("2023-11-08T10:00:30")),
        ("/start", json!("2023-11-08T10:00+01:00")),
        ("/start", json!("2023-11-08T09:00Z")),
        ("/time_zone", json!("UTC")),
        ("/time_zone", json!("America/Argentina/Buenos_Aires")),
        ("/topics/0/capacity", json!(null)),
        ("/places/0/lat", json!(-90)),
        ("/signups/api", json!("/api")),
        ("/signups/api", json!("https://hub.example.org/api")),
        ("/summary", json!("line one\n\nline two\twith a tab")),
    ] {
        let event = sample_with(pointer, value.clone());
        let problems = complaints(&validator, &event);
        assert!(problems.is_empty(), "{pointer} = {value}: {problems:#?}");
    }
}

/// Every `properties` member in `schema`, as (JSON pointer, its schema).
fn properties<'a>(schema: &'a Value, at: String, out: &mut Vec<(String, &'a Value)>) {
    match schema {
        Value::Object(object) => {
            if let Some(Value::Object(props)) = object.get("properties") {
                for (name, property) in props {
                    out.push((format!("{at}/properties/{name}"), property));
                }
            }
            for (key, child) in object {
                properties(child, format!("{at}/{key}"), out);
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                properties(item, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

#[test]
fn every_field_has_a_description_and_unknown_fields_are_refused_everywhere() {
    for which in [Which::Event, Which::Index] {
        let schema: Value = serde_json::from_str(&render(which)).unwrap();
        let mut found = Vec::new();
        properties(&schema, String::new(), &mut found);
        assert!(found.len() > 50 || which == Which::Index, "{}", found.len());
        for (pointer, property) in found {
            let description = property["description"].as_str().unwrap_or_default();
            assert!(
                description.len() > 10,
                "{pointer} has no description: {property}"
            );
            assert!(!description.contains('\n') || description.contains("\n\n"));
        }
        let objects = schema["definitions"]
            .as_object()
            .unwrap()
            .values()
            .chain([&schema])
            .filter(|definition| definition["type"] == "object");
        for object in objects {
            assert_eq!(object["additionalProperties"], json!(false), "{object}");
        }
    }
}

#[test]
fn enums_list_their_values_and_times_carry_a_pattern_and_examples() {
    let schema: Value = serde_json::from_str(&render(Which::Event)).unwrap();
    assert_eq!(
        schema["definitions"]["PlaceKind"]["enum"],
        json!([
            "venue",
            "hotel",
            "restaurant",
            "meeting_point",
            "transport",
            "other"
        ])
    );
    assert_eq!(
        schema["definitions"]["SessionKind"]["enum"],
        json!(["talk", "work", "break", "meal", "social", "arrival"])
    );
    let start = &schema["properties"]["start"];
    assert_eq!(start["type"], "string");
    assert!(start["pattern"]
        .as_str()
        .is_some_and(|p| p.starts_with('^')));
    assert!(start["examples"].as_array().is_some_and(|e| !e.is_empty()));
    let zones = schema["properties"]["time_zone"]["enum"]
        .as_array()
        .unwrap();
    assert!(zones.contains(&json!("Europe/Berlin")) && zones.len() > 300);
    assert_eq!(
        schema["properties"]["id"]["examples"],
        json!(["scs-hackathon-3"])
    );
}
