//! What the page shows when an event cannot be loaded: a reason in plain words, and for a broken
//! file every problem with its JSON path and line, so organizers can fix it without a tool.
//!
//! Built with DOM calls (see [`crate::dom::DomView`]), and the same code for every page that
//! can fail: the retry is boxed, not a type parameter.

use event_model::{Message, Problem};
use leptos::prelude::*;
use web_sys::Element;

use super::problem_message::add_problem_message;
use crate::dom::{add, add_text, append_text, dom_view, listen, new, set, DomView};
use crate::i18n::Words;
use crate::load::LoadError;

/// The error view.
#[component]
pub fn LoadErrorView(
    /// What went wrong.
    error: LoadError,
    /// Tries again (shown for network failures).
    on_retry: impl Fn() + Send + Sync + 'static,
) -> DomView {
    let on_retry: Box<dyn Fn() + Send + Sync> = Box::new(on_retry);
    dom_view(move || load_error(error, on_retry))
}

fn load_error(error: LoadError, on_retry: Box<dyn Fn() + Send + Sync>) -> Option<Element> {
    let words = Words::current();
    let summary = error.to_string();
    // The page's one main landmark; the alert inside it announces what went wrong.
    let main = new("main", "eh-main eh-notice")?;
    let alert = add(&main, "div", "")?;
    set(&alert, "role", "alert")?;
    add_text(&alert, "h1", "", words.say(Message::CannotBeShown))?;
    add_text(&alert, "p", "eh-notice__summary", &summary)?;
    match error {
        LoadError::Invalid { url, problems } => problem_list(&main, &url, problems)?,
        LoadError::InvalidFirst {
            url,
            first,
            checker,
        } => {
            problem_list(&main, &url, vec![first])?;
            let text = words.fill(Message::FirstProblemOnly, &[&checker]);
            add_text(&main, "p", "eh-muted", &text)?;
        }
        LoadError::Status { status: 404, .. } => {
            add_text(&main, "p", "", words.say(Message::MaybeMistyped))?;
            let link = add_text(&main, "a", "eh-button", words.say(Message::SeeAllEvents))?;
            set(&link, "href", "/")?;
        }
        LoadError::Network { .. } | LoadError::Status { .. } => {
            add_text(&main, "p", "", words.say(Message::CheckConnection))?;
            let button = add_text(&main, "button", "eh-button", words.say(Message::TryAgain))?;
            set(&button, "type", "button")?;
            listen(&button, "click", move |_| on_retry());
        }
    }
    Some(main)
}

/// Every problem of a broken event file.
fn problem_list(parent: &Element, url: &str, problems: Vec<Problem>) -> Option<()> {
    let words = Words::current();
    let section = add(parent, "section", "eh-problems")?;
    set(&section, "aria-labelledby", "eh-problems-title")?;
    let heading = add_text(&section, "h2", "", words.say(Message::ProblemsIn))?;
    set(&heading, "id", "eh-problems-title")?;
    append_text(&heading, " ")?;
    add_text(&heading, "code", "", url)?;
    let list = add(&section, "ol", "eh-problems__list")?;
    for problem in problems {
        let path = if problem.path.is_empty() {
            words.say(Message::WholeFile).to_owned()
        } else {
            problem.path
        };
        let item = add(&list, "li", "eh-problem")?;
        add_text(&item, "code", "eh-problem__path", &path)?;
        append_text(&item, " ")?;
        if let Some((line, column)) = problem.position {
            let line = words.fill(
                Message::LineColumn,
                &[&line.to_string(), &column.to_string()],
            );
            add_text(&item, "span", "eh-problem__line", &line)?;
        }
        append_text(&item, " ")?;
        add_problem_message(&item, problem.message)?;
    }
    let hint = add_text(&section, "p", "eh-muted", words.say(Message::FixThenReload))?;
    append_text(&hint, " ")?;
    add_text(&hint, "code", "", "hub check FILE")?;
    append_text(&hint, " ")?;
    append_text(&hint, words.say(Message::PrintsTheSameList))?;
    let actions = add(&section, "div", "eh-card__actions")?;
    for (href, label) in [
        (format!("/edit?file={url}"), Message::OpenInPreviewEditor),
        ("/".to_owned(), Message::SeeAllEvents),
    ] {
        set(
            &add_text(&actions, "a", "eh-button", words.say(label))?,
            "href",
            &href,
        )?;
    }
    Some(())
}
