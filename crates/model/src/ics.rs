//! "Add to calendar": the event, or one session, as an RFC 5545 iCalendar file — generated from
//! the same [`Event`] and the same [`ZoneRules`] the page uses, so it works in the browser on
//! `Intl` (download) and natively on the IANA database (`hub serve`'s `/events/{id}.ics`).
//!
//! Hand-written rather than the `icalendar` crate (0.17.17, evaluated): it cannot write a
//! VTIMEZONE (its custom component type has no public constructor, and date-times "with TZID" are
//! left to the caller), and it adds a random `UID` and a `DTSTAMP` of *now* to every component
//! that lacks them — including VTIMEZONE's sub-components — so its output is neither valid here
//! nor deterministic. It would also cost ~21 KB raw / ~9 KB gzip of wasm (probe built with the
//! app's release profile, wasm-bindgen and `wasm-opt -Oz`: 52 → 74 KB raw, 23 → 32 KB gzip) and
//! pull in `uuid`, `iso8601` and `nom`. What is written here is small: escaping, folding, and a
//! VTIMEZONE derived from the zone rules.
//!
//! Times are written with `TZID=` the event's zone, as organizers think of them, with a VTIMEZONE
//! whose observances are the real offset transitions found in the rules: from the one in force
//! on 1 January of the first year the calendar touches to the last one before the end of its
//! last year. Each observance has its own DTSTART and no RRULE: exact for every time in the
//! calendar, without guessing recurrence rules the rules cannot tell us.

use std::fmt;

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, Utc};

use crate::agenda::timeline;
use crate::event::{Event, LinkKind, Place, Session};
use crate::language::Language;
use crate::markdown::to_plain;
use crate::messages::Message;
use crate::safe_url::is_safe_url;
use crate::zone::{resolve, to_local, Resolution, ZoneRules};

/// Identifies the generator, as RFC 5545 requires; constant so regenerated files are identical.
pub const PRODID: &str = "-//Event hub//Event hub//EN";

/// The media type of an iCalendar file.
pub const CONTENT_TYPE: &str = "text/calendar; charset=utf-8";

/// RFC 5545 §3.1: content lines SHOULD NOT be longer than 75 octets, excluding the line break.
pub const MAX_LINE_OCTETS: usize = 75;

/// How often a subscribed calendar should look for changes: organizers edit agendas up to the
/// last minute.
const REFRESH: &str = "PT1H";

/// Why a calendar cannot be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IcsError {
    /// The rules do not know the event's zone.
    UnknownZone(String),
    /// No session has this id.
    UnknownSession(String),
}

impl fmt::Display for IcsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IcsError::UnknownZone(zone) => write!(f, "the time zone `{zone}` is not known"),
            IcsError::UnknownSession(id) => write!(f, "there is no session `{id}`"),
        }
    }
}

impl std::error::Error for IcsError {}

/// The whole event: every session as a VEVENT (or, for an event without sessions, the event
/// itself), with the event's title as the calendar's name so a subscription reads well.
///
/// `dtstamp` is when the file is made (the server uses the event file's modification time, so an
/// unchanged file gives identical bytes).
pub fn event_calendar(
    event: &Event,
    rules: &dyn ZoneRules,
    dtstamp: DateTime<Utc>,
    language: Language,
) -> Result<String, IcsError> {
    let zone = known_zone(event, rules)?;
    let span = crate::agenda::event_span(event, rules)
        .ok_or_else(|| IcsError::UnknownZone(zone.to_owned()))?;
    let timeline = timeline(event, rules);
    let mut instants = vec![span.0, span.1];
    instants.extend(timeline.iter().flat_map(|t| [t.start, t.end]));

    let mut out = Writer::calendar();
    out.text("NAME", &event.title);
    out.text("X-WR-CALNAME", &event.title);
    out.raw(&format!("REFRESH-INTERVAL;VALUE=DURATION:{REFRESH}"));
    out.raw(&format!("X-PUBLISHED-TTL:{REFRESH}"));
    vtimezone(&mut out, rules, zone, &instants);
    if timeline.is_empty() {
        whole_event(&mut out, event, rules, zone, span, dtstamp);
    }
    for timed in &timeline {
        let session = &event.sessions[timed.index];
        vevent_for_session(
            &mut out,
            event,
            session,
            rules,
            (timed.start, timed.end),
            dtstamp,
            language,
        );
    }
    Ok(out.finish())
}

