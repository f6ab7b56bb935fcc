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
