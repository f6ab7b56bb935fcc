//! Whom to ask, and who hosts the event.

use std::sync::Arc;

use event_model::{Event, Message};
use leptos::either::Either;
use leptos::prelude::*;

use super::link::ExternalLink;
use crate::i18n::Words;

/// The contacts section.
#[component]
pub fn Contacts(event: Arc<Event>) -> impl IntoView {
    if event.contacts.is_empty() {
        return None;
    }
    let words = Words::current();
    let people = event
        .contacts
        .iter()
        .cloned()
        .map(|contact| {
            let name = contact.name.to_string();
            // "Profile" twice in a row says nothing to a screen reader: the name goes along.
            let whose = words.fill(Message::OfWhom, &[&name]);
            let profile = contact.url.map(|url| {
                let whose = whose.clone();
                view! { <ExternalLink href=url class="eh-button">{words.say(Message::Profile)}<span class="eh-visually-hidden">{whose}</span></ExternalLink> }
            });
            let mail = contact.email.map(|email| {
                view! { <ExternalLink href=format!("mailto:{email}") class="eh-button">{words.say(Message::Email)}<span class="eh-visually-hidden">{whose}</span></ExternalLink> }
            });
            // One row per person: who they are on the left, the ways to reach them on the
            // right — a card each took a phone screen for two people.
            view! {
                <li class="eh-contact">
                    <p class="eh-contact__who">
                        <strong class="eh-contact__name">{name}</strong>
                        {contact.role.map(|role| view! { <span class="eh-muted" lang=role.other_language()>{role.to_string()}</span> })}
                    </p>
                    <p class="eh-contact__ways">{profile} {mail}</p>
                </li>
            }
        })
        .collect_view();
    Some(view! {
        <section class="eh-section" id="eh-contacts" aria-labelledby="eh-contacts-title">
            <h2 class="eh-section__title" id="eh-contacts-title">{words.say(Message::QuestionsAskUs)}</h2>
            <ul class="eh-contacts">{people}</ul>
        </section>
    })
}

/// The hosts line.
#[component]
pub fn Hosts(event: Arc<Event>) -> impl IntoView {
    if event.hosts.is_empty() {
        return None;
    }
    let hosts = event
        .hosts
        .iter()
        .cloned()
        .map(|host| {
            let name = host.name.to_string();
            let item = match host.url {
                Some(url) => Either::Left(view! { <ExternalLink href=url>{name}</ExternalLink> }),
                None => Either::Right(view! { <span>{name}</span> }),
            };
            view! { <li>{item}</li> }
        })
        .collect_view();
    Some(view! {
        <section class="eh-section eh-hosts" aria-labelledby="eh-hosts-title">
            <h2 class="eh-section__title" id="eh-hosts-title">{Words::current().say(Message::HostedBy)}</h2>
            <ul class="eh-hosts__list">{hosts}</ul>
        </section>
    })
}
