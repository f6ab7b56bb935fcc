//! Wall-clock times in IANA zones: gaps, folds, explicit offsets and odd offsets, resolved by
//! `zone::resolve` on the full database, and the sample's agenda as seen around the world.

mod common;

use chrono::{DateTime, NaiveDateTime, Utc};
use common::{check, SAMPLE};
use event_model::agenda::{timeline, zoned, Timed, ZonedTime};
use event_model::tzdb::Tzdb;
use event_model::zone::{resolve, to_instant, to_local, FixedRules, Resolution};
use event_model::{Event, LocalDateTime, ZoneRules};

fn local(text: &str) -> LocalDateTime {
    text.parse().unwrap_or_else(|e| panic!("{text}: {e}"))
}

fn utc(text: &str) -> DateTime<Utc> {
    format!("{text}Z")
        .parse()
        .unwrap_or_else(|e| panic!("{text}: {e}"))
}

fn naive(text: &str) -> NaiveDateTime {
    local(text).local
}

const HOUR: i32 = 3600;

// --- resolve -------------------------------------------------------------------------------------

#[test]
fn an_ordinary_time_has_exactly_one_instant() {
    assert_eq!(
        resolve(&Tzdb, "Europe/Berlin", local("2023-11-08T10:00")),
        Resolution::Unique(utc("2023-11-08T09:00:00"))
    );
    assert_eq!(
        resolve(&Tzdb, "Europe/Berlin", local("2023-07-01T10:00")),
        Resolution::Unique(utc("2023-07-01T08:00:00"))
    );
}

#[test]
fn a_time_in_the_berlin_spring_gap_reports_the_skipped_hour() {
    assert_eq!(
        resolve(&Tzdb, "Europe/Berlin", local("2024-03-31T02:30")),
        Resolution::Gap {
            before: naive("2024-03-31T02:00"),
            after: naive("2024-03-31T03:00"),
        }
    );
}

#[test]
fn the_edges_of_the_gap_exist() {
    assert_eq!(
        resolve(&Tzdb, "Europe/Berlin", local("2024-03-31T01:59")),
        Resolution::Unique(utc("2024-03-31T00:59:00"))
    );
    assert_eq!(
        resolve(&Tzdb, "Europe/Berlin", local("2024-03-31T03:00")),
        Resolution::Unique(utc("2024-03-31T01:00:00"))
    );
    assert!(matches!(
        resolve(&Tzdb, "Europe/Berlin", local("2024-03-31T02:00")),
        Resolution::Gap { .. }
    ));
}

#[test]
fn a_time_in_the_berlin_autumn_fold_has_two_instants_earlier_first() {
    assert_eq!(
        resolve(&Tzdb, "Europe/Berlin", local("2024-10-27T02:30")),
        Resolution::Ambiguous(utc("2024-10-27T00:30:00"), utc("2024-10-27T01:30:00"))
    );
}

#[test]
fn an_explicit_offset_picks_one_reading_of_the_fold() {
    assert_eq!(
        resolve(&Tzdb, "Europe/Berlin", local("2024-10-27T02:30+02:00")),
        Resolution::Unique(utc("2024-10-27T00:30:00"))
    );
    assert_eq!(
        resolve(&Tzdb, "Europe/Berlin", local("2024-10-27T02:30+01:00")),
        Resolution::Unique(utc("2024-10-27T01:30:00"))
    );
}

#[test]
fn an_offset_the_zone_does_not_have_lists_the_offsets_it_has() {
    assert_eq!(
        resolve(&Tzdb, "Europe/Berlin", local("2024-10-27T02:30+03:00")),
        Resolution::OffsetMismatch {
            expected: vec![2 * HOUR, HOUR]
        }
    );
    assert_eq!(
        resolve(&Tzdb, "Europe/Berlin", local("2023-11-08T10:00Z")),
        Resolution::OffsetMismatch {
            expected: vec![HOUR]
        }
    );
}

#[test]
fn a_matching_explicit_offset_is_accepted_outside_folds_too() {
    assert_eq!(
        resolve(&Tzdb, "Europe/Berlin", local("2023-11-08T10:00+01:00")),
        Resolution::Unique(utc("2023-11-08T09:00:00"))
    );
}

#[test]
fn a_time_in_a_gap_is_a_gap_even_with_an_offset() {
    // Pins a bug: this was an OffsetMismatch with no expected offsets.
    assert!(matches!(
        resolve(&Tzdb, "Europe/Berlin", local("2024-03-31T02:30+01:00")),
        Resolution::Gap { .. }
    ));
}