/// One session, for "add this session to my calendar".
pub fn session_calendar(
    event: &Event,
    session_id: &str,
    rules: &dyn ZoneRules,
    dtstamp: DateTime<Utc>,
    language: Language,
) -> Result<String, IcsError> {
    let zone = known_zone(event, rules)?;
    let timed = timeline(event, rules)
        .into_iter()
        .find(|t| event.sessions[t.index].id == session_id)
        .ok_or_else(|| IcsError::UnknownSession(session_id.to_owned()))?;
    let mut out = Writer::calendar();
    vtimezone(&mut out, rules, zone, &[timed.start, timed.end]);
    let session = &event.sessions[timed.index];
    vevent_for_session(
        &mut out,
        event,
        session,
        rules,
        (timed.start, timed.end),
        dtstamp,
        language,
    );
    Ok(out.finish())
}

/// The UID of a session: the same for every regeneration of the file, so a calendar updates the
/// entry instead of adding a copy, and unique across events that reuse session ids.
pub fn session_uid(event: &Event, session: &Session) -> String {
    format!("{}@{}.event-hub", session.id, event.id)
}

/// The UID of an event without sessions. Its domain part differs from every session UID's.
pub fn event_uid(event: &Event) -> String {
    format!("{}@event-hub", event.id)
}

/// The file name to offer for a download: `scs-hackathon-3.ics`, `scs-hackathon-3-welcome.ics`.
pub fn file_name(event: &Event, session_id: Option<&str>) -> String {
    match session_id {
        Some(session) => format!("{}-{session}.ics", event.id),
        None => format!("{}.ics", event.id),
    }
}

fn known_zone<'e>(event: &'e Event, rules: &dyn ZoneRules) -> Result<&'e str, IcsError> {
    let zone = event.time_zone.as_str();
    if rules.is_known(zone) {
        Ok(zone)
    } else {
        Err(IcsError::UnknownZone(zone.to_owned()))
    }
}

fn vevent_for_session(
    out: &mut Writer,
    event: &Event,
    session: &Session,
    rules: &dyn ZoneRules,
    (start, end): (DateTime<Utc>, DateTime<Utc>),
    dtstamp: DateTime<Utc>,
    language: Language,
) {
    let zone = event.time_zone.as_str();
    out.raw("BEGIN:VEVENT");
    out.text("UID", &session_uid(event, session));
    out.raw(&format!("DTSTAMP:{}", utc_stamp(dtstamp)));
    out.raw(&date_time("DTSTART", rules, zone, start));
    out.raw(&date_time("DTEND", rules, zone, end));
    out.text("SUMMARY", &session.title);
    if session.tentative.is_some() {
        out.raw("STATUS:TENTATIVE");
    }
    out.text("DESCRIPTION", &session_details(event, session, language));
    if let Some(place) = session.place.as_deref().and_then(|id| event.place(id)) {
        location(out, place);
    }
    if let Some(url) = event_url(event) {
        out.raw(&format!("URL:{url}"));
    }
    out.raw("END:VEVENT");
}

fn whole_event(
    out: &mut Writer,
    event: &Event,
    rules: &dyn ZoneRules,
    zone: &str,
    (start, end): (DateTime<Utc>, DateTime<Utc>),
    dtstamp: DateTime<Utc>,
) {
    out.raw("BEGIN:VEVENT");
    out.text("UID", &event_uid(event));
    out.raw(&format!("DTSTAMP:{}", utc_stamp(dtstamp)));
    out.raw(&date_time("DTSTART", rules, zone, start));
    out.raw(&date_time("DTEND", rules, zone, end));
    out.text("SUMMARY", &event.title);
    let summary = to_plain(&event.summary);
    if !summary.is_empty() {
        out.text("DESCRIPTION", &summary);
    }
    if let Some(venue) = event.venue() {
        location(out, venue);
    }
    if let Some(url) = event_url(event) {
        out.raw(&format!("URL:{url}"));
    }
    out.raw("END:VEVENT");
}

