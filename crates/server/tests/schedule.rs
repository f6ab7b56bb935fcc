//! The c3voc schedule export and import, checked the way a conference app's loader would: the
//! sample's `schedule.json` against the vendored JSON Schema (`tests/c3voc/`, as the c3voc
//! validator does) and its `schedule.xml` against the vendored XML Schema with `xmllint`
//! (libxml2, installed by `cargo xtask tools`); GUIDs that survive a second export and another
//! host; `/events/{id}/schedule.{json,xml}` over the router; and pretalx's demo schedule imported
//! into an event file the hub accepts, with every talk at its time.

// A failed setup step should fail the test on the spot, with its message.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use axum::body::Body;
use axum::http::header::CONTENT_TYPE;
use axum::http::{Request, StatusCode};
use chrono::{DateTime, Duration, Utc};
use event_model::tzdb::Tzdb;
use event_model::zone::to_instant;
use event_model::{check_event, Language};
use http_body_util::BodyExt;
use hub::export::{export, Export, ExportFormat};
use hub::import::import;
use hub::serve::{app, Config};
use serde_json::Value;
use tower::ServiceExt;

const SAMPLE: &str = include_str!("../../../public/events/scs-hackathon-3.json");
const PRETALX: &str = include_str!("c3voc/example-pretalx-democon.json");
const JSON_SCHEMA: &str = include_str!("c3voc/schedule.schema.json");
const XMLLINT: &str = "/usr/bin/xmllint";

fn vendored(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/c3voc")
        .join(name)
}

fn exported(text: &str, format: ExportFormat, page: Option<&str>) -> String {
    let options = Export {
        format,
        language: None,
        page,
        stamp: DateTime::<Utc>::UNIX_EPOCH,
    };
    export(text, "event.json", &options).unwrap()
}

/// What the c3voc JSON Schema says of `instance`, one line per complaint.
fn json_complaints(instance: &Value) -> Vec<String> {
    let schema: Value = serde_json::from_str(JSON_SCHEMA).unwrap();
    let validator = jsonschema::draft6::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap();
    validator
        .iter_errors(instance)
        .map(|error| format!("{}: {error}", error.instance_path()))
        .collect()
}

/// `xmllint --schema` on `xml`: `Ok` when valid, else what it printed.
fn xml_verdict(xml: &str) -> Result<(), String> {
    assert!(
        Path::new(XMLLINT).exists(),
        "{XMLLINT} is missing: `cargo xtask tools` installs it (Debian's libxml2-utils)"
    );
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("schedule.xml");
    std::fs::write(&file, xml).unwrap();
    let output = Command::new(XMLLINT)
        .arg("--noout")
        .arg("--schema")
        .arg(vendored("schedule.xml.xsd"))
        .arg(&file)
        .output()
        .unwrap();
    if output.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&output.stderr).into_owned())
    }
}

fn guids(schedule: &Value) -> Vec<String> {
    let mut guids = Vec::new();
    for day in schedule["schedule"]["conference"]["days"]
        .as_array()
        .unwrap()
    {
        for entries in day["rooms"].as_object().unwrap().values() {
            for entry in entries.as_array().unwrap() {
                guids.push(entry["guid"].as_str().unwrap().to_owned());
            }
        }
    }
    guids
}

#[test]
fn the_vendored_pretalx_export_passes_the_vendored_json_schema() {
    // The validator itself, on a file known to be good: a schema this crate could not read
    // would otherwise pass everything.
    let pretalx: Value = serde_json::from_str(PRETALX).unwrap();
    assert_eq!(json_complaints(&pretalx), Vec::<String>::new());
    // Draft 6 knows no `uuid` format, so break what it does check: a pattern and a date-time.
    for (field, wrong) in [("duration", "half an hour"), ("date", "Monday morning")] {
        let mut broken = pretalx.clone();
        broken["schedule"]["conference"]["days"][0]["rooms"]["Gray Room"][0][field] =
            Value::from(wrong);
        assert_eq!(json_complaints(&broken).len(), 1, "{field}");
    }
}

