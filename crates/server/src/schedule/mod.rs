//! The event as a c3voc schedule — the frab / pretalx exchange format that conference apps
//! (EventFahrplan, Giggity, ConfClerk) and the FOSS conference world's recording and navigation
//! tools load. [`Schedule::of`] turns a checked event into the format's shape once; `json` and
//! `xml` write that shape as `schedule.json` and `schedule.xml`, so the two never disagree.
//!
//! What the format cannot say is said in its own fields: a session whose time is to be confirmed
//! gets "Time to be confirmed (…)." as its subtitle and first line of its abstract; a session
//! without a place is in a room named "Place to be announced". Sessions belong to the day they
//! start on in the event's zone; a duration is elapsed time, so a session across a DST change
//! lasts as long as it really does.
//!
//! Identifiers never change between exports: every GUID is a version-5 UUID of the event id and
//! the session (or place) id, and the numeric `id` the format still requires comes from the GUID.

mod json;
mod markdown;
mod response;
mod xml;

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, NaiveTime, Utc};
use event_model::agenda::{days, timeline};
use event_model::ics::event_url;
use event_model::safe_url::is_safe_url;
use event_model::zone::{to_instant, to_local, ZoneRules};
use event_model::{Event, Language, LocalDateTime, Message, SessionKind};
use uuid::Uuid;

pub use json::to_json;
pub use response::schedule;
pub use xml::to_xml;

/// The two files of the format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Xml,
}

impl Format {
    /// The format of a file name: `schedule.json` or `schedule.xml`.
    pub fn of_file(name: &str) -> Option<Format> {
        match name {
            "schedule.json" => Some(Format::Json),
            "schedule.xml" => Some(Format::Xml),
            _ => None,
        }
    }

    pub fn write(self, schedule: &Schedule) -> String {
        match self {
            Format::Json => to_json(schedule),
            Format::Xml => to_xml(schedule),
        }
    }

    /// The media type it is served with.
    pub fn content_type(self) -> &'static str {
        match self {
            Format::Json => "application/json; charset=utf-8",
            Format::Xml => "application/xml; charset=utf-8",
        }
    }
}

/// The namespace of every GUID the hub derives: itself a v5 UUID of the hub's name, fixed so
/// that GUIDs are the same on every machine and in every release.
fn namespace() -> Uuid {
    Uuid::new_v5(&Uuid::NAMESPACE_URL, b"urn:event-hub:schedule")
}

/// The GUID of session (or, with `kind` "place", room) `id` of event `event_id`.
pub fn guid(event_id: &str, kind: &str, id: &str) -> Uuid {
    Uuid::new_v5(&namespace(), format!("{event_id}/{kind}/{id}").as_bytes())
}

/// The name of the room for sessions without a place, in the export's language. Here rather than
/// in the app's message table: only exports say it.
pub fn unplaced_room(language: Language) -> &'static str {
    match language {
        Language::En => "Place to be announced",
        Language::De => "Ort wird noch bekannt gegeben",
    }
}