/// The description of a session in a calendar: whether its time is still open, its own text
/// (plain), then the event's title and web address — in a personal calendar "Welcome" alone does
/// not say which event it belongs to.
pub fn session_details(event: &Event, session: &Session, language: Language) -> String {
    let mut parts: Vec<String> = Vec::new();
    if session.tentative.is_some() {
        parts.push(match &session.time_note {
            Some(note) => Message::TimeToBeConfirmedNoted.fill(language, &[note]),
            None => Message::TimeToBeConfirmedSentence.text(language).to_owned(),
        });
    }
    parts.extend(
        session
            .description
            .as_deref()
            .map(to_plain)
            .filter(|text| !text.is_empty()),
    );
    parts.push(event.title.to_string());
    parts.extend(event_url(event).map(str::to_owned));
    parts.join("\n\n")
}

/// `name, address`, or the name alone.
pub fn place_text(place: &Place) -> String {
    match place.address.as_deref() {
        Some(address) if !address.trim().is_empty() => format!("{}, {address}", place.name),
        _ => place.name.to_string(),
    }
}

/// LOCATION ("name, address") and GEO when the place has coordinates.
fn location(out: &mut Writer, place: &Place) {
    out.text("LOCATION", &place_text(place));
    if let (Some(lat), Some(lon)) = (place.lat, place.lon) {
        if lat.is_finite() && lon.is_finite() {
            out.raw(&format!("GEO:{lat};{lon}"));
        }
    }
}

/// Where a calendar entry leads: the event's own page ([`Event::url`], which the page and `hub
/// serve` fill in with the hub's address when the file names none), else its website, else its
/// registration page.
pub fn event_url(event: &Event) -> Option<&str> {
    if let Some(url) = event.url.as_deref().filter(|url| is_safe_url(url)) {
        return Some(url);
    }
    let by_kind = |kind: LinkKind| {
        event
            .links
            .iter()
            .find(|link| link.kind == kind && is_safe_url(&link.url))
            .map(|link| link.url.as_str())
    };
    by_kind(LinkKind::Website).or_else(|| by_kind(LinkKind::Registration))
}

/// `NAME;TZID=zone:YYYYMMDDTHHMMSS` when the local time names `instant` unambiguously — or as the
/// first of two readings, which is what RFC 5545 §3.3.5 says a TZID time in a fold means — else
/// `NAME:…Z` in UTC (the second reading of a fold cannot be written with TZID).
fn date_time(name: &str, rules: &dyn ZoneRules, zone: &str, instant: DateTime<Utc>) -> String {
    if let Some((local, _)) = to_local(rules, zone, instant) {
        let reading = resolve(
            rules,
            zone,
            crate::time::LocalDateTime {
                local,
                offset: None,
            },
        );
        let first = match reading {
            Resolution::Unique(at) | Resolution::Ambiguous(at, _) => at == instant,
            _ => false,
        };
        if first {
            return format!("{name};TZID={}:{}", param_value(zone), local_stamp(local));
        }
    }
    format!("{name}:{}", utc_stamp(instant))
}

fn local_stamp(local: NaiveDateTime) -> String {
    local.format("%Y%m%dT%H%M%S").to_string()
}

fn utc_stamp(instant: DateTime<Utc>) -> String {
    instant.format("%Y%m%dT%H%M%SZ").to_string()
}

/// `+0100`, `-0930`, `+0530`; seconds only when there are any (historic offsets). RFC 5545 forbids
/// `-0000`.
pub fn utc_offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let total = seconds.unsigned_abs();
    let (hours, minutes, rest) = (total / 3600, total / 60 % 60, total % 60);
    if rest == 0 {
        format!("{sign}{hours:02}{minutes:02}")
    } else {
        format!("{sign}{hours:02}{minutes:02}{rest:02}")
    }
}

