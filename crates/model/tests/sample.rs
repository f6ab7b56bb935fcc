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

/// The session `id` of the sample.
fn sample_session(event: &event_model::Event, id: &str) -> event_model::Session {
    event
        .sessions
        .iter()
        .find(|s| s.id == id)
        .cloned()
        .unwrap_or_else(|| panic!("the sample has a session `{id}`"))
}

/// The times the announcement fixes, as the file writes them, and whether each is left open.
#[test]
fn the_sample_keeps_the_announcements_fixed_times_and_marks_the_rest_tentative() {
    let event = check(SAMPLE).value.expect("the sample is valid");
    let fixed = |id: &str, start: &str, end: Option<&str>| {
        let session = sample_session(&event, id);
        assert_eq!(session.start.to_string(), start, "{id}: start");
        assert!(!session.tentative_start(), "{id}: its start is fixed");
        if let Some(end) = end {
            assert_eq!(session.end.to_string(), end, "{id}: end");
            assert!(!session.tentative_end(), "{id}: its end is fixed");
        }
    };
    // "Tuesday, 2023-11-07 from 16:00/18:00 to 22:00": the walk, then the get-together at 18:00.
    fixed("walk", "2023-11-07T16:00", Some("2023-11-07T18:00"));
    fixed("get-together", "2023-11-07T18:00", Some("2023-11-07T22:00"));
    // "be on site at 9:30 at the latest", the hackathon "from 10:00 to 19:00".
    fixed("check-in", "2023-11-08T09:30", Some("2023-11-08T10:00"));
    fixed("welcome", "2023-11-08T10:00", None);
    // "Between 17:00 and 18:00 we will have an extended break for dinner."
    fixed("dinner", "2023-11-08T17:00", Some("2023-11-08T18:00"));
    assert_eq!(event.end.to_string(), "2023-11-08T19:00");

    // The announcement gives an order, not times, for the rest of the day.
    for id in ["work-1", "yaook-alasca", "work-2"] {
        let session = sample_session(&event, id);
        assert!(
            session.tentative_start() && session.tentative_end(),
            "{id}: tentative"
        );
    }
    assert!(sample_session(&event, "welcome").tentative_end());
    // "Before dinner we will present all outcomes of the day."
    let outcomes = sample_session(&event, "outcomes");
    assert!(outcomes.tentative_start());
    assert!(outcomes.end.local <= sample_session(&event, "dinner").start.local);
    assert_eq!(outcomes.time_note.as_deref(), Some("before dinner"));
}

#[test]
fn the_sample_names_people_as_the_announcement_does_and_keeps_organizer_notes_internal() {
    let event = check(SAMPLE).value.expect("the sample is valid");
    let names: Vec<&str> = event.contacts.iter().map(|c| c.name.as_str()).collect();
    // The author line gives Friederike's surname; Bianca's the announcement never gives.
    assert_eq!(names, ["Friederike Zelke", "Bianca"]);
    for place in &event.places {
        let notes = place.notes.as_deref().unwrap_or_default();
        assert!(!notes.contains("approximate"), "{}: {notes}", place.id);
    }
    assert!(event
        .places
        .iter()
        .any(|p| p.internal_notes.as_deref() == Some("Coordinates are approximate.")));
}
