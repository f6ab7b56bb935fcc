//! A few DOM calls for the parts of the page built without `view!` (see `components::sheet` for
//! why): an element with a class, with a text, and a listener that lives as long as the page.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Element;

/// A new `tag` element with `class` at the end of `parent`.
pub fn add(parent: &Element, tag: &str, class: &str) -> Option<Element> {
    let element = parent.owner_document()?.create_element(tag).ok()?;
    if !class.is_empty() {
        element.set_class_name(class);
    }
    parent.append_child(&element).ok()?;
    Some(element)
}

/// [`add`] with `text` in it — always as text, never as markup.
pub fn add_text(parent: &Element, tag: &str, class: &str, text: &str) -> Option<Element> {
    let element = add(parent, tag, class)?;
    element.set_text_content(Some(text));
    Some(element)
}

/// Calls `handler` on each `event` at `target`, for the page's lifetime: the element goes with
/// the page, and the handler with it.
pub fn listen(
    target: &web_sys::EventTarget,
    event: &str,
    handler: impl FnMut(web_sys::Event) + 'static,
) {
    let closure = Closure::<dyn FnMut(web_sys::Event)>::new(handler);
    if target
        .add_event_listener_with_callback(event, closure.as_ref().unchecked_ref())
        .is_ok()
    {
        closure.forget();
    }
}
