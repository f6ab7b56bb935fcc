//! One loaded event: the header, a section menu, then agenda, topics, places, information,
//! contacts and hosts — the order an attendee needs them in on the day.

use std::sync::Arc;

use event_model::agenda::{event_span, timeline};
use event_model::{Event, Message};
use leptos::either::Either;
use leptos::prelude::*;

use super::agenda::Agenda;
use super::contacts::{Contacts, Hosts};
use super::header::Header;
use super::info::Info;
use super::markdown::Markdown;
use super::now_bar::NowBar;
use super::places::Places;
use super::topics::Topics;
use crate::dom::{add, add_text, dom_view, new, set, DomView};
use crate::i18n::Words;
use crate::zones::IntlZones;

/// A whole event page.
#[component]
pub fn EventView(
    /// The checked event.
    event: Arc<Event>,
    /// The event file's address, when the page loaded one (the preview editor has none).
    #[prop(optional)]
    source: Option<String>,
    /// Shown inside the preview editor, whose own `<main>` is the page's one main landmark.
    #[prop(optional)]
    preview: bool,
) -> impl IntoView {
    let title = event.title.to_string();
    // The browser tab names the event; embedded hosts keep their own title.
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        if document.query_selector(".eh-page").ok().flatten().is_some() {
            document.set_title(&title);
        }
    }
    // "Now / next" sits on top: at the venue it is the first thing people look for.
    let now_bar = event_span(&event, &IntlZones)
        .filter(|_| !event.sessions.is_empty())
        .map(|span| {
            let timeline = Arc::new(timeline(&event, &IntlZones));
            view! { <NowBar event=event.clone() timeline span/> }
        });
    let words = Words::current();
    let summary = (!event.summary.trim().is_empty()).then(|| event.summary.clone());
    let menu = [
        (!event.sessions.is_empty()).then_some(("eh-agenda", Message::Agenda)),
        (!event.topics.is_empty()).then_some(("eh-topics", Message::Topics)),
        (!event.places.is_empty()).then_some(("eh-places", Message::Places)),
        (!event.sections.is_empty()).then_some(("eh-info", Message::Info)),
        (!event.contacts.is_empty()).then_some(("eh-contacts", Message::Contact)),
    ];
    let (skip_to, skip_label) = if event.sessions.is_empty() {
        ("#eh-main", Message::SkipToContent)
    } else {
        ("#eh-agenda", Message::SkipToAgenda)
    };
    let content = view! {
                {now_bar}
                {summary.map(|summary| view! { <section class="eh-summary" aria-label=words.say(Message::About)><Markdown source=summary/></section> })}
                <Agenda event=event.clone()/>
                <Topics event=event.clone()/>
                <Places event=event.clone()/>
                <Info event=event.clone()/>
                <Contacts event=event.clone()/>
                <Hosts event=event.clone()/>
    };
    // In the preview editor and in a host page the page's `<main>` is someone else's.
    let embedded = use_context::<crate::Embedded>().is_some();
    let main = if preview || embedded {
        Either::Right(view! { <div class="eh-main" id="eh-main" tabindex="-1">{content}</div> })
    } else {
        Either::Left(view! { <main class="eh-main" id="eh-main" tabindex="-1">{content}</main> })
    };
    let region = embedded.then(|| title.clone());
    view! {
        <div class="eh-event" role=region.as_ref().map(|_| "region") aria-label=region>
            // The first stop for a keyboard: past the header and the menu, straight to the agenda.
            <a class="eh-skip" href=skip_to>{words.say(skip_label)}</a>
            <Header event=event.clone() source preview/>
            {menu_view(menu, words.say(Message::SectionsOfThisPage))}
            {main}
        </div>
    }
}

/// The section menu, built with DOM calls (see [`crate::dom::DomView`]): static once built.
fn menu_view(menu: [Option<(&'static str, Message)>; 5], label: &'static str) -> DomView {
    dom_view(move || {
        let words = Words::current();
        let nav = new("nav", "eh-menu")?;
        set(&nav, "aria-label", label)?;
        let list = add(&nav, "ul", "eh-menu__list")?;
        for (id, label) in menu.into_iter().flatten() {
            let link = add_text(
                &add(&list, "li", "")?,
                "a",
                "eh-menu__link",
                words.say(label),
            )?;
            set(&link, "href", &format!("#{id}"))?;
        }
        Some(nav)
    })
}
