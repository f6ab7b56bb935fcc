//! "Add to calendar": the whole event or one session as an `.ics` file generated right here in the
//! browser (so it works on any static host), a subscription link when the hub serves the event,
//! and a Google Calendar link per session.

use std::sync::Arc;

use event_model::calendar_links::google;
use event_model::ics::{event_calendar, file_name, session_calendar, CONTENT_TYPE};
use event_model::Event;
use leptos::prelude::*;

use super::link::ExternalLink;
use crate::download::download_text;
use crate::zones::{now, IntlZones};

/// Downloads the calendar of the whole event.
#[component]
pub fn EventCalendarButton(event: Arc<Event>) -> impl IntoView {
    let (problem, set_problem) = signal(String::new());
    let save = move |_| {
        let result = event_calendar(&event, &IntlZones, now())
            .map_err(|e| e.to_string())
            .and_then(|ics| download_text(&file_name(&event, None), CONTENT_TYPE, &ics));
        set_problem.set(
            result
                .err()
                .map(|e| format!("Could not create the calendar: {e}"))
                .unwrap_or_default(),
        );
    };
    view! {
        <button type="button" class="eh-button" on:click=save>"Add to calendar"</button>
        <p class="eh-field__error" aria-live="polite">{problem}</p>
    }
}

/// The calendar links of one session.
#[component]
pub fn SessionCalendarLinks(event: Arc<Event>, session_id: String, title: String) -> impl IntoView {
    let google = google(&event, &session_id, &IntlZones);
    let save = {
        let session_id = session_id.clone();
        move |_| {
            if let Ok(ics) = session_calendar(&event, &session_id, &IntlZones, now()) {
                // A failed download leaves nothing half-done; the Google link stays as the fallback.
                let _ = download_text(&file_name(&event, Some(&session_id)), CONTENT_TYPE, &ics);
            }
        }
    };
    view! {
        <details class="eh-slot__calendar">
            <summary class="eh-slot__calendar-toggle">
                "Add to calendar" <span class="eh-visually-hidden">{format!(": {title}")}</span>
            </summary>
            <div class="eh-card__actions">
                <button type="button" class="eh-button" on:click=save>"Calendar file (.ics)"</button>
                {google.map(|url| view! { <ExternalLink href=url class="eh-button">"Google Calendar"</ExternalLink> })}
            </div>
        </details>
    }
}
