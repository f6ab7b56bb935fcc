//! The loading shell: `index.html` carries a styled "Loading…" notice, and for `/events/{id}`
//! `hub serve` writes the event's header into it, so a phone on slow data reads the event while the
//! wasm downloads. The app leaves the shell in place until it has something of its own to show,
//! then removes it — no blank flash in between.

fn find() -> Option<web_sys::Element> {
    web_sys::window()?
        .document()?
        .query_selector(".eh-shell")
        .ok()
        .flatten()
}

/// Whether the shell is still on the page (a host page that embeds the hub has none).
pub fn present() -> bool {
    find().is_some()
}

/// Removes the shell, if it is still there.
pub fn remove() {
    if let Some(shell) = find() {
        shell.remove();
    }
}
