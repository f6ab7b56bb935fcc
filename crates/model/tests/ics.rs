//! The `.ics` export read back by an independent parser (the `icalendar` crate's, whose generator
//! we do not use) and compared field by field with the event file; plus the format's own rules:
//! lines of at most 75 octets, CRLF, escaping, folding inside multibyte text, VTIMEZONE offsets,
//! UIDs that survive regeneration.

mod common;

use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use common::{check, sample_json, SAMPLE};
use event_model::agenda::timeline;
use event_model::ics::{
    escape_text, event_calendar, file_name, fold, session_calendar, session_details, session_uid,
    vtimezone_lines, IcsError, MAX_LINE_OCTETS, PRODID,
};
use event_model::tzdb::Tzdb;
use event_model::zone::FixedRules;
use event_model::{Event, Language, ZoneRules};
use icalendar::parser::{read_calendar, unfold, Component, Property};
use serde_json::json;

fn sample() -> Event {
    check(SAMPLE).value.expect("the sample is valid")
}

fn stamp() -> DateTime<Utc> {
    "2023-10-01T12:00:00Z".parse().expect("an instant")
}

/// A property as the parser saw it: value (TEXT unescaped by the parser) and parameters.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Prop {
    value: String,
    params: Vec<(String, String)>,
}

fn prop(p: &Property<'_>) -> Prop {
    Prop {
        value: p.val.as_str().to_owned(),
        params: p
            .params
            .iter()
            .map(|param| {
                (
                    param.key.as_str().to_owned(),
                    param
                        .val
                        .as_ref()
                        .map(|v| v.as_str().to_owned())
                        .unwrap_or_default(),
                )
            })
            .collect(),
    }
}

/// The value of the only property `name` of `component`.
fn value(component: &Component<'_>, name: &str) -> Option<String> {
    let found: Vec<&Property<'_>> = component
        .properties
        .iter()
        .filter(|p| p.name.as_str() == name)
        .collect();
    assert!(found.len() <= 1, "{name} appears {} times", found.len());
    found.first().map(|p| p.val.as_str().to_owned())
}

fn parsed_prop(component: &Component<'_>, name: &str) -> Option<Prop> {
    component
        .properties
        .iter()
        .find(|p| p.name.as_str() == name)
        .map(prop)
}

fn children<'a>(components: &'a [Component<'a>], name: &str) -> Vec<&'a Component<'a>> {
    components
        .iter()
        .filter(|c| c.name.as_str() == name)
        .collect()
}

/// Asserts the physical shape of an iCalendar text: CRLF only, at most 75 octets a line.
fn assert_well_formed(ics: &str) {
    assert!(ics.ends_with("\r\n"), "ends with CRLF");
    for line in ics.split_terminator("\r\n") {
        assert!(
            line.len() <= MAX_LINE_OCTETS,
            "{} octets: {line:?}",
            line.len()
        );
        assert!(
            !line.contains('\n') && !line.contains('\r'),
            "bare line break in {line:?}"
        );
    }
}

fn local_stamp(local: NaiveDateTime) -> String {
    local.format("%Y%m%dT%H%M%S").to_string()
}

// --- the sample, read back -----------------------------------------------------------------------

