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

/// A new `tag` element with `class`, not yet on the page.
pub fn new(tag: &str, class: &str) -> Option<Element> {
    let element = web_sys::window()?.document()?.create_element(tag).ok()?;
    if !class.is_empty() {
        element.set_class_name(class);
    }
    Some(element)
}

/// Sets the attribute `name` of `element` to `value`.
pub fn set(element: &Element, name: &str, value: &str) -> Option<()> {
    element.set_attribute(name, value).ok()
}

/// Marks `element` with the language of `text` when that is not the reader's.
pub fn lang(element: &Element, text: &event_model::Text) -> Option<()> {
    match text.other_language() {
        Some(language) => set(element, "lang", &language),
        None => Some(()),
    }
}

/// `text` as a text node at the end of `parent`.
pub fn append_text(parent: &Element, text: &str) -> Option<()> {
    parent.append_with_str_1(text).ok()
}

/// A part of a view built with DOM calls once, when the view is built: for static parts of the
/// page, where the generic building code of a `view!` per element would cost the first load far
/// more than these few calls (each `view!` shape is its own copy of Leptos's building code).
/// One concrete type, so all of them share one copy of the code that mounts them.
pub struct DomView(Box<dyn FnOnce() -> Option<Element> + Send>);

/// The view that `build` makes when it is built: nothing where it gives `None`.
pub fn dom_view(build: impl FnOnce() -> Option<Element> + Send + 'static) -> DomView {
    DomView(Box::new(build))
}

/// The element a [`DomView`] built, if it built one.
pub struct DomState(Option<Element>);

mod view_impl {
    use leptos::tachys::html::attribute::any_attribute::AnyAttribute;
    use leptos::tachys::html::attribute::Attribute;
    use leptos::tachys::hydration::Cursor;
    use leptos::tachys::view::add_attr::AddAnyAttr;
    use leptos::tachys::view::{Mountable, Position, PositionState, Render, RenderHtml};
    use web_sys::{Element, Node};

    use super::{DomState, DomView};

    impl Render for DomView {
        type State = DomState;

        fn build(self) -> DomState {
            DomState((self.0)())
        }

        fn rebuild(self, state: &mut DomState) {
            let new = (self.0)();
            if let Some(old) = &state.0 {
                match &new {
                    Some(new) => {
                        let _ = old.replace_with_with_node_1(new);
                    }
                    None => old.remove(),
                }
            }
            state.0 = new;
        }
    }

    impl Mountable for DomState {
        fn unmount(&mut self) {
            if let Some(element) = &self.0 {
                element.remove();
            }
        }

        fn mount(&mut self, parent: &Element, marker: Option<&Node>) {
            if let Some(element) = &self.0 {
                let _ = parent.insert_before(element, marker);
            }
        }

        fn insert_before_this(&self, child: &mut dyn Mountable) -> bool {
            match self
                .0
                .as_ref()
                .and_then(|e| e.parent_element().map(|p| (e, p)))
            {
                Some((element, parent)) => {
                    child.mount(&parent, Some(element));
                    true
                }
                None => false,
            }
        }

        fn elements(&self) -> Vec<Element> {
            self.0.iter().cloned().collect()
        }
    }

    impl AddAnyAttr for DomView {
        type Output<SomeNewAttr: Attribute> = DomView;

        fn add_any_attr<NewAttr: Attribute>(self, _attr: NewAttr) -> DomView {
            self
        }
    }

    /// The hub renders in the browser only: there is no HTML to write and none to hydrate.
    impl RenderHtml for DomView {
        type AsyncOutput = Self;
        type Owned = Self;

        const MIN_LENGTH: usize = 0;

        fn dry_resolve(&mut self) {}

        async fn resolve(self) -> Self {
            self
        }

        fn to_html_with_buf(
            self,
            _buf: &mut String,
            _position: &mut Position,
            _escape: bool,
            _mark_branches: bool,
            _extra_attrs: Vec<AnyAttribute>,
        ) {
        }

        fn hydrate<const FROM_SERVER: bool>(
            self,
            _cursor: &Cursor,
            _position: &PositionState,
        ) -> DomState {
            self.build()
        }

        fn into_owned(self) -> Self {
            self
        }
    }
}

/// A page section, not yet on the page: `<section class id aria-labelledby="{id}-title">` with its
/// `<h2 class="eh-section__title" id="{id}-title">` saying `title`. Without `anchor`, the section
/// itself has no id (only its heading does).
pub fn section(class: &str, id: &str, anchor: bool, title: &str) -> Option<(Element, Element)> {
    let root = new("section", class)?;
    if anchor {
        set(&root, "id", id)?;
    }
    let title_id = format!("{id}-title");
    set(&root, "aria-labelledby", &title_id)?;
    let heading = add_text(&root, "h2", "eh-section__title", title)?;
    set(&heading, "id", &title_id)?;
    Some((root, heading))
}

/// A `<tag class>` saying `text` (marked with its language when that is not the reader's),
/// built with DOM calls.
pub fn text_view(tag: &'static str, class: &'static str, text: event_model::Text) -> DomView {
    dom_view(move || {
        let element = new(tag, class)?;
        element.set_text_content(Some(&text));
        lang(&element, &text)?;
        Some(element)
    })
}

/// The element with `id` in the same tree as `near`: the document, or the shadow root of an
/// embedded hub, where `document.getElementById` finds nothing (and where two hubs on one page
/// may use the same ids).
pub fn by_id(near: &web_sys::Node, id: &str) -> Option<Element> {
    let root = near.get_root_node();
    if let Some(document) = root.dyn_ref::<web_sys::Document>() {
        return document.get_element_by_id(id);
    }
    root.dyn_ref::<web_sys::DocumentFragment>()?
        .get_element_by_id(id)
}
