//! The organizers' text sections (food, data protection, …) under one "Good to know" heading,
//! each folded to its title until someone opens it.
//!
//! Static once built, so built with DOM calls (see [`crate::dom::DomView`]).

use std::sync::Arc;

use event_model::{Event, Message};
use leptos::prelude::*;

use super::markdown::add_markdown;
use crate::dom::{add, add_text, dom_view, lang, section, set, DomView};
use crate::i18n::Words;

/// The information section.
#[component]
pub fn Info(event: Arc<Event>) -> DomView {
    dom_view(move || {
        if event.sections.is_empty() {
            return None;
        }
        let title = Words::current().say(Message::GoodToKnow);
        let (root, _) = section("eh-section", "eh-info", true, title)?;
        let stack = add(&root, "div", "eh-stack")?;
        for section in &event.sections {
            let id = format!("eh-info-{}", section.id);
            let card = add(&stack, "article", "eh-card eh-info")?;
            set(&card, "aria-labelledby", &id)?;
            let fold = add(&card, "details", "eh-fold")?;
            let summary = add(&fold, "summary", "eh-fold__summary")?;
            let heading = add_text(&summary, "h3", "eh-card__title", &section.title)?;
            set(&heading, "id", &id)?;
            lang(&heading, &section.title)?;
            add_markdown(&add(&fold, "div", "eh-fold__body")?, &section.body)?;
        }
        Some(root)
    })
}