#[test]
fn the_sample_calendar_reads_back_field_by_field() {
    let event = sample();
    let ics = event_calendar(&event, &Tzdb, stamp(), Language::En).expect("a calendar");
    assert_well_formed(&ics);
    let unfolded = unfold(&ics);
    let calendar = read_calendar(&unfolded).expect("the parser reads it");

    let root = Component {
        name: "VCALENDAR".into(),
        properties: calendar.properties.clone(),
        components: Vec::new(),
    };
    assert_eq!(value(&root, "VERSION").as_deref(), Some("2.0"));
    assert_eq!(value(&root, "PRODID").as_deref(), Some(PRODID));
    assert_eq!(value(&root, "CALSCALE").as_deref(), Some("GREGORIAN"));
    assert_eq!(value(&root, "METHOD").as_deref(), Some("PUBLISH"));
    assert_eq!(
        value(&root, "X-WR-CALNAME").as_deref(),
        Some(event.title.as_str())
    );

    let zones = children(&calendar.components, "VTIMEZONE");
    assert_eq!(zones.len(), 1);
    assert_eq!(value(zones[0], "TZID").as_deref(), Some("Europe/Berlin"));

    let vevents = children(&calendar.components, "VEVENT");
    assert_eq!(vevents.len(), event.sessions.len());
    for session in &event.sessions {
        let uid = format!("{}@scs-hackathon-3.event-hub", session.id);
        let vevent = vevents
            .iter()
            .find(|v| value(v, "UID").as_deref() == Some(uid.as_str()))
            .unwrap_or_else(|| panic!("a VEVENT for {}", session.id));
        let at = |name: &str| parsed_prop(vevent, name).unwrap_or_else(|| panic!("{name}"));
        let tzid = vec![("TZID".to_owned(), "Europe/Berlin".to_owned())];
        // The organizer's own wall-clock times, with the event's zone.
        assert_eq!(
            at("DTSTART"),
            Prop {
                value: local_stamp(session.start.local),
                params: tzid.clone()
            },
            "{}",
            session.id
        );
        assert_eq!(
            at("DTEND"),
            Prop {
                value: local_stamp(session.end.local),
                params: tzid
            },
            "{}",
            session.id
        );
        assert_eq!(
            value(vevent, "DTSTAMP").as_deref(),
            Some("20231001T120000Z")
        );
        assert_eq!(value(vevent, "SUMMARY"), Some(session.title.to_string()));
        // A time the organizers have not fixed stays tentative in the attendee's calendar too.
        assert_eq!(
            value(vevent, "STATUS").as_deref(),
            session.tentative.map(|_| "TENTATIVE"),
            "{}",
            session.id
        );
        assert_eq!(
            value(vevent, "DESCRIPTION"),
            Some(session_details(&event, session, Language::En))
        );
        assert_eq!(
            value(vevent, "URL").as_deref(),
            Some("https://scs.community/"),
            "the website link"
        );
        let place = session.place.as_deref().and_then(|id| event.place(id));
        match place {
            // The walk's meeting point is not known yet: its name, and no GEO.
            Some(place) if place.address.is_none() => {
                assert_eq!(value(vevent, "LOCATION"), Some(place.name.to_string()));
                assert_eq!(value(vevent, "GEO"), None);
            }
            Some(place) => {
                let address = place
                    .address
                    .as_deref()
                    .expect("sample places have addresses");
                assert_eq!(
                    value(vevent, "LOCATION"),
                    Some(format!("{}, {address}", place.name))
                );
                let (lat, lon) = (place.lat.expect("lat"), place.lon.expect("lon"));
                let geo = value(vevent, "GEO").expect("GEO");
                let (glat, glon) = geo.split_once(';').expect("lat;lon");
                assert_eq!(
                    (glat.parse::<f64>().ok(), glon.parse::<f64>().ok()),
                    (Some(lat), Some(lon))
                );
            }
            None => {
                assert_eq!(value(vevent, "LOCATION"), None, "{}", session.id);
                assert_eq!(value(vevent, "GEO"), None, "{}", session.id);
            }
        }
    }
}

#[test]
fn the_sample_descriptions_are_plain_text_with_the_event_and_its_address() {
    let event = sample();
    let check_in = event
        .sessions
        .iter()
        .find(|s| s.id == "check-in")
        .expect("check-in");
    assert_eq!(
        session_details(&event, check_in, Language::En),
        "Access to the building is only possible after check-in, so please be on site by 09:30 at the latest — also if you want to be there for the welcome.\n\nThird SCS Community Hackathon\n\nhttps://scs.community/"
    );
    let welcome = event
        .sessions
        .iter()
        .find(|s| s.id == "welcome")
        .expect("welcome");
    assert_eq!(
        session_details(&event, welcome, Language::En),
        "Time to be confirmed.\n\nThird SCS Community Hackathon\n\nhttps://scs.community/"
    );
    let outcomes = event
        .sessions
        .iter()
        .find(|s| s.id == "outcomes")
        .expect("outcomes");
    assert!(session_details(&event, outcomes, Language::En)
        .starts_with("Time to be confirmed (before dinner).\n\n"));
    let dinner = event
        .sessions
        .iter()
        .find(|s| s.id == "dinner")
        .expect("dinner");
    assert!(!session_details(&event, dinner, Language::En).contains("confirmed"));
}

