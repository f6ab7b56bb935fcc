//! In-page links of an embedded hub. Inside a shadow root the browser's own handling of
//! `href="#eh-agenda"` would look for the target in the host's document (finding nothing) and
//! write the fragment into the host's address bar; the hub scrolls to its own element instead and
//! leaves the address alone.

use wasm_bindgen::JsCast;
use web_sys::Element;

use crate::dom;

/// Handles every click on an in-page link inside `root`.
pub fn keep_inside(root: &Element) {
    dom::listen(root, "click", |event| {
        let link = event
            .target()
            .and_then(|target| target.dyn_into::<Element>().ok())
            .and_then(|target| target.closest("a[href^='#']").ok().flatten());
        let Some(link) = link else { return };
        let id = link
            .get_attribute("href")
            .map(|href| href.trim_start_matches('#').to_owned())
            .unwrap_or_default();
        event.prevent_default();
        let Some(target) = dom::by_id(&link, &id) else {
            return;
        };
        target.scroll_into_view();
        // Where a skip link or the section menu leads, the keyboard follows.
        if let Ok(target) = target.dyn_into::<web_sys::HtmlElement>() {
            if target.tab_index() < 0 && !target.has_attribute("tabindex") {
                let _ = target.set_attribute("tabindex", "-1");
            }
            let options = web_sys::FocusOptions::new();
            options.set_prevent_scroll(true);
            let _ = target.focus_with_options(&options);
        }
    });
}
