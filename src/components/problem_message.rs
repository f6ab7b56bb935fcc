//! A problem's message with its `quoted` names shown as code, the way `hub check` quotes them.

use event_model::format::code_spans;
use leptos::either::Either;
use leptos::prelude::*;

/// One problem message.
#[component]
pub fn ProblemMessage(
    /// The message, with names between backticks.
    text: String,
) -> impl IntoView {
    let spans = code_spans(&text)
        .into_iter()
        .map(|(code, piece)| {
            if code {
                Either::Left(view! { <code class="eh-problem__code">{piece}</code> })
            } else {
                Either::Right(piece)
            }
        })
        .collect_view();
    // The checker writes English; a page in another language says so to screen readers.
    let lang = (crate::i18n::Words::current().0 != event_model::Language::En).then_some("en");
    view! { <span class="eh-problem__message" lang=lang>{spans}</span> }
}
