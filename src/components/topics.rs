//! Open-space topics: what each is about, its points and links, and who proposed it.

use std::sync::Arc;

use event_model::{Event, Topic};
use leptos::prelude::*;

use super::link::ExternalLink;
use super::markdown::Markdown;

/// The topics section.
#[component]
pub fn Topics(event: Arc<Event>) -> impl IntoView {
    if event.topics.is_empty() {
        return ().into_any();
    }
    let count = event.topics.len();
    let cards = event
        .topics
        .iter()
        .cloned()
        .map(|topic| view! { <TopicCard topic/> })
        .collect_view();
    view! {
        <section class="eh-section" id="eh-topics" aria-labelledby="eh-topics-title">
            <h2 class="eh-section__title" id="eh-topics-title">
                "Topics " <span class="eh-count">{count}</span>
            </h2>
            <ul class="eh-grid">{cards}</ul>
        </section>
    }
    .into_any()
}

/// One topic.
#[component]
fn TopicCard(topic: Topic) -> impl IntoView {
    let hosts = (!topic.hosts.is_empty()).then(|| {
        view! { <p class="eh-topic__hosts">"Proposed by " {topic.hosts.join(", ")}</p> }
    });
    let points = (!topic.points.is_empty()).then(|| {
        view! {
            <ul class="eh-topic__points">
                {topic.points.iter().cloned().map(|point| view! { <li>{point}</li> }).collect_view()}
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
    view! {
        <li class="eh-card eh-topic" id=format!("eh-topic-{}", topic.id)>
            <h3 class="eh-card__title">{topic.title}</h3>
            {hosts}
            {topic.description.map(|d| view! { <Markdown source=d/> })}
            {points}
            {links}
        </li>
    }
}
