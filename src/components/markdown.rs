//! Organizer Markdown, rendered by `event_model::markdown::to_html`, which turns any raw HTML in the
//! source into visible text and drops unsafe links — so setting it as HTML here is safe.

use leptos::prelude::*;

/// A block of Markdown.
#[component]
pub fn Markdown(
    /// The Markdown source.
    #[prop(into)]
    source: String,
) -> impl IntoView {
    let html = event_model::markdown::to_html(&source);
    view! { <div class="eh-md" inner_html=html></div> }
}