#[test]
fn kathmandu_is_five_hours_forty_five_ahead() {
    assert_eq!(
        resolve(&Tzdb, "Asia/Kathmandu", local("2023-11-08T10:00")),
        Resolution::Unique(utc("2023-11-08T04:15:00"))
    );
    let seen = zoned(&Tzdb, "Asia/Kathmandu", utc("2023-11-08T09:00:00")).expect("a known zone");
    assert_eq!(seen.local, naive("2023-11-08T14:45"));
    assert_eq!(seen.offset, 5 * HOUR + 45 * 60);
    assert_eq!(
        seen.label, "UTC+5:45",
        "numeric abbreviations become UTC labels"
    );
}

#[test]
fn lord_howe_falls_back_by_half_an_hour() {
    // Lord Howe Island: UTC+11 in summer, UTC+10:30 in winter; on 7 April 2024 clocks go 02:00→01:30.
    assert_eq!(
        resolve(&Tzdb, "Australia/Lord_Howe", local("2024-04-07T01:45")),
        Resolution::Ambiguous(utc("2024-04-06T14:45:00"), utc("2024-04-06T15:15:00"))
    );
    assert_eq!(
        resolve(
            &Tzdb,
            "Australia/Lord_Howe",
            local("2024-04-07T01:45+10:30")
        ),
        Resolution::Unique(utc("2024-04-06T15:15:00"))
    );
    assert_eq!(
        resolve(&Tzdb, "Australia/Lord_Howe", local("2024-04-07T01:20")),
        Resolution::Unique(utc("2024-04-06T14:20:00"))
    );
}

#[test]
fn lord_howe_springs_forward_by_half_an_hour() {
    assert_eq!(
        resolve(&Tzdb, "Australia/Lord_Howe", local("2024-10-06T02:15")),
        Resolution::Gap {
            before: naive("2024-10-06T02:00"),
            after: naive("2024-10-06T02:30"),
        }
    );
}

#[test]
fn new_york_falls_back_an_hour_earlier_in_the_year_than_europe() {
    assert_eq!(
        resolve(&Tzdb, "America/New_York", local("2023-11-05T01:30")),
        Resolution::Ambiguous(utc("2023-11-05T05:30:00"), utc("2023-11-05T06:30:00"))
    );
}

#[test]
fn an_unknown_zone_resolves_to_unknown_zone() {
    for zone in ["Europe/Berln", "Mars/Olympus_Mons", "", "europe/berlin "] {
        assert_eq!(
            resolve(&Tzdb, zone, local("2023-11-08T10:00")),
            Resolution::UnknownZone,
            "{zone:?}"
        );
        assert!(!Tzdb.is_known(zone), "{zone:?}");
        assert_eq!(to_instant(&Tzdb, zone, local("2023-11-08T10:00")), None);
    }
    assert!(Tzdb.is_known("Europe/Berlin"));
    assert!(Tzdb.is_known("UTC"));
}

#[test]
fn fixed_rules_resolve_every_time_uniquely() {
    let rules = FixedRules(HOUR);
    assert_eq!(
        resolve(&rules, "anything", local("2024-03-31T02:30")),
        Resolution::Unique(utc("2024-03-31T01:30:00"))
    );
}

#[test]
fn to_instant_moves_gap_times_forward_and_takes_the_earlier_fold() {
    assert_eq!(
        to_instant(&Tzdb, "Europe/Berlin", local("2024-03-31T02:30")),
        Some(utc("2024-03-31T01:30:00"))
    );
    assert_eq!(
        to_local(&Tzdb, "Europe/Berlin", utc("2024-03-31T01:30:00")),
        Some((naive("2024-03-31T03:30"), 2 * HOUR))
    );
    assert_eq!(
        to_instant(&Tzdb, "Europe/Berlin", local("2024-10-27T02:30")),
        Some(utc("2024-10-27T00:30:00"))
    );
}

#[test]
fn to_instant_trusts_a_written_offset_the_zone_disagrees_with() {
    assert_eq!(
        to_instant(&Tzdb, "Europe/Berlin", local("2023-11-08T10:00+02:00")),
        Some(utc("2023-11-08T08:00:00"))
    );
}

// --- the sample around the world -----------------------------------------------------------------

fn sample() -> Event {
    check(SAMPLE).value.expect("the sample is valid")
}

fn session(event: &Event, id: &str) -> Timed {
    let timeline = timeline(event, &Tzdb);
    *timeline
        .iter()
        .find(|t| event.sessions[t.index].id == id)
        .unwrap_or_else(|| panic!("session {id}"))
}

fn seen_in(zone: &str, instant: DateTime<Utc>) -> ZonedTime {
    zoned(&Tzdb, zone, instant).unwrap_or_else(|| panic!("{zone} is known"))
}

#[test]
fn the_welcome_is_at_ten_in_dresden_on_central_european_time() {
    let welcome = session(&sample(), "welcome");
    assert_eq!(welcome.start, utc("2023-11-08T09:00:00"));
    let berlin = seen_in("Europe/Berlin", welcome.start);
    assert_eq!(
        (berlin.local, berlin.offset, berlin.label.as_str()),
        (naive("2023-11-08T10:00"), HOUR, "CET")
    );
}

