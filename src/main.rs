//! The attendee bundle's entry point. On the hub's own page it finds the mount element
//! (`.event-hub`), reads how to mount, and starts the app. In a host page `embed.js` loads this
//! bundle and calls [`mount_embedded`] once for every `<event-hub>` element, inside its shadow root.
//! The organizers' editor is another bundle (`src/bin/edit.rs`).

use event_hub::route::Route;
use event_hub::{App, Mount};
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

fn main() {
    // Panic messages in the console help while developing; in release they only cost bytes.
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    let root = document()
        .query_selector(".event-hub")
        .ok()
        .flatten()
        .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok());
    // No mount element: a host page that embeds the hub through `embed.js`, which mounts each
    // `<event-hub>` itself.
    let Some(root) = root else { return };
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
    start(root, mount);
}

/// Shows the event named by `root`'s `data-event` in `root` (an element in an `<event-hub>`'s
/// shadow root, made by `embed.js`), in the language of its `data-lang` unless the reader chose
/// another. Several hubs on one page each have their own.
#[wasm_bindgen]
pub fn mount_embedded(root: web_sys::HtmlElement) {
    let event_url = root.get_attribute("data-event").unwrap_or_default();
    root.set_inner_html("");
    start(root, Mount::Embedded { event_url });
}

fn start(root: web_sys::HtmlElement, mount: Mount) {
    let element: web_sys::Element = root.clone().into();
    leptos::mount::mount_to(root, move || view! { <App mount root=element/> }).forget();
}
