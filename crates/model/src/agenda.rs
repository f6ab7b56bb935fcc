//! The agenda as people read it: sessions resolved to instants, sorted, and grouped into days of
//! the zone they are shown in — a session can move to another day for a viewer in Tokyo.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};

use crate::event::Event;
use crate::format::clock;
use crate::language::DateWords;
use crate::short_sort::sort_by_key;
use crate::time::utc_label;
use crate::zone::{to_instant, to_local, ZoneRules};

/// A session placed in time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timed {
    /// Index into `event.sessions`.
    pub index: usize,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

/// One day of the agenda in the shown zone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Day {
    pub date: NaiveDate,
    pub sessions: Vec<Timed>,
}

/// Sessions with their instants, by start time (then end, then file order).
pub fn timeline(event: &Event, rules: &dyn ZoneRules) -> Vec<Timed> {
    let mut timed: Vec<Timed> = event
        .sessions
        .iter()
        .enumerate()
        .filter_map(|(index, session)| {
            Some(Timed {
                index,
                start: to_instant(rules, &event.time_zone, session.start)?,
                end: to_instant(rules, &event.time_zone, session.end)?,
            })
        })
        .collect();
    sort_by_key(&mut timed, |t| (t.start, t.end, t.index));
    timed
}

/// The timeline grouped by the date each session starts on in `zone`, one entry per date, in date order.
pub fn days(timeline: &[Timed], rules: &dyn ZoneRules, zone: &str) -> Vec<Day> {
    let mut days: Vec<Day> = Vec::new();
    for timed in timeline {
        let Some((local, _)) = to_local(rules, zone, timed.start) else {
            continue;
        };
        // Not just the last day: where clocks fall back across midnight, dates can repeat.
        match days.iter_mut().find(|day| day.date == local.date()) {
            Some(day) => day.sessions.push(*timed),
            _ => days.push(Day {
                date: local.date(),
                sessions: vec![*timed],
            }),
        }
    }
    sort_by_key(&mut days, |day| day.date);
    days
}

/// The event's start and end instants.
pub fn event_span(event: &Event, rules: &dyn ZoneRules) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
    Some((
        to_instant(rules, &event.time_zone, event.start)?,
        to_instant(rules, &event.time_zone, event.end)?,
    ))
}

/// The header's two lines for the event: the dates (`Wednesday, 8 November 2023`) and the hours
/// with the zone (`10:00–19:00 CET (UTC+1)`) — the same words on the page and in the HTML that
/// `hub serve` writes before the app runs. Without resolvable times, the start date and no hours.
pub fn header_lines(
    event: &Event,
    rules: &dyn ZoneRules,
    words: &dyn DateWords,
) -> (String, String) {
    let zone = &event.time_zone;
    let span = event_span(event, rules)
        .and_then(|(start, end)| Some((zoned(rules, zone, start)?, zoned(rules, zone, end)?)));
    match span {
        Some((start, end)) => (
            words.date_range(start.local.date(), end.local.date()),
            format!(
                "{}–{} {} ({})",
                clock(start.local),
                clock(end.local),
                words.zone_abbreviation(&start.label),
                utc_label(start.offset)
            ),
        ),
        None => (event.start.local.date().to_string(), String::new()),
    }
}

/// A wall-clock time in `zone` with the zone's label, e.g. (10:00 on 8 Nov, "CET", UTC+1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ZonedTime {
    pub local: NaiveDateTime,
    pub offset: i32,
    /// "CET" when the rules know an abbreviation, else "UTC+5:30".
    pub label: String,
}

/// `instant` as seen in `zone`.
pub fn zoned(rules: &dyn ZoneRules, zone: &str, instant: DateTime<Utc>) -> Option<ZonedTime> {
    let (local, offset) = to_local(rules, zone, instant)?;
    let label = rules
        .abbreviation(zone, instant)
        .unwrap_or_else(|| crate::time::utc_label(offset));
    Some(ZonedTime {
        local,
        offset,
        label,
    })
}

/// The dates, in `event_zone`, on which the sessions of a `day` (grouped in another zone) start,
/// in order and without repeats. A day header in the viewer's zone can say "Thursday 9 November
/// (Wednesday 8 November in the event's time)" when these differ from `day.date`.
pub fn event_dates(day: &Day, rules: &dyn ZoneRules, event_zone: &str) -> Vec<NaiveDate> {
    let mut dates: Vec<NaiveDate> = day
        .sessions
        .iter()
        .filter_map(|t| to_local(rules, event_zone, t.start).map(|(local, _)| local.date()))
        .collect();
    sort_by_key(&mut dates, |date| *date);
    dates.dedup();
    dates
}

/// Whether a `day` of the shown zone is not simply the event's own calendar date: some session on
/// it starts on another date in `event_zone`. Such day headers need a note, or a viewer in Tokyo
/// would take Thursday's sessions for the Thursday of the event.
pub fn is_shifted(day: &Day, rules: &dyn ZoneRules, event_zone: &str) -> bool {
    event_dates(day, rules, event_zone)
        .iter()
        .any(|date| *date != day.date)
}

/// How many calendar days after its start date a session ends in `zone`: 0 for most, 1 for a
/// session that crosses midnight there (shown as "23:00–01:00 +1"). A session ending exactly at
/// midnight ends on its start day.
pub fn days_spanned(timed: &Timed, rules: &dyn ZoneRules, zone: &str) -> Option<i64> {
    let (start, _) = to_local(rules, zone, timed.start)?;
    let (end, _) = to_local(rules, zone, timed.end)?;
    // The last instant of the session, not its end, decides: 22:00–00:00 stays on one day.
    let last = end - chrono::Duration::nanoseconds(1);
    Some((last.date().max(start.date()) - start.date()).num_days())
}
