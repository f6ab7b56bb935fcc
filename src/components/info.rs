//! The organizers' text sections (food, data protection, …) under one "Good to know" heading,
//! each folded to its title until someone opens it.

use std::sync::Arc;

use event_model::{Event, Message};
use leptos::prelude::*;

use super::markdown::Markdown;
use crate::i18n::Words;

/// The information section.
#[component]
pub fn Info(event: Arc<Event>) -> impl IntoView {
    if event.sections.is_empty() {
        return None;
    }
    let sections = event
        .sections
        .iter()
        .cloned()
        .map(|section| {
            let id = format!("eh-info-{}", section.id);
            let labelledby = id.clone();
            view! {
                <article class="eh-card eh-info" aria-labelledby=labelledby>
                    <details class="eh-fold">
                        <summary class="eh-fold__summary">
                            <h3 class="eh-card__title" id=id lang=section.title.other_language()>{section.title.to_string()}</h3>
                        </summary>
                        <div class="eh-fold__body"><Markdown source=section.body/></div>
                    </details>
                </article>
            }
        })
        .collect_view();
    Some(view! {
        <section class="eh-section" id="eh-info" aria-labelledby="eh-info-title">
            <h2 class="eh-section__title" id="eh-info-title">{Words::current().say(Message::GoodToKnow)}</h2>
            <div class="eh-stack">{sections}</div>
        </section>
    })
}
