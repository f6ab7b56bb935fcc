//! `/`: the events of `events/index.json`, upcoming first, past below.

use event_model::agenda::zoned;
use event_model::short_sort::sort_by_key;
use event_model::zone::to_instant;
use event_model::{DateWords, EventIndex, IndexEntry, Message};
use leptos::either::Either;
use leptos::html::Div;
use leptos::prelude::*;

use crate::components::load_error::LoadErrorView;
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

/// A titled list of events.
#[component]
fn EventGroup(
    id: &'static str,
    title: Message,
    entries: Vec<IndexEntry>,
    empty: Message,
) -> impl IntoView {
    let words = Words::current();
    let is_empty = entries.is_empty();
    let items = entries
        .into_iter()
        .map(|entry| {
            let when = match (
                to_instant(&IntlZones, &entry.time_zone, entry.start).and_then(|i| zoned(&IntlZones, &entry.time_zone, i)),
                to_instant(&IntlZones, &entry.time_zone, entry.end).and_then(|i| zoned(&IntlZones, &entry.time_zone, i)),
            ) {
                (Some(start), Some(end)) => words.date_range(start.local.date(), end.local.date()),
                _ => entry.start.local.date().to_string(),
            };
            view! {
                <li class="eh-card eh-event-item">
                    <a class="eh-event-item__link" href=format!("/events/{}", entry.id)>
                        <span class="eh-event-item__title" lang=entry.title.other_language()>{entry.title.to_string()}</span>
                    </a>
                    <span class="eh-event-item__meta">{when}</span>
                    {entry.place.map(|place| view! { <span class="eh-event-item__meta" lang=place.other_language()>{place.to_string()}</span> })}
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="eh-section" aria-labelledby=format!("eh-events-{id}")>
            <h2 class="eh-section__title" id=format!("eh-events-{id}")>{words.say(title)}</h2>
            {if is_empty {
                Either::Left(view! { <p class="eh-muted">{words.say(empty)}</p> })
            } else {
                Either::Right(view! { <ul class="eh-list">{items}</ul> })
            }}
        </section>
    }
}
