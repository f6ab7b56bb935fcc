//! The attendee's path from an event file's text to an [`Event`]: parse, then refuse what could
//! mislead or harm people — unsafe links, times that do not exist or happen twice, sessions that end
//! before they start, references to nothing, repeated ids — and nothing more.
//!
//! [`crate::check_event`] is the organizer's checker: it reports *every* problem with its JSON
//! path, line and column, with suggestions and warnings. That takes a second parse into a
//! `serde_json::Value`, `serde_path_to_error` and the position finder, which together are a large
//! share of a wasm bundle. An attendee's phone only needs to know whether the file can be shown;
//! when it cannot, the page loads the organizer checker for the full list and, if that fails too,
//! still has the first problem from here, with its line and column.

use crate::event::{Event, EventIndex};
use crate::parse::MAX_FILE_BYTES;
use crate::problem::Problem;
use crate::safe_url::is_safe_url;
use crate::time::LocalDateTime;
use crate::zone::{resolve, Resolution, ZoneRules};

/// The event in `text`, or the first reason it cannot be shown.
///
/// Every file [`crate::check_event`] accepts is accepted here, and every file with a problem in
/// its links, times, zone, ids or references there is refused here (the fixture corpus tests both).
/// What only the checker refuses — a title too long, an e-mail address without `@` — spoils no
/// one's day, and the organizer sees it in `hub check` and the editor.
pub fn read_event(text: &str, rules: &dyn ZoneRules) -> Result<Event, Problem> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.len() > MAX_FILE_BYTES {
        return Err(Problem::error(
            "",
            format!("the file is larger than {MAX_FILE_BYTES} bytes"),
        ));
    }
    let event: Event = serde_json::from_str(text).map_err(first_problem)?;
    match unsafe_part(&event, rules) {
        Some(path) => Err(Problem::error(
            path,
            "this value cannot be shown safely; the organizer checker explains why",
        )),
        None => Ok(event),
    }
}

/// Whether `tiles` is a template the page may load images from: a path on the page's own host,
/// an `https:` URL, or plain `http:` on this machine's loopback (a tile server beside the hub
/// while testing) — never `http:` over a network, `//host` or another scheme — with `{z}`, `{x}`
/// and `{y}`.
pub fn is_tile_template(tiles: &str) -> bool {
    let local = tiles.starts_with('/') && !tiles.starts_with("//");
    let loopback = [
        "http://127.0.0.1:",
        "http://127.0.0.1/",
        "http://localhost:",
        "http://localhost/",
    ]
    .iter()
    .any(|prefix| tiles.starts_with(prefix));
    (local || loopback || tiles.starts_with("https://"))
        && !tiles.contains(char::is_whitespace)
        && ["{z}", "{x}", "{y}"].iter().all(|p| tiles.contains(p))
}

/// Whether a place's image may be loaded: a path on the page's own host or an `https:` URL,
/// without spaces.
pub fn is_image_source(src: &str) -> bool {
    let local = src.starts_with('/') && !src.starts_with("//");
    (local || src.starts_with("https://")) && !src.contains(char::is_whitespace) && src.len() > 1
}