#[test]
fn a_german_reader_gets_the_calendar_in_german() {
    let mut event = sample();
    event.localize("de");
    let outcomes = event
        .sessions
        .iter()
        .find(|s| s.id == "outcomes")
        .expect("outcomes");
    assert_eq!(
        session_details(&event, outcomes, Language::De),
        "Zeit noch offen (vor dem Abendessen).\n\nDritter SCS Community Hackathon\n\nhttps://scs.community/"
    );
    let ics = event_calendar(&event, &Tzdb, stamp(), Language::De).expect("a calendar");
    assert!(
        ics.contains("SUMMARY:Präsentation der Ergebnisse des Tages\r\n"),
        "{ics}"
    );
    assert!(ics.contains("X-WR-CALNAME:Dritter SCS Community Hackathon\r\n"));
    // Topics and names the file gives in one language only stay as they are.
    assert!(
        ics.contains("LOCATION:CLOUD&HEAT\\, Königsbrücker Straße 96\\, Halle 15\\, 01099 Dresden")
    );
}

#[test]
fn entries_lead_to_the_page_the_event_was_read_on_unless_the_file_names_its_own() {
    let hub_page = "https://hub.example/events/scs-hackathon-3";
    let mut read_on_the_hub = sample();
    read_on_the_hub.fill_in_page(hub_page);
    let ics = event_calendar(&read_on_the_hub, &Tzdb, stamp(), Language::En).expect("a calendar");
    let unfolded = unfold(&ics);
    let calendar = read_calendar(&unfolded).expect("parses");
    let events = children(&calendar.components, "VEVENT");
    assert_eq!(events.len(), 9);
    for vevent in &events {
        assert_eq!(value(vevent, "URL").as_deref(), Some(hub_page));
        assert!(value(vevent, "DESCRIPTION").is_some_and(|d| d.ends_with(hub_page)));
    }

    // The file's own page wins; an address that is not a web page is never taken.
    let mut named = sample();
    named.url = Some("https://scs.community/hackathon-3".to_owned());
    named.fill_in_page(hub_page);
    assert_eq!(
        named.url.as_deref(),
        Some("https://scs.community/hackathon-3")
    );
    let mut local_file = sample();
    local_file.fill_in_page("file:///home/me/event.html");
    local_file.fill_in_page("javascript:alert(1)");
    assert_eq!(local_file.url, None);
}

#[test]
fn every_event_time_reads_the_same_through_the_vtimezone() {
    // An independent reading of our own VTIMEZONE: the offset in force at each session's instant,
    // applied to the instant, must give the DTSTART/DTEND wall-clock time.
    for (zone, start, end) in [
        ("Europe/Berlin", "2024-03-31T00:30", "2024-03-31T04:30"),
        ("Europe/Berlin", "2024-10-27T00:30", "2024-10-27T04:30"),
        ("America/New_York", "2024-11-03T00:30", "2024-11-03T04:30"),
        (
            "Australia/Lord_Howe",
            "2024-04-07T00:30",
            "2024-04-07T03:30",
        ),
        ("Pacific/Chatham", "2023-12-31T23:00", "2024-01-01T01:00"),
        ("Asia/Kolkata", "2023-11-08T10:00", "2023-11-08T11:00"),
    ] {
        let event = one_session_event(zone, start, end);
        let ics = event_calendar(&event, &Tzdb, stamp(), Language::En).expect("a calendar");
        assert_well_formed(&ics);
        let unfolded = unfold(&ics);
        let calendar = read_calendar(&unfolded).expect("parsed");
        let observances = observances(children(&calendar.components, "VTIMEZONE")[0]);
        let vevent = children(&calendar.components, "VEVENT")[0];
        let timed = timeline(&event, &Tzdb)[0];
        for (name, instant) in [("DTSTART", timed.start), ("DTEND", timed.end)] {
            let written = parsed_prop(vevent, name).expect(name);
            let offset = observances
                .iter()
                .rev()
                .find(|(onset, _)| *onset <= instant)
                .map(|(_, to)| *to)
                .unwrap_or_else(|| panic!("{zone}: an observance before {instant}"));
            let local = (instant + Duration::seconds(offset)).naive_utc();
            assert_eq!(
                written.value,
                local_stamp(local),
                "{zone} {name} {start}–{end}"
            );
        }
    }
}

