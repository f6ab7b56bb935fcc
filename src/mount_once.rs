//! Mounting a view when its data has arrived (and anew when the reader switches language),
//! instead of switching to it inside a reactive `move || match …` block.
//!
//! A reactive block that can return a view must also be able to *rebuild* it in place, so the
//! compiler emits the view's whole `rebuild` path. For the event page that was an eight-part tuple
//! and everything beneath it — about 28 KB of wasm that no attendee ever ran, because an event
//! arrives once. A view mounted here is built and mounted, never rebuilt in place: a change of
//! language builds it again from scratch, which costs one `build`, not a `rebuild` path.

use leptos::html::Div;
use leptos::prelude::*;
use leptos::tachys::view::{Mountable, Render};

/// Builds the view of `make` into `place` when `ready` gives a value and a key, under a child of
/// the current reactive owner (so it sees the contexts the page provides), and builds it anew —
/// replacing the old one and disposing of its effects — when the key changes: the event once it
/// arrives, again when the reader switches language (the key). Nothing is rebuilt in place.
pub fn mount_when<T, K, V>(
    place: NodeRef<Div>,
    ready: impl Fn() -> Option<(T, K)> + 'static,
    make: impl Fn(T) -> V + 'static,
) where
    T: 'static,
    K: PartialEq + 'static,
    V: IntoView + 'static,
{
    let owner = Owner::current().unwrap_or_default();
    let mut mounted: Option<(Owner, K)> = None;
    Effect::new(move |_| {
        // Both tracked: the data, and the element to put the view in.
        let (Some((value, key)), Some(parent)) = (ready(), place.get()) else {
            return;
        };
        if mounted.as_ref().is_some_and(|(_, built)| *built == key) {
            return;
        }
        // The old view's nodes go, and its effects with its owner. Its state is leaked, not
        // dropped or unmounted: either would compile a teardown path for the whole event view
        // (measured ~KB of wasm) to run only when someone switches language.
        if let Some((old_owner, _)) = mounted.take() {
            Owner::cleanup(&old_owner);
            parent.set_text_content(None);
        }
        let child = owner.child();
        let mut state = child.with(|| untrack(|| make(value).into_view().build()));
        state.mount(&parent, None);
        std::mem::forget(state);
        mounted = Some((child, key));
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
