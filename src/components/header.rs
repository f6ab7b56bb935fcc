//! The top of an event page: what, when (with the zone spelled out), where, and what to do —
//! "Register" while the event is ahead, a quieter "Register" while it runs, and "This event has
//! ended" (no registration, no calendar) once it is over, as of the page's load.

use std::sync::Arc;

use event_model::agenda::{event_span, header_lines};
use event_model::{Event, Message};
use leptos::prelude::*;

use super::calendar::{EventCalendarButton, SubscribeLink};
use super::link::ExternalLink;
use crate::clock::Clock;
use crate::dom::{add_text, append_text, dom_view, lang, new, set, text_view};
use crate::i18n::switch::LanguageSwitch;
use crate::i18n::Words;
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
    /// Inside the editor's preview, which sits under the editor's own language switch: one is
    /// enough, and two would repeat the buttons' ids.
    preview: bool,
) -> impl IntoView {
    let words = Words::current();
    let (date, hours) = header_lines(&event, &IntlZones, &words);
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
        let (id, name) = (venue.id.clone(), venue.name.clone());
        let address = venue.address.as_deref().map(|a| format!(", {a}"));
        dom_view(move || {
            let line = new("p", "eh-header__where")?;
            let link = add_text(&line, "a", "eh-header__venue", &name)?;
            set(&link, "href", &format!("#eh-place-{id}"))?;
            lang(&link, &name)?;
            if let Some(address) = address {
                append_text(&line, &address)?;
            }
            Some(line)
        })
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
            let label = link
                .title
                .map(|title| title.to_string())
                .unwrap_or_else(|| words.say(Message::Register).to_owned());
            view! { <ExternalLink href=link.url class=class>{label}</ExternalLink> }
        });
    let switch = (!preview).then(|| view! { <LanguageSwitch/> });
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
                {text_view("p", "eh-header__date", date.into())}
                {switch}
                {text_view("h1", "eh-header__title", event.title.clone())}
                {text_view("p", "eh-header__hours", hours.into())}
                {venue}
                <div class="eh-header__actions">{register} {calendar}</div>
            </div>
        </header>
    }
}
