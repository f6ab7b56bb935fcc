use chrono::Timelike;
use event_model::check_event;
use event_model::tzdb::Tzdb;

use super::*;

fn event(sessions: serde_json::Value, start: &str, end: &str) -> Event {
    let json = serde_json::json!({
        "schema_version": 1,
        "id": "night-1",
        "title": "Night",
        "time_zone": "Europe/Berlin",
        "start": start,
        "end": end,
        "places": [{ "id": "hall", "kind": "venue", "name": "Hall" }],
        "sessions": sessions,
    });
    let checked = check_event(&json.to_string(), &Tzdb);
    assert!(checked.errors().next().is_none(), "{:?}", checked.problems);
    checked.value.expect("a valid event")
}

fn schedule(event: &Event) -> Schedule {
    Schedule::of(
        event,
        &Tzdb,
        Language::En,
        Some("https://hub.example/events/night-1"),
    )
    .expect("a known zone")
}

fn only_entry(day: &Day) -> &Entry {
    assert_eq!(day.rooms.len(), 1, "{day:?}");
    &day.rooms[0].1[0]
}

#[test]
fn a_session_across_midnight_stays_on_the_day_it_starts() {
    let event = event(
        serde_json::json!([{ "id": "party", "title": "Party", "start": "2023-11-07T22:00", "end": "2023-11-08T02:00", "place": "hall" }]),
        "2023-11-07T22:00",
        "2023-11-08T02:00",
    );
    let schedule = schedule(&event);
    assert_eq!(schedule.days.len(), 2, "the event touches two dates");
    let first = &schedule.days[0];
    assert_eq!(first.date.to_string(), "2023-11-07");
    let party = only_entry(first);
    assert_eq!(party.duration, Duration::hours(4));
    assert_eq!(party.date.to_rfc3339(), "2023-11-07T22:00:00+01:00");
    // The day lasts until the party ends, so an app that clips to the day shows all of it.
    assert_eq!(first.end.to_rfc3339(), "2023-11-08T02:00:00+01:00");
    assert!(schedule.days[1].rooms.is_empty());
    assert_eq!(schedule.days[1].index, 2);
}

#[test]
fn on_the_day_clocks_go_forward_a_night_session_is_an_hour_shorter_than_its_clock_says() {
    // 2024-03-31 in Berlin: 02:00 CET becomes 03:00 CEST.
    let event = event(
        serde_json::json!([{ "id": "night-shift", "title": "Night shift", "start": "2024-03-31T00:00", "end": "2024-03-31T06:00", "place": "hall" }]),
        "2024-03-31T00:00",
        "2024-03-31T06:00",
    );
    let schedule = schedule(&event);
    let day = &schedule.days[0];
    assert_eq!(day.date.to_string(), "2024-03-31");
    assert_eq!(day.start.to_rfc3339(), "2024-03-31T00:00:00+01:00");
    let shift = only_entry(day);
    assert_eq!(shift.duration, Duration::hours(5));
    assert_eq!(hours_minutes(shift.duration), "05:00");
    assert_eq!(shift.end.to_rfc3339(), "2024-03-31T06:00:00+02:00");
    // The day is 23 hours long and ends at the next midnight, in summer time.
    assert_eq!(day.end.to_rfc3339(), "2024-04-01T00:00:00+02:00");
}

#[test]
fn on_the_day_clocks_go_back_a_session_is_an_hour_longer() {
    // 2023-10-29 in Berlin: 03:00 CEST becomes 02:00 CET.
    let event = event(
        serde_json::json!([{ "id": "late", "title": "Late", "start": "2023-10-29T01:00", "end": "2023-10-29T04:00", "place": "hall" }]),
        "2023-10-29T01:00",
        "2023-10-29T04:00",
    );
    let schedule = schedule(&event);
    let late = only_entry(&schedule.days[0]);
    assert_eq!(late.duration, Duration::hours(4));
    assert_eq!(late.date.to_rfc3339(), "2023-10-29T01:00:00+02:00");
    assert_eq!(late.end.to_rfc3339(), "2023-10-29T04:00:00+01:00");
}

#[test]
fn guids_depend_on_the_ids_alone() {
    let a = guid("scs-hackathon-3", "session", "welcome");
    assert_eq!(a, guid("scs-hackathon-3", "session", "welcome"));
    assert_ne!(a, guid("scs-hackathon-3", "session", "dinner"));
    assert_ne!(a, guid("scs-hackathon-4", "session", "welcome"));
    assert_ne!(a, guid("scs-hackathon-3", "place", "welcome"));
    assert_eq!(a.get_version_num(), 5);
    // Pinned: a change of the derivation would make every app see new sessions.
    assert_eq!(a.to_string(), "90c4d66e-481e-5267-8d29-de72122e31d7");
}

#[test]
fn numeric_ids_are_positive_and_unique() {
    let mut taken = Vec::new();
    let g = guid("e", "session", "s");
    let first = numeric_id(&g, &mut taken);
    let second = numeric_id(&g, &mut taken);
    assert!(first > 0 && second > 0);
    assert_ne!(first, second);
}

#[test]
fn acronyms_and_slugs_fit_both_schemas() {
    assert_eq!(acronym("scs-hackathon-3"), "scs_hackathon_3");
    assert_eq!(acronym("x"), "x___");
    assert_eq!(
        slug("scs_hackathon_3", "welcome"),
        "scs_hackathon_3-welcome"
    );
    assert_eq!(slug("scs_hackathon_3", "a"), "scs_hackathon_3-session-a");
    assert_eq!(slug("abcd", "work_1"), "abcd-work-1");
}

#[test]
fn time_zone_names_are_given_where_the_schema_allows_them() {
    assert!(zone_name_in_schema("Europe/Berlin"));
    assert!(zone_name_in_schema("UTC"));
    assert!(!zone_name_in_schema("Etc/GMT+1"));
}

#[test]
fn the_grid_step_fits_every_start_and_duration() {
    let event = event(
        serde_json::json!([
            { "id": "a1", "title": "A", "start": "2023-11-08T10:00", "end": "2023-11-08T10:30", "place": "hall" },
            { "id": "b1", "title": "B", "start": "2023-11-08T10:45", "end": "2023-11-08T11:00", "place": "hall" },
        ]),
        "2023-11-08T10:00",
        "2023-11-08T11:00",
    );
    let schedule = schedule(&event);
    assert_eq!(schedule.timeslot, "00:15");
    assert_eq!(schedule.days[0].rooms[0].1[1].date.minute(), 45);
}

#[test]
fn sessions_without_a_place_are_in_a_room_that_says_so() {
    let event = event(
        serde_json::json!([{ "id": "walk", "title": "Walk", "start": "2023-11-07T16:00", "end": "2023-11-07T18:00" }]),
        "2023-11-07T16:00",
        "2023-11-07T18:00",
    );
    let schedule = schedule(&event);
    assert_eq!(schedule.days[0].rooms[0].0, "Place to be announced");
    assert_eq!(schedule.rooms.len(), 1);
}
