//! A problem's message in the reader's language, with its `quoted` names shown as code, the way
//! `hub check` quotes them. Built with DOM calls (see [`crate::dom::DomView`]).

use event_model::format::code_spans;
use event_model::Text;
use leptos::prelude::*;
use web_sys::Element;

use crate::dom::{add_text, append_text, dom_view, new, set, DomView};

/// One problem message.
#[component]
pub fn ProblemMessage(
    /// The message in English and, from the checker, German; names between backticks.
    text: Text,
) -> DomView {
    dom_view(move || problem_message(text))
}

/// The `<span class="eh-problem__message">` of `text`, not yet on the page.
pub fn problem_message(mut text: Text) -> Option<Element> {
    let reader = crate::i18n::Words::current().0.code();
    text.choose(reader, Some("en"));
    let root = new("span", "eh-problem__message")?;
    // A message only serde's English has (rare shapes) says so to screen readers.
    if let Some(lang) = text.other_language() {
        set(&root, "lang", &lang)?;
    }
    for (code, piece) in code_spans(&text) {
        if code {
            add_text(&root, "code", "eh-problem__code", &piece)?;
        } else {
            append_text(&root, &piece)?;
        }
    }
    Some(root)
}

/// [`problem_message`] at the end of `parent`.
pub fn add_problem_message(parent: &Element, text: Text) -> Option<()> {
    let message = problem_message(text)?;
    parent.append_child(&message).ok()?;
    Some(())
}
