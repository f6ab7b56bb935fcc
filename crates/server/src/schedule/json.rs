//! `schedule.json`: the [`Schedule`] in the c3voc JSON Schema's shape (vendored in
//! `crates/server/tests/c3voc/`), with the fields it requires even where we have nothing to say
//! (`persons: []`, `track: null`) and the deprecated ones apps still read (`start`, `duration`).

use serde_json::{json, Value};

use super::{hours_minutes, Day, Entry, Room, Schedule};

/// Where the format's JSON Schema lives, as its `$id` names it.
const SCHEMA: &str = "https://c3voc.de/schedule/schema.json";

/// The whole file, pretty-printed (people read these too).
pub fn to_json(schedule: &Schedule) -> String {
    let mut conference = json!({
        "acronym": schedule.acronym,
        "title": schedule.title,
        "description": schedule.description,
        "start": schedule.start.to_string(),
        "end": schedule.end.to_string(),
        "daysCount": schedule.days.len(),
        "timeslot_duration": schedule.timeslot,
        "rooms": schedule.rooms.iter().map(room).collect::<Vec<_>>(),
        "days": schedule.days.iter().map(day).collect::<Vec<_>>(),
    });
    if let Some(zone) = &schedule.time_zone {
        conference["time_zone_name"] = json!(zone);
    }
    if let Some(url) = &schedule.url {
        conference["url"] = json!(url);
    }
    let file = json!({
        "$schema": SCHEMA,
        "generator": { "name": "event-hub", "version": env!("CARGO_PKG_VERSION") },
        "schedule": {
            "version": schedule.version,
            "conference": conference,
        },
    });
    serde_json::to_string_pretty(&file).unwrap_or_default() + "\n"
}

fn room(room: &Room) -> Value {
    json!({
        "name": room.name,
        "guid": room.guid.to_string(),
        "description": room.description,
    })
}

fn day(day: &Day) -> Value {
    let rooms: serde_json::Map<String, Value> = day
        .rooms
        .iter()
        .map(|(name, entries)| (name.clone(), entries.iter().map(entry).collect()))
        .collect();
    json!({
        "index": day.index,
        "date": day.date.to_string(),
        "day_start": day.start.to_rfc3339(),
        "day_end": day.end.to_rfc3339(),
        "rooms": rooms,
    })
}

fn entry(entry: &Entry) -> Value {
    json!({
        "guid": entry.guid.to_string(),
        "id": entry.id,
        "date": entry.date.to_rfc3339(),
        "start": entry.date.format("%H:%M").to_string(),
        "end": entry.end.to_rfc3339(),
        "duration": hours_minutes(entry.duration),
        "room": entry.room,
        "slug": entry.slug,
        "url": entry.url,
        "title": entry.title,
        "subtitle": entry.subtitle,
        "track": null,
        "type": entry.kind,
        "language": entry.language,
        "abstract": entry.abstract_text,
        "description": entry.description,
        "persons": [],
        "links": entry
            .links
            .iter()
            .map(|(url, title)| json!({ "url": url, "title": title }))
            .collect::<Vec<_>>(),
    })
}
