//! [`ZoneRules`] on the full IANA database (chrono-tz), for native tools and tests.

use chrono::{DateTime, Offset, TimeZone, Utc};
use chrono_tz::{OffsetName, Tz};

use crate::zone::ZoneRules;

/// The complete IANA time-zone database.
#[derive(Debug, Clone, Copy, Default)]
pub struct Tzdb;

impl ZoneRules for Tzdb {
    fn offset_at(&self, zone: &str, instant: DateTime<Utc>) -> Option<i32> {
        let tz: Tz = zone.parse().ok()?;
        Some(
            tz.offset_from_utc_datetime(&instant.naive_utc())
                .fix()
                .local_minus_utc(),
        )
    }

    fn abbreviation(&self, zone: &str, instant: DateTime<Utc>) -> Option<String> {
        let tz: Tz = zone.parse().ok()?;
        let name = tz
            .offset_from_utc_datetime(&instant.naive_utc())
            .abbreviation()?
            .to_owned();
        // Zones without a real abbreviation carry numeric ones ("+0530"); the UTC label says more.
        (!name.starts_with(['+', '-'])).then_some(name)
    }
}

/// All IANA zone names, for suggestions.
pub fn zone_names() -> impl Iterator<Item = &'static str> {
    chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name())
}
