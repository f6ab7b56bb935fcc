//! Open-space topics: what each is about, its points and links, who proposed it, and when and
//! where the group meets.
//!
//! Static once built (the sheets keep themselves current), so built with DOM calls (see
//! [`crate::dom::DomView`]).

use std::sync::Arc;

use event_model::{Event, Message, Topic};
use leptos::prelude::*;
use web_sys::Element;

use super::link::add_external_link;
use super::markdown::add_markdown;
use super::sheet::{my_topics, topic_sheet};
use crate::dom::{add, add_text, append_text, dom_view, lang, section, set, DomView};
use crate::i18n::Words;
use crate::signups::SignupSheet;

/// The topics section.
#[component]
pub fn Topics(event: Arc<Event>) -> DomView {
    // Sheets where the page provides them (not in the preview editor).
    let sheet = use_context::<SignupSheet>();
    dom_view(move || {
        if event.topics.is_empty() {
            return None;
        }
        let words = Words::current();
        let (root, heading) = section("eh-section", "eh-topics", true, words.say(Message::Topics))?;
        append_text(&heading, " ")?;
        add_text(
            &heading,
            "span",
            "eh-count",
            &event.topics.len().to_string(),
        )?;
        if let Some(sheet) = sheet {
            let topics = event
                .topics
                .iter()
                .map(|topic| (topic.id.clone(), topic.title.to_string()))
                .collect();
            let place = add(&root, "div", "eh-mount")?;
            my_topics(&place, sheet, topics, event.signups.url.as_deref())?;
        }
        let grid = add(&root, "ul", "eh-grid")?;
        for topic in &event.topics {
            topic_card(&grid, &event, topic, sheet, words)?;
        }
        Some(root)
    })
}

/// One topic.
fn topic_card(
    grid: &Element,
    event: &Event,
    topic: &Topic,
    sheet: Option<SignupSheet>,
    words: Words,
) -> Option<()> {
    let card = add(grid, "li", "eh-card eh-topic")?;
    set(&card, "id", &format!("eh-topic-{}", topic.id))?;
    let has_more =
        topic.description.is_some() || !topic.points.is_empty() || !topic.links.is_empty();
    // Folded to its title on a phone: twelve open cards are three screens; one tap opens one.
    let (title_parent, fold) = if has_more {
        let fold = add(&card, "details", "eh-fold")?;
        (add(&fold, "summary", "eh-fold__summary")?, Some(fold))
    } else {
        (card.clone(), None)
    };
    lang(
        &add_text(&title_parent, "h3", "eh-card__title", &topic.title)?,
        &topic.title,
    )?;
    if let Some(fold) = fold {
        let body = add(&fold, "div", "eh-fold__body")?;
        if let Some(description) = &topic.description {
            add_markdown(&body, description)?;
        }
        if !topic.points.is_empty() {
            let list = add(&body, "ul", "eh-topic__points")?;
            for point in &topic.points {
                lang(&add_text(&list, "li", "", point)?, point)?;
            }
        }
        if !topic.links.is_empty() {
            let list = add(&body, "ul", "eh-topic__links")?;
            for link in &topic.links {
                let item = add(&list, "li", "")?;
                add_external_link(&item, &link.url, "")?.set_text_content(Some(link.label()));
            }
        }
    }
    if !topic.hosts.is_empty() {
        let hosts: Vec<&str> = topic.hosts.iter().map(|host| host.as_str()).collect();
        let line = add_text(
            &card,
            "p",
            "eh-topic__hosts",
            words.say(Message::ProposedBy),
        )?;
        append_text(&line, " ")?;
        append_text(&line, &hosts.join(", "))?;
    }
    // When and where the group meets, linked to the session and the place on this page.
    let session = topic
        .session
        .as_deref()
        .and_then(|id| event.sessions.iter().find(|s| s.id == id))
        .map(|s| (Message::When, "session", s.id.as_str(), &s.title));
    let place = topic
        .place
        .as_deref()
        .and_then(|id| event.place(id))
        .map(|p| (Message::Where, "place", p.id.as_str(), &p.name));
    if session.is_some() || place.is_some() {
        let meets = add(&card, "ul", "eh-topic__meets")?;
        for (label, kind, id, name) in session.into_iter().chain(place) {
            let item = add_text(&meets, "li", "", words.say(label))?;
            append_text(&item, " ")?;
            let link = add_text(&item, "a", "", name)?;
            set(&link, "href", &format!("#eh-{kind}-{id}"))?;
            lang(&link, name)?;
        }
    }
    if let Some(sheet) = sheet {
        let place = add(&card, "div", "eh-mount")?;
        topic_sheet(
            &place,
            sheet,
            topic.id.clone(),
            &topic.title,
            topic.capacity,
        )?;
    }
    Some(())
}