#[test]
fn the_samples_schedule_json_passes_the_c3voc_json_schema() {
    let json = exported(
        SAMPLE,
        ExportFormat::ScheduleJson,
        Some("https://hub.example/events/scs-hackathon-3"),
    );
    let schedule: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json_complaints(&schedule), Vec::<String>::new());

    let conference = &schedule["schedule"]["conference"];
    assert_eq!(conference["title"], "Third SCS Community Hackathon");
    assert_eq!(conference["time_zone_name"], "Europe/Berlin");
    assert_eq!(conference["start"], "2023-11-07");
    assert_eq!(conference["end"], "2023-11-08");
    assert_eq!(conference["daysCount"], 2);
    let sample: Value = serde_json::from_str(SAMPLE).unwrap();
    assert_eq!(
        guids(&schedule).len(),
        sample["sessions"].as_array().unwrap().len(),
        "every session is in the schedule"
    );
    let day_two = &conference["days"][1]["rooms"]["CLOUD&HEAT"];
    let welcome = day_two
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["slug"] == "scs_hackathon_3-welcome")
        .unwrap();
    assert_eq!(welcome["date"], "2023-11-08T10:00:00+01:00");
    assert_eq!(welcome["start"], "10:00");
    assert_eq!(welcome["duration"], "00:30");
    assert_eq!(welcome["type"], "talk");
    assert_eq!(
        welcome["url"],
        "https://hub.example/events/scs-hackathon-3#eh-session-welcome"
    );
    // The organizers gave no firm end: the format has no field for that, so the words say it.
    assert_eq!(welcome["subtitle"], "Time to be confirmed.");
    // The walk's meeting point is not known yet: its room is the place that says so.
    let walk = &conference["days"][0]["rooms"]["Meeting point for the walk"][0];
    assert_eq!(walk["slug"], "scs_hackathon_3-walk");
    assert_eq!(
        walk["abstract"],
        "The meeting point for the walk will be added soon."
    );
}

#[test]
fn the_samples_schedule_xml_passes_the_c3voc_xml_schema() {
    xml_verdict(&std::fs::read_to_string(vendored("schedule.xml.xsd")).unwrap())
        .expect_err("the validator rejects a file that is not a schedule");
    let xml = exported(
        SAMPLE,
        ExportFormat::ScheduleXml,
        Some("https://hub.example/events/scs-hackathon-3"),
    );
    xml_verdict(&xml).unwrap();
    assert!(xml.contains("<title>Third SCS Community Hackathon</title>"));
    // Event text is escaped: the venue's name has an ampersand.
    assert!(xml.contains("<room name=\"CLOUD&amp;HEAT\""), "{xml}");
    assert!(xml.contains("<date>2023-11-08T10:00:00+01:00</date>"));
    // In German, with the German words.
    let options = Export {
        format: ExportFormat::ScheduleXml,
        language: Some(Language::De),
        page: None,
        stamp: DateTime::<Utc>::UNIX_EPOCH,
    };
    let german = export(SAMPLE, "event.json", &options).unwrap();
    xml_verdict(&german).unwrap();
    assert!(german.contains("<title>Dritter SCS Community Hackathon</title>"));
    assert!(german.contains("<room name=\"Treffpunkt für den Spaziergang\""));
}