/// A change of a zone's UTC offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Transition {
    /// The first instant with the new offset.
    pub at: DateTime<Utc>,
    pub from: i32,
    pub to: i32,
}

/// The offset transitions of `zone` in `[from, to)`, found by stepping a day at a time and
/// bisecting each change to the second. A day is safe because no zone has changed its offset
/// twice within one (the same assumption as [`crate::zone::resolve`]); with `Intl` rules a year
/// is ~365 formatter calls plus ~17 per transition.
pub fn transitions(
    rules: &dyn ZoneRules,
    zone: &str,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Vec<Transition> {
    let step = Duration::days(1);
    let mut found = Vec::new();
    let mut at = from;
    let Some(mut offset) = rules.offset_at(zone, at) else {
        return found;
    };
    while at < to {
        let ahead = (at + step).min(to);
        let Some(next) = rules.offset_at(zone, ahead) else {
            break;
        };
        if next != offset {
            let (mut low, mut high) = (at, ahead);
            while high - low > Duration::seconds(1) {
                let middle = low + (high - low) / 2;
                if rules.offset_at(zone, middle) == Some(offset) {
                    low = middle;
                } else {
                    high = middle;
                }
            }
            found.push(Transition {
                at: high,
                from: offset,
                to: next,
            });
            offset = next;
        }
        at = ahead;
    }
    found
}

/// The VTIMEZONE for `zone` covering the calendar years of `instants` (in that zone).
fn vtimezone(out: &mut Writer, rules: &dyn ZoneRules, zone: &str, instants: &[DateTime<Utc>]) {
    let years = instants
        .iter()
        .filter_map(|instant| to_local(rules, zone, *instant).map(|(local, _)| local.year()));
    let (Some(first), Some(last)) = (years.clone().min(), years.max()) else {
        return;
    };
    for line in vtimezone_lines(rules, zone, first, last) {
        out.raw(&line);
    }
}

/// The unfolded lines of a VTIMEZONE for `zone` from 1 January `first_year` to the end of
/// `last_year`: the observance in force at the start, then one per transition.
///
/// A zone without transitions in that time gets one observance with equal offsets. Observances
/// whose offset is the smallest seen are STANDARD and the others DAYLIGHT — the rules give offsets,
/// not DST flags, and clients only use the offsets.
pub fn vtimezone_lines(
    rules: &dyn ZoneRules,
    zone: &str,
    first_year: i32,
    last_year: i32,
) -> Vec<String> {
    let year_start = |year: i32| {
        NaiveDate::from_ymd_opt(year, 1, 1)
            .and_then(|date| date.and_hms_opt(0, 0, 0))
            .map(|local| local.and_utc())
    };
    let (Some(new_year), Some(end)) = (year_start(first_year), year_start(last_year + 1)) else {
        return Vec::new();
    };
    // Zones are at most 14 hours from UTC: these bounds contain the local years.
    let (start, end) = (new_year - Duration::hours(14), end + Duration::hours(14));
    let Some(offset_at_start) = rules.offset_at(zone, start) else {
        return Vec::new();
    };
    // The observance in force at the start began at the last transition before it, which for a
    // zone with daylight saving time lies within the year before.
    let mut changes = transitions(rules, zone, start - Duration::days(366), end);
    let in_force = changes.iter().rposition(|t| t.at <= start);
    let observances: Vec<Transition> = match in_force {
        Some(index) => changes.split_off(index),
        None => {
            let mut kept: Vec<Transition> = changes.into_iter().filter(|t| t.at > start).collect();
            // "From local midnight on 1 January", unless a change comes even before that.
            let midnight = new_year - Duration::seconds(i64::from(offset_at_start));
            let at = if kept.first().is_some_and(|t| t.at <= midnight) {
                start
            } else {
                midnight
            };
            kept.insert(
                0,
                Transition {
                    at,
                    from: offset_at_start,
                    to: offset_at_start,
                },
            );
            kept
        }
    };
    let standard = observances.iter().map(|t| t.to.min(t.from)).min();

    let mut lines = vec![
        "BEGIN:VTIMEZONE".to_owned(),
        format!("TZID:{}", escape_text(zone)),
    ];
    for t in &observances {
        let kind = if Some(t.to) == standard {
            "STANDARD"
        } else {
            "DAYLIGHT"
        };
        // DTSTART is the local time of the onset on the clock that is being replaced.
        let onset = (t.at + Duration::seconds(i64::from(t.from))).naive_utc();
        lines.push(format!("BEGIN:{kind}"));
        lines.push(format!("DTSTART:{}", local_stamp(onset)));
        lines.push(format!("TZOFFSETFROM:{}", utc_offset(t.from)));
        lines.push(format!("TZOFFSETTO:{}", utc_offset(t.to)));
        if let Some(name) = rules.abbreviation(zone, t.at) {
            lines.push(format!("TZNAME:{}", escape_text(&name)));
        }
        lines.push(format!("END:{kind}"));
    }
    lines.push("END:VTIMEZONE".to_owned());
    lines
}

/// A TEXT value (RFC 5545 §3.3.11): backslash, semicolon and comma escaped, line breaks as `\n`,
/// other control characters (which the format does not allow) dropped.
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {
                // CRLF and a lone CR are one line break each.
                chars.next_if_eq(&'\n');
                out.push_str("\\n");
            }
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A parameter value: quoted when it holds `:`, `;` or `,`; quotes and control characters, which
/// a parameter cannot carry, dropped. IANA zone names never need it; it keeps a bad one harmless.
fn param_value(value: &str) -> String {
    let clean: String = value
        .chars()
        .filter(|c| *c != '"' && !c.is_control())
        .collect();
    if clean.contains([':', ';', ',']) {
        format!("\"{clean}\"")
    } else {
        clean
    }
}

/// Folds one content line into lines of at most [`MAX_LINE_OCTETS`] octets, each continuation
/// starting with a space, never splitting a UTF-8 character; every line ends with CRLF.
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 64 * 3 + 2);
    let mut rest = line;
    let mut room = MAX_LINE_OCTETS;
    while rest.len() > room {
        let mut cut = room;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        // Some parsers trim trailing whitespace off each physical line (ical-rs does), which
        // would eat a space at the end of a segment: end segments before whitespace instead.
        let trimmed = rest[..cut].trim_end_matches([' ', '\t']).len();
        if trimmed > 0 {
            cut = trimmed;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        // The leading space of a continuation line counts towards its 75 octets.
        room = MAX_LINE_OCTETS - 1;
    }
    out.push_str(rest);
    out.push_str("\r\n");
    out
}

