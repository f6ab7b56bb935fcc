//! What a place card offers to get there: how far it is (from the venue; the venue from the
//! hotel) with a walking estimate, "Open in …" with the platform's own maps app first and the
//! others one tap further, walking directions from the hotel, and "Copy address". A place
//! without coordinates or address says "Location to be announced" instead of a dead link.

use event_model::geo::{distance_m, distance_text, walk, Walk};
use event_model::map_apps::{MapApp, Whereabouts};
use event_model::{Event, Message, Place, PlaceKind};
use web_sys::Element;

use crate::dom::{add, add_text, listen};
use crate::i18n::Words;
use crate::js_math::MATH;

/// A place's coordinates, when it has both.
fn point(place: &Place) -> Option<(f64, f64)> {
    Some((place.lat?, place.lon?))
}

/// The first place of `kind` with coordinates.
fn first_of(event: &Event, kind: PlaceKind) -> Option<&Place> {
    event
        .places
        .iter()
        .find(|p| p.kind == kind && point(p).is_some())
}

/// "2.8 km from CLOUD&HEAT · ≈ 45 min walk", or why walking is not the way; `None` when there is
/// nothing to measure from. The venue is measured from the hotel, every other place from the
/// nearer of the venue and the hotel — where people will come from.
pub fn distance_line(event: &Event, place: &Place, words: Words) -> Option<String> {
    let here = point(place)?;
    let (from, metres) = [PlaceKind::Venue, PlaceKind::Hotel]
        .into_iter()
        .filter_map(|kind| first_of(event, kind))
        .filter(|from| from.id != place.id)
        .filter_map(|from| Some((from, distance_m(MATH, point(from)?, here))))
        .min_by(|a, b| a.1.total_cmp(&b.1))?;
    let how = match walk(metres) {
        Walk::Minutes(minutes) => words.fill(Message::WalkMinutes, &[&minutes.to_string()]),
        Walk::TooFar { .. } => words.say(Message::TooFarToWalk).to_owned(),
    };
    Some(format!(
        "{} · {how}",
        words.fill(
            Message::DistanceFrom,
            &[&distance_text(metres), from.name.as_str()]
        )
    ))
}

/// The ways to get to `place`, at the end of `card`.
pub fn add_place_actions(card: &Element, event: &Event, place: &Place, words: Words) -> Option<()> {
    let address = place.address.as_deref().filter(|a| !a.trim().is_empty());
    let whereabouts = match (point(place), address) {
        (Some((lat, lon)), _) => Whereabouts::Point {
            lat,
            lon,
            label: place.name.as_str(),
        },
        (None, Some(address)) => Whereabouts::Address(address),
        (None, None) => {
            add_text(
                card,
                "p",
                "eh-place__tba",
                words.say(Message::LocationToBeAnnounced),
            )?;
            return Some(());
        }
    };
    if let Some(line) = distance_line(event, place, words) {
        add_text(card, "p", "eh-place__distance", &line)?;
    }
    let agent = web_sys::window()
        .and_then(|w| w.navigator().user_agent().ok())
        .unwrap_or_default();
    let apps = MapApp::in_order(&agent);
    // One tap to the phone's own maps app; the rest one fold away, so four places stay a
    // short list on a phone.
    let actions = add(card, "div", "eh-card__actions")?;
    let first = apps[0];
    link(
        &actions,
        "eh-button eh-button--primary",
        &words.fill(Message::OpenInMaps, &[first.name_for(words)]),
        &first.place_url(whereabouts),
    )?;
    if let Some(url) = place.url.as_deref() {
        link(&actions, "eh-button", words.say(Message::Website), url)?;
    }
    let more = add(card, "details", "eh-place__more")?;
    add_text(
        &more,
        "summary",
        "eh-place__more-toggle",
        words.say(Message::MoreWaysThere),
    )?;
    let list = add(&more, "div", "eh-card__actions")?;
    let hotel = first_of(event, PlaceKind::Hotel).filter(|hotel| hotel.id != place.id);
    if let (Some(hotel), Some(here)) = (hotel, point(place)) {
        let directions = apps
            .iter()
            .find_map(|app| app.walking_url(point(hotel)?, here));
        if let Some(url) = directions {
            link(&list, "eh-button", words.say(Message::WalkFromHotel), &url)?;
        }
    }
    if let Some(address) = address {
        add_copy_button(&list, address, words)?;
    }
    for app in &apps[1..] {
        link(
            &list,
            "eh-button",
            &words.fill(Message::OpenInMaps, &[app.name_for(words)]),
            &app.place_url(whereabouts),
        )?;
    }
    Some(())
}

/// Names for the apps: their own, except `geo:`, which is "the maps app" on the phone.
trait AppName {
    fn name_for(self, words: Words) -> &'static str;
}

impl AppName for MapApp {
    fn name_for(self, words: Words) -> &'static str {
        match self {
            MapApp::Geo => words.say(Message::MapsApp),
            app => app.name(),
        }
    }
}

/// An outbound link (only safe URLs; `geo:` opens the phone's app in place).
fn link(parent: &Element, class: &str, text: &str, url: &str) -> Option<()> {
    if !event_model::safe_url::is_safe_url(url) {
        return Some(());
    }
    let a = add_text(parent, "a", &format!("eh-link {class}"), text)?;
    a.set_attribute("href", url).ok()?;
    if url.starts_with("http") {
        a.set_attribute("target", "_blank").ok()?;
        a.set_attribute("rel", "noopener noreferrer").ok()?;
    }
    Some(())
}

/// "Copy address": the address on the clipboard, and a word that it worked, for everyone.
fn add_copy_button(parent: &Element, address: &str, words: Words) -> Option<()> {
    let button = add_text(
        parent,
        "button",
        "eh-button",
        words.say(Message::CopyAddress),
    )?;
    button.set_attribute("type", "button").ok()?;
    let done = add(parent, "span", "eh-place__copied")?;
    done.set_attribute("role", "status").ok()?;
    let address = address.to_owned();
    listen(&button, "click", move |_| {
        let Some(window) = web_sys::window() else {
            return;
        };
        let promise = window.navigator().clipboard().write_text(&address);
        let done = done.clone();
        wasm_bindgen_futures::spawn_local(async move {
            if wasm_bindgen_futures::JsFuture::from(promise).await.is_ok() {
                done.set_text_content(Some(words.say(Message::Copied)));
            }
        });
    });
    Some(())
}

// Native only: the full zone database reads the sample, which the wasm build does not carry.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use event_model::Language;

    fn sample() -> Event {
        let text = include_str!("../../public/events/scs-hackathon-3.json");
        event_model::check_event(text, &event_model::tzdb::Tzdb)
            .value
            .expect("the sample is valid")
    }

    #[test]
    fn each_place_says_how_far_it_is_and_how_long_the_walk() {
        let event = sample();
        let words = Words(Language::En);
        let line = |id: &str| {
            let place = event.place(id).expect("a place of the sample");
            distance_line(&event, place, words)
        };
        assert_eq!(
            line("hotel").as_deref(),
            Some("2.8 km from CLOUD&HEAT · ≈ 45 min walk")
        );
        assert_eq!(
            line("venue").as_deref(),
            Some("2.8 km from Motel One Dresden-Palaisplatz · ≈ 45 min walk")
        );
        // The restaurant is near the hotel, where people come from in the evening.
        assert_eq!(
            line("watzke").as_deref(),
            Some("540 m from Motel One Dresden-Palaisplatz · ≈ 9 min walk")
        );
        assert_eq!(line("walk-meeting-point"), None);
    }
}
