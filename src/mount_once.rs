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
    let owner = Owner::current().map(|owner| owner.child());
    let mut make = Some(make);
    Effect::new(move |_| {
        // Both tracked until they are there: the data, and the element to put the view in.
        let (Some(value), Some(parent)) = (ready(), place.get()) else {
            return;
        };
        let Some(make) = make.take() else { return };
        let owner = owner.clone().unwrap_or_default();
        let state = owner.with(|| {
            let mut state = make(value).into_view().build();
            state.mount(&parent, None);
            state
        });
        // The attendee's page never takes the event away again: the view, and the owner that
        // holds its effects, live as long as the page.
        std::mem::forget((owner, state));
    });
}
