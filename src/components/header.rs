//! The top of an event page: what, when (with the zone spelled out), where, and what to do now —
//! "Register" while the event is ahead, a quieter "Register" while it runs, and "This event has
//! ended" (no registration, no calendar) once it is over.

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
    let now = expect_context::<Clock>().now;
    let span = event_span(&event, &IntlZones);
    let phase = Memo::new(move |_| match span {
        Some((_, end)) if now.get() >= end => Phase::Ended,
        Some((start, _)) if now.get() >= start => Phase::Running,
        _ => Phase::Upcoming,
    });
    let ended = move || phase.get() == Phase::Ended;
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
    let register = event.registration().cloned().map(|link| {
        let label = link.title.clone().unwrap_or_else(|| "Register".to_owned());
        move || {
            let class = match phase.get() {
                Phase::Upcoming => "eh-button eh-button--primary",
                Phase::Running | Phase::Ended => "eh-button",
            };
            let (url, label) = (link.url.clone(), label.clone());
            (!ended())
                .then(move || view! { <ExternalLink href=url class=class>{label}</ExternalLink> })
        }
    });
    view! {
        <header class="eh-header">
            <div class="eh-header__inner">
                <p class="eh-header__date">{date}</p>
                <h1 class="eh-header__title">{event.title.clone()}</h1>
                <p class="eh-header__hours">{hours}</p>
                {venue}
                <Show when=ended>
                    <p class="eh-header__ended">"This event has ended."</p>
                </Show>
                <div class="eh-header__actions">
                    {register}
                    <Show when=move || !ended()>
                        <EventCalendarButton event=event.clone()/>
                        {source.clone().map(|source| view! { <SubscribeLink source/> })}
                    </Show>
                </div>
            </div>
        </header>
    }
}
