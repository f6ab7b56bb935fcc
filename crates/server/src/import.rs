//! `hub import FILE`: a c3voc `schedule.json` — what pretalx and frab export — as an event file
//! that `hub check` accepts: rooms become places, talks become sessions, times keep their
//! instants in the schedule's time zone. What the event file has no field for (speakers'
//! biographies, tracks, recording licences, attachments) is listed on standard error, so the
//! organizer knows what to add by hand; speakers' names, a talk's page and its links go into
//! the session's description, where attendees read them.
//!
//! When the schedule's own zone disagrees with the offsets of its times (pretalx's demo says
//! `UTC` and writes `+01:00`), the instants win: the times are written in the schedule's zone,
//! which shows the same moments, and the note names `--time-zone` for a better zone.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, Utc};
use event_model::tzdb::Tzdb;
use event_model::zone::{resolve, to_local, Resolution, ZoneRules};
use event_model::{check_event, LocalDateTime};
use serde_json::{json, Value};

use crate::check::format_problem;

/// What an import made: the event file and what it could not carry over.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The event file, as JSON.
    pub event: Value,
    /// One line per thing left behind, for the organizer.
    pub notes: Vec<String>,
}

/// Why a schedule cannot be imported at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    #[error("not JSON: {0}")]
    NotJson(String),
    #[error(
        "{0} is missing: a c3voc schedule.json has `schedule.conference` with `title` and `days`"
    )]
    Missing(&'static str),
    #[error("`{0}` is not a time zone the hub knows; pass an IANA zone such as Europe/Berlin with --time-zone")]
    UnknownZone(String),
}

/// One talk as read from the schedule.
struct Talk {
    start: DateTime<FixedOffset>,
    end: DateTime<FixedOffset>,
    value: Value,
}

