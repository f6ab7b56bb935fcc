//! Browser tier: components mount in a real headless Chromium (wasm-bindgen-test) and show what an
//! attendee needs. Run by `cargo xtask test`.
#![cfg(target_arch = "wasm32")]

use std::sync::Arc;

use event_hub::clock::Clock;
use event_hub::components::event_view::EventView;
use event_hub::components::load_error::LoadErrorView;
use event_hub::load::LoadError;
use event_hub::time_settings::{TimeSettings, ZoneChoice};
use event_hub::zones::IntlZones;
use event_model::{check_event, Event, ZoneRules};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const SMALL_EVENT: &str = r#"{
  "schema_version": 1, "id": "meetup", "title": "Rust Meetup Dresden",
  "summary": "Talks and <b>pizza</b>.",
  "time_zone": "Europe/Berlin", "start": "2024-05-02T18:00", "end": "2024-05-02T21:00",
  "links": [{ "kind": "registration", "url": "https://example.org/register" }],
  "places": [{ "id": "lab", "kind": "venue", "name": "Lab 3", "address": "Hauptstraße 1, Dresden", "lat": 51.05, "lon": 13.74 }],
  "sessions": [
    { "id": "doors", "title": "Doors open", "kind": "arrival", "start": "2024-05-02T18:00", "end": "2024-05-02T18:30", "place": "lab" },
    { "id": "talk", "title": "Async Rust in anger", "start": "2024-05-02T18:30", "end": "2024-05-02T19:15", "place": "lab" }
  ],
  "topics": [{ "id": "wasm", "title": "WebAssembly corner", "points": ["Leptos", "Trunk"], "session": "talk", "place": "lab" }],
  "contacts": [{ "name": "Ada", "role": "Host", "email": "ada@example.org" }]
}"#;

/// A fresh element in the document to mount into.
fn container() -> web_sys::HtmlElement {
    let document = document();
    let element = document.create_element("div").expect("create div");
    document
        .body()
        .expect("body")
        .append_child(&element)
        .expect("append");
    element.unchecked_into()
}

fn event() -> Arc<Event> {
    let checked = check_event(SMALL_EVENT, &IntlZones);
    Arc::new(
        checked
            .value
            .unwrap_or_else(|| panic!("small event is valid: {:?}", checked.problems)),
    )
}

#[wasm_bindgen_test]
fn intl_rules_know_berlin_offsets_in_winter_and_summer() {
    let winter = chrono::DateTime::from_timestamp(1_699_434_000, 0).expect("instant"); // 2023-11-08 09:00 UTC
    let summer = chrono::DateTime::from_timestamp(1_719_824_400, 0).expect("instant"); // 2024-07-01 09:00 UTC
    assert_eq!(IntlZones.offset_at("Europe/Berlin", winter), Some(3600));
    assert_eq!(IntlZones.offset_at("Europe/Berlin", summer), Some(7200));
    assert_eq!(IntlZones.offset_at("Asia/Kathmandu", winter), Some(20_700));
    assert_eq!(IntlZones.offset_at("Not/AZone", winter), None);
    assert_eq!(
        IntlZones
            .abbreviation("America/New_York", winter)
            .as_deref(),
        Some("EST")
    );
}