/// The JSON path of the first part of `event` that could mislead or harm an attendee.
///
/// Deliberately terse: the words for each problem are the organizer checker's job
/// ([`crate::validate`]); this only has to find that there is one, in few bytes of wasm.
fn unsafe_part(event: &Event, rules: &dyn ZoneRules) -> Option<String> {
    let zone = event.time_zone.as_str();
    if event.schema_version != crate::event::SCHEMA_VERSION {
        return Some("schema_version".to_owned());
    }
    if !ids_are_unique_slugs(&[event.id.as_str()]) {
        return Some("id".to_owned());
    }
    if let Some(api) = &event.signups.api {
        let relative = api.starts_with('/') && !api.starts_with("//");
        if !(relative || api.starts_with("https://") || api.starts_with("http://")) {
            return Some("signups.api".to_owned());
        }
    }
    if let Some(map) = &event.map {
        if !is_tile_template(&map.tiles) {
            return Some("map.tiles".to_owned());
        }
    }
    if event
        .places
        .iter()
        .filter_map(|p| p.image.as_ref())
        .any(|image| !is_image_source(&image.src))
    {
        return Some("places".to_owned());
    }
    if !rules.is_known(zone) {
        return Some("time_zone".to_owned());
    }
    if !resolves(rules, zone, event.start, event.end) {
        return Some("end".to_owned());
    }
    let bad_url = |url: &str| !is_safe_url(url) || url.contains(char::is_whitespace);
    let urls = event
        .links
        .iter()
        .map(|l| ("links", l.url.as_str()))
        .chain(event.url.as_deref().map(|url| ("url", url)))
        .chain(
            event
                .places
                .iter()
                .filter_map(|p| Some(("places", p.url.as_deref()?))),
        )
        .chain(
            event
                .contacts
                .iter()
                .filter_map(|c| Some(("contacts", c.url.as_deref()?))),
        )
        .chain(
            event
                .hosts
                .iter()
                .filter_map(|h| Some(("hosts", h.url.as_deref()?))),
        )
        .chain(event.map.iter().flat_map(|m| {
            [m.attribution_url.as_deref(), m.privacy_url.as_deref()]
                .into_iter()
                .flatten()
                .map(|url| ("map", url))
        }))
        .chain(
            event
                .topics
                .iter()
                .flat_map(|t| t.links.iter().map(|l| ("topics", l.url.as_str()))),
        );
    for (list, url) in urls {
        if bad_url(url) {
            return Some(list.to_owned());
        }
    }
    let places: Vec<&str> = event.places.iter().map(|p| p.id.as_str()).collect();
    let sessions: Vec<&str> = event.sessions.iter().map(|s| s.id.as_str()).collect();
    let topics: Vec<&str> = event.topics.iter().map(|t| t.id.as_str()).collect();
    let sections: Vec<&str> = event.sections.iter().map(|s| s.id.as_str()).collect();
    for (list, ids) in [
        ("places", &places),
        ("sessions", &sessions),
        ("topics", &topics),
        ("sections", &sections),
    ] {
        if !ids_are_unique_slugs(ids) {
            return Some(list.to_owned());
        }
    }
    for (i, place) in event.places.iter().enumerate() {
        // A map pin in the wrong place sends people to the wrong place.
        let pin = match (place.lat, place.lon) {
            (Some(lat), Some(lon)) => {
                (-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon)
            }
            (None, None) => true,
            _ => false,
        };
        if !pin {
            return Some(format!("places[{i}]"));
        }
    }
    for (i, session) in event.sessions.iter().enumerate() {
        let dangling = session
            .place
            .as_deref()
            .is_some_and(|p| !places.contains(&p));
        if dangling || !resolves(rules, zone, session.start, session.end) {
            return Some(format!("sessions[{i}]"));
        }
    }
    for (i, topic) in event.topics.iter().enumerate() {
        let dangling_place = topic.place.as_deref().is_some_and(|p| !places.contains(&p));
        let dangling_session = topic
            .session
            .as_deref()
            .is_some_and(|s| !sessions.contains(&s));
        if dangling_place || dangling_session || topic.capacity == Some(0) {
            return Some(format!("topics[{i}]"));
        }
    }
    if let Some(space) = &event.open_space {
        let dangling = space.rooms.iter().any(|r| !places.contains(&r.as_str()))
            || space.slots.iter().any(|s| !sessions.contains(&s.as_str()));
        if dangling || space.max_proposals == Some(0) {
            return Some("open_space".to_owned());
        }
    }
    None
}

/// Whether both times exist exactly once in `zone` and the end comes after the start.
fn resolves(rules: &dyn ZoneRules, zone: &str, start: LocalDateTime, end: LocalDateTime) -> bool {
    match (resolve(rules, zone, start), resolve(rules, zone, end)) {
        (Resolution::Unique(start), Resolution::Unique(end)) => end > start,
        _ => false,
    }
}

/// Ids end up in addresses and anchors: slugs, each once.
fn ids_are_unique_slugs(ids: &[&str]) -> bool {
    ids.iter().enumerate().all(|(i, id)| {
        let slug = !id.is_empty()
            && id.len() <= 80
            && !id.starts_with(['-', '_'])
            && id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_');
        slug && !ids[..i].contains(id)
    })
}

/// The events index in `text`, or the first reason it cannot be read.
pub fn read_index(text: &str) -> Result<EventIndex, Problem> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    serde_json::from_str(text).map_err(first_problem)
}

/// serde_json's error as a problem at its line and column.
fn first_problem(error: serde_json::Error) -> Problem {
    let message = error.to_string();
    // serde_json appends " at line L column C"; the position is kept apart, as the checker does.
    let message = message.split(" at line ").next().unwrap_or(&message);
    let mut problem = Problem::error("", message);
    problem.position = Some((error.line(), error.column().max(1)));
    problem
}
