//! Whom to ask, and who hosts the event.
//!
//! Static once built, so built with DOM calls (see [`crate::dom::DomView`]).

use std::sync::Arc;

use event_model::{Event, Message};
use leptos::prelude::*;

use super::link::add_external_link;
use crate::dom::{add, add_text, dom_view, lang, section, DomView};
use crate::i18n::Words;

/// The contacts section.
#[component]
pub fn Contacts(event: Arc<Event>) -> DomView {
    dom_view(move || {
        if event.contacts.is_empty() {
            return None;
        }
        let words = Words::current();
        let (root, _) = section(
            "eh-section",
            "eh-contacts",
            true,
            words.say(Message::QuestionsAskUs),
        )?;
        let people = add(&root, "ul", "eh-contacts")?;
        for contact in &event.contacts {
            let name = contact.name.to_string();
            // One row per person: who they are on the left, the ways to reach them on the
            // right — a card each took a phone screen for two people.
            let row = add(&people, "li", "eh-contact")?;
            let who = add(&row, "p", "eh-contact__who")?;
            add_text(&who, "strong", "eh-contact__name", &name)?;
            if let Some(role) = &contact.role {
                lang(&add_text(&who, "span", "eh-muted", role)?, role)?;
            }
            let ways = add(&row, "p", "eh-contact__ways")?;
            // "Profile" twice in a row says nothing to a screen reader: the name goes along.
            let whose = words.fill(Message::OfWhom, &[&name]);
            let mail = contact
                .email
                .as_ref()
                .map(|email| format!("mailto:{email}"));
            for (url, label) in [
                (contact.url.as_deref(), Message::Profile),
                (mail.as_deref(), Message::Email),
            ] {
                if let Some(url) = url {
                    let link = add_external_link(&ways, url, "eh-button")?;
                    link.set_text_content(Some(words.say(label)));
                    add_text(&link, "span", "eh-visually-hidden", &whose)?;
                }
            }
        }
        Some(root)
    })
}

/// The hosts line.
#[component]
pub fn Hosts(event: Arc<Event>) -> DomView {
    dom_view(move || {
        if event.hosts.is_empty() {
            return None;
        }
        let title = Words::current().say(Message::HostedBy);
        let (root, _) = section("eh-section eh-hosts", "eh-hosts", false, title)?;
        let list = add(&root, "ul", "eh-hosts__list")?;
        for host in &event.hosts {
            let item = add(&list, "li", "")?;
            let name = match &host.url {
                Some(url) => add_external_link(&item, url, "")?,
                None => add(&item, "span", "")?,
            };
            name.set_text_content(Some(&host.name));
        }
        Some(root)
    })
}
