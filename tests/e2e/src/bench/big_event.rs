//! A generated event with 1,000 valid sessions, for the render and zone-switch figures: the
//! sample's zone (Europe/Berlin), ten days of four parallel tracks in 30-minute slots, every
//! session at the one venue. Checked with the model before it is used, so a broken generator
//! is an error, never a fast figure.

use event_model::tzdb::Tzdb;
use event_model::{check_event, Event};
use serde_json::{json, Value};

/// The generated event's id; the page is `/events/{ID}`, the file `events/{ID}.json`.
pub const ID: &str = "bench-1000";

const DAYS: usize = 10;
const TRACKS: usize = 4;
/// 08:00 to 20:30 in 30-minute slots.
const SLOTS_PER_DAY: usize = 25;
/// The number of sessions the file holds.
pub const SESSIONS: usize = DAYS * TRACKS * SLOTS_PER_DAY;

/// The local time `minutes` after midnight, `day` days after 2 June 2025 (no DST change in June).
fn local(day: usize, minutes: usize) -> String {
    format!(
        "2025-06-{:02}T{:02}:{:02}",
        2 + day,
        minutes / 60,
        minutes % 60
    )
}

/// The event file's text and its checked event.
pub fn generate() -> Result<(String, Event), String> {
    let mut sessions = Vec::with_capacity(SESSIONS);
    for day in 0..DAYS {
        for slot in 0..SLOTS_PER_DAY {
            let start = 8 * 60 + slot * 30;
            for track in 0..TRACKS {
                let n = sessions.len() + 1;
                let kind = match (slot, track) {
                    (8, _) => "meal",
                    (_, 0 | 1) => "talk",
                    _ => "work",
                };
                sessions.push(json!({
                    "id": format!("s{n:04}"),
                    "title": format!("Session {n}: track {} on day {}", track + 1, day + 1),
                    "kind": kind,
                    "start": local(day, start),
                    "end": local(day, start + 30),
                    "place": "venue",
                }));
            }
        }
    }
    let file: Value = json!({
        "schema_version": 1,
        "id": ID,
        "title": "Generated event with 1,000 sessions",
        "summary": "Ten days, four tracks, one venue: a load test for the agenda.",
        "time_zone": "Europe/Berlin",
        "start": local(0, 8 * 60),
        "end": local(DAYS - 1, 8 * 60 + SLOTS_PER_DAY * 30),
        "places": [{
            "id": "venue",
            "kind": "venue",
            "name": "CLOUD&HEAT",
            "address": "Königsbrücker Straße 96, Halle 15, 01099 Dresden",
            "lat": 51.08017,
            "lon": 13.76214
        }],
        "sessions": sessions,
    });
    let text = serde_json::to_string_pretty(&file).map_err(|e| format!("serialize: {e}"))?;
    let checked = check_event(&text, &Tzdb);
    let errors: Vec<String> = checked.errors().map(ToString::to_string).collect();
    match checked.value {
        Some(event) if errors.is_empty() => Ok((text, event)),
        _ => Err(format!(
            "the generated {ID} event is invalid:\n{}",
            errors.join("\n")
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_generated_event_is_valid_and_has_a_thousand_sessions_over_ten_days() {
        let (text, event) = generate().expect("valid");
        assert_eq!(event.sessions.len(), 1000);
        assert_eq!(event.time_zone, "Europe/Berlin");
        assert!(text.contains("\"2025-06-11T20:00\""), "last slot on day 10");
        assert!(event
            .sessions
            .iter()
            .all(|s| s.place.as_deref() == Some("venue")));
    }
}
