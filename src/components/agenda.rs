//! The agenda, grouped by day in the event's zone. When the viewer's device runs on another
//! offset, each slot also shows their own time, so nobody has to do zone arithmetic.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use event_model::agenda::{days, event_span, timeline, zoned, Timed};
use event_model::format::{clock, long_date, short_date};
use event_model::{Event, SessionKind, ZoneRules};
use leptos::prelude::*;

use super::markdown::Markdown;
use crate::zones::{device_zone, IntlZones};

/// The agenda section.
#[component]
pub fn Agenda(event: Arc<Event>) -> impl IntoView {
    if event.sessions.is_empty() {
        return ().into_any();
    }
    let timeline = timeline(&event, &IntlZones);
    let device = device_zone();
    let event_start = event_span(&event, &IntlZones).map(|(start, _)| start);
    let days = days(&timeline, &IntlZones, &event.time_zone)
        .into_iter()
        .map(|day| {
            let before_event = event_start.is_some_and(|start| day.sessions.iter().all(|t| t.end <= start));
            let id = format!("eh-day-{}", day.date);
            let labelledby = id.clone();
            let slots = day
                .sessions
                .iter()
                .map(|timed| view! { <Slot event=event.clone() timed=*timed device=device.clone()/> })
                .collect_view();
            view! {
                <section class="eh-day" aria-labelledby=labelledby>
                    <h3 class="eh-day__title" id=id>
                        {long_date(day.date)}
                        {before_event.then(|| view! { <span class="eh-tag">"Before the event"</span> })}
                    </h3>
                    <ol class="eh-day__sessions">{slots}</ol>
                </section>
            }
        })
        .collect_view();
    let zone_note = zone_note(&event, &device);
    view! {
        <section class="eh-section" id="eh-agenda" aria-labelledby="eh-agenda-title">
            <h2 class="eh-section__title" id="eh-agenda-title">"Agenda"</h2>
            <p class="eh-muted eh-agenda__zone">{zone_note}</p>
            {days}
        </section>
    }
    .into_any()
}

/// Which zone the times are in, and whether the viewer's own time is shown beside them.
fn zone_note(event: &Event, device: &str) -> String {
    let start = event_span(event, &IntlZones)
        .map(|(start, _)| start)
        .unwrap_or_default();
    let label = zoned(&IntlZones, &event.time_zone, start)
        .map(|z| z.label)
        .unwrap_or_default();
    if differs(&event.time_zone, device, start) {
        format!(
            "Times in {} ({label}). Your time ({device}) is shown below each.",
            event.time_zone
        )
    } else {
        format!(
            "Times in {} ({label}), the same as your device.",
            event.time_zone
        )
    }
}

/// Whether `device` shows a different clock than `zone` at `instant`.
fn differs(zone: &str, device: &str, instant: DateTime<Utc>) -> bool {
    match (
        IntlZones.offset_at(zone, instant),
        IntlZones.offset_at(device, instant),
    ) {
        (Some(event), Some(yours)) => event != yours,
        _ => false,
    }
}

/// One session.
#[component]
fn Slot(event: Arc<Event>, timed: Timed, device: String) -> impl IntoView {
    let Some(session) = event.sessions.get(timed.index).cloned() else {
        return ().into_any();
    };
    let zone = event.time_zone.clone();
    let in_zone = |zone: &str| {
        let start = zoned(&IntlZones, zone, timed.start)?;
        let end = zoned(&IntlZones, zone, timed.end)?;
        let end_day = if end.local.date() != start.local.date() {
            format!(" ({})", short_date(end.local.date()))
        } else {
            String::new()
        };
        Some((start, end, end_day))
    };
    let times = in_zone(&zone).map(|(start, end, end_day)| {
        view! {
            <time datetime=timed.start.to_rfc3339()>{clock(start.local)}</time>
            "–"
            <time datetime=timed.end.to_rfc3339()>{clock(end.local)}{end_day}</time>
        }
    });
    let yours = differs(&zone, &device, timed.start)
        .then(|| in_zone(&device))
        .flatten()
        .map(|(start, end, end_day)| {
            let day = short_date(start.local.date());
            view! {
                <span class="eh-slot__yours">
                    {format!("{day}, {}–{}{end_day} {}", clock(start.local), clock(end.local), start.label)}
                    <span class="eh-visually-hidden">" your time"</span>
                </span>
            }
        });
    let place = session.place.as_deref().and_then(|id| event.place(id)).map(|place| {
        view! { <a class="eh-slot__place" href=format!("#eh-place-{}", place.id)>{place.name.clone()}</a> }
    });
    view! {
        <li class=format!("eh-slot eh-slot--{}", kind_class(session.kind)) id=format!("eh-session-{}", session.id)>
            <div class="eh-slot__time">{times} {yours}</div>
            <div class="eh-slot__body">
                <h4 class="eh-slot__title">{session.title}</h4>
                {place}
                {session.description.map(|d| view! { <Markdown source=d/> })}
            </div>
        </li>
    }
    .into_any()
}

/// The CSS modifier of a session kind.
fn kind_class(kind: SessionKind) -> &'static str {
    match kind {
        SessionKind::Talk => "talk",
        SessionKind::Work => "work",
        SessionKind::Break => "break",
        SessionKind::Meal => "meal",
        SessionKind::Social => "social",
        SessionKind::Arrival => "arrival",
    }
}
