//! The top of an event page: what, when (with the zone spelled out), where, and what to do —
//! "Register" while the event is ahead, a quieter "Register" while it runs, and "This event has
//! ended" (no registration, no calendar) once it is over, as of the page's load.

use std::sync::Arc;

use event_model::agenda::{event_span, header_lines};
use event_model::Event;
use leptos::prelude::*;

use super::calendar::{EventCalendarButton, SubscribeLink};
use super::link::ExternalLink;
use crate::clock::Clock;
use crate::zones::IntlZones;

/// Where the event stands at an instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    Upcoming,
    Running,
    Ended,
}

/// The event header.
#[component]
pub fn Header(
    /// The event.
    event: Arc<Event>,
    /// The event file's address, when the page loaded one (not in the editor's preview).
    source: Option<String>,
) -> impl IntoView {
    let (date, hours) = header_lines(&event, &IntlZones);
    // Read once, not followed: the header changing under a reader's thumb would be worse than
    // a "Register" that stays primary until the next load (now / next does follow the clock).
    let now = expect_context::<Clock>().now.get_untracked();
    let phase = match event_span(&event, &IntlZones) {
        Some((_, end)) if now >= end => Phase::Ended,
        Some((start, _)) if now >= start => Phase::Running,
        _ => Phase::Upcoming,
    };
    // "This event has ended" itself is said once, by now / next at the top of the page.
    let ended = phase == Phase::Ended;
    let venue = event.venue().map(|venue| {
        let address = venue.address.clone().map(|a| format!(", {a}")).unwrap_or_default();
        view! {
            <p class="eh-header__where">
                <a class="eh-header__venue" href=format!("#eh-place-{}", venue.id)>{venue.name.clone()}</a>
                {address}
            </p>
        }
    });
    // Registering is the thing to do before the event; during it, now / next is.
    let register = event
        .registration()
        .cloned()
        .filter(|_| !ended)
        .map(|link| {
            let class = match phase {
                Phase::Upcoming => "eh-button eh-button--primary",
                Phase::Running | Phase::Ended => "eh-button",
            };
            let label = link.title.unwrap_or_else(|| "Register".to_owned());
            view! { <ExternalLink href=link.url class=class>{label}</ExternalLink> }
        });
    // After the event a calendar entry is no use.
    let calendar = (!ended).then(|| {
        view! {
            <EventCalendarButton event=event.clone()/>
            {source.map(|source| view! { <SubscribeLink source/> })}
        }
    });
    view! {
        <header class="eh-header">
            <div class="eh-header__inner">
                <p class="eh-header__date">{date}</p>
                <h1 class="eh-header__title">{event.title.clone()}</h1>
                <p class="eh-header__hours">{hours}</p>
                {venue}
                <div class="eh-header__actions">{register} {calendar}</div>
            </div>
        </header>
    }
}