#[test]
fn the_welcome_is_at_four_in_the_morning_in_new_york_on_standard_time() {
    let welcome = session(&sample(), "welcome");
    let new_york = seen_in("America/New_York", welcome.start);
    assert_eq!(new_york.local, naive("2023-11-08T04:00"));
    assert_eq!(
        new_york.offset,
        -5 * HOUR,
        "US clocks went back on 5 November"
    );
    assert_eq!(new_york.label, "EST");
}

#[test]
fn the_welcome_is_at_half_past_two_in_kolkata() {
    let welcome = session(&sample(), "welcome");
    let kolkata = seen_in("Asia/Kolkata", welcome.start);
    assert_eq!(kolkata.local, naive("2023-11-08T14:30"));
    assert_eq!(kolkata.offset, 5 * HOUR + 30 * 60);
    assert_eq!(kolkata.label, "IST");
}

#[test]
fn the_welcome_is_at_six_in_the_evening_in_tokyo() {
    let welcome = session(&sample(), "welcome");
    let tokyo = seen_in("Asia/Tokyo", welcome.start);
    assert_eq!(tokyo.local, naive("2023-11-08T18:00"));
    assert_eq!(tokyo.label, "JST");
}

#[test]
fn the_tuesday_get_together_ends_at_six_on_wednesday_morning_in_tokyo() {
    let event = sample();
    let get_together = session(&event, "get-together");
    let start = seen_in("Asia/Tokyo", get_together.start);
    let end = seen_in("Asia/Tokyo", get_together.end);
    assert_eq!(start.local, naive("2023-11-08T02:00"));
    assert_eq!(end.local, naive("2023-11-08T06:00"));
    assert_eq!(
        event_model::DateWords::long_date(&event_model::language::English, end.local.date()),
        "Wednesday, 8 November 2023"
    );
}

#[test]
fn every_sample_session_keeps_its_length_in_every_zone() {
    let event = sample();
    for timed in timeline(&event, &Tzdb) {
        for zone in [
            "America/New_York",
            "Asia/Kolkata",
            "Asia/Tokyo",
            "Asia/Kathmandu",
            "Australia/Lord_Howe",
            "Pacific/Chatham",
            "UTC",
        ] {
            let start = seen_in(zone, timed.start).local;
            let end = seen_in(zone, timed.end).local;
            assert_eq!(
                end - start,
                timed.end - timed.start,
                "{} in {zone}",
                event.sessions[timed.index].id
            );
        }
    }
}

// --- an event on a day when the clocks change ------------------------------------------------------

/// An event in `zone` on one day with the given `(id, start, end)` sessions.
fn event_on(zone: &str, day: &str, sessions: &[(&str, &str, &str)]) -> Event {
    let sessions: Vec<serde_json::Value> = sessions
        .iter()
        .map(|(id, start, end)| serde_json::json!({ "id": id, "title": id, "start": start, "end": end }))
        .collect();
    let text = common::pretty(&serde_json::json!({
        "schema_version": 1,
        "id": "dst-day",
        "title": "DST day",
        "time_zone": zone,
        "start": format!("{day}T00:00"),
        "end": format!("{day}T23:00"),
        "sessions": sessions,
    }));
    let checked = check(&text);
    let problems = common::listing(&checked);
    checked
        .value
        .unwrap_or_else(|| panic!("{zone} {day}:{problems}"))
}

/// One session of a DST-day event: as written, when it happens in UTC, and how long it really is.
struct DstSession {
    start: &'static str,
    end: &'static str,
    utc: (&'static str, &'static str),
    minutes: i64,
}

const fn row(
    start: &'static str,
    end: &'static str,
    utc: (&'static str, &'static str),
    minutes: i64,
) -> DstSession {
    DstSession {
        start,
        end,
        utc,
        minutes,
    }
}