/// `(onset instant, offset after it in seconds)` of each STANDARD/DAYLIGHT, in order.
fn observances(vtimezone: &Component<'_>) -> Vec<(DateTime<Utc>, i64)> {
    let seconds = |text: &str| -> i64 {
        let sign = if text.starts_with('-') { -1 } else { 1 };
        let digits = &text[1..];
        let part = |range: std::ops::Range<usize>| -> i64 {
            digits.get(range).map_or(0, |d| d.parse().expect("digits"))
        };
        sign * (part(0..2) * 3600 + part(2..4) * 60 + part(4..6))
    };
    let mut list: Vec<(DateTime<Utc>, i64)> = vtimezone
        .components
        .iter()
        .map(|observance| {
            let dtstart = value(observance, "DTSTART").expect("DTSTART");
            let from = seconds(&value(observance, "TZOFFSETFROM").expect("FROM"));
            let to = seconds(&value(observance, "TZOFFSETTO").expect("TO"));
            let local = NaiveDateTime::parse_from_str(&dtstart, "%Y%m%dT%H%M%S").expect("local");
            (local.and_utc() - Duration::seconds(from), to)
        })
        .collect();
    list.sort();
    list
}

fn one_session_event(zone: &str, start: &str, end: &str) -> Event {
    let text = common::pretty(&json!({
        "schema_version": 1,
        "id": "one",
        "title": "One",
        "time_zone": zone,
        "start": start,
        "end": end,
        "sessions": [{ "id": "s", "title": "S", "start": start, "end": end }],
    }));
    check(&text)
        .value
        .unwrap_or_else(|| panic!("{zone} {start}"))
}

// --- VTIMEZONE -----------------------------------------------------------------------------------

/// The observances of a VTIMEZONE as `KIND DTSTART FROM TO NAME` lines.
fn observance_lines(lines: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Vec<String> = Vec::new();
    for line in lines {
        match line.split_once(':') {
            Some(("BEGIN", kind @ ("STANDARD" | "DAYLIGHT"))) => current = vec![kind.to_owned()],
            Some(("END", "STANDARD" | "DAYLIGHT")) => out.push(current.join(" ")),
            Some(("DTSTART" | "TZOFFSETFROM" | "TZOFFSETTO" | "TZNAME", value)) => {
                current.push(value.to_owned())
            }
            _ => {}
        }
    }
    out
}

#[test]
fn berlin_2023_is_cet_plus_one_in_winter_and_cest_plus_two_in_summer() {
    let lines = vtimezone_lines(&Tzdb, "Europe/Berlin", 2023, 2023);
    assert_eq!(lines[..2], ["BEGIN:VTIMEZONE", "TZID:Europe/Berlin"]);
    assert_eq!(lines.last().map(String::as_str), Some("END:VTIMEZONE"));
    assert_eq!(
        observance_lines(&lines),
        [
            // In force on 1 January: since the last Sunday of October 2022.
            "STANDARD 20221030T030000 +0200 +0100 CET",
            "DAYLIGHT 20230326T020000 +0100 +0200 CEST",
            "STANDARD 20231029T030000 +0200 +0100 CET",
        ]
    );
}