/// The whole export, in the format's terms.
#[derive(Debug, Clone, PartialEq)]
pub struct Schedule {
    /// Changes when the event file's content does, so apps know to reload.
    pub version: String,
    pub acronym: String,
    pub title: String,
    /// The event's summary, as Markdown.
    pub description: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
    /// The IANA zone, when it has the shape the JSON Schema allows (`Area/City` or `UTC`).
    pub time_zone: Option<String>,
    /// Where the event's page is (absolute), when known.
    pub url: Option<String>,
    /// The smallest step of the agenda's grid, `HH:MM`.
    pub timeslot: String,
    pub rooms: Vec<Room>,
    pub days: Vec<Day>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Room {
    pub name: String,
    pub guid: Uuid,
    /// The place's address.
    pub description: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Day {
    /// 1 for the first day.
    pub index: u32,
    pub date: NaiveDate,
    pub start: DateTime<FixedOffset>,
    pub end: DateTime<FixedOffset>,
    /// Rooms in the order of the event's places, each with its sessions by start time; only the
    /// rooms that have sessions that day.
    pub rooms: Vec<(String, Vec<Entry>)>,
}

/// One session, as the format calls it: an "event".
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub id: u32,
    pub guid: Uuid,
    pub date: DateTime<FixedOffset>,
    /// With the offset in force then, which differs from the start's across a DST change.
    pub end: DateTime<FixedOffset>,
    pub duration: Duration,
    pub room: String,
    pub slug: String,
    /// Absolute: the session on the event's page, or `urn:uuid:` of its GUID without a page.
    pub url: String,
    pub title: String,
    pub subtitle: String,
    /// `talk`, `workshop`, `break`, `meal`, `social`, `other`.
    pub kind: &'static str,
    pub language: String,
    /// Plain text: the time note, then the description.
    pub abstract_text: String,
    /// The description as safe Markdown (only safe links, no HTML).
    pub description: String,
    /// `(url, title)`: the description's links, then those of the topics held in the session.
    pub links: Vec<(String, String)>,
}

impl Schedule {
    /// The schedule of a checked `event` (already localized into `language`), whose page is at
    /// `page` when known. `None` when the rules do not know the event's zone.
    pub fn of(
        event: &Event,
        rules: &dyn ZoneRules,
        language: Language,
        page: Option<&str>,
    ) -> Option<Schedule> {
        let zone = event.time_zone.as_str();
        let page = page
            .or(event.url.as_deref())
            .filter(|url| is_safe_url(url) && url.starts_with("http"));
        let timeline = timeline(event, rules);
        let grouped = days(&timeline, rules, zone);
        let first = grouped
            .first()
            .map_or(event.start.local.date(), |day| day.date)
            .min(event.start.local.date());
        let last = grouped
            .last()
            .map_or(event.end.local.date(), |day| day.date)
            .max(event.end.local.date());
        let rooms = rooms(event, language);
        let acronym = acronym(&event.id);
        let mut ids = Vec::new();
        let mut schedule_days = Vec::new();
        for (offset, date) in last
            .signed_duration_since(first)
            .num_days()
            .checked_add(1)
            .into_iter()
            .flat_map(|count| 0..count)
            .filter_map(|n| Some((n, first.checked_add_signed(Duration::days(n))?)))
        {
            let sessions = grouped
                .iter()
                .find(|day| day.date == date)
                .map_or(&[][..], |day| &day.sessions[..]);
            let day_start = local_instant(rules, zone, date)?;
            let next_midnight = local_instant(rules, zone, date.succ_opt()?)?;
            let day_end = sessions
                .iter()
                .map(|t| t.end)
                .fold(next_midnight, DateTime::max);
            let mut by_room: Vec<(String, Vec<Entry>)> = Vec::new();
            for timed in sessions {
                let session = &event.sessions[timed.index];
                let room = session
                    .place
                    .as_deref()
                    .and_then(|id| event.place(id))
                    .map_or_else(
                        || unplaced_room(language).to_owned(),
                        |p| p.name.to_string(),
                    );
                let guid = guid(&event.id, "session", &session.id);
                let entry = Entry {
                    id: numeric_id(&guid, &mut ids),
                    guid,
                    date: with_offset(rules, zone, timed.start)?,
                    end: with_offset(rules, zone, timed.end)?,
                    duration: timed.end - timed.start,
                    room: room.clone(),
                    slug: slug(&acronym, &session.id),
                    url: match page {
                        Some(page) => format!("{page}#eh-session-{}", session.id),
                        None => guid.urn().to_string(),
                    },
                    title: session.title.to_string(),
                    subtitle: time_note(session, language).unwrap_or_default(),
                    kind: kind(session.kind),
                    language: text_language(&session.title, event, language),
                    abstract_text: abstract_text(session, language),
                    description: session
                        .description
                        .as_deref()
                        .map(markdown::safe_markdown)
                        .unwrap_or_default(),
                    links: links(event, &session.id, session.description.as_deref()),
                };
                match by_room.iter_mut().find(|(name, _)| *name == room) {
                    Some((_, entries)) => entries.push(entry),
                    None => by_room.push((room, vec![entry])),
                }
            }
            // Rooms in the order of the conference's room list.
            by_room.sort_by_key(|(name, _)| rooms.iter().position(|r| r.name == *name));
            schedule_days.push(Day {
                index: u32::try_from(offset + 1).ok()?,
                date,
                start: with_offset(rules, zone, day_start)?,
                end: with_offset(rules, zone, day_end)?,
                rooms: by_room,
            });
        }
        Some(Schedule {
            version: version(event),
            acronym,
            title: event.title.to_string(),
            description: markdown::safe_markdown(&event.summary),
            start: first,
            end: last,
            time_zone: zone_name_in_schema(zone).then(|| zone.to_owned()),
            url: page.map(str::to_owned).or_else(|| {
                event_url(event)
                    .filter(|url| url.starts_with("http"))
                    .map(str::to_owned)
            }),
            timeslot: timeslot(&schedule_days),
            rooms,
            days: schedule_days,
        })
    }
}

/// The rooms: every place that has a session, in file order, then the room of sessions without
/// a place when there are any.
fn rooms(event: &Event, language: Language) -> Vec<Room> {
    let mut rooms: Vec<Room> = event
        .places
        .iter()
        .filter(|place| {
            event
                .sessions
                .iter()
                .any(|s| s.place.as_deref() == Some(&place.id))
        })
        .map(|place| Room {
            name: place.name.to_string(),
            guid: guid(&event.id, "place", &place.id),
            description: place.address.as_deref().map(str::to_owned),
        })
        .collect();
    if event.sessions.iter().any(|s| s.place.is_none()) {
        rooms.push(Room {
            name: unplaced_room(language).to_owned(),
            guid: guid(&event.id, "place", ""),
            description: None,
        });
    }
    rooms
}

/// The format's acronym: `^[a-z0-9_-][a-z0-9_]{3,}…` in the JSON Schema, so after its first
/// character an event id's `-` become `_` (`scs-hackathon-3` → `scs_hackathon_3`); short ids are
/// padded with `_`.
pub fn acronym(event_id: &str) -> String {
    let mut acronym: String = event_id
        .chars()
        .enumerate()
        .map(|(at, c)| if at > 0 && c == '-' { '_' } else { c })
        .collect();
    while acronym.len() < 4 {
        acronym.push('_');
    }
    acronym
}

/// `acronym-session`, which both schemas accept: the session part at least four characters and
/// ending in a letter or digit (session ids are slugs, so only their length needs help).
fn slug(acronym: &str, session_id: &str) -> String {
    let session = session_id.trim_end_matches(['-', '_']).replace('_', "-");
    let session = if session.len() < 4 {
        format!("session-{session}")
    } else {
        session
    };
    format!("{acronym}-{session}")
}

/// A positive 31-bit number from the GUID, moved on past numbers already taken: the format still
/// requires a unique integer `id` beside the GUID.
fn numeric_id(guid: &Uuid, taken: &mut Vec<u32>) -> u32 {
    let bytes = guid.as_bytes();
    let mut id = u32::from_be_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]) & 0x7fff_ffff;
    while id == 0 || taken.contains(&id) {
        id = id.wrapping_add(1) & 0x7fff_ffff;
    }
    taken.push(id);
    id
}

