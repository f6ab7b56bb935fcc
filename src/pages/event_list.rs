//! `/`: the events of `events/index.json`, upcoming first, past below.

use event_model::agenda::zoned;
use event_model::short_sort::sort_by_key;
use event_model::zone::to_instant;
use event_model::{DateWords, EventIndex, IndexEntry, Message};
use leptos::either::Either;
use leptos::html::Div;
use leptos::prelude::*;
use web_sys::Element;

use crate::components::load_error::LoadErrorView;
use crate::dom::{add, add_text, dom_view, lang, new, set, DomView};
use crate::i18n::switch::LanguageSwitch;
use crate::i18n::{LanguageSettings, Words};
use crate::load::{load_index, Loading};
use crate::mount_once::mount_when;
use crate::zones::{now, IntlZones};
use crate::INDEX_URL;

/// The list of events.
#[component]
pub fn EventList() -> impl IntoView {
    crate::shell::remove();
    let (index, retry) = Loading::start(|| load_index(INDEX_URL.to_owned()));
    // The list is mounted once it is there (and again in another language), not switched to
    // (see `mount_once`).
    let list = NodeRef::<Div>::new();
    let language = use_context::<LanguageSettings>();
    mount_when(
        list,
        move || {
            let index = index.state.get().and_then(Result::ok)?;
            Some((index, language.map(|l| l.chosen.get()).unwrap_or_default()))
        },
        |index: EventIndex| {
            let words = Words::current();
            let language = words.0;
            let (upcoming, past) = split_by_end(index.events);
            let localized = |entries: Vec<IndexEntry>| -> Vec<IndexEntry> {
                entries
                    .into_iter()
                    .map(|mut entry| {
                        entry.localize(language.code());
                        entry
                    })
                    .collect()
            };
            if let Some(document) = web_sys::window().and_then(|w| w.document()) {
                document.set_title(words.say(Message::Events));
            }
            view! {
                <div class="eh-list-head">
                    <h1 class="eh-list-title">{words.say(Message::Events)}</h1>
                    <LanguageSwitch/>
                </div>
                <EventGroup id="upcoming" title=Message::Upcoming entries=localized(upcoming) empty=Message::NoUpcomingEvents/>
                <EventGroup id="past" title=Message::Past entries=localized(past) empty=Message::NoPastEvents/>
            }
        },
    );
    view! {
        <main class="eh-main">
            <div class="eh-mount" node_ref=list></div>
            {move || match index.state.get() {
                None => Some(Either::Left(view! { <p class="eh-loading" role="status">{Words::current().say(Message::LoadingEvents)}</p> })),
                Some(Ok(_)) => None,
                Some(Err(error)) => Some(Either::Right(view! { <LoadErrorView error on_retry=retry/> })),
            }}
        </main>
    }
}

/// Upcoming (not yet ended, soonest first) and past (most recent first) events.
fn split_by_end(entries: Vec<IndexEntry>) -> (Vec<IndexEntry>, Vec<IndexEntry>) {
    let now = now();
    let end = |entry: &IndexEntry| to_instant(&IntlZones, &entry.time_zone, entry.end);
    let (mut upcoming, mut past): (Vec<_>, Vec<_>) = entries
        .into_iter()
        .partition(|entry| end(entry).is_none_or(|end| end >= now));
    sort_by_key(&mut upcoming, |entry| {
        to_instant(&IntlZones, &entry.time_zone, entry.start)
    });
    sort_by_key(&mut past, |entry| std::cmp::Reverse(end(entry)));
    (upcoming, past)
}

/// A titled list of events, built with DOM calls (see
/// [`crate::dom::DomView`]): it is static once built.
#[component]
fn EventGroup(
    id: &'static str,
    title: Message,
    entries: Vec<IndexEntry>,
    empty: Message,
) -> DomView {
    dom_view(move || event_group(id, title, entries, empty))
}

fn event_group(
    id: &'static str,
    title: Message,
    entries: Vec<IndexEntry>,
    empty: Message,
) -> Option<Element> {
    let words = Words::current();
    let heading_id = format!("eh-events-{id}");
    let root = new("section", "eh-section")?;
    set(&root, "aria-labelledby", &heading_id)?;
    set(
        &add_text(&root, "h2", "eh-section__title", words.say(title))?,
        "id",
        &heading_id,
    )?;
    if entries.is_empty() {
        add_text(&root, "p", "eh-muted", words.say(empty))?;
        return Some(root);
    }
    let list = add(&root, "ul", "eh-list")?;
    for entry in entries {
        let zoned_at = |at| {
            to_instant(&IntlZones, &entry.time_zone, at)
                .and_then(|i| zoned(&IntlZones, &entry.time_zone, i))
        };
        let when = match (zoned_at(entry.start), zoned_at(entry.end)) {
            (Some(start), Some(end)) => words.date_range(start.local.date(), end.local.date()),
            _ => entry.start.local.date().to_string(),
        };
        let item = add(&list, "li", "eh-card eh-event-item")?;
        let link = add(&item, "a", "eh-event-item__link")?;
        set(&link, "href", &format!("/events/{}", entry.id))?;
        lang(
            &add_text(&link, "span", "eh-event-item__title", &entry.title)?,
            &entry.title,
        )?;
        add_text(&item, "span", "eh-event-item__meta", &when)?;
        if let Some(place) = &entry.place {
            lang(
                &add_text(&item, "span", "eh-event-item__meta", place)?,
                place,
            )?;
        }
    }
    Some(root)
}
