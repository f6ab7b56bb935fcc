//! Places: the map of all of them ([`super::map`]), then venue, hotel, restaurant and meeting
//! points, each with its marker's number, address, notes and the ways to get there
//! ([`super::place_actions`]).
//!
//! Static once built, so built with DOM calls (see [`crate::dom::DomView`]).

use std::sync::Arc;

use event_model::{Event, Message, Place};
use leptos::prelude::*;
use web_sys::Element;

use super::map::{add_map, numbered};
use super::markdown::add_markdown;
use super::place_actions::add_place_actions;
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
        // No place with coordinates, no map: the list says it all.
        let _ = add_map(&root, &event);
        let numbers = numbered(&event.places);
        let grid = add(&root, "ul", "eh-grid")?;
        for place in &event.places {
            let number = numbers
                .iter()
                .find(|(_, numbered, _)| numbered.id == place.id)
                .map(|(n, _, _)| *n);
            place_card(&grid, &event, place, number, words)?;
        }
        Some(root)
    })
}

/// One place, with the number of its marker on the map.
fn place_card(
    grid: &Element,
    event: &Event,
    place: &Place,
    number: Option<usize>,
    words: Words,
) -> Option<()> {
    let card = add(grid, "li", "eh-card eh-place")?;
    set(&card, "id", &format!("eh-place-{}", place.id))?;
    add_text(&card, "p", "eh-place__kind", words.say(place.kind.label()))?;
    let title = add(&card, "h3", "eh-card__title")?;
    if let Some(number) = number {
        add_text(&title, "span", "eh-place__number", &number.to_string())?;
    }
    lang(&add_text(&title, "span", "", &place.name)?, &place.name)?;
    if let Some(address) = &place.address {
        lang(
            &add_text(&card, "p", "eh-place__address", address)?,
            address,
        )?;
    }
    if let Some(notes) = &place.notes {
        add_markdown(&card, notes)?;
    }
    // The lean reader let through only a path on this host or an https: URL.
    if let Some(image) = &place.image {
        let img = add(&card, "img", "eh-place__image")?;
        set(&img, "alt", &image.alt)?;
        lang(&img, &image.alt)?;
        set(&img, "loading", "lazy")?;
        set(&img, "src", &image.src)?;
    }
    add_place_actions(&card, event, place, words)
}