#[test]
fn vtimezones_follow_each_zone_s_own_rules() {
    let cases: &[(&str, i32, i32, &[&str])] = &[
        // No transitions: one observance with equal offsets.
        (
            "Asia/Tokyo",
            2023,
            2023,
            &["STANDARD 20230101T000000 +0900 +0900 JST"],
        ),
        (
            "UTC",
            2023,
            2023,
            &["STANDARD 20230101T000000 +0000 +0000 UTC"],
        ),
        (
            "Asia/Kolkata",
            2023,
            2023,
            &["STANDARD 20230101T000000 +0530 +0530 IST"],
        ),
        // Half an hour of summer time, southern hemisphere: summer on 1 January.
        (
            "Australia/Lord_Howe",
            2023,
            2023,
            &[
                "DAYLIGHT 20221002T020000 +1030 +1100",
                "STANDARD 20230402T020000 +1100 +1030",
                "DAYLIGHT 20231001T020000 +1030 +1100",
            ],
        ),
        (
            "America/New_York",
            2024,
            2024,
            &[
                "STANDARD 20231105T020000 -0400 -0500 EST",
                "DAYLIGHT 20240310T020000 -0500 -0400 EDT",
                "STANDARD 20241103T020000 -0400 -0500 EST",
            ],
        ),
        // Two years: both years' changes.
        (
            "Europe/Berlin",
            2023,
            2024,
            &[
                "STANDARD 20221030T030000 +0200 +0100 CET",
                "DAYLIGHT 20230326T020000 +0100 +0200 CEST",
                "STANDARD 20231029T030000 +0200 +0100 CET",
                "DAYLIGHT 20240331T020000 +0100 +0200 CEST",
                "STANDARD 20241027T030000 +0200 +0100 CET",
            ],
        ),
    ];
    for (zone, first, last, expected) in cases {
        assert_eq!(
            observance_lines(&vtimezone_lines(&Tzdb, zone, *first, *last)),
            *expected,
            "{zone} {first}–{last}"
        );
    }
}

#[test]
fn rules_without_abbreviations_give_observances_without_tzname() {
    // Like the browser's rules for a zone Intl has no name for.
    let lines = vtimezone_lines(
        &FixedRules(5 * 3600 + 45 * 60),
        "Asia/Kathmandu",
        2023,
        2023,
    );
    assert_eq!(
        observance_lines(&lines),
        ["STANDARD 20230101T000000 +0545 +0545"]
    );
}

// --- times that TZID cannot say ------------------------------------------------------------------

#[test]
fn the_second_reading_of_a_fold_is_written_in_utc() {
    // 02:30 happens twice in Berlin on 27 October 2024; TZID always means the first.
    let text = common::pretty(&json!({
        "schema_version": 1, "id": "fold", "title": "Fold", "time_zone": "Europe/Berlin",
        "start": "2024-10-27T02:00+02:00", "end": "2024-10-27T04:00",
        "sessions": [
            { "id": "first", "title": "First", "start": "2024-10-27T02:30+02:00", "end": "2024-10-27T02:30+01:00" },
        ],
    }));
    let event = check(&text).value.expect("valid");
    let ics = event_calendar(&event, &Tzdb, stamp(), Language::En).expect("a calendar");
    assert!(
        ics.contains("DTSTART;TZID=Europe/Berlin:20241027T023000\r\n"),
        "{ics}"
    );
    assert!(ics.contains("DTEND:20241027T013000Z\r\n"), "{ics}");
}

// --- one session ----------------------------------------------------------------------------------

#[test]
fn a_session_calendar_holds_that_session_and_its_zone() {
    let event = sample();
    let ics =
        session_calendar(&event, "welcome", &Tzdb, stamp(), Language::En).expect("a calendar");
    assert_well_formed(&ics);
    let unfolded = unfold(&ics);
    let calendar = read_calendar(&unfolded).expect("parsed");
    assert_eq!(children(&calendar.components, "VTIMEZONE").len(), 1);
    let vevents = children(&calendar.components, "VEVENT");
    assert_eq!(vevents.len(), 1);
    assert_eq!(
        value(vevents[0], "UID").as_deref(),
        Some("welcome@scs-hackathon-3.event-hub")
    );
    assert_eq!(
        value(vevents[0], "DTSTART").as_deref(),
        Some("20231108T100000")
    );
    assert_eq!(
        value(vevents[0], "DTEND").as_deref(),
        Some("20231108T103000")
    );
    assert_eq!(
        value(vevents[0], "LOCATION").as_deref(),
        Some("CLOUD&HEAT, Königsbrücker Straße 96, Halle 15, 01099 Dresden")
    );
    assert_eq!(
        value(vevents[0], "GEO").as_deref(),
        Some("51.08017;13.76214")
    );
    assert_eq!(
        session_calendar(&event, "nope", &Tzdb, stamp(), Language::En),
        Err(IcsError::UnknownSession("nope".to_owned()))
    );
}

