//! The page for an address the hub does not know.

use event_model::Message;
use leptos::prelude::*;

use crate::i18n::Words;

/// "Page not found", with a way back.
#[component]
pub fn NotFound() -> impl IntoView {
    crate::shell::remove();
    let words = Words::current();
    view! {
        <main class="eh-main eh-notice">
            <h1>{words.say(Message::PageNotFound)}</h1>
            <p>{words.say(Message::NothingHere)}</p>
            <a class="eh-button" href="/">{words.say(Message::SeeAllEvents)}</a>
        </main>
    }
}
