//! The page for an address the hub does not know.

use leptos::prelude::*;

/// "Page not found", with a way back.
#[component]
pub fn NotFound() -> impl IntoView {
    crate::shell::remove();
    view! {
        <main class="eh-main eh-notice">
            <h1>"Page not found"</h1>
            <p>"There is nothing at this address."</p>
            <a class="eh-button" href="/">"See all events"</a>
        </main>
    }
}