#[test]
fn an_unknown_zone_gives_no_calendar() {
    let mut event = sample();
    event.time_zone = "Mars/Olympus_Mons".to_owned();
    assert!(!Tzdb.is_known(&event.time_zone));
    assert_eq!(
        event_calendar(&event, &Tzdb, stamp(), Language::En),
        Err(IcsError::UnknownZone("Mars/Olympus_Mons".to_owned()))
    );
    assert_eq!(
        session_calendar(&event, "welcome", &Tzdb, stamp(), Language::En),
        Err(IcsError::UnknownZone("Mars/Olympus_Mons".to_owned()))
    );
}

#[test]
fn an_event_without_sessions_is_one_vevent_at_the_venue() {
    let mut json = sample_json();
    json["sessions"] = json!([]);
    // Its board's slots are sessions.
    json.as_object_mut().map(|o| o.remove("open_space"));
    json["links"] = json!([{ "kind": "registration", "url": "https://example.org/register" }]);
    let event = check(&common::pretty(&json)).value.expect("valid");
    let ics = event_calendar(&event, &Tzdb, stamp(), Language::En).expect("a calendar");
    let unfolded = unfold(&ics);
    let calendar = read_calendar(&unfolded).expect("parsed");
    let vevents = children(&calendar.components, "VEVENT");
    assert_eq!(vevents.len(), 1);
    let vevent = vevents[0];
    assert_eq!(
        value(vevent, "UID").as_deref(),
        Some("scs-hackathon-3@event-hub")
    );
    assert_eq!(value(vevent, "SUMMARY"), Some(event.title.to_string()));
    assert_eq!(value(vevent, "DTSTART").as_deref(), Some("20231108T100000"));
    assert_eq!(value(vevent, "DTEND").as_deref(), Some("20231108T190000"));
    assert!(value(vevent, "DESCRIPTION")
        .expect("the summary")
        .starts_with(
            "Our third big Community Hackathon in Dresden, with great support from CLOUD&HEAT"
        ));
    assert!(value(vevent, "LOCATION")
        .expect("the venue")
        .starts_with("CLOUD&HEAT, "));
    // Without a website link, the registration page is the event's address.
    assert_eq!(
        value(vevent, "URL").as_deref(),
        Some("https://example.org/register")
    );
}

// --- stability ------------------------------------------------------------------------------------

#[test]
fn uids_are_stable_across_regenerations_and_output_is_deterministic() {
    let event = sample();
    let uids = |ics: &str| -> Vec<String> {
        ics.lines()
            .filter_map(|l| l.strip_prefix("UID:"))
            .map(|l| l.trim_end().to_owned())
            .collect()
    };
    let first = event_calendar(&event, &Tzdb, stamp(), Language::En).expect("a calendar");
    let later = event_calendar(&event, &Tzdb, stamp() + Duration::days(30), Language::En)
        .expect("a calendar");
    assert_eq!(uids(&first), uids(&later));
    assert_eq!(uids(&first).len(), event.sessions.len());
    assert_eq!(
        first,
        event_calendar(&event, &Tzdb, stamp(), Language::En).expect("a calendar"),
        "the same input gives the same bytes"
    );
    let welcome = &event.sessions[3];
    assert_eq!(
        session_uid(&event, welcome),
        "welcome@scs-hackathon-3.event-hub"
    );
    // Editing a session's time or title keeps its UID, so calendars update the entry.
    let mut edited = event.clone();
    edited.sessions[3].title = "Welcome (moved)".into();
    assert_eq!(
        session_uid(&edited, &edited.sessions[3]),
        session_uid(&event, welcome)
    );
}

#[test]
fn download_names_are_the_event_and_session_ids() {
    let event = sample();
    assert_eq!(file_name(&event, None), "scs-hackathon-3.ics");
    assert_eq!(
        file_name(&event, Some("welcome")),
        "scs-hackathon-3-welcome.ics"
    );
}

// --- escaping and folding -------------------------------------------------------------------------

#[test]
fn text_is_escaped_as_rfc_5545_says() {
    for (text, escaped) in [
        ("plain", "plain"),
        ("a,b", "a\\,b"),
        ("a;b", "a\\;b"),
        ("back\\slash", "back\\\\slash"),
        ("two\nlines", "two\\nlines"),
        ("windows\r\nline", "windows\\nline"),
        ("old mac\rline", "old mac\\nline"),
        ("tab\tstays", "tab\tstays"),
        ("bell\u{7}gone", "bellgone"),
        ("colon: stays", "colon: stays"),
        ("\\n is not a newline", "\\\\n is not a newline"),
    ] {
        assert_eq!(escape_text(text), escaped, "{text:?}");
    }
}

