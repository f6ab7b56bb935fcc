//! The agenda as people read it: sessions in time order, grouped into the days of the zone the
//! viewer chose, so a session can move to another day.

mod common;

use chrono::{DateTime, NaiveDate, Utc};
use common::{check, event_with_sessions, session, SAMPLE};
use event_model::agenda::{
    days, days_spanned, event_dates, event_span, is_shifted, timeline, zoned, Day, Timed,
};
use event_model::tzdb::Tzdb;
use event_model::{Event, ZoneRules};
use serde_json::json;

fn sample() -> Event {
    check(SAMPLE).value.expect("the sample is valid")
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a real date")
}

fn ids<'a>(event: &'a Event, day: &Day) -> Vec<&'a str> {
    day.sessions
        .iter()
        .map(|t| event.sessions[t.index].id.as_str())
        .collect()
}

#[test]
fn the_timeline_is_in_time_order_with_every_session() {
    let event = sample();
    let timeline = timeline(&event, &Tzdb);
    assert_eq!(timeline.len(), event.sessions.len());
    assert!(timeline.windows(2).all(|w| w[0].start <= w[1].start));
    assert!(timeline.iter().all(|t| t.start < t.end));
}

#[test]
fn sessions_written_out_of_order_are_sorted_by_start_then_end() {
    let text = event_with_sessions(json!([
        session("late", "2024-05-01T12:00", "2024-05-01T13:00"),
        session("long", "2024-05-01T09:00", "2024-05-01T11:00"),
        session("short", "2024-05-01T09:00", "2024-05-01T10:00"),
    ]));
    let event = check(&text).value.expect("valid");
    let order: Vec<usize> = timeline(&event, &Tzdb).iter().map(|t| t.index).collect();
    assert_eq!(order, [2, 1, 0]);
}

#[test]
fn in_berlin_the_sample_has_two_days_the_seventh_and_the_eighth() {
    let event = sample();
    let days = days(&timeline(&event, &Tzdb), &Tzdb, "Europe/Berlin");
    let dates: Vec<NaiveDate> = days.iter().map(|d| d.date).collect();
    assert_eq!(dates, [date(2023, 11, 7), date(2023, 11, 8)]);
    assert_eq!(ids(&event, &days[0]), ["walk", "get-together"]);
    assert_eq!(days[1].sessions.len(), 7);
}

#[test]
fn in_tokyo_the_get_together_moves_to_the_eighth() {
    let event = sample();
    let days = days(&timeline(&event, &Tzdb), &Tzdb, "Asia/Tokyo");
    let day = days
        .iter()
        .find(|d| ids(&event, d).contains(&"get-together"))
        .expect("the get-together is on some day");
    assert_eq!(day.date, date(2023, 11, 8));
    // Nothing is left on the seventh, and the evening sessions in Dresden are after midnight in Tokyo.
    let dates: Vec<NaiveDate> = days.iter().map(|d| d.date).collect();
    assert_eq!(dates, [date(2023, 11, 8), date(2023, 11, 9)]);
    assert_eq!(ids(&event, &days[1]), ["outcomes", "dinner"]);
}

#[test]
fn in_new_york_the_sample_also_has_two_days() {
    let event = sample();
    let days = days(&timeline(&event, &Tzdb), &Tzdb, "America/New_York");
    let dates: Vec<NaiveDate> = days.iter().map(|d| d.date).collect();
    assert_eq!(dates, [date(2023, 11, 7), date(2023, 11, 8)]);
}

#[test]
fn every_session_appears_on_exactly_one_day() {
    let event = sample();
    for zone in [
        "Europe/Berlin",
        "Asia/Tokyo",
        "Pacific/Kiritimati",
        "Pacific/Pago_Pago",
    ] {
        let days = days(&timeline(&event, &Tzdb), &Tzdb, zone);
        let mut indexes: Vec<usize> = days
            .iter()
            .flat_map(|d| d.sessions.iter().map(|t| t.index))
            .collect();
        indexes.sort_unstable();
        assert_eq!(
            indexes,
            (0..event.sessions.len()).collect::<Vec<_>>(),
            "{zone}"
        );
        assert!(
            days.windows(2).all(|w| w[0].date < w[1].date),
            "{zone}: one entry per date, in order"
        );
    }
}

/// A zone that falls back two hours at 00:30 UTC on 1 January 2024, from UTC to UTC−2: clocks
/// go from 00:30 on the 1st back to 22:30 on 31 December.
struct FallsBackAcrossMidnight;

impl ZoneRules for FallsBackAcrossMidnight {
    fn offset_at(&self, _zone: &str, instant: DateTime<Utc>) -> Option<i32> {
        Some(if instant < at("2024-01-01T00:30:00") {
            0
        } else {
            -2 * 3600
        })
    }
}