#[wasm_bindgen_test]
fn event_view_shows_title_agenda_places_topics_and_contacts() {
    let root = container();
    let event = event();
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        provide_context(TimeSettings::new());
        // The day before the meetup: "Register" is what the header offers first.
        let before: chrono::DateTime<chrono::Utc> =
            "2024-05-01T12:00:00Z".parse().unwrap_or_default();
        provide_context(Clock {
            now: signal(before).0,
        });
        view! { <EventView event/> }
    });
    let text = root.text_content().unwrap_or_default();
    for expected in [
        "Rust Meetup Dresden",
        "Thursday, 2 May 2024",
        "18:30",
        "Async Rust in anger",
        "Lab 3",
        "Hauptstraße 1, Dresden",
        "WebAssembly corner",
        "Leptos",
        "When: Async Rust in anger",
        "Where: Lab 3",
        "Ada",
        "Register",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in {text}");
    }
    // Markdown's raw HTML is shown as text, never as an element.
    assert!(text.contains("<b>pizza</b>"), "{text}");
    assert!(root.query_selector("b").expect("query").is_none());
    let register = root
        .query_selector("a.eh-button--primary")
        .expect("query")
        .expect("register link");
    assert_eq!(
        register.get_attribute("href").as_deref(),
        Some("https://example.org/register")
    );
    let map = root
        .query_selector("#eh-place-lab a[href^='https://www.openstreetmap.org/']")
        .expect("query");
    assert!(map.is_some(), "the venue links to a map");
}

#[wasm_bindgen_test]
fn error_view_lists_every_problem_with_its_path() {
    let broken = SMALL_EVENT
        .replace("\"place\": \"lab\" }", "\"place\": \"lobby\" }")
        .replace("\"title\": \"Rust Meetup Dresden\"", "\"titel\": \"x\"");
    let checked = check_event(&broken, &IntlZones);
    assert!(checked.value.is_none());
    let error = LoadError::Invalid {
        url: "/events/meetup.json".to_owned(),
        problems: checked.problems,
    };
    let root = container();
    let _mounted = leptos::mount::mount_to(
        root.clone(),
        move || view! { <LoadErrorView error on_retry=|| ()/> },
    );
    let items = root.query_selector_all(".eh-problem").expect("query");
    assert!(
        items.length() >= 2,
        "expected at least two problems, got {}",
        items.length()
    );
    let text = root.text_content().unwrap_or_default();
    assert!(text.contains("titel"), "{text}");
    // Quoted names in messages are code elements, not backticks.
    let code = root
        .query_selector(".eh-problem__code")
        .expect("query")
        .and_then(|code| code.text_content());
    assert_eq!(code.as_deref(), Some("titel"));
    assert!(text.contains("/events/meetup.json"), "{text}");
}

#[wasm_bindgen_test]
async fn the_agenda_follows_the_zone_signal_and_the_event_time_chip() {
    // Start from event time, whatever an earlier visit left in this browser's storage.
    if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = storage.remove_item("event-hub.zone");
    }
    let root = container();
    let event = event();
    let settings = std::rc::Rc::new(std::cell::Cell::new(None::<TimeSettings>));
    let _mounted = {
        let settings = settings.clone();
        leptos::mount::mount_to(root.clone(), move || {
            let time_settings = TimeSettings::new();
            settings.set(Some(time_settings));
            provide_context(time_settings);
            provide_context(Clock::start());
            view! { <EventView event/> }
        })
    };
    let doors = || {
        root.query_selector("#eh-session-doors .eh-slot__time")
            .expect("query")
            .and_then(|slot| slot.text_content())
            .unwrap_or_default()
    };
    assert!(doors().starts_with("18:00–18:30"), "{}", doors());

    // 18:00 in Dresden in May (UTC+2) is 01:00 the next day in Tokyo.
    let settings = settings.get().expect("settings provided");
    settings
        .choice
        .set(ZoneChoice::Named("Asia/Tokyo".to_owned()));
    leptos::task::tick().await;
    assert!(doors().starts_with("01:00–01:30"), "{}", doors());
    assert!(
        doors().contains("18:00–18:30 CEST"),
        "event time beside it: {}",
        doors()
    );

    let event_time: web_sys::HtmlElement = root
        .query_selector(".eh-zonebar__choices .eh-chip")
        .expect("query")
        .expect("event time chip")
        .unchecked_into();
    event_time.click();
    leptos::task::tick().await;
    assert!(doors().starts_with("18:00–18:30"), "{}", doors());
    assert_eq!(settings.choice.get_untracked(), ZoneChoice::Event);
}