/// Imports the schedule `text`; `zone` overrides the schedule's `time_zone_name`.
pub fn import(text: &str, zone: Option<&str>) -> Result<Imported, ImportError> {
    let root: Value =
        serde_json::from_str(text).map_err(|error| ImportError::NotJson(error.to_string()))?;
    let conference = root
        .pointer("/schedule/conference")
        .ok_or(ImportError::Missing("schedule.conference"))?;
    let title = string(conference, "title").ok_or(ImportError::Missing("conference.title"))?;
    let days = conference
        .get("days")
        .and_then(Value::as_array)
        .ok_or(ImportError::Missing("conference.days"))?;
    let mut notes = Vec::new();

    let declared = string(conference, "time_zone_name");
    let zone = match zone.or(declared.as_deref()) {
        Some(zone) if Tzdb.is_known(zone) => zone.to_owned(),
        Some(zone) => return Err(ImportError::UnknownZone(zone.to_owned())),
        None => {
            notes.push("the schedule names no time zone: the times are written in UTC; pass --time-zone for the event's own".to_owned());
            "UTC".to_owned()
        }
    };

    // Rooms: the conference's list first (its order), then any only the days name.
    let mut room_names: Vec<String> = conference
        .get("rooms")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|room| string(room, "name"))
        .collect();
    let mut talks: Vec<Talk> = Vec::new();
    let mut unreadable = 0;
    for day in days {
        for (room, entries) in day
            .get("rooms")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            if !room_names.contains(room) {
                room_names.push(room.clone());
            }
            for entry in entries.as_array().into_iter().flatten() {
                let Some((start, end)) = talk_times(entry) else {
                    unreadable += 1;
                    continue;
                };
                let value = with_room(entry, room);
                // A talk may name a room of its own that neither list has: a place too.
                if let Some(own) = string(&value, "room").filter(|own| !room_names.contains(own)) {
                    room_names.push(own);
                }
                talks.push(Talk { start, end, value });
            }
        }
    }
    if unreadable > 0 {
        notes.push(format!(
            "{unreadable} talks have no readable `date` and `duration` and were left out"
        ));
    }
    talks.sort_by_key(|talk| (talk.start, talk.end));

    let mut ids = Ids::default();
    let place_ids: BTreeMap<String, String> = room_names
        .iter()
        .map(|name| (name.clone(), ids.take(name, "room")))
        .collect();
    let places: Vec<Value> = room_names
        .iter()
        .map(|name| {
            let mut place = json!({ "id": place_ids[name], "kind": "other", "name": name });
            let description = conference
                .get("rooms")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .find(|room| string(room, "name").as_deref() == Some(name))
                .and_then(|room| string(room, "description"));
            if let Some(notes) = description.filter(|d| !d.trim().is_empty()) {
                place["notes"] = json!(notes);
            }
            place
        })
        .collect();

    let mut left_behind: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut languages: BTreeMap<String, usize> = BTreeMap::new();
    let mut mismatched = None;
    let mut sessions = Vec::new();
    for talk in &talks {
        let entry = &talk.value;
        let title = string(entry, "title").unwrap_or_else(|| "Untitled".to_owned());
        let slug = string(entry, "slug")
            .or_else(|| string(entry, "guid"))
            .unwrap_or_else(|| title.clone());
        let id = ids.take(&slug, "session");
        let (start, start_offset) = local(&zone, talk.start);
        let (end, _) = local(&zone, talk.end);
        if start_offset != talk.start.offset().local_minus_utc() {
            mismatched.get_or_insert(talk.start);
        }
        let mut session = json!({
            "id": id,
            "title": clip(&title, event_model::validate::MAX_TITLE_CHARS),
            "kind": kind(string(entry, "type").as_deref()),
            "start": start,
            "end": end,
        });
        if let Some(room) = string(entry, "room") {
            if let Some(id) = place_ids.get(&room) {
                session["place"] = json!(id);
            }
        }
        let description = description(entry);
        if !description.is_empty() {
            session["description"] = json!(description);
        }
        if let Some(language) = string(entry, "language").filter(|l| !l.is_empty()) {
            *languages.entry(language).or_default() += 1;
        }
        for (field, what) in [
            ("track", "tracks"),
            ("recording_license", "recording licences"),
            ("do_not_record", "recording opt-outs"),
            ("attachments", "attachments"),
            ("logo", "logos"),
        ] {
            if entry.get(field).is_some_and(has_content) {
                *left_behind.entry(what).or_default() += 1;
            }
        }
        if persons(entry)
            .iter()
            .any(|person| person.get("biography").is_some_and(has_content))
        {
            *left_behind.entry("speaker biographies").or_default() += 1;
        }
        sessions.push(session);
    }
    if let Some(at) = mismatched {
        notes.push(format!(
            "the schedule's zone `{zone}` does not have the offset its times carry ({}): the times are written in `{zone}` and mean the same moments; pass --time-zone with the event's real zone to see its wall-clock times",
            at.format("%Y-%m-%dT%H:%M%:z")
        ));
    }
    for (what, count) in &left_behind {
        notes.push(format!(
            "{what} of {count} talks are not carried over: the event file has no field for them"
        ));
    }

    let (start, end) = event_span(&zone, &talks, conference);
    let acronym = string(conference, "acronym").unwrap_or_else(|| title.clone());
    let mut event = json!({
        "$schema": "../schema/event.schema.json",
        "schema_version": 1,
        "id": Ids::default().take(&acronym, "event"),
        "title": clip(&title, event_model::validate::MAX_TITLE_CHARS),
        "time_zone": zone,
        "start": start,
        "end": end,
    });
    let object = event
        .as_object_mut()
        .ok_or(ImportError::Missing("schedule"))?;
    if let Some(description) = string(conference, "description").filter(|d| !d.trim().is_empty()) {
        object.insert("summary".to_owned(), json!(description));
    }
    if let Some((language, _)) = languages.iter().max_by_key(|(_, count)| **count) {
        if event_model::text::is_language_code(language) {
            object.insert("default_language".to_owned(), json!(language));
        }
    }
    if let Some(url) = string(conference, "url").filter(|url| is_web(url)) {
        object.insert(
            "links".to_owned(),
            json!([{ "kind": "website", "url": url }]),
        );
    }
    object.insert("places".to_owned(), Value::Array(places));
    object.insert("sessions".to_owned(), Value::Array(sessions));
    Ok(Imported { event, notes })
}