/// Collects content lines and folds them on [`Writer::finish`].
struct Writer {
    lines: Vec<String>,
}

impl Writer {
    fn calendar() -> Self {
        let mut writer = Writer { lines: Vec::new() };
        for line in [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            &format!("PRODID:{PRODID}"),
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
        ] {
            writer.raw(line);
        }
        writer
    }

    /// A line whose value is already in its final form (no escaping).
    fn raw(&mut self, line: &str) {
        self.lines.push(line.to_owned());
    }

    /// `NAME:value` with the value escaped as TEXT.
    fn text(&mut self, name: &str, value: &str) {
        self.lines.push(format!("{name}:{}", escape_text(value)));
    }

    fn finish(mut self) -> String {
        self.raw("END:VCALENDAR");
        self.lines.iter().map(|line| fold(line)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_are_written_as_rfc_5545_utc_offsets() {
        for (seconds, text) in [
            (3600, "+0100"),
            (7200, "+0200"),
            (0, "+0000"),
            (-18000, "-0500"),
            (19800, "+0530"),
            (-34200, "-0930"),
            (45900, "+1245"),
            (3208, "+005328"),
        ] {
            assert_eq!(utc_offset(seconds), text, "{seconds}");
        }
    }

    #[test]
    fn parameter_values_with_separators_are_quoted() {
        assert_eq!(param_value("Europe/Berlin"), "Europe/Berlin");
        assert_eq!(param_value("Etc/GMT+5"), "Etc/GMT+5");
        assert_eq!(param_value("a:b"), "\"a:b\"");
        assert_eq!(param_value("a\"b\n"), "ab");
    }
}
