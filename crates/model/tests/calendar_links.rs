//! Google Calendar links, decoded by an independent query-string decoder (`form_urlencoded`) and
//! compared with the session they stand for.

mod common;

use chrono::{DateTime, Utc};
use common::{check, SAMPLE};
use event_model::calendar_links::{encode, google, google_link, Entry, GOOGLE_TEMPLATE};
use event_model::ics::session_details;
use event_model::tzdb::Tzdb;
use event_model::{Event, Language};

fn sample() -> Event {
    check(SAMPLE).value.expect("the sample is valid")
}

/// The link split into its address and decoded query parameters, in order.
fn decode(link: &str) -> (&str, Vec<(String, String)>) {
    let (base, query) = link.split_once('?').expect("a query");
    let params = form_urlencoded::parse(query.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    (base, params)
}

fn param<'a>(params: &'a [(String, String)], name: &str) -> Option<&'a str> {
    params
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

#[test]
fn a_session_link_prefills_title_utc_times_details_place_and_zone() {
    let event = sample();
    let link = google(&event, "welcome", &Tzdb, Language::En).expect("a link");
    let (base, params) = decode(&link);
    assert_eq!(base, GOOGLE_TEMPLATE);
    let welcome = &event.sessions[3];
    let expected = [
        ("action", "TEMPLATE".to_owned()),
        ("text", welcome.title.to_string()),
        // 10:00–10:30 CET.
        ("dates", "20231108T090000Z/20231108T093000Z".to_owned()),
        ("details", session_details(&event, welcome, Language::En)),
        (
            "location",
            "CLOUD&HEAT, Königsbrücker Straße 96, Halle 15, 01099 Dresden".to_owned(),
        ),
        ("ctz", "Europe/Berlin".to_owned()),
    ];
    let names: Vec<&str> = params.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(names, expected.iter().map(|(k, _)| *k).collect::<Vec<_>>());
    for (name, value) in &expected {
        assert_eq!(param(&params, name), Some(value.as_str()), "{name}");
    }
}

#[test]
fn the_link_is_one_safe_url_with_everything_encoded() {
    let event = sample();
    for session in &event.sessions {
        let link = google(&event, &session.id, &Tzdb, Language::En).expect("a link");
        let query = link.split_once('?').expect("a query").1;
        // Only unreserved characters, `%XX`, and the query's own `=` and `&` — and `/` between
        // the dates, which needs no encoding.
        assert!(
            query
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-._~%=&/".contains(&b)),
            "{link}"
        );
        assert!(event_model::safe_url::is_safe_url(&link), "{link}");
    }
}

#[test]
fn a_session_without_a_place_has_no_location() {
    let mut event = sample();
    // The walk's meeting point is to be announced; without it, the walk has no place at all.
    for session in &mut event.sessions {
        session.place = None;
    }
    let link = google(&event, "walk", &Tzdb, Language::En).expect("a link");
    let (_, params) = decode(&link);
    assert_eq!(param(&params, "location"), None);
    assert_eq!(
        param(&params, "dates"),
        Some("20231107T150000Z/20231107T170000Z")
    );
}

#[test]
fn unknown_sessions_and_zones_give_no_link() {
    let event = sample();
    assert_eq!(google(&event, "nope", &Tzdb, Language::En), None);
    let mut elsewhere = event.clone();
    elsewhere.time_zone = "Mars/Olympus_Mons".to_owned();
    assert_eq!(google(&elsewhere, "welcome", &Tzdb, Language::En), None);
}

#[test]
fn percent_encoding_keeps_only_unreserved_characters() {
    for (text, encoded) in [
        ("plain-text_1.0~", "plain-text_1.0~"),
        ("a b", "a%20b"),
        ("a+b", "a%2Bb"),
        ("a&b=c", "a%26b%3Dc"),
        ("50%", "50%25"),
        ("Europe/Berlin", "Europe%2FBerlin"),
        ("#?", "%23%3F"),
        ("ä", "%C3%A4"),
        ("€", "%E2%82%AC"),
        ("😀", "%F0%9F%98%80"),
        ("line\nbreak", "line%0Abreak"),
        ("", ""),
    ] {
        assert_eq!(encode(text), encoded, "{text:?}");
        let decoded: String = form_urlencoded::parse(format!("x={encoded}").as_bytes())
            .map(|(_, v)| v.into_owned())
            .collect();
        assert_eq!(decoded, text, "{encoded} decodes back");
    }
}

fn at(text: &str) -> DateTime<Utc> {
    text.parse().expect("an instant")
}

#[test]
fn long_details_are_cut_and_empty_ones_left_out() {
    let long = "x".repeat(5000);
    let entry = Entry {
        title: "T",
        start: at("2024-05-01T10:00:00Z"),
        end: at("2024-05-01T11:00:00Z"),
        details: &long,
        location: None,
        zone: "UTC",
    };
    let (_, params) = decode(&google_link(&entry));
    let details = param(&params, "details").expect("details");
    assert_eq!(details.chars().count(), 1000);
    assert!(details.ends_with('…'));

    let entry = Entry {
        details: "",
        location: Some(""),
        ..entry
    };
    let (_, params) = decode(&google_link(&entry));
    assert_eq!(param(&params, "details"), None);
    assert_eq!(param(&params, "location"), None);
    assert_eq!(param(&params, "ctz"), Some("UTC"));
}

#[test]
fn the_link_from_resolved_times_is_the_link_by_id() {
    let event = common::check(common::SAMPLE)
        .value
        .expect("the sample is valid");
    let timeline = event_model::agenda::timeline(&event, &event_model::tzdb::Tzdb);
    assert!(!timeline.is_empty());
    for timed in &timeline {
        let id = &event.sessions[timed.index].id;
        assert_eq!(
            event_model::calendar_links::google_for(&event, timed, Language::En),
            event_model::calendar_links::google(&event, id, &event_model::tzdb::Tzdb, Language::En),
            "{id}"
        );
    }
}
