//! The organizer bundle's exports to the attendee's page (see `crate::on_demand`), as plain
//! functions of the event file's text so they are tested natively and in the browser alike.

use event_model::ics::{event_calendar, session_calendar};
use std::cell::RefCell;

use event_model::{check_event, check_index, Checked, Language, Problem, ZoneRules};

thread_local! {
    /// The last file checked and what the checker found: an attendee's page with a broken file
    /// asks for its problems and then for its showable part, and the second answer should not
    /// check the whole file again.
    static LAST_CHECKED: RefCell<Option<(String, Checked)>> = const { RefCell::new(None) };
}

/// What [`check_event`] finds in `text`, remembered for the next question about the same text.
fn checked_event(text: &str, rules: &dyn ZoneRules) -> Checked {
    LAST_CHECKED.with(|last| {
        let mut last = last.borrow_mut();
        match last.as_ref() {
            Some((seen, checked)) if seen == text => checked.clone(),
            _ => {
                let checked = check_event(text, rules);
                *last = Some((text.to_owned(), checked.clone()));
                checked
            }
        }
    })
}

/// Every problem of the event file `text` (errors and warnings, with paths and positions), as JSON.
pub fn event_problems_json(text: &str, rules: &dyn ZoneRules) -> String {
    to_json(&checked_event(text, rules).problems)
}

/// For an event file with errors, the JSON of the event without its broken items (what attendees
/// still get to see), or `null` when nothing of it can be shown.
pub fn partial_event_json(text: &str, rules: &dyn ZoneRules) -> String {
    serde_json::to_string(&checked_event(text, rules).partial).unwrap_or_else(|_| "null".to_owned())
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
    /// The reader's language: the event's texts in it, and the calendar's own words.
    pub language: Language,
}

/// The iCalendar file of the event in `text`, or of one session of it.
pub fn calendar(
    text: &str,
    wanted: Wanted<'_>,
    rules: &dyn ZoneRules,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<String, String> {
    let checked = checked_event(text, rules);
    let mut event = checked
        .value
        .ok_or("the event file has errors, so there is no calendar to make")?;
    if let Some(page) = wanted.page {
        event.fill_in_page(page);
    }
    let language = wanted.language;
    event.localize(language.code());
    match wanted.session {
        None => event_calendar(&event, rules, now, language).map_err(|e| e.to_string()),
        Some(id) => session_calendar(&event, id, rules, now, language).map_err(|e| e.to_string()),
    }
}

// Native only: the tz database these tests check against is not in the browser build.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use event_model::tzdb::Tzdb;

    const SAMPLE: &str = include_str!("../../public/events/scs-hackathon-3.json");

    /// The remembered check is the one for this text: a fix in between is never answered with
    /// the problems of the file before it.
    #[test]
    fn the_remembered_check_follows_the_text() {
        let broken = SAMPLE.replacen("\"2023-11-08T10:30\"", "\"2023-11-08T25:30\"", 1);
        let problems = event_problems_json(&broken, &Tzdb);
        assert!(problems.contains("the hour is 00–23"), "{problems}");
        assert_ne!(partial_event_json(&broken, &Tzdb), "null");
        assert_eq!(event_problems_json(SAMPLE, &Tzdb), "[]");
        assert_eq!(partial_event_json(SAMPLE, &Tzdb), "null");
        assert!(event_problems_json(&broken, &Tzdb).contains("the hour is 00–23"));
    }
}
