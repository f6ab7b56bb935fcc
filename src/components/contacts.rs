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
            let profile = contact.url.map(|url| view! { <ExternalLink href=url class="eh-button">"Profile"</ExternalLink> });
            let mail = contact
                .email
                .map(|email| view! { <ExternalLink href=format!("mailto:{email}") class="eh-button">"E-mail"</ExternalLink> });
            view! {
                <li class="eh-card eh-contact">
                    <h3 class="eh-card__title">{name}</h3>
                    {contact.role.map(|role| view! { <p class="eh-muted">{role}</p> })}
                    <div class="eh-card__actions">{profile} {mail}</div>
                </li>
            }
        })
        .collect_view();
    Some(view! {
        <section class="eh-section" id="eh-contacts" aria-labelledby="eh-contacts-title">
            <h2 class="eh-section__title" id="eh-contacts-title">"Questions? Ask us"</h2>
            <ul class="eh-grid">{people}</ul>
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