fn at(text: &str) -> DateTime<Utc> {
    format!("{text}Z").parse().expect("an instant")
}

fn timed(index: usize, start: &str) -> Timed {
    let start = at(start);
    Timed {
        index,
        start,
        end: start + chrono::Duration::minutes(10),
    }
}

#[test]
fn a_date_is_not_listed_twice_when_clocks_fall_back_across_midnight() {
    // Pins a bug: a session only joined the previous day, so 1 January appeared twice here.
    let timeline = [
        timed(0, "2024-01-01T00:10:00"),
        timed(1, "2024-01-01T00:40:00"),
        timed(2, "2024-01-01T03:00:00"),
    ];
    let days = days(&timeline, &FallsBackAcrossMidnight, "Test/Fold");
    let summary: Vec<(NaiveDate, Vec<usize>)> = days
        .iter()
        .map(|d| (d.date, d.sessions.iter().map(|t| t.index).collect()))
        .collect();
    assert_eq!(
        summary,
        [
            (date(2023, 12, 31), vec![1]),
            (date(2024, 1, 1), vec![0, 2])
        ]
    );
}

#[test]
fn the_event_span_is_the_event_start_and_end() {
    let event = sample();
    let (start, end) = event_span(&event, &Tzdb).expect("a known zone");
    assert_eq!(start.to_rfc3339(), "2023-11-08T09:00:00+00:00");
    assert_eq!(end.to_rfc3339(), "2023-11-08T18:00:00+00:00");
}

// --- the sample around the world: days, shifted day headers, sessions across midnight ----------

/// How the sample reads in one zone.
struct AroundTheWorld {
    zone: &'static str,
    /// The welcome (10:00 in Dresden) on the clock there, and its label.
    welcome: (&'static str, &'static str),
    /// Each day's date and sessions, and whether its header needs an "event time" note.
    days: &'static [(&'static str, &'static [&'static str], bool)],
    /// Sessions that end on the next calendar day there.
    across_midnight: &'static [&'static str],
}

const AROUND_THE_WORLD: &[AroundTheWorld] = &[
    AroundTheWorld {
        zone: "America/New_York",
        welcome: ("2023-11-08T04:00", "EST"),
        days: &[
            ("2023-11-07", &["walk", "get-together"], false),
            (
                "2023-11-08",
                &[
                    "check-in",
                    "welcome",
                    "work-1",
                    "yaook-alasca",
                    "work-2",
                    "outcomes",
                    "dinner",
                ],
                false,
            ),
        ],
        across_midnight: &[],
    },
    AroundTheWorld {
        zone: "Asia/Kolkata",
        welcome: ("2023-11-08T14:30", "IST"),
        days: &[
            ("2023-11-07", &["walk", "get-together"], false),
            (
                "2023-11-08",
                &[
                    "check-in",
                    "welcome",
                    "work-1",
                    "yaook-alasca",
                    "work-2",
                    "outcomes",
                    "dinner",
                ],
                false,
            ),
        ],
        // 22:30–02:30 there.
        across_midnight: &["get-together"],
    },
    AroundTheWorld {
        zone: "Asia/Tokyo",
        welcome: ("2023-11-08T18:00", "JST"),
        days: &[
            (
                "2023-11-08",
                &[
                    "walk",
                    "get-together",
                    "check-in",
                    "welcome",
                    "work-1",
                    "yaook-alasca",
                    "work-2",
                ],
                true,
            ),
            ("2023-11-09", &["outcomes", "dinner"], true),
        ],
        // The afternoon work phase ends at midnight there, which is still its start day.
        across_midnight: &[],
    },
    AroundTheWorld {
        // Summer time there in November: UTC+11, no abbreviation in the database.
        zone: "Australia/Lord_Howe",
        welcome: ("2023-11-08T20:00", "UTC+11"),
        days: &[
            (
                "2023-11-08",
                &[
                    "walk",
                    "get-together",
                    "check-in",
                    "welcome",
                    "work-1",
                    "yaook-alasca",
                    "work-2",
                ],
                true,
            ),
            ("2023-11-09", &["outcomes", "dinner"], true),
        ],
        // 23:30–02:00 there.
        across_midnight: &["work-2"],
    },
    AroundTheWorld {
        // UTC+13:45 in the southern summer.
        zone: "Pacific/Chatham",
        welcome: ("2023-11-08T22:45", "UTC+13:45"),
        days: &[
            (
                "2023-11-08",
                &["walk", "get-together", "check-in", "welcome", "work-1"],
                true,
            ),
            (
                "2023-11-09",
                &["yaook-alasca", "work-2", "outcomes", "dinner"],
                true,
            ),
        ],
        // 23:15–01:45 there.
        across_midnight: &["work-1"],
    },
    AroundTheWorld {
        zone: "UTC",
        welcome: ("2023-11-08T09:00", "UTC"),
        days: &[
            ("2023-11-07", &["walk", "get-together"], false),
            (
                "2023-11-08",
                &[
                    "check-in",
                    "welcome",
                    "work-1",
                    "yaook-alasca",
                    "work-2",
                    "outcomes",
                    "dinner",
                ],
                false,
            ),
        ],
        across_midnight: &[],
    },
];

