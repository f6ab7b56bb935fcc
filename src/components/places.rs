//! Places: venue, hotel, restaurant and meeting points, each with its address and links that open
//! a map — the web map everywhere, and the phone's own maps app through `geo:`.
//!
//! Static once built, so built with DOM calls (see [`crate::dom::DomView`]).

use std::sync::Arc;

use event_model::safe_url::{geo_url, map_url};
use event_model::{Event, Message, Place};
use leptos::prelude::*;
use web_sys::Element;

use super::link::add_external_link;
use super::markdown::add_markdown;
use crate::dom::{add, add_text, dom_view, lang, section, set, DomView};
use crate::i18n::Words;

/// The places section.
#[component]
pub fn Places(event: Arc<Event>) -> DomView {
    dom_view(move || {
        if event.places.is_empty() {
            return None;
        }
        let words = Words::current();
        let (root, _) = section("eh-section", "eh-places", true, words.say(Message::Places))?;
        let grid = add(&root, "ul", "eh-grid")?;
        for place in &event.places {
            place_card(&grid, place, words)?;
        }
        Some(root)
    })
}

/// One place.
fn place_card(grid: &Element, place: &Place, words: Words) -> Option<()> {
    let card = add(grid, "li", "eh-card eh-place")?;
    set(&card, "id", &format!("eh-place-{}", place.id))?;
    add_text(&card, "p", "eh-place__kind", words.say(place.kind.label()))?;
    let title = add_text(&card, "h3", "eh-card__title", &place.name)?;
    lang(&title, &place.name)?;
    if let Some(address) = &place.address {
        lang(
            &add_text(&card, "p", "eh-place__address", address)?,
            address,
        )?;
    }
    if let Some(notes) = &place.notes {
        add_markdown(&card, notes)?;
    }
    let actions = add(&card, "div", "eh-card__actions")?;
    if let Some((lat, lon)) = place.lat.zip(place.lon) {
        let label = words.fill(Message::ShowOnMap, &[&place.name]);
        let map = add_external_link(&actions, &map_url(lat, lon), "eh-button")?;
        set(
            &add_text(&map, "span", "", words.say(Message::Map))?,
            "aria-hidden",
            "true",
        )?;
        add_text(&map, "span", "eh-visually-hidden", &label)?;
        let app = add_text(&actions, "a", "eh-button", words.say(Message::MapsApp))?;
        set(&app, "href", &geo_url(lat, lon))?;
    }
    if let Some(url) = &place.url {
        let link = add_external_link(&actions, url, "eh-button")?;
        link.set_text_content(Some(words.say(Message::Website)));
    }
    Some(())
}
