//! "Now / next" at the boundaries people notice: exactly at a start (running), exactly at an end
//! (over; the next one is running or next), between sessions, overlapping sessions, before the
//! first session and after the last.

mod common;

use chrono::{DateTime, Duration, Utc};
use common::{check, SAMPLE};
use event_model::agenda::{event_span, timeline, Timed};
use event_model::now::{event_state, minutes_until, state, Next, State};
use event_model::tzdb::Tzdb;
use event_model::zone::to_instant;
use event_model::Event;

fn sample() -> Event {
    check(SAMPLE).value.expect("the sample is valid")
}

/// A wall-clock time in Dresden.
fn berlin(text: &str) -> DateTime<Utc> {
    to_instant(
        &Tzdb,
        "Europe/Berlin",
        text.parse().unwrap_or_else(|e| panic!("{text}: {e}")),
    )
    .unwrap_or_else(|| panic!("{text} in Berlin"))
}

/// What a state says, in session ids, so a table row reads like the page.
#[derive(Debug, PartialEq, Eq)]
enum Seen {
    Before {
        minutes: i64,
        first: Vec<String>,
    },
    Running {
        running: Vec<String>,
        next: Option<(Vec<String>, i64)>,
    },
    Between {
        next: Option<(Vec<String>, i64)>,
    },
    Ended,
}

fn seen(state: &State, name: impl Fn(&Timed) -> String) -> Seen {
    let names = |list: &[Timed]| list.iter().map(&name).collect::<Vec<_>>();
    let next = |next: &Option<Next>| next.as_ref().map(|n| (names(&n.sessions), n.minutes));
    match state {
        State::Before { minutes, first, .. } => Seen::Before {
            minutes: *minutes,
            first: names(first),
        },
        State::Running { running, next: n } => Seen::Running {
            running: names(running),
            next: next(n),
        },
        State::Between { next: n } => Seen::Between { next: next(n) },
        State::Ended => Seen::Ended,
    }
}

fn ids(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| (*s).to_owned()).collect()
}

fn running(list: &[&str], next: Option<(&[&str], i64)>) -> Seen {
    Seen::Running {
        running: ids(list),
        next: next.map(|(n, m)| (ids(n), m)),
    }
}

fn between(next: Option<(&[&str], i64)>) -> Seen {
    Seen::Between {
        next: next.map(|(n, m)| (ids(n), m)),
    }
}

fn before(minutes: i64, first: &[&str]) -> Seen {
    Seen::Before {
        minutes,
        first: ids(first),
    }
}

#[test]
fn the_sample_at_the_moments_that_matter() {
    let event = sample();
    let name = |t: &Timed| event.sessions[t.index].id.clone();
    let cases: Vec<(&str, Seen)> = vec![
        // A week ahead: the countdown runs to the walk on the evening before the event proper.
        ("2023-11-01T12:00", before((6 * 24 + 4) * 60, &["walk"])),
        // Half a minute before: "in 1 min", never "now" before it is.
        ("2023-11-07T15:59:30", before(1, &["walk"])),
        // Exactly at a start the session is running.
        (
            "2023-11-07T16:00",
            running(&["walk"], Some((&["get-together"], 120))),
        ),
        // Exactly at an end it is over, and the session starting then runs instead.
        (
            "2023-11-07T18:00",
            running(&["get-together"], Some((&["check-in"], 15 * 60 + 30))),
        ),
        // The night between the two days.
        (
            "2023-11-07T23:00",
            between(Some((&["check-in"], 10 * 60 + 30))),
        ),
        // Before the event's official start, during check-in.
        (
            "2023-11-08T09:45",
            running(&["check-in"], Some((&["welcome"], 15))),
        ),
        (
            "2023-11-08T10:00",
            running(&["welcome"], Some((&["work-1"], 30))),
        ),
        (
            "2023-11-08T10:05:01",
            running(&["welcome"], Some((&["work-1"], 25))),
        ),
        (
            "2023-11-08T16:30",
            running(&["outcomes"], Some((&["dinner"], 30))),
        ),
        ("2023-11-08T17:59", running(&["dinner"], None)),
        // After dinner the announcement plans nothing until the end at 19:00.
        ("2023-11-08T18:30", between(None)),
        // The end of the last session and of the event.
        ("2023-11-08T19:00", Seen::Ended),
        ("2024-01-01T00:00", Seen::Ended),
    ];
    let timeline = timeline(&event, &Tzdb);
    let span = event_span(&event, &Tzdb).expect("a known zone");
    for (at, expected) in cases {
        let state = state(&timeline, span, berlin(at));
        assert_eq!(seen(&state, name), expected, "at {at} in Dresden");
    }
}

/// Sessions on 1 May 2024 (UTC), from `HH:MM` pairs.
fn day(sessions: &[(&str, &str)]) -> Vec<Timed> {
    let at = |hm: &str| utc(&format!("2024-05-01T{hm}:00"));
    sessions
        .iter()
        .enumerate()
        .map(|(index, (start, end))| Timed {
            index,
            start: at(start),
            end: at(end),
        })
        .collect()
}

fn utc(text: &str) -> DateTime<Utc> {
    format!("{text}Z")
        .parse()
        .unwrap_or_else(|e| panic!("{text}: {e}"))
}

fn may(hm: &str) -> DateTime<Utc> {
    utc(&format!("2024-05-01T{hm}:00"))
}

