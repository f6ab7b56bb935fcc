//! "Add to calendar": the whole event or one session as an `.ics` file generated right here in the
//! browser (so it works on any static host), a subscription link when the hub serves the event,
//! and a Google Calendar link per session.
//!
//! The iCalendar writer lives in the organizer bundle and is loaded on the first click
//! (`crate::on_demand`): most attendees never press the button, so their first load skips it.

use std::sync::Arc;

use event_model::agenda::Timed;
use event_model::calendar_links::{feed_url, google_for, webcal_url};
use event_model::ics::{file_name, CONTENT_TYPE};
use event_model::{Event, Language, Message};
use leptos::html::{Div, Input};
use leptos::prelude::*;

use super::link::ExternalLink;
use crate::download::download_text;
use crate::fetch;
use crate::i18n::Words;
use crate::load::Loading;
use crate::mount_once::mount_into;
use crate::on_demand::{calendar_file, EventFile};

/// Makes the calendar of the event (or of one session) and saves it; the error, if any, in words.
async fn save_calendar(
    file: Option<EventFile>,
    name: String,
    session: Option<String>,
    page: Option<String>,
) -> Result<(), String> {
    let words = Words::current();
    let file = file.ok_or(words.say(Message::NoFileForCalendar))?;
    let ics = calendar_file(&file.0, session.as_deref(), page.as_deref(), words.0).await?;
    download_text(&name, CONTENT_TYPE, &ics)
}

/// Downloads the calendar of the whole event.
#[component]
pub fn EventCalendarButton(event: Arc<Event>) -> impl IntoView {
    let words = Words::current();
    let (problem, set_problem) = signal(String::new());
    let (busy, set_busy) = signal(false);
    let file = use_context::<EventFile>();
    let save = move |_| {
        let (file, name, page) = (file.clone(), file_name(&event, None), event.url.clone());
        set_busy.set(true);
        leptos::task::spawn_local(async move {
            let result = save_calendar(file, name, None, page).await;
            set_busy.set(false);
            set_problem.set(
                result
                    .err()
                    .map(|e| words.fill(Message::CalendarFailed, &[&e]))
                    .unwrap_or_default(),
            );
        });
    };
    view! {
        <button type="button" class="eh-button" on:click=save aria-busy=move || busy.get().then_some("true")>
            {words.say(Message::AddToCalendar)}
        </button>
        <p class="eh-field__error" aria-live="polite">{problem}</p>
    }
}

/// The calendar links of one session: a Google Calendar link and a calendar file (made by the
/// organizer tools on click). Built when the attendee first opens the control, not for every
/// session up front — and mounted then rather than switched on by a signal, so a 1,000-session
/// agenda neither builds 2,000 links nobody asked for nor keeps 1,000 effects waiting.
#[component]
pub fn SessionCalendarLinks(event: Arc<Event>, timed: Timed) -> impl IntoView {
    let title = event
        .sessions
        .get(timed.index)
        .map(|s| s.title.to_string())
        .unwrap_or_default();
    let words = Words::current();
    let actions = NodeRef::<Div>::new();
    let owner = Owner::current();
    let mut event = Some(event);
    let open = move |_| {
        if let (Some(parent), Some(event)) = (actions.get(), event.take()) {
            mount_into(&parent, owner.as_ref(), move || {
                view! { <SessionCalendarActions event timed/> }
            });
        }
    };
    view! {
        <details class="eh-slot__calendar" on:toggle=open>
            // The name says which session ("Add to calendar: Welcome"); one label attribute
            // instead of two hidden spans, in each of maybe 1,000 slots.
            <summary class="eh-slot__calendar-toggle" aria-label=words.fill(Message::AddSessionToCalendar, &[&title])>
                {words.say(Message::Calendar)}
            </summary>
            <div node_ref=actions></div>
        </details>
    }
}

/// The actions inside [`SessionCalendarLinks`], once opened.
#[component]
fn SessionCalendarActions(event: Arc<Event>, timed: Timed) -> impl IntoView {
    let session_id = event
        .sessions
        .get(timed.index)
        .map(|s| s.id.clone())
        .unwrap_or_default();
    let words = Words::current();
    let google = google_for(&event, &timed, words.0);
    let file = use_context::<EventFile>();
    let (problem, set_problem) = signal(String::new());
    let save = {
        let (name, page) = (file_name(&event, Some(&session_id)), event.url.clone());
        move |_| {
            let (file, name, page) = (file.clone(), name.clone(), page.clone());
            let session = Some(session_id.clone());
            leptos::task::spawn_local(async move {
                // A failed download leaves nothing half-done; the Google link stays as the fallback.
                let result = save_calendar(file, name, session, page).await;
                set_problem.set(result.err().unwrap_or_default());
            });
        }
    };
    view! {
        <div class="eh-card__actions">
            <button type="button" class="eh-button" on:click=save>{words.say(Message::CalendarFile)}</button>
            {google.map(|url| view! { <ExternalLink href=url class="eh-button">{words.say(Message::GoogleCalendar)}</ExternalLink> })}
        </div>
        <p class="eh-field__error" aria-live="polite">{problem}</p>
    }
}

/// "Subscribe": the event's calendar feed, which calendar apps poll so the agenda stays current,
/// and the c3voc schedule conference apps load ("Open in a conference app"). Shown only when the
/// feed answers — `hub serve` publishes one beside each event file, a static
/// host does not — so nobody gets a link that leads nowhere.
#[component]
pub fn SubscribeLink(
    /// The event file's address; the feed is beside it.
    source: String,
) -> impl IntoView {
    let language = Words::current().0;
    let (feed, _) = Loading::start(move || {
        let source = source.clone();
        async move { available_feed(&source, language).await }
    });
    let words = Words::current();
    let address = NodeRef::<Input>::new();
    let select_all = move |_| {
        if let Some(input) = address.get() {
            input.select();
        }
    };
    move || {
        feed.state.get().flatten().map(|(https, webcal)| {
            // The hub that made the feed also makes the schedule, beside the event file, in the
            // same language (`?lang=`).
            let schedule = https.replacen(".ics", "/schedule.xml", 1);
            view! {
                <details class="eh-subscribe">
                    <summary class="eh-button">{words.say(Message::Subscribe)}</summary>
                    <div class="eh-subscribe__body">
                        <p>{words.say(Message::SubscribeExplained)}</p>
                        <a class="eh-button" href=webcal>{words.say(Message::OpenInCalendarApp)}</a>
                        <label class="eh-field">
                            {words.say(Message::PasteFeedAddress)}
                            <input class="eh-input" readonly value=https node_ref=address on:focus=select_all/>
                        </label>
                        <p>{words.say(Message::ConferenceAppsExplained)}</p>
                        <a class="eh-button" href=schedule>{words.say(Message::OpenInConferenceApp)}</a>
                    </div>
                </details>
            }
        })
    }
}

/// The feed's `https:` and `webcal:` addresses when it is there and is a calendar. Any failure
/// just means no feed: the link is an extra, never an error an attendee should see.
async fn available_feed(source: &str, language: Language) -> Option<(String, String)> {
    // The feed in the reader's language: calendar apps send no language of their own.
    let feed = feed_url(source)?;
    let separator = if feed.contains('?') { '&' } else { '?' };
    let absolute = absolute_url(&format!("{feed}{separator}lang={}", language.code()))?;
    let response = fetch::get(&absolute).await.ok()?;
    let is_calendar = response
        .header("content-type")
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