/// A talk's start and end: `date` with its offset, and `end`, else `date` plus `duration`.
fn talk_times(entry: &Value) -> Option<(DateTime<FixedOffset>, DateTime<FixedOffset>)> {
    let start = DateTime::parse_from_rfc3339(&string(entry, "date")?).ok()?;
    let end = match string(entry, "end").and_then(|end| DateTime::parse_from_rfc3339(&end).ok()) {
        Some(end) => end,
        None => {
            let duration = string(entry, "duration")?;
            let mut parts = duration.split(':').map(str::parse::<i64>);
            let (Some(Ok(hours)), Some(Ok(minutes))) = (parts.next(), parts.next()) else {
                return None;
            };
            start + Duration::minutes(hours * 60 + minutes)
        }
    };
    (end >= start).then_some((start, end))
}

/// `entry` with `room` set from the day's key when it lacks its own.
fn with_room(entry: &Value, room: &str) -> Value {
    let mut entry = entry.clone();
    if string(&entry, "room").is_none() {
        entry["room"] = json!(room);
    }
    entry
}

/// `instant` as the event file writes it in `zone`: `YYYY-MM-DDTHH:MM`, with the offset only
/// when the wall-clock time happens twice there (a DST fold), and the offset in force.
fn local(zone: &str, instant: DateTime<FixedOffset>) -> (String, i32) {
    let instant = instant.with_timezone(&Utc);
    let Some((local, offset)) = to_local(&Tzdb, zone, instant) else {
        return (instant.format("%Y-%m-%dT%H:%M").to_string(), 0);
    };
    let text = local.format("%Y-%m-%dT%H:%M").to_string();
    let reading = resolve(
        &Tzdb,
        zone,
        LocalDateTime {
            local,
            offset: None,
        },
    );
    match reading {
        Resolution::Ambiguous(..) => (
            format!("{text}{}", event_model::time::format_offset(offset, ":")),
            offset,
        ),
        _ => (text, offset),
    }
}

/// The event's start and end: its talks' span, else the conference's dates as whole days.
fn event_span(zone: &str, talks: &[Talk], conference: &Value) -> (String, String) {
    let first = talks.iter().map(|t| t.start).min();
    let last = talks.iter().map(|t| t.end).max();
    if let (Some(first), Some(last)) = (first, last) {
        return (local(zone, first).0, local(zone, last).0);
    }
    let date = |field| {
        string(conference, field)
            .and_then(|d| NaiveDate::parse_from_str(d.get(..10)?, "%Y-%m-%d").ok())
    };
    let start = date("start").unwrap_or_default();
    let end = date("end").unwrap_or(start);
    (format!("{start}T00:00"), format!("{end}T23:59"))
}

/// The format's session types, in the event file's kinds.
fn kind(kind: Option<&str>) -> &'static str {
    match kind.map(str::to_ascii_lowercase).as_deref() {
        Some("workshop" | "hands-on" | "project" | "work") => "work",
        Some("break" | "pause") => "break",
        Some("meal" | "lunch" | "dinner") => "meal",
        Some("social" | "party" | "game" | "meetup") => "social",
        _ => "talk",
    }
}

/// What attendees read about a talk: subtitle, abstract, description, speakers, its page and
/// its links — as Markdown, since both formats carry Markdown there.
fn description(entry: &Value) -> String {
    let mut parts: Vec<String> = ["subtitle", "abstract", "description"]
        .into_iter()
        .filter_map(|field| string(entry, field))
        .map(|text| text.trim().to_owned())
        .filter(|text| !text.is_empty())
        .collect();
    parts.dedup();
    let names: Vec<String> = persons(entry)
        .iter()
        .filter_map(|p| string(p, "name").or_else(|| string(p, "public_name")))
        .collect();
    if !names.is_empty() {
        parts.push(format!("Speakers: {}", names.join(", ")));
    }
    let mut links: Vec<String> = Vec::new();
    if let Some(url) = string(entry, "url").filter(|url| is_web(url)) {
        links.push(format!("- [Talk page]({url})"));
    }
    for link in entry
        .get("links")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        if let Some(url) = string(link, "url").filter(|url| is_web(url)) {
            let title = string(link, "title").unwrap_or_else(|| url.clone());
            links.push(format!("- [{}]({url})", title.replace(['[', ']'], "")));
        }
    }
    if !links.is_empty() {
        parts.push(links.join("\n"));
    }
    parts.join("\n\n")
}

