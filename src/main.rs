//! The attendee bundle's entry point: finds the mount element (`.event-hub`), reads how to mount,
//! and starts the app. The organizers' editor is another bundle (`src/bin/edit.rs`).

use event_hub::route::Route;
use event_hub::{App, Mount};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

fn main() {
    // Panic messages in the console help while developing; in release they only cost bytes.
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    let root = document()
        .query_selector(".event-hub")
        .ok()
        .flatten()
        .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok());
    let Some(root) = root else {
        // A host page without the mount element: say so where a developer will look.
        leptos::logging::error!("event hub: no element with class `event-hub` to render into");
        return;
    };
    let mount = match root.get_attribute("data-event") {
        Some(url) if !url.trim().is_empty() => Mount::Embedded { event_url: url },
        _ => Mount::Standalone {
            route: Route::from_path(&window().location().pathname().unwrap_or_default()),
        },
    };
    // The loading shell stays until the app has something to show (see `shell.rs`); anything
    // else a host page put into the element (a "loading" line, a noscript note) makes way.
    if !event_hub::shell::present() {
        root.set_inner_html("");
    }
    let element: web_sys::Element = root.clone().into();
    leptos::mount::mount_to(root, move || view! { <App mount root=element/> }).forget();
}