#[test]
fn guids_stay_the_same_across_exports_hosts_and_languages() {
    let json = |page, language| {
        let options = Export {
            format: ExportFormat::ScheduleJson,
            language,
            page,
            stamp: DateTime::<Utc>::UNIX_EPOCH,
        };
        let text = export(SAMPLE, "event.json", &options).unwrap();
        serde_json::from_str::<Value>(&text).unwrap()
    };
    let first = json(Some("https://a.example/events/scs-hackathon-3"), None);
    let again = json(Some("https://a.example/events/scs-hackathon-3"), None);
    let elsewhere = json(None, Some(Language::De));
    assert_eq!(first, again, "the same file gives the same export");
    let set = |v: &Value| guids(v).into_iter().collect::<BTreeSet<_>>();
    assert_eq!(set(&first), set(&elsewhere));
    assert_eq!(set(&first).len(), guids(&first).len(), "GUIDs are unique");
    // Pinned: the welcome's GUID is derived from `scs-hackathon-3` and `welcome` alone.
    assert!(guids(&first).contains(&"90c4d66e-481e-5267-8d29-de72122e31d7".to_owned()));
    // An edit of the file changes the version, so apps reload, but no GUID.
    let edited = SAMPLE.replace("Check-in (bring", "Check-in now (bring");
    let options = Export {
        format: ExportFormat::ScheduleJson,
        language: None,
        page: None,
        stamp: DateTime::<Utc>::UNIX_EPOCH,
    };
    let edited: Value =
        serde_json::from_str(&export(&edited, "e.json", &options).unwrap()).unwrap();
    assert_ne!(edited["schedule"]["version"], first["schedule"]["version"]);
    assert_eq!(set(&edited), set(&first));
}

#[test]
fn a_broken_file_is_not_exported_and_every_error_is_named() {
    let broken = SAMPLE
        .replacen("\"2023-11-08T10:30\"", "\"2023-11-08T25:30\"", 1)
        .replace("\"place\": \"watzke\"", "\"place\": \"watzkee\"");
    let options = Export {
        format: ExportFormat::ScheduleJson,
        language: None,
        page: None,
        stamp: DateTime::<Utc>::UNIX_EPOCH,
    };
    let errors = export(&broken, "events/broken.json", &options).unwrap_err();
    assert!(!errors.is_empty());
    assert!(
        errors.iter().all(|e| e.starts_with("events/broken.json:")),
        "{errors:?}"
    );
}

async fn get(config: &Config, uri: &str) -> (StatusCode, String, String) {
    let request = Request::builder()
        .uri(uri)
        .header("host", "hub.example")
        .body(Body::empty())
        .unwrap();
    let response = app(config).unwrap().oneshot(request).await.unwrap();
    let status = response.status();
    let kind = response
        .headers()
        .get(CONTENT_TYPE)
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    let body = response.into_body().collect().await.unwrap().to_bytes();
    (status, kind, String::from_utf8(body.to_vec()).unwrap())
}

#[tokio::test]
async fn the_hub_serves_both_files_beside_each_event() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    std::fs::create_dir_all(site.join("events")).unwrap();
    std::fs::write(site.join("index.html"), "<!doctype html><title>x</title>").unwrap();
    std::fs::write(site.join("events/scs-hackathon-3.json"), SAMPLE).unwrap();
    std::fs::write(
        site.join("events/broken.json"),
        SAMPLE.replacen("\"2023-11-08T10:30\"", "\"2023-11-08T25:30\"", 1),
    )
    .unwrap();
    let config = Config {
        site,
        data: dir.path().join("data"),
        ..Config::default()
    };

    let (status, kind, body) = get(&config, "/events/scs-hackathon-3/schedule.json").await;
    assert_eq!(status, StatusCode::OK);
    assert!(kind.starts_with("application/json"), "{kind}");
    let schedule: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(json_complaints(&schedule), Vec::<String>::new());
    // Sessions lead to the event's page on the host the app was reached at.
    assert!(body.contains("\"http://hub.example/events/scs-hackathon-3#eh-session-dinner\""));

    let (status, kind, body) = get(&config, "/events/scs-hackathon-3/schedule.xml?lang=de").await;
    assert_eq!(status, StatusCode::OK);
    assert!(kind.starts_with("application/xml"), "{kind}");
    xml_verdict(&body).unwrap();
    assert!(body.contains("Dritter SCS Community Hackathon"));

    let (status, _, body) = get(&config, "/events/broken/schedule.json").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.starts_with("events/broken.json:"), "{body}");
    for missing in [
        "/events/nope/schedule.json",
        "/events/..%2Fsecret/schedule.xml",
        "/events/scs-hackathon-3/other.json",
    ] {
        let (status, _, _) = get(&config, missing).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{missing}");
    }
}

