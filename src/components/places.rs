//! Places: venue, hotel, restaurant and meeting points, each with its address and links that open
//! a map — the web map everywhere, and the phone's own maps app through `geo:`.

use std::sync::Arc;

use event_model::safe_url::{geo_url, map_url};
use event_model::{Event, Message, Place};
use leptos::prelude::*;

use super::link::ExternalLink;
use super::markdown::Markdown;
use crate::i18n::Words;

/// The places section.
#[component]
pub fn Places(event: Arc<Event>) -> impl IntoView {
    if event.places.is_empty() {
        return None;
    }
    let cards = event
        .places
        .iter()
        .cloned()
        .map(|place| view! { <PlaceCard place/> })
        .collect_view();
    Some(view! {
        <section class="eh-section" id="eh-places" aria-labelledby="eh-places-title">
            <h2 class="eh-section__title" id="eh-places-title">{Words::current().say(Message::Places)}</h2>
            <ul class="eh-grid">{cards}</ul>
        </section>
    })
}

/// One place.
#[component]
fn PlaceCard(place: Place) -> impl IntoView {
    let words = Words::current();
    let coordinates = place.lat.zip(place.lon);
    let maps = coordinates.map(|(lat, lon)| {
        let label = words.fill(Message::ShowOnMap, &[&place.name]);
        view! {
            <ExternalLink href=map_url(lat, lon) class="eh-button">
                <span aria-hidden="true">{words.say(Message::Map)}</span>
                <span class="eh-visually-hidden">{label}</span>
            </ExternalLink>
            <a class="eh-button" href=geo_url(lat, lon)>{words.say(Message::MapsApp)}</a>
        }
    });
    let website = place
        .url
        .clone()
        .map(|url| view! { <ExternalLink href=url class="eh-button">{words.say(Message::Website)}</ExternalLink> });
    view! {
        <li class="eh-card eh-place" id=format!("eh-place-{}", place.id)>
            <p class="eh-place__kind">{words.say(place.kind.label())}</p>
            <h3 class="eh-card__title" lang=place.name.other_language()>{place.name.to_string()}</h3>
            {place.address.clone().map(|address| view! { <p class="eh-place__address" lang=address.other_language()>{address.to_string()}</p> })}
            {place.notes.clone().map(|notes| view! { <Markdown source=notes/> })}
            <div class="eh-card__actions">{maps} {website}</div>
        </li>
    }
}
