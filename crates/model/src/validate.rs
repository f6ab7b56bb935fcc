//! The rules a structurally valid event must also follow: versions, ids and references, times that
//! exist in the zone and run forwards, safe URLs, coordinates on Earth and sane lengths.

use std::collections::HashSet;

use chrono::{DateTime, Utc};

use crate::event::{Event, Link, SCHEMA_VERSION};
use crate::problem::Problem;
use crate::safe_url::{is_safe_url, SAFE_SCHEMES};
use crate::time::{utc_label, LocalDateTime};
use crate::zone::{resolve, Resolution, ZoneRules};

/// Titles and names longer than this are refused: a page cannot show them and they are mistakes.
pub const MAX_TITLE_CHARS: usize = 200;
/// Markdown bodies longer than this are refused.
pub const MAX_TEXT_CHARS: usize = 50_000;
/// A session longer than this is probably a typo in a date.
const LONG_SESSION_HOURS: i64 = 12;

/// The problem of a file written for a schema version this hub does not understand.
pub(crate) fn unsupported_version(found: impl std::fmt::Display) -> Problem {
    Problem::error(
        "schema_version",
        format!(
            "this hub understands schema version {SCHEMA_VERSION}; the file is version {found} (update the hub, or write the file for version {SCHEMA_VERSION})"
        ),
    )
}

/// Every problem of `event`, errors and warnings, in file order.
pub fn validate(event: &Event, rules: &dyn ZoneRules) -> Vec<Problem> {
    let mut v = Validator {
        rules,
        problems: Vec::new(),
    };
    v.event(event);
    v.problems
}

struct Validator<'a> {
    rules: &'a dyn ZoneRules,
    problems: Vec<Problem>,
}

