//! The agenda, grouped by day in the zone the viewer chose (the event's by default). Each slot
//! also shows the time in a second zone when that clock differs — the event's when another zone is
//! shown, else the device's — so nobody has to do zone arithmetic. The running session is marked.

use std::sync::Arc;

use event_model::agenda::{days, event_span, timeline, zoned, Timed};
use event_model::format::clock;
use event_model::{DateWords, Event, Message, Session};
use leptos::prelude::*;

use super::calendar::SessionCalendarLinks;
use super::markdown::Markdown;
use super::zone_bar::{city, clocks_differ, ZoneBar};
use crate::clock::Clock;
use crate::dom::{dom_view, lang, new, set, text_view};
use crate::i18n::Words;
use crate::time_settings::TimeSettings;
use crate::zones::IntlZones;

/// The zones the agenda shows: the chosen one, and the second clock beside it — the event's when
/// another zone is shown, else the device's — when that clock differs.
#[derive(Debug, Clone, PartialEq, Eq)]
struct ShownZones {
    shown: String,
    second: Option<String>,
}

/// The agenda section.
///
/// Switching zones re-renders only what changes: the days are a memo of the grouping, so when
/// the sessions stay on the same dates (most switches) only each slot's times update in place —
/// a 1,000-session agenda is otherwise rebuilt node by node.
#[component]
pub fn Agenda(event: Arc<Event>) -> impl IntoView {
    if event.sessions.is_empty() {
        return None;
    }
    let settings = expect_context::<TimeSettings>();
    let words = Words::current();
    let timeline = timeline(&event, &IntlZones);
    let span = event_span(&event, &IntlZones);
    let at = span.map(|(start, _)| start).unwrap_or_default();
    let zones = {
        let event_zone = event.time_zone.clone();
        Memo::new(move |_| {
            let shown = settings.shown(&event_zone);
            let second = if shown != event_zone {
                event_zone.clone()
            } else {
                settings.device.get_value()
            };
            let second = clocks_differ(&shown, &second, at).then_some(second);
            ShownZones { shown, second }
        })
    };
    let grouped = Memo::new(move |_| zones.with(|z| days(&timeline, &IntlZones, &z.shown)));
    let body = {
        let event = event.clone();
        move || {
            grouped
                .get()
                .into_iter()
                .map(|day| {
                    let before_event = span.is_some_and(|(start, _)| day.sessions.iter().all(|t| t.end <= start));
                    let id = format!("eh-day-{}", day.date);
                    let labelledby = id.clone();
                    let event_zone = event.time_zone.clone();
                    // "Tokyo date": the dates are the shown zone's, not the event's.
                    let zone_tag = move || {
                        zones.with(|z| {
                            (z.shown != event_zone)
                                .then(|| view! { <span class="eh-tag">{words.fill(Message::DateIn, &[&city(&z.shown)])}</span> })
                        })
                    };
                    let slots = day
                        .sessions
                        .iter()
                        .map(|timed| view! { <Slot event=event.clone() timed=*timed zones/> })
                        .collect_view();
                    view! {
                        <section class="eh-day" aria-labelledby=labelledby>
                            <h3 class="eh-day__title" id=id>
                                {words.long_date(day.date)}
                                {zone_tag}
                                {before_event.then(|| view! { <span class="eh-tag">{words.say(Message::BeforeTheEvent)}</span> })}
                            </h3>
                            <ol class="eh-day__sessions">{slots}</ol>
                        </section>
                    }
                })
                .collect_view()
        }
    };
    Some(view! {
        <section class="eh-section" id="eh-agenda" aria-labelledby="eh-agenda-title">
            <h2 class="eh-section__title" id="eh-agenda-title">{words.say(Message::Agenda)}</h2>
            <ZoneBar event_zone=event.time_zone.clone() at/>
            {body}
        </section>
    })
}

