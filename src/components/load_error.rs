//! What the page shows when an event cannot be loaded: a reason in plain words, and for a broken
//! file every problem with its JSON path and line, so organizers can fix it without a tool.

use event_model::{Message, Problem};
use leptos::either::EitherOf4;
use leptos::prelude::*;

use super::problem_message::ProblemMessage;
use crate::i18n::Words;
use crate::load::LoadError;

/// The error view.
#[component]
pub fn LoadErrorView(
    /// What went wrong.
    error: LoadError,
    /// Tries again (shown for network failures).
    on_retry: impl Fn() + Send + Sync + 'static,
) -> impl IntoView {
    let words = Words::current();
    let summary = error.to_string();
    let body = match error {
        LoadError::Invalid { url, problems } => EitherOf4::A(view! { <ProblemList url problems/> }),
        LoadError::InvalidFirst {
            url,
            first,
            checker,
        } => EitherOf4::B(view! {
            <ProblemList url problems=vec![first]/>
            <p class="eh-muted">{words.fill(Message::FirstProblemOnly, &[&checker])}</p>
        }),
        LoadError::Status { status: 404, .. } => EitherOf4::C(view! {
            <p>{words.say(Message::MaybeMistyped)}</p>
            <a class="eh-button" href="/">{words.say(Message::SeeAllEvents)}</a>
        }),
        LoadError::Network { .. } | LoadError::Status { .. } => EitherOf4::D(view! {
            <p>{words.say(Message::CheckConnection)}</p>
            <button type="button" class="eh-button" on:click=move |_| on_retry()>{words.say(Message::TryAgain)}</button>
        }),
    };
    view! {
        // The page's one main landmark; the alert inside it announces what went wrong.
        <main class="eh-main eh-notice">
            <div role="alert">
                <h1>{words.say(Message::CannotBeShown)}</h1>
                <p class="eh-notice__summary">{summary}</p>
            </div>
            {body}
        </main>
    }
}

/// Every problem of a broken event file.
#[component]
fn ProblemList(url: String, problems: Vec<Problem>) -> impl IntoView {
    let words = Words::current();
    let items = problems
        .into_iter()
        .map(|problem| {
            let path = if problem.path.is_empty() {
                words.say(Message::WholeFile).to_owned()
            } else {
                problem.path
            };
            let line = problem.position.map(|(line, column)| {
                words.fill(
                    Message::LineColumn,
                    &[&line.to_string(), &column.to_string()],
                )
            });
            view! {
                <li class="eh-problem">
                    <code class="eh-problem__path">{path}</code>
                    " "
                    {line.map(|line| view! { <span class="eh-problem__line">{line}</span> })}
                    " "
                    <ProblemMessage text=problem.message/>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="eh-problems" aria-labelledby="eh-problems-title">
            <h2 id="eh-problems-title">{words.say(Message::ProblemsIn)} " " <code>{url.clone()}</code></h2>
            <ol class="eh-problems__list">{items}</ol>
            <p class="eh-muted">
                {words.say(Message::FixThenReload)} " "
                <code>"hub check FILE"</code>
                " " {words.say(Message::PrintsTheSameList)}
            </p>
            <div class="eh-card__actions">
                <a class="eh-button" href=format!("/edit?file={url}")>{words.say(Message::OpenInPreviewEditor)}</a>
                <a class="eh-button" href="/">{words.say(Message::SeeAllEvents)}</a>
            </div>
        </section>
    }
}
