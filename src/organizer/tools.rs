//! The organizer bundle's exports to the attendee's page (see `crate::on_demand`), as plain
//! functions of the event file's text so they are tested natively and in the browser alike.

use event_model::ics::{event_calendar, session_calendar};
use event_model::{check_event, check_index, Problem, ZoneRules};

/// Every problem of the event file `text` (errors and warnings, with paths and positions), as JSON.
pub fn event_problems_json(text: &str, rules: &dyn ZoneRules) -> String {
    to_json(&check_event(text, rules).problems)
}

/// For an event file with errors, the JSON of the event without its broken items (what attendees
/// still get to see), or `null` when nothing of it can be shown.
pub fn partial_event_json(text: &str, rules: &dyn ZoneRules) -> String {
    serde_json::to_string(&check_event(text, rules).partial).unwrap_or_else(|_| "null".to_owned())
}

/// Every problem of the events index `text`, as JSON.
pub fn index_problems_json(text: &str) -> String {
    to_json(&check_index(text).problems)
}

fn to_json(problems: &[Problem]) -> String {
    // Serializing plain strings and numbers cannot fail; an empty list is the honest fallback.
    serde_json::to_string(problems).unwrap_or_else(|_| "[]".to_owned())
}

/// Which calendar [`calendar`] makes.
#[derive(Debug, Clone, Copy, Default)]
pub struct Wanted<'a> {
    /// One session's id, or `None` for the whole event.
    pub session: Option<&'a str>,
    /// The page the attendee read the event on, where the entries lead unless the file names
    /// the event's own page.
    pub page: Option<&'a str>,
}

/// The iCalendar file of the event in `text`, or of one session of it.
pub fn calendar(
    text: &str,
    wanted: Wanted<'_>,
    rules: &dyn ZoneRules,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<String, String> {
    let checked = check_event(text, rules);
    let mut event = checked
        .value
        .ok_or("the event file has errors, so there is no calendar to make")?;
    if let Some(page) = wanted.page {
        event.fill_in_page(page);
    }
    match wanted.session {
        None => event_calendar(&event, rules, now).map_err(|e| e.to_string()),
        Some(id) => session_calendar(&event, id, rules, now).map_err(|e| e.to_string()),
    }
}