/// "10:00–10:30" in `zone`, with the end date when the session ends on another day and "≈"
/// before a time the organizers have not fixed.
fn time_range(
    words: Words,
    zone: &str,
    timed: &Timed,
    session: &Session,
) -> Option<(String, String, String)> {
    let start = zoned(&IntlZones, zone, timed.start)?;
    let end = zoned(&IntlZones, zone, timed.end)?;
    let end_day = if end.local.date() != start.local.date() {
        format!(" ({})", words.short_date(end.local.date()))
    } else {
        String::new()
    };
    let about = |open: bool| if open { "≈" } else { "" };
    Some((
        format!("{}{}", about(session.tentative_start()), clock(start.local)),
        format!(
            "{}{}{end_day}",
            about(session.tentative_end()),
            clock(end.local)
        ),
        words.zone_abbreviation(&start.label),
    ))
}

/// One session; its times follow the shown zones in place.
#[component]
fn Slot(event: Arc<Event>, timed: Timed, zones: Memo<ShownZones>) -> impl IntoView {
    let session = Arc::new(event.sessions.get(timed.index).cloned()?);
    let words = Words::current();
    let now = expect_context::<Clock>().now;
    let running = move || now.with(|now| timed.start <= *now && *now < timed.end);
    // "before dinner · time to be confirmed": what the organizers said instead of a fixed time.
    let tentative = session.tentative.map(|_| {
        let note = session
            .time_note
            .as_deref()
            .map(|note| format!("{note} · "))
            .unwrap_or_default();
        let text = format!("{note}{}", words.say(Message::TimeToBeConfirmed));
        text_view("span", "eh-slot__tentative", text.into())
    });
    // One reactive block per slot (both clocks), rebuilt when the zones change: cheaper in the
    // wasm than a closure per text, and a zone switch touches only these few nodes.
    let clocks = {
        let session = session.clone();
        move || {
            zones.with(|z| {
                let (start, end, _) =
                    time_range(words, &z.shown, &timed, &session).unwrap_or_default();
                let second = z.second.as_deref().and_then(|zone| {
                    let (start, end, label) = time_range(words, zone, &timed, &session)?;
                    let day = zoned(&IntlZones, zone, timed.start)
                        .map(|z| words.short_date(z.local.date()))?;
                    Some(format!("{day}, {start}–{end} {label}"))
                });
                view! {
                    <time datetime=timed.start.to_rfc3339()>{start}</time>
                    "–"
                    <time datetime=timed.end.to_rfc3339()>{end}</time>
                    {second.map(|text| view! { <span class="eh-slot__second">{text}</span> })}
                }
            })
        }
    };
    // The main venue's name would repeat under most sessions; the header already says it.
    let venue = event.venue().map(|v| v.id.as_str());
    let place = session
        .place
        .as_deref()
        .filter(|id| Some(*id) != venue)
        .and_then(|id| event.place(id))
        .map(|place| {
            let (id, name) = (place.id.clone(), place.name.clone());
            dom_view(move || {
                let link = new("a", "eh-slot__place")?;
                set(&link, "href", &format!("#eh-place-{id}"))?;
                link.set_text_content(Some(&name));
                lang(&link, &name)?;
                Some(link)
            })
        });
    Some(view! {
        <li
            class=format!("eh-slot eh-slot--{}", session.kind.name())
            // The one reactive attribute of a slot: the highlight and the "Now" badge are CSS on
            // it (`[aria-current]`), not two more effects in each of 1,000 slots.
            aria-current=move || running().then_some("time")
            id=format!("eh-session-{}", session.id)
        >
            <div class="eh-slot__time">{clocks}</div>
            <div class="eh-slot__body">
                {text_view("h4", "eh-slot__title", session.title.clone())}
                // Under the title, not under the time: on a phone it gets the full width there.
                {tentative}
                {place}
                {session.description.clone().map(|d| view! { <Markdown source=d/> })}
                <SessionCalendarLinks event=event.clone() timed/>
            </div>
        </li>
    })
}
