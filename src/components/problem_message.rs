//! A problem's message in the reader's language, with its `quoted` names shown as code, the way
//! `hub check` quotes them.

use event_model::format::code_spans;
use event_model::Text;
use leptos::either::Either;
use leptos::prelude::*;

/// One problem message.
#[component]
pub fn ProblemMessage(
    /// The message in English and, from the checker, German; names between backticks.
    mut text: Text,
) -> impl IntoView {
    let reader = crate::i18n::Words::current().0.code();
    text.choose(reader, Some("en"));
    // A message only serde's English has (rare shapes) says so to screen readers.
    let lang = text.other_language();
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
    view! { <span class="eh-problem__message" lang=lang>{spans}</span> }
}