/// The first instant of `date` in `zone`: midnight, or the first minute after a gap at midnight.
fn local_instant(rules: &dyn ZoneRules, zone: &str, date: NaiveDate) -> Option<DateTime<Utc>> {
    to_instant(
        rules,
        zone,
        LocalDateTime {
            local: date.and_time(NaiveTime::MIN),
            offset: None,
        },
    )
}

/// `instant` as the event's wall clock with its offset, e.g. `2023-11-08T10:00:00+01:00`.
fn with_offset(
    rules: &dyn ZoneRules,
    zone: &str,
    instant: DateTime<Utc>,
) -> Option<DateTime<FixedOffset>> {
    let (_, offset) = to_local(rules, zone, instant)?;
    Some(instant.with_timezone(&FixedOffset::east_opt(offset)?))
}

/// What the format calls the kind of session.
fn kind(kind: SessionKind) -> &'static str {
    match kind {
        SessionKind::Talk => "talk",
        SessionKind::Work => "workshop",
        SessionKind::Break => "break",
        SessionKind::Meal => "meal",
        SessionKind::Social => "social",
        SessionKind::Arrival => "other",
    }
}

/// "Time to be confirmed (after the break)." for a tentative session.
fn time_note(session: &event_model::Session, language: Language) -> Option<String> {
    session.tentative?;
    Some(match &session.time_note {
        Some(note) => Message::TimeToBeConfirmedNoted.fill(language, &[note]),
        None => Message::TimeToBeConfirmedSentence.text(language).to_owned(),
    })
}