fn persons(entry: &Value) -> Vec<Value> {
    entry
        .get("persons")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default()
}

fn string(value: &Value, field: &str) -> Option<String> {
    value.get(field)?.as_str().map(str::to_owned)
}

fn has_content(value: &Value) -> bool {
    match value {
        Value::Null | Value::Bool(false) => false,
        Value::String(text) => !text.trim().is_empty(),
        Value::Array(items) => !items.is_empty(),
        Value::Object(map) => !map.is_empty(),
        _ => true,
    }
}

fn is_web(url: &str) -> bool {
    (url.starts_with("https://") || url.starts_with("http://"))
        && event_model::safe_url::is_safe_url(url)
}

fn clip(text: &str, chars: usize) -> String {
    text.chars().take(chars).collect()
}

/// Event-file ids made from names, each once.
#[derive(Default)]
struct Ids(Vec<String>);

impl Ids {
    /// A slug of `name` (`Gray Room` → `gray-room`), `fallback` when nothing is left of it, with
    /// `-2`, `-3`… when taken.
    fn take(&mut self, name: &str, fallback: &str) -> String {
        let mut slug = String::new();
        for c in name.chars().flat_map(char::to_lowercase) {
            if c.is_ascii_lowercase() || c.is_ascii_digit() {
                slug.push(c);
            } else if !slug.is_empty() && !slug.ends_with('-') {
                slug.push('-');
            }
        }
        let mut slug: String = slug.trim_end_matches('-').chars().take(72).collect();
        slug = slug.trim_end_matches('-').to_owned();
        if slug.is_empty() {
            slug = fallback.to_owned();
        }
        let mut id = slug.clone();
        let mut n = 2;
        while self.0.contains(&id) {
            id = format!("{slug}-{n}");
            n += 1;
        }
        self.0.push(id.clone());
        id
    }
}

/// Runs `hub import`: the event file to `output` (standard output without one), the notes and
/// any problem `hub check` would report on standard error; exit 1 when the result is not valid.
pub fn run(file: &Path, output: Option<&PathBuf>, zone: Option<&str>) -> ExitCode {
    let name = file.display().to_string();
    let text = if name == crate::check::STDIN_ARG {
        let mut text = String::new();
        match std::io::Read::read_to_string(&mut std::io::stdin(), &mut text) {
            Ok(_) => text,
            Err(error) => {
                eprintln!("<stdin>: cannot read: {error}");
                return ExitCode::FAILURE;
            }
        }
    } else {
        match std::fs::read_to_string(file) {
            Ok(text) => text,
            Err(error) => {
                eprintln!("{name}: cannot read: {error}");
                return ExitCode::FAILURE;
            }
        }
    };
    let imported = match import(&text, zone) {
        Ok(imported) => imported,
        Err(error) => {
            eprintln!("{name}: {error}");
            return ExitCode::FAILURE;
        }
    };
    let body = serde_json::to_string_pretty(&imported.event).unwrap_or_default() + "\n";
    for note in &imported.notes {
        eprintln!("note: {note}");
    }
    let out_name = output.map_or("<stdout>".to_owned(), |p| p.display().to_string());
    let checked = check_event(&body, &Tzdb);
    let errors: Vec<String> = checked
        .errors()
        .map(|problem| format_problem(&out_name, problem))
        .collect();
    match output {
        Some(path) => {
            if let Err(error) = std::fs::write(path, &body) {
                eprintln!("{out_name}: cannot write: {error}");
                return ExitCode::FAILURE;
            }
        }
        None => print!("{body}"),
    }
    let sessions = imported.event["sessions"].as_array().map_or(0, Vec::len);
    let places = imported.event["places"].as_array().map_or(0, Vec::len);
    if errors.is_empty() {
        eprintln!("imported {sessions} sessions in {places} places into {out_name}; `hub check` accepts it");
        ExitCode::SUCCESS
    } else {
        for line in errors {
            eprintln!("{line}");
        }
        eprintln!("{out_name}: imported, but fix the errors above before publishing it");
        ExitCode::FAILURE
    }
}