#[test]
fn escaped_text_reads_back_unchanged() {
    let tricky = "Talk; with, commas\\backslashes\nand lines — Ünïcödé 😀";
    // Validation refuses line breaks in titles; the generator must not rely on it.
    let mut event = sample();
    event.sessions[3].title = tricky.into();
    let ics =
        session_calendar(&event, "welcome", &Tzdb, stamp(), Language::En).expect("a calendar");
    assert_well_formed(&ics);
    let unfolded = unfold(&ics);
    let calendar = read_calendar(&unfolded).expect("parsed");
    let vevent = children(&calendar.components, "VEVENT")[0];
    assert_eq!(value(vevent, "SUMMARY").as_deref(), Some(tricky));
}

#[test]
fn long_lines_fold_at_75_octets_without_splitting_characters() {
    let samples = [
        "x".repeat(74),
        "x".repeat(75),
        "x".repeat(76),
        "x".repeat(300),
        "ä".repeat(100),
        "€".repeat(100),
        "😀".repeat(100),
        format!("SUMMARY:{}", "aä€😀".repeat(40)),
        format!("DESCRIPTION:{}", "word ".repeat(60)),
        " ".repeat(200),
    ];
    for line in samples {
        let folded = fold(&line);
        assert!(folded.ends_with("\r\n"));
        for (i, physical) in folded.split_terminator("\r\n").enumerate() {
            assert!(
                physical.len() <= MAX_LINE_OCTETS,
                "{} octets in {physical:?}",
                physical.len()
            );
            if i > 0 {
                assert!(physical.starts_with(' '), "continuation {physical:?}");
                assert!(physical.len() > 1, "a continuation carries content");
            }
        }
        // `split_terminator` on a `&str` already proves every piece is whole UTF-8; unfolding
        // gives back the line.
        assert_eq!(unfold(folded.trim_end_matches("\r\n")), line);
    }
}

#[test]
fn short_lines_are_not_folded_and_long_ones_fold_where_expected() {
    assert_eq!(fold("VERSION:2.0"), "VERSION:2.0\r\n");
    let line = "x".repeat(75 + 74 + 1);
    assert_eq!(
        fold(&line),
        format!("{}\r\n {}\r\n {}\r\n", "x".repeat(75), "x".repeat(74), "x")
    );
    // A three-octet character that would straddle octet 75 moves to the next line whole.
    let line = format!("{}€", "x".repeat(73));
    assert_eq!(fold(&line), format!("{}\r\n €\r\n", "x".repeat(73)));
}

#[test]
fn folds_do_not_leave_a_space_at_the_end_of_a_line() {
    // Some parsers (ical-rs) trim line ends; the space then starts the next line instead.
    let line = format!("{} tail", "x".repeat(74));
    let folded = fold(&line);
    assert_eq!(folded, format!("{}\r\n  tail\r\n", "x".repeat(74)));
    assert_eq!(unfold(folded.trim_end()), line);
}

#[test]
fn the_whole_sample_calendar_is_well_formed_with_long_multibyte_text() {
    let mut json = sample_json();
    json["sessions"][2]["description"] =
        json!("Ünïcödé — „Anführungszeichen“ und 😀 Emoji, ".repeat(20));
    let event = check(&common::pretty(&json)).value.expect("valid");
    let ics = event_calendar(&event, &Tzdb, stamp(), Language::En).expect("a calendar");
    assert_well_formed(&ics);
    let unfolded = unfold(&ics);
    let calendar = read_calendar(&unfolded).expect("parsed");
    let vevent = children(&calendar.components, "VEVENT")
        .into_iter()
        .find(|v| value(v, "UID").as_deref() == Some("check-in@scs-hackathon-3.event-hub"))
        .expect("check-in");
    assert_eq!(
        value(vevent, "DESCRIPTION"),
        Some(session_details(&event, &event.sessions[2], Language::En))
    );
}
