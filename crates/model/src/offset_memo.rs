//! A memory of the UTC offsets a slow source of zone rules has answered, so that a big agenda asks
//! it a few times per day of sessions instead of several times per session. In the browser every
//! question is an `Intl.DateTimeFormat.formatToParts` call and a handful of crossings between
//! wasm and JavaScript; a 1,000-session event asked ~25,000 of them before its first render.
//!
//! Between two remembered instants at most [`OffsetMemo::SPAN`] apart that share an offset, the
//! offset is that one throughout: changing and changing back would take two transitions within
//! 48 hours, which no zone has made — the same assumption [`crate::zone::resolve`] rests on.

use chrono::{DateTime, Utc};

/// Offsets of one zone at the instants asked so far, in instant order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OffsetMemo {
    /// (Unix seconds, offset in seconds east of UTC), sorted by instant, one entry per instant.
    samples: Vec<(i64, i32)>,
}

impl OffsetMemo {
    /// The widest gap between two equal samples that proves the offset constant between them.
    pub const SPAN: i64 = 48 * 3600;

    /// The offset at `instant` when the samples prove it, else `None` (ask the rules, then
    /// [`remember`](Self::remember) the answer).
    pub fn known(&self, instant: DateTime<Utc>) -> Option<i32> {
        let at = instant.timestamp();
        let next = self.samples.partition_point(|(t, _)| *t < at);
        let after = self.samples.get(next).copied();
        if let Some((t, offset)) = after {
            if t == at {
                return Some(offset);
            }
        }
        let before = next
            .checked_sub(1)
            .and_then(|i| self.samples.get(i))
            .copied();
        match (before, after) {
            (Some((t0, o0)), Some((t1, o1))) if o0 == o1 && t1 - t0 <= Self::SPAN => Some(o0),
            _ => None,
        }
    }

    /// The offset at `instant`, asking `source` only what the samples cannot prove. On a miss it
    /// asks the two UTC midnights around `instant` first: when they agree, that answers every
    /// instant of the day, so an agenda asks about twice per day instead of once per session (a
    /// session's questions reach a little further ahead each time, past the last sample). Only a
    /// day with a transition in it is asked about `instant` itself.
    pub fn offset_at(
        &mut self,
        instant: DateTime<Utc>,
        mut source: impl FnMut(DateTime<Utc>) -> Option<i32>,
    ) -> Option<i32> {
        if let Some(offset) = self.known(instant) {
            return Some(offset);
        }
        let day = instant.timestamp().div_euclid(Self::DAY) * Self::DAY;
        for bound in [day, day + Self::DAY] {
            let bound = DateTime::from_timestamp(bound, 0)?;
            if self.known(bound).is_none() {
                self.remember(bound, source(bound)?);
            }
        }
        if let Some(offset) = self.known(instant) {
            return Some(offset);
        }
        let offset = source(instant)?;
        self.remember(instant, offset);
        Some(offset)
    }

    /// The grid [`offset_at`](Self::offset_at) asks on: UTC days, well within [`SPAN`](Self::SPAN).
    const DAY: i64 = 24 * 3600;

