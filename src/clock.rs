//! The current time as a signal that ticks once a minute, so "now / next" stays right without
//! re-rendering the page. Tests (and organizers rehearsing) can set the clock with
//! `?now=2023-11-08T10:05:00Z`; it then runs on from there.

use chrono::{DateTime, Utc};
use leptos::prelude::*;

use crate::zones::now as device_now;

/// The ticking clock, provided once and read with `expect_context`.
#[derive(Debug, Clone, Copy)]
pub struct Clock {
    pub now: ReadSignal<DateTime<Utc>>,
}

impl Clock {
    /// Starts the clock (ticking every 30 s so minute displays never lag by more than half a minute).
    pub fn start() -> Clock {
        let shift = override_from_address()
            .map(|at| at - device_now())
            .unwrap_or_default();
        let (now, set_now) = signal(device_now() + shift);
        let tick = move || set_now.set(device_now() + shift);
        if let Ok(handle) = set_interval_with_handle(tick, std::time::Duration::from_secs(30)) {
            on_cleanup(move || handle.clear());
        }
        Clock { now }
    }
}

/// `?now=…` from the address bar, when present and valid.
fn override_from_address() -> Option<DateTime<Utc>> {
    let search = web_sys::window()?.location().search().ok()?;
    parse_override(&search)
}

/// Finds `now=RFC3339` in a query string.
pub fn parse_override(search: &str) -> Option<DateTime<Utc>> {
    let value = search
        .trim_start_matches('?')
        .split('&')
        .find_map(|pair| pair.strip_prefix("now="))?;
    let value = value.replace("%3A", ":").replace("%2B", "+");
    // The event file's own time parser, which needs an offset here to name an instant: it keeps
    // chrono's RFC 3339 parser out of the attendee's wasm.
    let time: event_model::LocalDateTime = value.parse().ok()?;
    let offset = chrono::Duration::seconds(i64::from(time.offset?));
    Some((time.local - offset).and_utc())
}

/// Whole minutes from `now` until `then`, rounded up so "in 1 min" never shows as "now".
pub fn minutes_until(now: DateTime<Utc>, then: DateTime<Utc>) -> i64 {
    ((then - now).num_seconds() + 59).div_euclid(60).max(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_clock_override_from_the_query() {
        let at = parse_override("?lang=en&now=2023-11-08T10:05:00Z").expect("parsed");
        assert_eq!(at.to_rfc3339(), "2023-11-08T10:05:00+00:00");
        assert!(parse_override("?now=yesterday").is_none());
        assert!(parse_override("").is_none());
        assert!(parse_override("?now=2023-11-08T10%3A05%3A00%2B01%3A00").is_some());
    }
}
