//! The organizer bundle: the preview editor at `/edit`, and the tools the attendee's page loads on
//! demand (`edit/tools.js` re-exports this module): the full checker and the calendar writer.
//!
//! Its `main` runs whenever the module is initialized — also when an attendee's page imports it
//! for a tool — so it mounts the editor only into the editor page's own element.

use event_hub::clock::Clock;
use event_hub::organizer::editor::{Draft, Editor};
use event_hub::organizer::tools;
use event_hub::time_settings::TimeSettings;
use event_hub::zones::{now, IntlZones};
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

/// The element `edit/index.html` carries; an attendee's page has none.
const EDITOR_ROOT: &str = ".event-hub[data-tool=\"edit\"]";

fn main() {
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    let root = document()
        .query_selector(EDITOR_ROOT)
        .ok()
        .flatten()
        .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok());
    let Some(root) = root else {
        // Loaded as the attendee page's tools: nothing to mount.
        return;
    };
    root.set_inner_html("");
    let element: web_sys::Element = root.clone().into();
    leptos::mount::mount_to(root, move || {
        // The editor follows the reader's language (address, earlier choice, browser); its
        // preview shows the event's text in it. A switch builds it anew around the same draft.
        let language = event_hub::i18n::LanguageSettings::new(Some(element), true);
        provide_context(language);
        provide_context(TimeSettings::new());
        provide_context(Clock::start());
        let draft = Draft::new();
        move || {
            language.chosen.track();
            view! { <Editor draft/> }
        }
    })
    .forget();
}

/// Every problem of an event file, as the JSON of `Vec<Problem>`.
#[wasm_bindgen]
pub fn check_event_file(text: &str) -> String {
    tools::event_problems_json(text, &IntlZones)
}

/// The event of a broken file without its broken items, as event-file JSON (`null`: none).
#[wasm_bindgen]
pub fn partial_event_file(text: &str) -> String {
    tools::partial_event_json(text, &IntlZones)
}

/// Every problem of an events index, as the JSON of `Vec<Problem>`.
#[wasm_bindgen]
pub fn check_index_file(text: &str) -> String {
    tools::index_problems_json(text)
}

/// The iCalendar file of the event (`session` null) or one session, leading to `page` (the
/// attendee's page address) unless the file names its own, in `language` (`en`, `de`).
#[wasm_bindgen]
pub fn calendar_file(
    text: &str,
    session: Option<String>,
    page: Option<String>,
    language: Option<String>,
) -> Result<String, JsError> {
    let wanted = tools::Wanted {
        session: session.as_deref(),
        page: page.as_deref(),
        language: language
            .as_deref()
            .and_then(event_model::Language::from_code)
            .unwrap_or_default(),
    };
    tools::calendar(text, wanted, &IntlZones, now()).map_err(|e| JsError::new(&e))
}
