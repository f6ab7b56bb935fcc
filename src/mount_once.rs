//! Mounting a view once, when its data has arrived, instead of switching to it inside a reactive
//! `move || match …` block.
//!
//! A reactive block that can return a view must also be able to *rebuild* it in place, so the
//! compiler emits the view's whole `rebuild` path. For the event page that was an eight-part tuple
//! and everything beneath it — about 28 KB of wasm that no attendee ever ran, because an event
//! arrives once. A view mounted here is built and mounted, never rebuilt.

use leptos::html::Div;
use leptos::prelude::*;
use leptos::tachys::view::{Mountable, Render};

/// Builds the view of `make` into `place` the first time `ready` gives a value, under a child of
/// the current reactive owner (so it sees the contexts the page provides), and keeps it there for
/// the page's lifetime.
pub fn mount_when<T, V>(
    place: NodeRef<Div>,
    ready: impl Fn() -> Option<T> + 'static,
    make: impl FnOnce(T) -> V + 'static,
) where
    T: 'static,
    V: IntoView + 'static,
{
    let owner = Owner::current();
    let mut make = Some(make);
    Effect::new(move |_| {
        // Both tracked until they are there: the data, and the element to put the view in.
        let (Some(value), Some(parent)) = (ready(), place.get()) else {
            return;
        };
        if let Some(make) = make.take() {
            mount_into(&parent, owner.as_ref(), move || make(value));
        }
    });
}

/// Builds the view of `make` at the end of `parent`, under a child of `owner` (so it sees the
/// contexts provided there), and keeps it for the page's lifetime: for views that appear once
/// and stay, like the event, or a session's calendar actions once opened.
pub fn mount_into<V: IntoView + 'static>(
    parent: &web_sys::Element,
    owner: Option<&Owner>,
    make: impl FnOnce() -> V,
) {
    let owner = owner.map(Owner::child).unwrap_or_default();
    let state = owner.with(|| {
        let mut state = make().into_view().build();
        state.mount(parent, None);
        state
    });
    // Nothing takes these views away again: the view, and the owner that holds its effects,
    // live as long as the page.
    std::mem::forget((owner, state));
}
