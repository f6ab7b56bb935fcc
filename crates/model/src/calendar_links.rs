//! "Add to Google Calendar" links: Google's event template URL, which opens a prefilled new event
//! in the browser — for people whose calendar does not take a downloaded `.ics`. And the
//! addresses of an event's calendar feed, which `hub serve` publishes beside its file.
//!
//! Times go in UTC (`…Z`), so the link is right whatever zone the visitor's Google account uses;
//! `ctz` only picks the zone Google shows them in. The encoder is a few lines rather than a crate:
//! it only needs RFC 3986's unreserved set.

use chrono::{DateTime, Datelike, Timelike, Utc};

use crate::agenda::{timeline, Timed};
use crate::event::Event;
use crate::ics::{place_text, session_details};
use crate::language::Language;
use crate::zone::ZoneRules;

/// Google's template endpoint.
pub const GOOGLE_TEMPLATE: &str = "https://calendar.google.com/calendar/render";

/// Descriptions longer than this are cut (with "…"): Google refuses very long addresses, and the
/// link is a prefill, not the event page.
pub const MAX_DETAILS_CHARS: usize = 1000;

/// What a calendar entry needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry<'a> {
    pub title: &'a str,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub details: &'a str,
    pub location: Option<&'a str>,
    /// IANA zone Google shows the times in.
    pub zone: &'a str,
}

/// The Google Calendar link for the session `session_id`; `None` when there is no such session
/// or the rules do not know the event's zone.
pub fn google(
    event: &Event,
    session_id: &str,
    rules: &dyn ZoneRules,
    language: Language,
) -> Option<String> {
    let timed = timeline(event, rules)
        .into_iter()
        .find(|t| event.sessions[t.index].id == session_id)?;
    google_for(event, &timed, language)
}

/// The Google Calendar link for a session whose times are already resolved — what the agenda
/// uses, since resolving the whole timeline again for each of its sessions made a 1,000-session
/// page take minutes.
pub fn google_for(event: &Event, timed: &Timed, language: Language) -> Option<String> {
    let session = event.sessions.get(timed.index)?;
    let details = session_details(event, session, language);
    let location = session
        .place
        .as_deref()
        .and_then(|id| event.place(id))
        .map(place_text);
    Some(google_link(&Entry {
        title: &session.title,
        start: timed.start,
        end: timed.end,
        details: &details,
        location: location.as_deref(),
        zone: &event.time_zone,
    }))
}

/// `https://calendar.google.com/calendar/render?action=TEMPLATE&text=…&dates=…Z/…Z&details=…&location=…&ctz=…`.
pub fn google_link(entry: &Entry<'_>) -> String {
    // Plain `format!`, not chrono's strftime: this runs in the attendee's wasm, where the
    // strftime machinery would cost more than the whole link builder.
    let stamp = |instant: DateTime<Utc>| {
        let (date, time) = (instant.date_naive(), instant.time());
        format!(
            "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
            date.year(),
            date.month(),
            date.day(),
            time.hour(),
            time.minute(),
            time.second()
        )
    };
    let mut link = format!(
        "{GOOGLE_TEMPLATE}?action=TEMPLATE&text={}&dates={}/{}",
        encode(entry.title),
        stamp(entry.start),
        stamp(entry.end)
    );
    let details = clip(entry.details, MAX_DETAILS_CHARS);
    if !details.is_empty() {
        link.push_str("&details=");
        link.push_str(&encode(&details));
    }
    if let Some(location) = entry.location.filter(|l| !l.is_empty()) {
        link.push_str("&location=");
        link.push_str(&encode(location));
    }
    link.push_str("&ctz=");
    link.push_str(&encode(entry.zone));
    link
}

/// Percent-encodes everything but RFC 3986's unreserved characters, byte by byte of the UTF-8.
/// Spaces become `%20`, which every decoder reads as a space (a `+` would not be, everywhere).
pub fn encode(text: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(text.len() * 3);
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0x0f)]));
        }
    }
    out
}

/// `text` cut to at most `max` characters, ending in "…" when cut.
fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut clipped: String = text.chars().take(max.saturating_sub(1)).collect();
    clipped.push('…');
    clipped
}

/// The calendar feed beside an event file: `hub serve` answers `/events/{id}.ics` for
/// `/events/{id}.json`. `None` when the address is not a `.json` file.
pub fn feed_url(event_file_url: &str) -> Option<String> {
    let (path, query) = match event_file_url.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (event_file_url, None),
    };
    let stem = path.strip_suffix(".json")?;
    Some(match query {
        Some(query) => format!("{stem}.ics?{query}"),
        None => format!("{stem}.ics"),
    })
}

/// The `webcal:` form of an absolute `http(s):` feed address, which phones and desktop calendar
/// apps open as "subscribe" rather than as a one-off download.
pub fn webcal_url(absolute_feed_url: &str) -> Option<String> {
    let rest = absolute_feed_url
        .strip_prefix("https://")
        .or_else(|| absolute_feed_url.strip_prefix("http://"))?;
    Some(format!("webcal://{rest}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clipping_keeps_short_text_and_marks_cut_text() {
        assert_eq!(clip("short", 10), "short");
        assert_eq!(clip("abcdef", 4), "abc…");
        assert_eq!(clip("äöüäöü", 3).chars().count(), 3);
    }

    #[test]
    fn the_feed_sits_beside_the_event_file() {
        assert_eq!(
            feed_url("/events/scs-hackathon-3.json").as_deref(),
            Some("/events/scs-hackathon-3.ics")
        );
        assert_eq!(
            feed_url("https://hub.example/events/x.json?v=2").as_deref(),
            Some("https://hub.example/events/x.ics?v=2")
        );
        assert_eq!(feed_url("/events/x"), None);
    }

    #[test]
    fn webcal_replaces_the_http_scheme_only() {
        assert_eq!(
            webcal_url("https://hub.example/events/x.ics").as_deref(),
            Some("webcal://hub.example/events/x.ics")
        );
        assert_eq!(
            webcal_url("http://127.0.0.1:8080/events/x.ics").as_deref(),
            Some("webcal://127.0.0.1:8080/events/x.ics")
        );
        assert_eq!(webcal_url("/events/x.ics"), None);
        assert_eq!(webcal_url("javascript:alert(1)"), None);
    }
}