#[test]
fn pretalxs_demo_imports_into_an_event_file_the_hub_accepts_with_every_talk_at_its_time() {
    let imported = import(PRETALX, None).unwrap();
    let text = serde_json::to_string_pretty(&imported.event).unwrap();
    let checked = check_event(&text, &Tzdb);
    let errors: Vec<_> = checked.errors().collect();
    assert!(errors.is_empty(), "{errors:?}");
    let event = checked.value.unwrap();

    // Every talk, at the same instant, for the same time.
    let pretalx: Value = serde_json::from_str(PRETALX).unwrap();
    let mut talks = Vec::new();
    for day in pretalx["schedule"]["conference"]["days"]
        .as_array()
        .unwrap()
    {
        for (room, entries) in day["rooms"].as_object().unwrap() {
            for entry in entries.as_array().unwrap() {
                talks.push((room.clone(), entry.clone()));
            }
        }
    }
    assert_eq!(talks.len(), 36);
    assert_eq!(event.sessions.len(), talks.len());
    for (room, talk) in &talks {
        let title = talk["title"].as_str().unwrap();
        let session = event
            .sessions
            .iter()
            .find(|s| &*s.title == title && s.id.ends_with(talk["slug"].as_str().unwrap()))
            .unwrap_or_else(|| panic!("{title} is missing"));
        let start = DateTime::parse_from_rfc3339(talk["date"].as_str().unwrap()).unwrap();
        let (hours, minutes) = talk["duration"].as_str().unwrap().split_once(':').unwrap();
        let duration =
            Duration::minutes(hours.parse::<i64>().unwrap() * 60 + minutes.parse::<i64>().unwrap());
        let at = |time| to_instant(&Tzdb, &event.time_zone, time).unwrap();
        assert_eq!(at(session.start), start.with_timezone(&Utc), "{title}");
        assert_eq!(at(session.end) - at(session.start), duration, "{title}");
        let place = event.place(session.place.as_deref().unwrap()).unwrap();
        assert_eq!(&*place.name, room.as_str());
    }
    // The speakers stay with their talks; what has no field is named.
    assert!(event.sessions[0]
        .description
        .as_deref()
        .unwrap()
        .contains("Speakers: "));
    assert!(
        imported
            .notes
            .iter()
            .any(|n| n.contains("tracks of 36 talks")),
        "{:?}",
        imported.notes
    );
    assert!(
        imported.notes.iter().any(|n| n.contains("--time-zone")),
        "{:?}",
        imported.notes
    );

    // Imported and exported again, it is still a schedule apps load.
    let again = exported(&text, ExportFormat::ScheduleJson, None);
    assert_eq!(
        json_complaints(&serde_json::from_str(&again).unwrap()),
        Vec::<String>::new()
    );
    xml_verdict(&exported(&text, ExportFormat::ScheduleXml, None)).unwrap();
}

#[test]
fn an_import_in_the_zone_the_organizer_names_keeps_the_instants_and_shows_wall_clock_times() {
    let imported = import(PRETALX, Some("Europe/Berlin")).unwrap();
    let text = serde_json::to_string(&imported.event).unwrap();
    let event = check_event(&text, &Tzdb).value.unwrap();
    assert_eq!(event.time_zone, "Europe/Berlin");
    // 09:00+01:00 in the schedule is 09:00 on a Berlin clock in December.
    assert_eq!(event.sessions[0].start.to_string(), "2020-12-14T09:00");
    assert!(!imported.notes.iter().any(|n| n.contains("--time-zone")));
}

#[test]
fn what_is_not_a_schedule_is_refused_with_a_reason() {
    assert!(import("{", None)
        .unwrap_err()
        .to_string()
        .starts_with("not JSON"));
    assert!(import("{}", None)
        .unwrap_err()
        .to_string()
        .contains("schedule.conference"));
    let unknown = PRETALX.replace(
        "\"time_zone_name\": \"UTC\"",
        "\"time_zone_name\": \"Mars/Base\"",
    );
    assert!(import(&unknown, None)
        .unwrap_err()
        .to_string()
        .contains("--time-zone"));
}
