//! The top of an event page: what, when (with the zone spelled out), where, and "Register".

use std::sync::Arc;

use event_model::agenda::{event_span, zoned};
use event_model::format::{clock, date_range};
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
    let zone = &event.time_zone;
    let span = event_span(&event, &IntlZones).and_then(|(start, end)| {
        Some((
            zoned(&IntlZones, zone, start)?,
            zoned(&IntlZones, zone, end)?,
        ))
    });
    let (date, hours) = match span {
        Some((start, end)) => (
            date_range(start.local.date(), end.local.date()),
            format!(
                "{}–{} {} ({})",
                clock(start.local),
                clock(end.local),
                start.label,
                event_model::time::utc_label(start.offset)
            ),
        ),
        None => (event.start.local.date().to_string(), String::new()),
    };
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