impl Validator<'_> {
    fn error(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.problems.push(Problem::error(path, message));
    }

    fn warning(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.problems.push(Problem::warning(path, message));
    }

    fn event(&mut self, event: &Event) {
        if event.schema_version != SCHEMA_VERSION {
            self.problems
                .push(unsupported_version(event.schema_version));
        }
        self.id("id", &event.id);
        self.title("title", &event.title);
        self.text("summary", &event.summary);
        let zone_known = self.zone(&event.time_zone);
        let span = if zone_known {
            self.span("", &event.time_zone, event.start, event.end)
        } else {
            None
        };
        self.links("links", &event.links);

        let place_ids = self.unique_ids("places", event.places.iter().map(|p| p.id.as_str()));
        for (i, place) in event.places.iter().enumerate() {
            let path = format!("places[{i}]");
            self.title(&format!("{path}.name"), &place.name);
            match (place.lat, place.lon) {
                (Some(lat), Some(lon)) => {
                    if !(-90.0..=90.0).contains(&lat) {
                        self.error(
                            format!("{path}.lat"),
                            format!("latitude {lat} is not between -90 and 90"),
                        );
                    }
                    if !(-180.0..=180.0).contains(&lon) {
                        self.error(
                            format!("{path}.lon"),
                            format!("longitude {lon} is not between -180 and 180"),
                        );
                    }
                }
                (Some(_), None) => {
                    self.error(format!("{path}.lon"), "a place with `lat` needs `lon` too")
                }
                (None, Some(_)) => {
                    self.error(format!("{path}.lat"), "a place with `lon` needs `lat` too")
                }
                (None, None) => self.warning(
                    &path,
                    "no coordinates (`lat`, `lon`): the page cannot link to a map",
                ),
            }
            if let Some(notes) = &place.notes {
                self.text(&format!("{path}.notes"), notes);
            }
            if let Some(url) = &place.url {
                self.url(&format!("{path}.url"), url);
            }
        }

        self.unique_ids("sessions", event.sessions.iter().map(|s| s.id.as_str()));
        for (i, session) in event.sessions.iter().enumerate() {
            let path = format!("sessions[{i}]");
            self.title(&format!("{path}.title"), &session.title);
            if let Some(place) = &session.place {
                self.reference(&format!("{path}.place"), place, &place_ids, "places");
            }
            if let Some(description) = &session.description {
                self.text(&format!("{path}.description"), description);
            }
            if !zone_known {
                continue;
            }
            if let (Some((start, end)), Some((event_start, event_end))) = (
                self.span(&path, &event.time_zone, session.start, session.end),
                span,
            ) {
                if end - start > chrono::Duration::hours(LONG_SESSION_HOURS) {
                    self.warning(
                        &path,
                        format!(
                            "the session lasts {} hours; is a date wrong?",
                            (end - start).num_hours()
                        ),
                    );
                }
                let outside = end <= event_start || start >= event_end;
                let days_away = (event_start - end)
                    .num_days()
                    .max((start - event_end).num_days());
                if outside && days_away > 7 {
                    self.warning(
                        &path,
                        "the session is more than a week away from the event's start and end",
                    );
                }
            }
        }

        self.unique_ids("topics", event.topics.iter().map(|t| t.id.as_str()));
        for (i, topic) in event.topics.iter().enumerate() {
            let path = format!("topics[{i}]");
            self.title(&format!("{path}.title"), &topic.title);
            match &topic.description {
                Some(description) => self.text(&format!("{path}.description"), description),
                None if topic.points.is_empty() => {
                    self.warning(&path, "the topic has neither `description` nor `points`")
                }
                None => {}
            }
            for (j, point) in topic.points.iter().enumerate() {
                self.title(&format!("{path}.points[{j}]"), point);
            }
            self.links(&format!("{path}.links"), &topic.links);
            if topic.capacity == Some(0) {
                self.error(
                    format!("{path}.capacity"),
                    "a capacity of 0 lets nobody sign up; use null for unlimited",
                );
            }
        }

        if let Some(api) = &event.signups.api {
            let relative = api.starts_with('/') && !api.starts_with("//");
            if !(relative || api.starts_with("https://") || api.starts_with("http://")) {
                self.error(
                    "signups.api",
                    "the sign-up API must be an http(s) URL or a path starting with `/`",
                );
            }
        }

        for (i, contact) in event.contacts.iter().enumerate() {
            let path = format!("contacts[{i}]");
            self.title(&format!("{path}.name"), &contact.name);
            if let Some(url) = &contact.url {
                self.url(&format!("{path}.url"), url);
            }
            if let Some(email) = &contact.email {
                let at = email.find('@');
                if !at.is_some_and(|at| at > 0 && at + 1 < email.len())
                    || email.contains(char::is_whitespace)
                {
                    self.error(
                        format!("{path}.email"),
                        format!("`{email}` is not an e-mail address"),
                    );
                }
            }
        }

        self.unique_ids("sections", event.sections.iter().map(|s| s.id.as_str()));
        for (i, section) in event.sections.iter().enumerate() {
            self.title(&format!("sections[{i}].title"), &section.title);
            self.text(&format!("sections[{i}].body"), &section.body);
        }

        for (i, host) in event.hosts.iter().enumerate() {
            self.title(&format!("hosts[{i}].name"), &host.name);
            if let Some(url) = &host.url {
                self.url(&format!("hosts[{i}].url"), url);
            }
        }
    }

    /// Ids appear in addresses (`/events/{id}`, `#topic-{id}`), so they are restricted to a slug.
    fn id(&mut self, path: &str, id: &str) -> bool {
        let ok = !id.is_empty()
            && id.len() <= 80
            && id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
            && !id.starts_with(['-', '_']);
        if !ok {
            self.error(
                path,
                format!("id `{}` must be 1–80 characters of a–z, 0–9, `-` and `_`, starting with a letter or digit", clip(id)),
            );
        }
        ok
    }

    fn unique_ids<'a>(
        &mut self,
        list: &str,
        ids: impl Iterator<Item = &'a str>,
    ) -> HashSet<&'a str> {
        let mut seen = HashSet::new();
        for (i, id) in ids.enumerate() {
            let path = format!("{list}[{i}].id");
            // Malformed ids are still known, so a reference to one is not reported a second time.
            if !self.id(&path, id) {
                seen.insert(id);
            } else if !seen.insert(id) {
                self.error(
                    path,
                    format!("id `{id}` is used twice in `{list}`; ids must be unique"),
                );
            }
        }
        seen
    }

    fn reference(&mut self, path: &str, id: &str, known: &HashSet<&str>, list: &str) {
        if !known.contains(id) {
            let suggestion = crate::suggest::closest(id, known.iter().copied())
                .map(|s| format!(" — did you mean `{s}`?"))
                .unwrap_or_default();
            self.error(
                path,
                format!(
                    "there is no entry with id `{}` in `{list}`{suggestion}",
                    clip(id)
                ),
            );
        }
    }

    fn title(&mut self, path: &str, text: &str) {
        if text.trim().is_empty() {
            self.error(path, "must not be empty");
        } else if text.chars().count() > MAX_TITLE_CHARS {
            self.error(
                path,
                format!(
                    "is {} characters long; at most {MAX_TITLE_CHARS} fit",
                    text.chars().count()
                ),
            );
        }
    }

    fn text(&mut self, path: &str, text: &str) {
        if text.chars().count() > MAX_TEXT_CHARS {
            self.error(
                path,
                format!(
                    "is {} characters long; at most {MAX_TEXT_CHARS} are allowed",
                    text.chars().count()
                ),
            );
        }
    }

    fn links(&mut self, path: &str, links: &[Link]) {
        for (i, link) in links.iter().enumerate() {
            self.url(&format!("{path}[{i}].url"), &link.url);
            if let Some(title) = &link.title {
                self.title(&format!("{path}[{i}].title"), title);
            }
        }
    }

    fn url(&mut self, path: &str, url: &str) {
        if !is_safe_url(url) {
            self.error(
                path,
                format!(
                    "`{}` is not an allowed link: use an absolute URL starting with {}:",
                    clip(url),
                    SAFE_SCHEMES.join(":, ")
                ),
            );
        }
    }

    fn zone(&mut self, zone: &str) -> bool {
        if self.rules.is_known(zone) {
            return true;
        }
        #[cfg(feature = "tzdb")]
        let hint = crate::suggest::closest(zone, crate::tzdb::zone_names())
            .map(|s| format!(" — did you mean `{s}`?"))
            .unwrap_or_default();
        #[cfg(not(feature = "tzdb"))]
        let hint = String::new();
        self.error(
            "time_zone",
            format!(
                "`{}` is not an IANA time zone such as `Europe/Berlin`{hint}",
                clip(zone)
            ),
        );
        false
    }

    /// Resolves `start` and `end` under `path` and checks that the span runs forwards.
    fn span(
        &mut self,
        path: &str,
        zone: &str,
        start: LocalDateTime,
        end: LocalDateTime,
    ) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
        let join = |field: &str| {
            if path.is_empty() {
                field.to_owned()
            } else {
                format!("{path}.{field}")
            }
        };
        let start_instant = self.instant(&join("start"), zone, start);
        let end_instant = self.instant(&join("end"), zone, end);
        let (start_instant, end_instant) = (start_instant?, end_instant?);
        if end_instant <= start_instant {
            self.error(
                join("end"),
                format!("ends at {end}, which is not after its start {start}"),
            );
            return None;
        }
        Some((start_instant, end_instant))
    }

    fn instant(&mut self, path: &str, zone: &str, time: LocalDateTime) -> Option<DateTime<Utc>> {
        match resolve(self.rules, zone, time) {
            Resolution::Unique(instant) => Some(instant),
            Resolution::Ambiguous(first, second) => {
                let offsets = [first, second]
                    .map(|instant| self.rules.offset_at(zone, instant).unwrap_or_default());
                self.error(
                    path,
                    format!(
                        "{time} happens twice in {zone} (clocks fall back); add the offset to pick one: {}{} or {}{}",
                        time,
                        crate::time::format_offset(offsets[0], ":"),
                        time,
                        crate::time::format_offset(offsets[1], ":"),
                    ),
                );
                None
            }
            Resolution::Gap { before, after } => {
                self.error(
                    path,
                    format!(
                        "{time} does not exist in {zone} (clocks skip {}→{}); use {} or later",
                        before.format("%H:%M"),
                        after.format("%H:%M"),
                        after.format("%Y-%m-%dT%H:%M"),
                    ),
                );
                None
            }
            Resolution::OffsetMismatch { expected } => {
                let expected: Vec<String> = expected.iter().map(|o| utc_label(*o)).collect();
                self.error(
                    path,
                    format!(
                        "the offset of {time} does not match {zone}, which is {} then",
                        expected.join(" or ")
                    ),
                );
                None
            }
            Resolution::UnknownZone => None,
        }
    }
}

/// Long values are shortened in messages so a 1 MB typo does not produce a 1 MB message.
fn clip(text: &str) -> String {
    const MAX: usize = 60;
    if text.chars().count() <= MAX {
        text.to_owned()
    } else {
        format!("{}…", text.chars().take(MAX).collect::<String>())
    }
}
