//! The top of an event page: what, when (with the zone spelled out), where, and "Register".

use std::sync::Arc;

use event_model::agenda::header_lines;
use event_model::Event;
use leptos::prelude::*;

use super::calendar::{EventCalendarButton, SubscribeLink};
use super::link::ExternalLink;
use crate::zones::IntlZones;

/// The event header.
#[component]
pub fn Header(
    /// The event.
    event: Arc<Event>,
    /// The event file's address, when the page loaded one (not in the editor's preview).
    source: Option<String>,
) -> impl IntoView {
    let (date, hours) = header_lines(&event, &IntlZones);
    let venue = event.venue().map(|venue| {
        let address = venue.address.clone().map(|a| format!(", {a}")).unwrap_or_default();
        view! {
            <p class="eh-header__where">
                <a class="eh-header__venue" href=format!("#eh-place-{}", venue.id)>{venue.name.clone()}</a>
                {address}
            </p>
        }
    });
    let register = event.registration().cloned().map(|link| {
        view! {
            <ExternalLink href=link.url class="eh-button eh-button--primary">
                {link.title.unwrap_or_else(|| "Register".to_owned())}
            </ExternalLink>
        }
    });
    view! {
        <header class="eh-header">
            <div class="eh-header__inner">
                <p class="eh-header__date">{date}</p>
                <h1 class="eh-header__title">{event.title.clone()}</h1>
                <p class="eh-header__hours">{hours}</p>
                {venue}
                <div class="eh-header__actions">
                    {register}
                    <EventCalendarButton event=event.clone()/>
                    {source.map(|source| view! { <SubscribeLink source/> })}
                </div>
            </div>
        </header>
    }
}
