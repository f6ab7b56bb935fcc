//! Entry point: finds the mount element (`.event-hub`), reads how to mount, and starts the app.

use event_hub::{App, Mount};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

fn main() {
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
        _ => Mount::Standalone,
    };
    root.set_inner_html("");
    leptos::mount::mount_to(root, move || view! { <App mount/> }).forget();
}