#[test]
fn the_sample_around_the_world_has_the_right_days_times_and_day_notes() {
    let event = sample();
    let timeline = timeline(&event, &Tzdb);
    for row in AROUND_THE_WORLD {
        let zone = row.zone;
        let welcome = timeline
            .iter()
            .find(|t| event.sessions[t.index].id == "welcome")
            .expect("the welcome");
        let seen = zoned(&Tzdb, zone, welcome.start).expect("a known zone");
        assert_eq!(
            (seen.local.format("%Y-%m-%dT%H:%M").to_string(), seen.label),
            (row.welcome.0.to_owned(), row.welcome.1.to_owned()),
            "{zone}: the welcome"
        );

        let days = days(&timeline, &Tzdb, zone);
        let found: Vec<(String, Vec<&str>, bool)> = days
            .iter()
            .map(|day| {
                (
                    day.date.to_string(),
                    ids(&event, day),
                    is_shifted(day, &Tzdb, &event.time_zone),
                )
            })
            .collect();
        let expected: Vec<(String, Vec<&str>, bool)> = row
            .days
            .iter()
            .map(|(date, sessions, shifted)| ((*date).to_owned(), sessions.to_vec(), *shifted))
            .collect();
        assert_eq!(found, expected, "{zone}: days");

        let across: Vec<&str> = timeline
            .iter()
            .filter(|t| days_spanned(t, &Tzdb, zone) == Some(1))
            .map(|t| event.sessions[t.index].id.as_str())
            .collect();
        assert_eq!(across, row.across_midnight, "{zone}: across midnight");
    }
}

#[test]
fn a_shifted_day_names_the_event_dates_of_its_sessions() {
    let event = sample();
    let days = days(&timeline(&event, &Tzdb), &Tzdb, "Asia/Tokyo");
    // Tokyo's 8 November holds Tuesday evening and Wednesday morning in Dresden.
    assert_eq!(
        event_dates(&days[0], &Tzdb, &event.time_zone),
        [date(2023, 11, 7), date(2023, 11, 8)]
    );
    assert_eq!(
        event_dates(&days[1], &Tzdb, &event.time_zone),
        [date(2023, 11, 8)]
    );
    // In the event's own zone no day is ever shifted.
    for day in days_in_berlin(&event) {
        assert!(!is_shifted(&day, &Tzdb, &event.time_zone), "{}", day.date);
        assert_eq!(event_dates(&day, &Tzdb, &event.time_zone), [day.date]);
    }
}

fn days_in_berlin(event: &Event) -> Vec<Day> {
    days(&timeline(event, &Tzdb), &Tzdb, "Europe/Berlin")
}

#[test]
fn a_session_ending_at_midnight_stays_on_its_day() {
    for (start, end, spanned) in [
        ("2024-05-01T22:00:00", "2024-05-02T00:00:00", 0),
        ("2024-05-01T22:00:00", "2024-05-02T00:00:01", 1),
        ("2024-05-01T23:59:00", "2024-05-03T01:00:00", 2),
        ("2024-05-01T10:00:00", "2024-05-01T11:00:00", 0),
    ] {
        let timed = Timed {
            index: 0,
            start: at(start),
            end: at(end),
        };
        assert_eq!(
            days_spanned(&timed, &Tzdb, "UTC"),
            Some(spanned),
            "{start}–{end}"
        );
    }
}

#[test]
fn sessions_crossing_midnight_in_the_shown_zone_stay_on_their_start_day() {
    // 22:00–02:00 in Berlin is one session, listed once, on the day it starts.
    let text = event_with_sessions(json!([
        session("late", "2024-05-01T22:00", "2024-05-02T02:00"),
        session("next", "2024-05-02T09:00", "2024-05-02T10:00"),
    ]));
    let event = check(&text).value.expect("valid");
    let timeline = timeline(&event, &Tzdb);
    let days = days(&timeline, &Tzdb, "Europe/Berlin");
    assert_eq!(
        days.iter().map(|d| d.date).collect::<Vec<_>>(),
        [date(2024, 5, 1), date(2024, 5, 2)]
    );
    assert_eq!(ids(&event, &days[0]), ["late"]);
    assert_eq!(days_spanned(&timeline[0], &Tzdb, "Europe/Berlin"), Some(1));
    // In New York (six hours behind) it is 16:00–20:00 on the first: no midnight to cross.
    assert_eq!(
        days_spanned(&timeline[0], &Tzdb, "America/New_York"),
        Some(0)
    );
}
