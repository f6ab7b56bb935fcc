//! The agenda, grouped by day in the zone the viewer chose (the event's by default). Each slot
//! also shows the time in a second zone when that clock differs — the event's when another zone is
//! shown, else the device's — so nobody has to do zone arithmetic. The running session is marked.

use std::sync::Arc;

use event_model::agenda::{days, event_span, timeline, zoned, Timed};
use event_model::format::{clock, long_date, short_date};
use event_model::Event;
use leptos::prelude::*;

use super::calendar::SessionCalendarLinks;
use super::markdown::Markdown;
use super::zone_bar::{city, clocks_differ, ZoneBar};
use crate::clock::Clock;
use crate::time_settings::TimeSettings;
use crate::zones::IntlZones;

/// The agenda section.
#[component]
pub fn Agenda(event: Arc<Event>) -> impl IntoView {
    if event.sessions.is_empty() {
        return None;
    }
    let settings = expect_context::<TimeSettings>();
    let timeline = Arc::new(timeline(&event, &IntlZones));
    let span = event_span(&event, &IntlZones);
    let at = span.map(|(start, _)| start).unwrap_or_default();
    let body = {
        let event = event.clone();
        let timeline = timeline.clone();
        move || {
            let shown = settings.shown(&event.time_zone);
            let device = settings.device.get_value();
            // The second clock: the event's when another zone is shown, else the device's.
            let second = if shown != event.time_zone {
                event.time_zone.clone()
            } else {
                device
            };
            let second = clocks_differ(&shown, &second, at).then_some(second);
            days(&timeline, &IntlZones, &shown)
                .into_iter()
                .map(|day| {
                    let before_event = span.is_some_and(|(start, _)| day.sessions.iter().all(|t| t.end <= start));
                    let other_zone = shown != event.time_zone;
                    let id = format!("eh-day-{}", day.date);
                    let labelledby = id.clone();
                    let slots = day
                        .sessions
                        .iter()
                        .map(|timed| {
                            view! { <Slot event=event.clone() timed=*timed shown=shown.clone() second=second.clone()/> }
                        })
                        .collect_view();
                    view! {
                        <section class="eh-day" aria-labelledby=labelledby>
                            <h3 class="eh-day__title" id=id>
                                {long_date(day.date)}
                                {other_zone.then(|| view! { <span class="eh-tag">{format!("{} date", city(&shown))}</span> })}
                                {before_event.then(|| view! { <span class="eh-tag">"Before the event"</span> })}
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
            <h2 class="eh-section__title" id="eh-agenda-title">"Agenda"</h2>
            <ZoneBar event_zone=event.time_zone.clone() at/>
            {body}
        </section>
    })
}

/// "10:00–10:30" in `zone`, with the end date when the session ends on another day.
fn time_range(zone: &str, timed: &Timed) -> Option<(String, String, String)> {
    let start = zoned(&IntlZones, zone, timed.start)?;
    let end = zoned(&IntlZones, zone, timed.end)?;
    let end_day = if end.local.date() != start.local.date() {
        format!(" ({})", short_date(end.local.date()))
    } else {
        String::new()
    };
    Some((
        clock(start.local),
        format!("{}{end_day}", clock(end.local)),
        start.label,
    ))
}

/// One session.
#[component]
fn Slot(event: Arc<Event>, timed: Timed, shown: String, second: Option<String>) -> impl IntoView {
    let session = event.sessions.get(timed.index).cloned()?;
    let now = expect_context::<Clock>().now;
    let running = move || now.with(|now| timed.start <= *now && *now < timed.end);
    let times = time_range(&shown, &timed).map(|(start, end, _)| {
        view! {
            <time datetime=timed.start.to_rfc3339()>{start}</time>
            "–"
            <time datetime=timed.end.to_rfc3339()>{end}</time>
        }
    });
    let second = second.and_then(|zone| {
        let (start, end, label) = time_range(&zone, &timed)?;
        let day = zoned(&IntlZones, &zone, timed.start).map(|z| short_date(z.local.date()))?;
        Some(view! { <span class="eh-slot__second">{format!("{day}, {start}–{end} {label}")}</span> })
    });
    let place = session.place.as_deref().and_then(|id| event.place(id)).map(|place| {
        view! { <a class="eh-slot__place" href=format!("#eh-place-{}", place.id)>{place.name.clone()}</a> }
    });
    Some(view! {
        <li
            class=format!("eh-slot eh-slot--{}", session.kind.name())
            class:eh-slot--now=running
            aria-current=move || running().then_some("time")
            id=format!("eh-session-{}", session.id)
        >
            <div class="eh-slot__time">{times} {second}</div>
            <div class="eh-slot__body">
                <h4 class="eh-slot__title">
                    <Show when=running>
                        <span class="eh-badge">"Now"</span>
                        " "
                    </Show>
                    {session.title.clone()}
                </h4>
                {place}
                {session.description.map(|d| view! { <Markdown source=d/> })}
                <SessionCalendarLinks event=event.clone() timed/>
            </div>
        </li>
    })
}
