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
        // English, whatever another test switched to (the tests share one page).
        let language = event_hub::i18n::LanguageSettings::new(None, false);
        language.choose(event_model::Language::En);
        provide_context(language);
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

/// The German the app asks `Intl` for is the German the model writes out for `hub serve` (the
/// page it sends before the app runs): the two must not differ, or the header would change under
/// the reader's eyes when the app takes over.
#[wasm_bindgen_test]
fn intl_writes_german_dates_and_waits_as_the_model_does() {
    use event_model::language::{German, Wait};
    use event_model::{DateWords, Language};
    let intl = event_hub::i18n::Words(Language::De);
    let date = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).expect("date");
    for (y, m, d) in [
        (2023, 11, 8),
        (2024, 3, 7),
        (2024, 5, 7),
        (2024, 6, 30),
        (2024, 9, 1),
        (2025, 2, 14),
    ] {
        assert_eq!(
            intl.long_date(date(y, m, d)),
            German.long_date(date(y, m, d))
        );
        assert_eq!(
            intl.short_date(date(y, m, d)),
            German.short_date(date(y, m, d))
        );
    }
    for (start, end) in [
        (date(2023, 11, 7), date(2023, 11, 8)),
        (date(2023, 10, 30), date(2023, 11, 2)),
        (date(2023, 12, 31), date(2024, 1, 1)),
        (date(2023, 11, 8), date(2023, 11, 8)),
    ] {
        assert_eq!(intl.date_range(start, end), German.date_range(start, end));
    }
    for minutes in [0, 1, 25, 60, 120, 170, 60 * 30, 60 * 24 * 3] {
        assert_eq!(
            intl.wait(Wait::of(minutes)),
            German.wait(Wait::of(minutes)),
            "{minutes} min"
        );
    }
    assert_eq!(
        intl.long_date(date(2023, 11, 8)),
        "Mittwoch, 8. November 2023"
    );
}

/// The EN / DE switch re-renders the page — labels, dates, the event's own text — without a
/// reload, and keeps text the event gives in one language only marked with that language.
#[wasm_bindgen_test]
async fn switching_the_language_re_renders_labels_dates_and_event_text() {
    use event_hub::i18n::LanguageSettings;
    use event_hub::mount_once::mount_when;
    use event_model::Language;
    if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = storage.remove_item("event-hub.language");
    }
    let text = SMALL_EVENT
        .replace(
            r#""title": "Rust Meetup Dresden""#,
            r#""title": {"en": "Rust Meetup Dresden", "de": "Rust-Stammtisch Dresden"}, "default_language": "en""#,
        );
    let event = Arc::new(check_event(&text, &IntlZones).value.expect("valid"));
    let root = container();
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        let settings = LanguageSettings::new(None, false);
        settings.choose(Language::En);
        provide_context(settings);
        provide_context(TimeSettings::new());
        provide_context(Clock::start());
        let place = NodeRef::<leptos::html::Div>::new();
        mount_when(
            place,
            move || Some((event.clone(), settings.chosen.get())),
            |event: Arc<Event>| {
                let language = event_hub::i18n::Words::current().0;
                let mut event = (*event).clone();
                event.localize(language.code());
                view! { <EventView event=Arc::new(event)/> }
            },
        );
        view! { <div node_ref=place></div> }
    });
    leptos::task::tick().await;
    let text = || root.text_content().unwrap_or_default();
    assert!(text().contains("Thursday, 2 May 2024"), "{}", text());
    assert!(text().contains("Rust Meetup Dresden") && text().contains("Agenda"));

    let german: web_sys::HtmlElement = root
        .query_selector("#eh-lang-de")
        .expect("query")
        .expect("the DE button")
        .unchecked_into();
    german.click();
    leptos::task::tick().await;
    leptos::task::tick().await;
    let shown = text();
    for expected in [
        "Donnerstag, 2. Mai 2024",
        "Rust-Stammtisch Dresden",
        "Programm",
        "Themen",
        "Wann:",
        "Wo:",
    ] {
        assert!(shown.contains(expected), "missing {expected:?} in {shown}");
    }
    for english in [
        "Thursday",
        "Agenda",
        "Register",
        "When:",
        "Where:",
        "Rust Meetup Dresden",
    ] {
        assert!(!shown.contains(english), "{english:?} left in {shown}");
    }
    // The topic has no German: it keeps its English, marked as such.
    let topic = root
        .query_selector("#eh-topic-wasm h3")
        .expect("query")
        .expect("topic title");
    assert_eq!(topic.get_attribute("lang").as_deref(), Some("en"));
    let pressed = root
        .query_selector("#eh-lang-de")
        .expect("query")
        .expect("the DE button");
    assert_eq!(
        pressed.get_attribute("aria-pressed").as_deref(),
        Some("true")
    );
    // The tests share one page: leave it in English, as the others expect.
    let english: web_sys::HtmlElement = root
        .query_selector("#eh-lang-en")
        .expect("query")
        .expect("the EN button")
        .unchecked_into();
    english.click();
    leptos::task::tick().await;
    assert!(
        text().contains("Thursday, 2 May 2024"),
        "back in English: {}",
        text()
    );
}
