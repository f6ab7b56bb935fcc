//! The sample event the hub ships with (the third SCS Community Hackathon) is a valid file and says
//! what the announcement says.

mod common;

use common::{check, listing, INDEX, SAMPLE};
use event_model::{check_index, LinkKind, PlaceKind, SessionKind};

#[test]
fn the_sample_parses_and_validates_without_errors_or_warnings() {
    let checked = check(SAMPLE);
    assert!(
        checked.problems.is_empty(),
        "the sample should have no problems:{}",
        listing(&checked)
    );
    assert!(checked.value.is_some());
}

#[test]
fn the_sample_describes_the_third_scs_hackathon_in_dresden() {
    let event = check(SAMPLE).value.expect("the sample is valid");
    assert_eq!(event.id, "scs-hackathon-3");
    assert_eq!(event.title, "Third SCS Community Hackathon");
    assert_eq!(event.time_zone, "Europe/Berlin");
    assert_eq!(event.start.to_string(), "2023-11-08T10:00");
    assert_eq!(event.end.to_string(), "2023-11-08T19:00");
}

#[test]
fn the_sample_has_twelve_topics_and_two_contacts() {
    let event = check(SAMPLE).value.expect("the sample is valid");
    assert_eq!(event.topics.len(), 12);
    assert_eq!(event.contacts.len(), 2);
    assert!(event.topics.iter().any(|t| t.id == "central-api"));
}

#[test]
fn the_sample_venue_is_cloud_and_heat_in_dresden() {
    let event = check(SAMPLE).value.expect("the sample is valid");
    let venue = event.venue().expect("the sample has a venue");
    assert_eq!(venue.kind, PlaceKind::Venue);
    assert_eq!(venue.name, "CLOUD&HEAT");
    assert_eq!(
        venue.address.as_deref(),
        Some("Königsbrücker Straße 96, Halle 15, 01099 Dresden")
    );
    assert_eq!((venue.lat, venue.lon), (Some(51.08017), Some(13.76214)));
}

#[test]
fn the_sample_has_a_registration_link() {
    let event = check(SAMPLE).value.expect("the sample is valid");
    let registration = event
        .registration()
        .expect("the sample has a registration link");
    assert_eq!(registration.kind, LinkKind::Registration);
    assert!(
        registration.url.starts_with("https://"),
        "{}",
        registration.url
    );
    assert_eq!(registration.label(), "Register");
}

#[test]
fn the_sample_sessions_reference_existing_places() {
    let event = check(SAMPLE).value.expect("the sample is valid");
    let get_together = event
        .sessions
        .iter()
        .find(|s| s.id == "get-together")
        .expect("a get-together");
    assert_eq!(get_together.kind, SessionKind::Social);
    let place = event
        .place(get_together.place.as_deref().expect("it has a place"))
        .expect("the place exists");
    assert_eq!(place.name, "Watzke am Goldenen Reiter");
}

#[test]
fn the_sample_survives_a_round_trip_through_serde() {
    let event = check(SAMPLE).value.expect("the sample is valid");
    let text = serde_json::to_string_pretty(&event).expect("events serialize");
    let again = check(&text);
    assert!(again.problems.is_empty(), "{}", listing(&again));
    assert_eq!(again.value.as_ref(), Some(&event));
}

#[test]
fn the_index_parses_and_lists_the_sample() {
    let checked = check_index(INDEX);
    assert!(checked.problems.is_empty(), "{:?}", checked.problems);
    let index = checked.value.expect("the index is valid");
    assert_eq!(index.events.len(), 1);
    let entry = &index.events[0];
    assert_eq!(entry.id, "scs-hackathon-3");
    assert_eq!(entry.file, "scs-hackathon-3.json");
    let event = check(SAMPLE).value.expect("the sample is valid");
    assert_eq!(
        (entry.start, entry.end),
        (event.start, event.end),
        "the index agrees with the file"
    );
    assert_eq!(entry.time_zone, event.time_zone);
}

#[test]
fn a_broken_index_entry_is_reported_with_its_path_and_position() {
    let text = "{\n  \"events\": [\n    { \"id\": \"a\", \"title\": \"A\", \"file\": \"a.json\", \"time_zone\": \"UTC\", \"start\": \"2024-01-01T10:00\", \"end\": \"2024-01-01T11:00\" },\n    { \"id\": \"b\", \"titel\": \"B\" }\n  ]\n}";
    let checked = check_index(text);
    assert!(checked.value.is_none());
    let typo = checked
        .problems
        .iter()
        .find(|p| p.path == "events[1].titel")
        .unwrap_or_else(|| panic!("the typo is reported: {:?}", checked.problems));
    assert!(typo.message.contains("did you mean `title`"), "{typo}");
    assert_eq!(
        typo.position,
        Some((4, 27)),
        "at the value of the misspelt key"
    );
}
