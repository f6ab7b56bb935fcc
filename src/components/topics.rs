//! Open-space topics: what each is about, its points and links, who proposed it, and when and
//! where the group meets.

use std::sync::Arc;

use event_model::{Event, Message, Topic};
use leptos::either::Either;
use leptos::html::Div;
use leptos::prelude::*;

use super::link::ExternalLink;
use super::markdown::Markdown;
use super::sheet::{my_topics, topic_sheet};
use crate::i18n::Words;
use crate::signups::SignupSheet;

/// The topics section.
#[component]
pub fn Topics(event: Arc<Event>) -> impl IntoView {
    if event.topics.is_empty() {
        return None;
    }
    let count = event.topics.len();
    let words = Words::current();
    // Sheets where the page provides them (not in the preview editor).
    let sheet = use_context::<SignupSheet>();
    let mine = sheet.map(|sheet| {
        let topics = event
            .topics
            .iter()
            .map(|topic| (topic.id.clone(), topic.title.to_string()))
            .collect();
        let elsewhere = event.signups.url.clone();
        mounted(move |place| my_topics(place, sheet, topics, elsewhere.as_deref()))
    });
    let cards = event
        .topics
        .iter()
        .cloned()
        .map(|topic| view! { <TopicCard event=event.clone() topic sheet/> })
        .collect_view();
    Some(view! {
        <section class="eh-section" id="eh-topics" aria-labelledby="eh-topics-title">
            <h2 class="eh-section__title" id="eh-topics-title">
                {words.say(Message::Topics)} " " <span class="eh-count">{count}</span>
            </h2>
            {mine}
            <ul class="eh-grid">{cards}</ul>
        </section>
    })
}

/// A place that `build` fills once it is on the page, under the topic list's reactive owner.
fn mounted(build: impl FnOnce(&web_sys::Element) -> Option<()> + 'static) -> impl IntoView {
    let place = NodeRef::<Div>::new();
    let owner = Owner::current().unwrap_or_default();
    place.on_load(move |parent| {
        owner.with(|| build(&parent));
    });
    view! { <div class="eh-mount" node_ref=place></div> }
}

/// One topic.
#[component]
fn TopicCard(event: Arc<Event>, topic: Topic, sheet: Option<SignupSheet>) -> impl IntoView {
    let words = Words::current();
    // When and where the group meets, linked to the session and the place on this page.
    let session = topic
        .session
        .as_deref()
        .and_then(|id| event.sessions.iter().find(|s| s.id == id))
        .map(|session| {
            view! {
                <li>
                    {words.say(Message::When)} " "
                    <a href=format!("#eh-session-{}", session.id) lang=session.title.other_language()>{session.title.to_string()}</a>
                </li>
            }
        });
    let place = topic
        .place
        .as_deref()
        .and_then(|id| event.place(id))
        .map(|place| {
            view! {
                <li>
                    {words.say(Message::Where)} " "
                    <a href=format!("#eh-place-{}", place.id) lang=place.name.other_language()>{place.name.to_string()}</a>
                </li>
            }
        });
    let meets = (session.is_some() || place.is_some())
        .then(|| view! { <ul class="eh-topic__meets">{session} {place}</ul> });
    let hosts = (!topic.hosts.is_empty()).then(|| {
        let hosts: Vec<&str> = topic.hosts.iter().map(|host| host.as_str()).collect();
        view! { <p class="eh-topic__hosts">{words.say(Message::ProposedBy)} " " {hosts.join(", ")}</p> }
    });
    let points = (!topic.points.is_empty()).then(|| {
        view! {
            <ul class="eh-topic__points">
                {topic
                    .points
                    .iter()
                    .map(|point| view! { <li lang=point.other_language()>{point.to_string()}</li> })
                    .collect_view()}
            </ul>
        }
    });
    let links = (!topic.links.is_empty()).then(|| {
        view! {
            <ul class="eh-topic__links">
                {topic
                    .links
                    .into_iter()
                    .map(|link| {
                        view! {
                            <li>
                                <ExternalLink href=link.url.clone()>{link.label().to_owned()}</ExternalLink>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
    });
    let sheet = sheet.map(|sheet| {
        let (id, title, capacity) = (topic.id.clone(), topic.title.to_string(), topic.capacity);
        mounted(move |place| topic_sheet(place, sheet, id, &title, capacity))
    });
    let title = view! { <h3 class="eh-card__title" lang=topic.title.other_language()>{topic.title.to_string()}</h3> };
    let has_more = topic.description.is_some() || points.is_some() || links.is_some();
    // Folded to its title on a phone: twelve open cards are three screens; one tap opens one.
    let body = has_more.then(|| {
        view! {
            <div class="eh-fold__body">
                {topic.description.map(|d| view! { <Markdown source=d/> })}
                {points}
                {links}
            </div>
        }
    });
    let heading = match body {
        Some(body) => Either::Left(view! {
            <details class="eh-fold">
                <summary class="eh-fold__summary">{title}</summary>
                {body}
            </details>
        }),
        None => Either::Right(title),
    };
    view! {
        <li class="eh-card eh-topic" id=format!("eh-topic-{}", topic.id)>
            {heading}
            {hosts}
            {meets}
            {sheet}
        </li>
    }
}