    /// Notes that the offset at `instant` is `offset`.
    pub fn remember(&mut self, instant: DateTime<Utc>, offset: i32) {
        let at = instant.timestamp();
        let next = self.samples.partition_point(|(t, _)| *t < at);
        match self.samples.get_mut(next) {
            Some(sample) if sample.0 == at => sample.1 = offset,
            _ => self.samples.insert(next, (at, offset)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tzdb::Tzdb;
    use crate::zone::ZoneRules;
    use chrono::Duration;

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .map(|t| t.with_timezone(&Utc))
            .expect("an RFC 3339 instant")
    }

    #[test]
    fn an_instant_between_two_equal_samples_within_two_days_is_known() {
        let mut memo = OffsetMemo::default();
        memo.remember(at("2023-11-08T00:00:00Z"), 3600);
        memo.remember(at("2023-11-09T12:00:00Z"), 3600);
        assert_eq!(memo.known(at("2023-11-08T09:00:00Z")), Some(3600));
        assert_eq!(
            memo.known(at("2023-11-09T12:00:00Z")),
            Some(3600),
            "a sample itself"
        );
        assert_eq!(
            memo.known(at("2023-11-10T00:00:00Z")),
            None,
            "past the last sample"
        );
        assert_eq!(
            memo.known(at("2023-11-07T23:59:59Z")),
            None,
            "before the first sample"
        );
    }

    #[test]
    fn samples_too_far_apart_or_with_different_offsets_prove_nothing() {
        let mut memo = OffsetMemo::default();
        memo.remember(at("2023-03-25T00:00:00Z"), 3600);
        memo.remember(at("2023-03-27T00:00:00Z"), 7200);
        assert_eq!(
            memo.known(at("2023-03-26T00:00:00Z")),
            None,
            "a transition lies between"
        );
        let mut far = OffsetMemo::default();
        far.remember(at("2023-01-01T00:00:00Z"), 3600);
        far.remember(at("2023-01-03T00:00:01Z"), 3600);
        assert_eq!(
            far.known(at("2023-01-02T00:00:00Z")),
            None,
            "more than 48 h apart"
        );
    }

    /// An agenda's questions, as `zone::resolve` asks them for 1,000 sessions every 30 minutes
    /// over ten days (the bench's event), cost two questions per day, not one per session.
    #[test]
    fn a_big_agenda_asks_the_source_about_twice_per_day() {
        for zone in ["Europe/Berlin", "America/New_York", "Asia/Kolkata"] {
            let mut memo = OffsetMemo::default();
            let mut asked = 0;
            let first = at("2025-06-02T08:00:00Z");
            for i in 0..1000 {
                let day = i / 100;
                let start = first + Duration::days(day) + Duration::minutes(30 * (i % 100));
                for instant in [
                    start - Duration::hours(24),
                    start + Duration::hours(24),
                    start - Duration::hours(2),
                    start,
                ] {
                    let offset = memo.offset_at(instant, |t| {
                        asked += 1;
                        Tzdb.offset_at(zone, t)
                    });
                    assert_eq!(offset, Tzdb.offset_at(zone, instant), "{zone} {instant}");
                }
            }
            assert!(asked <= 30, "{zone}: {asked} questions for 1,000 sessions");
        }
    }

    /// Across a year's transitions, every answer through the day grid is the database's.
    #[test]
    fn the_day_grid_agrees_with_the_database_across_transitions() {
        for zone in [
            "Europe/Berlin",
            "America/New_York",
            "Australia/Lord_Howe",
            "Asia/Kolkata",
        ] {
            let mut memo = OffsetMemo::default();
            let start = at("2023-01-01T00:00:00Z");
            for q in 0..365 * 24 * 4 {
                let instant = start + Duration::minutes(15 * q) + Duration::seconds(7);
                let offset = memo.offset_at(instant, |t| Tzdb.offset_at(zone, t));
                assert_eq!(offset, Tzdb.offset_at(zone, instant), "{zone} {instant}");
            }
        }
    }

    #[test]
    fn remembering_an_instant_twice_keeps_one_sample() {
        let mut memo = OffsetMemo::default();
        memo.remember(at("2023-11-08T00:00:00Z"), 3600);
        memo.remember(at("2023-11-08T00:00:00Z"), 3600);
        assert_eq!(memo.samples.len(), 1);
    }

    /// Seeded with the first and last instant of a year, then asked every 30 hours, then every
    /// quarter of an hour, the memo answers most questions itself and never differently from the
    /// database — also where two transitions lie between equal samples.
    #[test]
    fn the_memo_agrees_with_the_database_across_transitions() {
        let zones = [
            "Europe/Berlin",
            "America/New_York",
            "Australia/Lord_Howe",
            "Asia/Kolkata",
        ];
        let start = at("2023-01-01T00:00:00Z");
        let year = start + Duration::days(364);
        let coarse = (0..364 * 24)
            .step_by(30)
            .map(|h| start + Duration::hours(h));
        let fine = (0..364 * 96).map(|q| start + Duration::minutes(15 * q));
        for zone in zones {
            let mut memo = OffsetMemo::default();
            let mut answered = 0;
            for instant in [start, year]
                .into_iter()
                .chain(coarse.clone())
                .chain(fine.clone())
            {
                let truth = Tzdb.offset_at(zone, instant).expect("a known zone");
                match memo.known(instant) {
                    Some(offset) => {
                        assert_eq!(offset, truth, "{zone} at {instant}");
                        answered += 1;
                    }
                    None => memo.remember(instant, truth),
                }
            }
            assert!(
                answered > 30_000,
                "{zone}: the memo answered only {answered}"
            );
        }
    }
}