fn abstract_text(session: &event_model::Session, language: Language) -> String {
    let description = session
        .description
        .as_deref()
        .map(event_model::markdown::to_plain)
        .filter(|text| !text.is_empty());
    [time_note(session, language), description]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// The language the text is shown in: its own when it is not the reader's, else the export's.
fn text_language(text: &event_model::Text, event: &Event, language: Language) -> String {
    text.other_language()
        .or_else(|| {
            (!text.is_per_language())
                .then(|| event.default_language.clone())
                .flatten()
        })
        .unwrap_or_else(|| language.code().to_owned())
}

/// The description's links, then the links of topics held in the session, each once.
fn links(event: &Event, session_id: &str, description: Option<&str>) -> Vec<(String, String)> {
    let mut links = description.map(markdown::links).unwrap_or_default();
    for topic in event
        .topics
        .iter()
        .filter(|t| t.session.as_deref() == Some(session_id))
    {
        for link in &topic.links {
            if is_safe_url(&link.url) {
                links.push((
                    link.url.clone(),
                    format!("{}: {}", topic.title, link.label()),
                ));
            }
        }
    }
    let mut seen = Vec::new();
    links.retain(|(url, _)| {
        let new = !seen.contains(url);
        seen.push(url.clone());
        new
    });
    links
}

/// The JSON Schema's pattern for `time_zone_name`: `^([A-Z][a-z]+/[A-Z][a-z]+)|UTC$`.
fn zone_name_in_schema(zone: &str) -> bool {
    let word = |w: &str| {
        let mut chars = w.chars();
        chars.next().is_some_and(|c| c.is_ascii_uppercase())
            && chars.next().is_some_and(|c| c.is_ascii_lowercase())
    };
    zone.ends_with("UTC")
        || zone
            .split_once('/')
            .is_some_and(|(area, city)| word(area) && word(city))
}

/// The agenda's grid: the largest step of 5–60 minutes that every start and duration fits.
fn timeslot(days: &[Day]) -> String {
    use chrono::Timelike;
    let minutes = days
        .iter()
        .flat_map(|day| day.rooms.iter().flat_map(|(_, entries)| entries))
        .flat_map(|e| [i64::from(e.date.minute()), e.duration.num_minutes()]);
    let step = minutes
        .fold(60_i64, |step, m| gcd(step, m.rem_euclid(60)))
        .max(5);
    format!("00:{step:02}")
}

fn gcd(a: i64, b: i64) -> i64 {
    if b == 0 {
        a
    } else {
        gcd(b, a % b)
    }
}

/// A short fingerprint of the event's content (FNV-1a of its JSON): the same file gives the same
/// version, any edit a new one.
fn version(event: &Event) -> String {
    let json = serde_json::to_string(event).unwrap_or_default();
    let hash = json.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("{:08x}", hash >> 32)
}

/// `HH:MM` of a duration (hours may exceed 23).
pub fn hours_minutes(duration: Duration) -> String {
    let minutes = duration.num_minutes().max(0);
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

#[cfg(test)]
mod tests;