const DST_DAYS: &[(&str, &str, &[DstSession])] = &[
    // Berlin springs forward at 02:00 CET → 03:00 CEST.
    (
        "Europe/Berlin",
        "2024-03-31",
        &[
            row(
                "00:30",
                "04:30",
                ("2024-03-30T23:30:00", "2024-03-31T02:30:00"),
                180,
            ),
            row(
                "01:00",
                "03:00",
                ("2024-03-31T00:00:00", "2024-03-31T01:00:00"),
                60,
            ),
            row(
                "09:00",
                "10:00",
                ("2024-03-31T07:00:00", "2024-03-31T08:00:00"),
                60,
            ),
        ],
    ),
    // Berlin falls back at 03:00 CEST → 02:00 CET: 02:00–02:59 happens twice.
    (
        "Europe/Berlin",
        "2024-10-27",
        &[
            row(
                "00:30",
                "04:30",
                ("2024-10-26T22:30:00", "2024-10-27T03:30:00"),
                300,
            ),
            row(
                "01:00",
                "03:00",
                ("2024-10-26T23:00:00", "2024-10-27T02:00:00"),
                180,
            ),
            // The repeated hour, picked out with offsets.
            row(
                "02:30+02:00",
                "02:30+01:00",
                ("2024-10-27T00:30:00", "2024-10-27T01:30:00"),
                60,
            ),
            row(
                "09:00",
                "10:00",
                ("2024-10-27T08:00:00", "2024-10-27T09:00:00"),
                60,
            ),
        ],
    ),
    // New York springs forward at 02:00 EST → 03:00 EDT.
    (
        "America/New_York",
        "2024-03-10",
        &[
            row(
                "00:30",
                "04:30",
                ("2024-03-10T05:30:00", "2024-03-10T08:30:00"),
                180,
            ),
            row(
                "01:30",
                "03:30",
                ("2024-03-10T06:30:00", "2024-03-10T07:30:00"),
                60,
            ),
            row(
                "09:00",
                "10:00",
                ("2024-03-10T13:00:00", "2024-03-10T14:00:00"),
                60,
            ),
        ],
    ),
    // New York falls back at 02:00 EDT → 01:00 EST: 01:00–01:59 happens twice.
    (
        "America/New_York",
        "2024-11-03",
        &[
            row(
                "00:30",
                "04:30",
                ("2024-11-03T04:30:00", "2024-11-03T09:30:00"),
                300,
            ),
            row(
                "01:30-04:00",
                "01:30-05:00",
                ("2024-11-03T05:30:00", "2024-11-03T06:30:00"),
                60,
            ),
            row(
                "09:00",
                "10:00",
                ("2024-11-03T14:00:00", "2024-11-03T15:00:00"),
                60,
            ),
        ],
    ),
];

#[test]
fn on_dst_change_days_sessions_happen_when_written_and_last_as_long_as_they_really_do() {
    for (zone, day, rows) in DST_DAYS {
        let sessions: Vec<(String, String, String)> = rows
            .iter()
            .enumerate()
            .map(|(i, r)| {
                (
                    format!("s{i}"),
                    format!("{day}T{}", r.start),
                    format!("{day}T{}", r.end),
                )
            })
            .collect();
        let borrowed: Vec<(&str, &str, &str)> = sessions
            .iter()
            .map(|(id, s, e)| (id.as_str(), s.as_str(), e.as_str()))
            .collect();
        let event = event_on(zone, day, &borrowed);
        let timeline = timeline(&event, &Tzdb);
        for (i, expected) in rows.iter().enumerate() {
            let timed = timeline
                .iter()
                .find(|t| t.index == i)
                .unwrap_or_else(|| panic!("{zone} {day} s{i}"));
            let label = format!("{zone} {day} {}–{}", expected.start, expected.end);
            assert_eq!(
                (timed.start, timed.end),
                (utc(expected.utc.0), utc(expected.utc.1)),
                "{label}"
            );
            assert_eq!(
                (timed.end - timed.start).num_minutes(),
                expected.minutes,
                "{label}"
            );
            // Shown in the event's own zone, the clock reads what the organizer wrote.
            let shown = seen_in(zone, timed.start).local.format("%H:%M").to_string();
            assert_eq!(shown, expected.start[..5], "{label}");
        }
    }
}

#[test]
fn on_the_berlin_spring_forward_day_new_york_sees_the_night_on_the_evening_before() {
    let event = event_on(
        "Europe/Berlin",
        "2024-03-31",
        &[
            ("night", "2024-03-31T00:30", "2024-03-31T04:30"),
            ("morning", "2024-03-31T09:00", "2024-03-31T10:00"),
        ],
    );
    let timeline = timeline(&event, &Tzdb);
    let days = event_model::agenda::days(&timeline, &Tzdb, "America/New_York");
    let summary: Vec<(String, Vec<usize>, bool)> = days
        .iter()
        .map(|d| {
            (
                d.date.to_string(),
                d.sessions.iter().map(|t| t.index).collect(),
                event_model::agenda::is_shifted(d, &Tzdb, "Europe/Berlin"),
            )
        })
        .collect();
    // New York is already on summer time (since 10 March): 00:30 CET is 19:30 EDT the day before.
    assert_eq!(
        summary,
        [
            ("2024-03-30".to_owned(), vec![0], true),
            ("2024-03-31".to_owned(), vec![1], false)
        ]
    );
    let night = seen_in("America/New_York", timeline[0].start);
    assert_eq!(
        (night.local, night.label.as_str()),
        (naive("2024-03-30T19:30"), "EDT")
    );
}