#[test]
fn overlapping_sessions_all_run_and_gaps_are_between() {
    // A 10–12, B 11–11:30, C 11–13 overlap; D 14–15; the event itself runs 09–17.
    let timeline = day(&[
        ("10:00", "12:00"),
        ("11:00", "11:30"),
        ("11:00", "13:00"),
        ("14:00", "15:00"),
    ]);
    let letters = ["A", "B", "C", "D"];
    let name = |t: &Timed| letters[t.index].to_owned();
    let span = (may("09:00"), may("17:00"));
    let cases: Vec<(&str, Seen)> = vec![
        // The event starts before its first session: the countdown is to the event.
        ("08:00", before(60, &["A"])),
        ("09:30", between(Some((&["A"], 30)))),
        ("10:00", running(&["A"], Some((&["B", "C"], 60)))),
        // Two sessions that start together are both next.
        ("10:30", running(&["A"], Some((&["B", "C"], 30)))),
        ("11:00", running(&["A", "B", "C"], Some((&["D"], 180)))),
        ("11:29", running(&["A", "B", "C"], Some((&["D"], 151)))),
        ("11:30", running(&["A", "C"], Some((&["D"], 150)))),
        ("12:00", running(&["C"], Some((&["D"], 120)))),
        ("13:00", between(Some((&["D"], 60)))),
        ("14:59", running(&["D"], None)),
        // After the last session the event still runs until 17:00.
        ("15:00", between(None)),
        ("16:59", between(None)),
        ("17:00", Seen::Ended),
    ];
    for (at, expected) in cases {
        let state = state(&timeline, span, may(at));
        assert_eq!(seen(&state, name), expected, "at {at}");
    }
}

#[test]
fn sessions_before_and_after_the_official_span_extend_the_program() {
    // A pre-event session 08–09 and a party 18–23 around an event that runs 10–17.
    let timeline = day(&[("08:00", "09:00"), ("18:00", "23:00")]);
    let name = |t: &Timed| ["early", "party"][t.index].to_owned();
    let span = (may("10:00"), may("17:00"));
    let cases: Vec<(&str, Seen)> = vec![
        ("07:00", before(60, &["early"])),
        ("08:00", running(&["early"], Some((&["party"], 600)))),
        ("09:00", between(Some((&["party"], 540)))),
        ("17:00", between(Some((&["party"], 60)))),
        ("22:59", running(&["party"], None)),
        ("23:00", Seen::Ended),
    ];
    for (at, expected) in cases {
        let state = state(&timeline, span, may(at));
        assert_eq!(seen(&state, name), expected, "at {at}");
    }
}

#[test]
fn an_event_without_sessions_counts_down_runs_and_ends() {
    let span = (may("10:00"), may("12:00"));
    let name = |_: &Timed| String::new();
    let cases: Vec<(&str, Seen)> = vec![
        ("09:00", before(60, &[])),
        ("10:00", between(None)),
        ("11:59", between(None)),
        ("12:00", Seen::Ended),
    ];
    for (at, expected) in cases {
        assert_eq!(seen(&state(&[], span, may(at)), name), expected, "at {at}");
    }
}

#[test]
fn minutes_until_round_up_and_reach_zero_at_the_moment() {
    let start = may("10:00");
    for (seconds_before, minutes) in [
        (0, 0),
        (1, 1),
        (59, 1),
        (60, 1),
        (61, 2),
        (25 * 60, 25),
        (25 * 60 - 1, 25),
        (-30, 0),
        (-60, -1),
    ] {
        assert_eq!(
            minutes_until(start - Duration::seconds(seconds_before), start),
            minutes,
            "{seconds_before} s before"
        );
    }
}

#[test]
fn jump_to_now_focuses_the_running_then_the_next_then_the_first_session() {
    let timeline = day(&[("10:00", "11:00"), ("12:00", "13:00")]);
    let span = (may("10:00"), may("13:00"));
    let focus = |hm: &str| state(&timeline, span, may(hm)).focus().map(|t| t.index);
    assert_eq!(focus("09:00"), Some(0));
    assert_eq!(focus("10:30"), Some(0));
    assert_eq!(focus("11:30"), Some(1));
    assert_eq!(focus("12:00"), Some(1));
    assert_eq!(focus("13:00"), None);
}

#[test]
fn is_running_and_next_answer_for_one_session() {
    let timeline = day(&[("10:00", "11:00"), ("10:30", "12:00")]);
    let state = state(&timeline, (may("10:00"), may("12:00")), may("10:45"));
    assert!(state.is_running(0) && state.is_running(1));
    assert!(state.next().is_none());
    let state = event_model::now::state(&timeline, (may("10:00"), may("12:00")), may("10:15"));
    assert!(state.is_running(0) && !state.is_running(1));
    assert_eq!(state.next().map(|n| n.starts), Some(may("10:30")));
}

#[test]
fn event_state_resolves_the_event_in_its_zone() {
    let event = sample();
    let at = berlin("2023-11-08T13:10");
    let state = event_state(&event, &Tzdb, at).expect("a known zone");
    let running: Vec<&str> = state
        .running()
        .iter()
        .map(|t| event.sessions[t.index].id.as_str())
        .collect();
    assert_eq!(running, ["yaook-alasca"]);
    assert_eq!(state.next().map(|n| n.minutes), Some(20));
    let mut unknown = event.clone();
    unknown.time_zone = "Mars/Olympus_Mons".to_owned();
    assert_eq!(event_state(&unknown, &Tzdb, at), None);
}
