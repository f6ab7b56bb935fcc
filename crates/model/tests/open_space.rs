//! The event file's `open_space` board: rooms are places, slots are sessions, the proposal window
//! runs forwards, the cap lets someone propose — each problem at its JSON path, refused by the
//! attendee's reader too.

mod common;

use common::{assert_mentions, check, listing, only_error, sample_with, SAMPLE};
use event_model::open_space::{file_placements, proposal_window};
use event_model::tzdb::Tzdb;
use serde_json::json;

#[test]
fn the_sample_declares_the_venue_and_its_two_work_phases() {
    let checked = check(SAMPLE);
    assert!(checked.problems.is_empty(), "{}", listing(&checked));
    let event = checked.value.unwrap_or_else(|| panic!("no event"));
    let space = event
        .open_space
        .clone()
        .unwrap_or_else(|| panic!("no board"));
    assert_eq!(space.rooms, ["venue"]);
    assert_eq!(space.slots, ["work-1", "work-2"]);
    // Default window: the event's day, midnight to midnight.
    let (open, close) = proposal_window(&event, &space);
    assert_eq!(open.to_string(), "2023-11-08T00:00");
    assert_eq!(close.to_string(), "2023-11-09T00:00");
    assert!(file_placements(&event).is_empty());
}

#[test]
fn a_room_that_is_no_place_is_reported_with_a_suggestion() {
    let text = sample_with(
        "/open_space",
        json!({"rooms": ["venu"], "slots": ["work-1"]}),
    );
    let problem = only_error(&check(&text)).clone();
    assert_eq!(problem.path, "open_space.rooms[0]");
    assert_mentions(&problem.message, &["`venu`", "did you mean `venue`?"]);
    assert!(event_model::read_event(&text, &Tzdb).is_err());
}

#[test]
fn a_slot_that_is_no_session_and_a_repeated_room_are_errors() {
    let text = sample_with(
        "/open_space",
        json!({"rooms": ["venue", "venue"], "slots": ["work-3"]}),
    );
    let checked = check(&text);
    let paths: Vec<&str> = checked.problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(
        paths,
        ["open_space.rooms[1]", "open_space.slots[0]"],
        "{}",
        listing(&checked)
    );
    assert!(event_model::read_event(&text, &Tzdb).is_err());
}

#[test]
fn an_empty_board_a_zero_cap_and_a_backwards_window_are_errors() {
    let text = sample_with(
        "/open_space",
        json!({"rooms": [], "slots": ["work-1"], "max_proposals": 0,
               "proposals_open": "2023-11-08T16:00", "proposals_close": "2023-11-08T10:00"}),
    );
    let checked = check(&text);
    let paths: Vec<&str> = checked.problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "open_space.rooms",
            "open_space.max_proposals",
            "open_space.proposals_close"
        ],
        "{}",
        listing(&checked)
    );
    assert_mentions(&checked.problems[2].message, &["not after they open"]);
}

#[test]
fn an_unknown_field_in_the_board_is_an_error() {
    let text = sample_with(
        "/open_space",
        json!({"rooms": ["venue"], "slots": ["work-1"], "cap": 3}),
    );
    let problem = only_error(&check(&text)).clone();
    assert_eq!(problem.path, "open_space.cap");
}

#[test]
fn topics_placed_in_the_file_fill_their_cells_once() {
    let mut event = check(SAMPLE).value.unwrap_or_else(|| panic!("no event"));
    event.topics[0].session = Some("work-1".into());
    event.topics[0].place = Some("venue".into());
    event.topics[1].session = Some("work-1".into());
    event.topics[1].place = Some("venue".into());
    event.topics[2].session = Some("welcome".into());
    event.topics[2].place = Some("venue".into());
    let placed = file_placements(&event);
    assert_eq!(placed.len(), 1, "{placed:?}");
    assert_eq!(placed[0].topic, event.topics[0].id);
}
