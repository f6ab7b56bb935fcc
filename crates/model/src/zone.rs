//! Time-zone rules behind one small trait, so the same resolution logic runs natively on the full
//! IANA database ([`crate::tzdb::Tzdb`]) and in the browser on `Intl` (the app's own rules), where
//! shipping the whole database would cost ~146 KB gzip.
//!
//! Resolving a wall-clock time is where events go wrong: a local time can fall into a
//! spring-forward gap (does not exist) or a fall-back fold (exists twice).

use chrono::{DateTime, Duration, NaiveDateTime, Utc};

use crate::time::LocalDateTime;

/// The rules of IANA zones: the UTC offset in force at any instant.
pub trait ZoneRules {
    /// Seconds east of UTC in `zone` at `instant`; `None` when the zone is unknown.
    fn offset_at(&self, zone: &str, instant: DateTime<Utc>) -> Option<i32>;

    /// The zone's abbreviation at `instant` ("CET", "EDT"), when the rules know a real one.
    fn abbreviation(&self, _zone: &str, _instant: DateTime<Utc>) -> Option<String> {
        None
    }

    /// Whether `zone` is a zone these rules know.
    fn is_known(&self, zone: &str) -> bool {
        self.offset_at(zone, DateTime::UNIX_EPOCH).is_some()
    }
}

/// How a wall-clock time maps to instants in a zone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    /// Exactly one instant.
    Unique(DateTime<Utc>),
    /// Fall-back fold: the time happens twice (earlier, later).
    Ambiguous(DateTime<Utc>, DateTime<Utc>),
    /// Spring-forward gap: clocks jump from `before` to `after` (both local wall-clock times).
    Gap {
        before: NaiveDateTime,
        after: NaiveDateTime,
    },
    /// An explicit offset that the zone does not have at that wall-clock time; `expected` holds
    /// the offsets it does have (two in a fold).
    OffsetMismatch { expected: Vec<i32> },
    /// The zone is not a known IANA zone.
    UnknownZone,
}

/// Resolves a wall-clock time in `zone`.
///
/// Candidate offsets are the ones in force a day before and a day after; each candidate that maps
/// back onto itself is a valid reading. This is exact as long as a zone does not change its offset
/// twice within 48 hours, which no zone has done.
pub fn resolve(rules: &dyn ZoneRules, zone: &str, time: LocalDateTime) -> Resolution {
    let local = time.local;
    let as_utc = local.and_utc();
    let (Some(before), Some(after)) = (
        rules.offset_at(zone, as_utc - Duration::hours(24)),
        rules.offset_at(zone, as_utc + Duration::hours(24)),
    ) else {
        return Resolution::UnknownZone;
    };
    let mut valid: Vec<(i32, DateTime<Utc>)> = Vec::new();
    for candidate in [before, after] {
        let instant = as_utc - Duration::seconds(i64::from(candidate));
        if rules.offset_at(zone, instant) == Some(candidate)
            && !valid.iter().any(|(o, _)| *o == candidate)
        {
            valid.push((candidate, instant));
        }
    }
    crate::short_sort::sort_by_key(&mut valid, |(_, instant)| *instant);
    // A time in a gap does not exist whatever offset is written next to it.
    if let (Some(offset), false) = (time.offset, valid.is_empty()) {
        return match valid.iter().find(|(o, _)| *o == offset) {
            Some((_, instant)) => Resolution::Unique(*instant),
            None => Resolution::OffsetMismatch {
                expected: valid.iter().map(|(o, _)| *o).collect(),
            },
        };
    }
    match valid.as_slice() {
        [(_, instant)] => Resolution::Unique(*instant),
        [(_, first), (_, second), ..] => Resolution::Ambiguous(*first, *second),
        [] => {
            let transition = find_transition(rules, zone, as_utc, before, after);
            Resolution::Gap {
                before: (transition + Duration::seconds(i64::from(before))).naive_utc(),
                after: (transition + Duration::seconds(i64::from(after))).naive_utc(),
            }
        }
    }
}

/// The first instant with offset `after`, for a local time in the gap between `before` and
/// `after`: it lies in `(local − after, local − before]`, found by bisection to the second.
fn find_transition(
    rules: &dyn ZoneRules,
    zone: &str,
    local_as_utc: DateTime<Utc>,
    before: i32,
    after: i32,
) -> DateTime<Utc> {
    let mut low = local_as_utc - Duration::seconds(i64::from(after));
    let mut high = local_as_utc - Duration::seconds(i64::from(before));
    while high - low > Duration::seconds(1) {
        let middle = low + (high - low) / 2;
        if rules.offset_at(zone, middle) == Some(before) {
            low = middle;
        } else {
            high = middle;
        }
    }
    high
}

/// The instant of a wall-clock time, taking the earlier reading of a fold, trusting a written
/// offset that disagrees with the zone, and shifting a time in a gap forward (what clocks do).
/// Validation reports all of these; this is for display of a file that was checked already.
pub fn to_instant(rules: &dyn ZoneRules, zone: &str, time: LocalDateTime) -> Option<DateTime<Utc>> {
    let at_offset = |offset: i32| time.local.and_utc() - Duration::seconds(i64::from(offset));
    match resolve(rules, zone, time) {
        Resolution::Unique(instant) | Resolution::Ambiguous(instant, _) => Some(instant),
        Resolution::Gap { .. } | Resolution::OffsetMismatch { .. } => match time.offset {
            Some(offset) => Some(at_offset(offset)),
            None => Some(at_offset(
                rules.offset_at(zone, time.local.and_utc() - Duration::hours(24))?,
            )),
        },
        Resolution::UnknownZone => None,
    }
}

/// The wall-clock time in `zone` at `instant`, with the offset in force.
pub fn to_local(
    rules: &dyn ZoneRules,
    zone: &str,
    instant: DateTime<Utc>,
) -> Option<(NaiveDateTime, i32)> {
    let offset = rules.offset_at(zone, instant)?;
    Some((
        (instant + Duration::seconds(i64::from(offset))).naive_utc(),
        offset,
    ))
}

/// Fixed-offset rules for tests and for `UTC`: every zone name maps to the same offset.
#[derive(Debug, Clone, Copy)]
pub struct FixedRules(pub i32);

impl ZoneRules for FixedRules {
    fn offset_at(&self, _zone: &str, _instant: DateTime<Utc>) -> Option<i32> {
        Some(self.0)
    }
}
