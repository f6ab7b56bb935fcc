//! Whom to ask, and who hosts the event.

use std::sync::Arc;

use event_model::Event;
use leptos::either::Either;
use leptos::prelude::*;

use super::link::ExternalLink;

/// The contacts section.
#[component]
pub fn Contacts(event: Arc<Event>) -> impl IntoView {
    if event.contacts.is_empty() {
        return None;
    }
    let people = event
        .contacts
        .iter()
        .cloned()
        .map(|contact| {
            let name = contact.name.clone();
            // "Profile" twice in a row says nothing to a screen reader: the name goes along.
            let whose = format!(" of {name}");
            let profile = contact.url.map(|url| {
                let whose = whose.clone();
                view! { <ExternalLink href=url class="eh-button">"Profile"<span class="eh-visually-hidden">{whose}</span></ExternalLink> }
            });
            let mail = contact.email.map(|email| {
                view! { <ExternalLink href=format!("mailto:{email}") class="eh-button">"E-mail"<span class="eh-visually-hidden">{whose}</span></ExternalLink> }
            });
            // One row per person: who they are on the left, the ways to reach them on the
            // right — a card each took a phone screen for two people.
            view! {
                <li class="eh-contact">
                    <p class="eh-contact__who">
                        <strong class="eh-contact__name">{name}</strong>
                        {contact.role.map(|role| view! { <span class="eh-muted">{role}</span> })}
                    </p>
                    <p class="eh-contact__ways">{profile} {mail}</p>
                </li>
            }
        })
        .collect_view();
    Some(view! {
        <section class="eh-section" id="eh-contacts" aria-labelledby="eh-contacts-title">
            <h2 class="eh-section__title" id="eh-contacts-title">"Questions? Ask us"</h2>
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
            let name = host.name.clone();
            let item = match host.url {
                Some(url) => Either::Left(view! { <ExternalLink href=url>{name}</ExternalLink> }),
                None => Either::Right(view! { <span>{name}</span> }),
            };
            view! { <li>{item}</li> }
        })
        .collect_view();
    Some(view! {
        <section class="eh-section eh-hosts" aria-labelledby="eh-hosts-title">
            <h2 class="eh-section__title" id="eh-hosts-title">"Hosted by"</h2>
            <ul class="eh-hosts__list">{hosts}</ul>
        </section>
    })
}
