//! "Add to calendar": the whole event or one session as an `.ics` file generated right here in the
//! browser (so it works on any static host), a subscription link when the hub serves the event,
//! and a Google Calendar link per session.

use std::sync::Arc;

use event_model::calendar_links::{feed_url, google, webcal_url};
use event_model::ics::{event_calendar, file_name, session_calendar, CONTENT_TYPE};
use event_model::Event;
use gloo_net::http::Request;
use leptos::html::Input;
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

/// "Subscribe": the event's calendar feed, which calendar apps poll so the agenda stays current.
/// Shown only when the feed answers — `hub serve` publishes one beside each event file, a static
/// host does not — so nobody gets a link that leads nowhere.
#[component]
pub fn SubscribeLink(
    /// The event file's address; the feed is beside it.
    source: String,
) -> impl IntoView {
    let feed = LocalResource::new(move || {
        let source = source.clone();
        async move { available_feed(&source).await }
    });
    let address = NodeRef::<Input>::new();
    let select_all = move |_| {
        if let Some(input) = address.get() {
            input.select();
        }
    };
    move || {
        feed.get().flatten().map(|(https, webcal)| {
            view! {
                <details class="eh-subscribe">
                    <summary class="eh-button">"Subscribe"</summary>
                    <div class="eh-subscribe__body">
                        <p>"Your calendar app keeps the agenda up to date."</p>
                        <a class="eh-button" href=webcal>"Open in calendar app"</a>
                        <label class="eh-field">
                            "Or paste this address into your calendar (Google Calendar: Other calendars → From URL)"
                            <input class="eh-input" readonly value=https node_ref=address on:focus=select_all/>
                        </label>
                    </div>
                </details>
            }
        })
    }
}

/// The feed's `https:` and `webcal:` addresses when it is there and is a calendar. Any failure
/// just means no feed: the link is an extra, never an error an attendee should see.
async fn available_feed(source: &str) -> Option<(String, String)> {
    let absolute = absolute_url(&feed_url(source)?)?;
    let response = Request::get(&absolute).send().await.ok()?;
    let is_calendar = response
        .headers()
        .get("content-type")
        .is_some_and(|kind| kind.starts_with("text/calendar"));
    if !(response.ok() && is_calendar) {
        return None;
    }
    let webcal = webcal_url(&absolute)?;
    Some((absolute, webcal))
}

/// `relative` resolved against the page's address.
fn absolute_url(relative: &str) -> Option<String> {
    let base = web_sys::window()?.location().href().ok()?;
    web_sys::Url::new_with_base(relative, &base)
        .ok()
        .map(|url| url.href())
}
