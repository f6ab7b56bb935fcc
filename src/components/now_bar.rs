//! "Now / next" above the agenda: a countdown before the event, what is running and what comes
//! next during it (with a "Jump to now"), and "This event has ended" after. It follows the ticking
//! [`Clock`], so it updates by itself without re-rendering the page.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use event_model::agenda::Timed;
use event_model::format::clock;
use event_model::language::Wait;
use event_model::now::{state, State};
use event_model::{DateWords, Event, Message};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::clock::Clock;
use crate::i18n::Words;
use crate::time_settings::TimeSettings;
use crate::zones::IntlZones;

/// The now/next bar for `timeline` within the event's `span`.
#[component]
pub fn NowBar(
    event: Arc<Event>,
    timeline: Arc<Vec<Timed>>,
    span: (DateTime<Utc>, DateTime<Utc>),
) -> impl IntoView {
    let now = expect_context::<Clock>().now;
    let settings = expect_context::<TimeSettings>();
    let words = Words::current();
    let until = move |minutes: i64| words.wait(Wait::of(minutes));
    let current = {
        let timeline = timeline.clone();
        Memo::new(move |_| state(&timeline, span, now.get()))
    };
    // A session whose time is not fixed is never announced as certain.
    let title = {
        let event = event.clone();
        move |timed: &Timed| match event.sessions.get(timed.index) {
            Some(s) if s.tentative.is_some() => {
                words.fill(Message::TitleTimeToBeConfirmed, &[&s.title])
            }
            Some(s) => s.title.to_string(),
            None => String::new(),
        }
    };
    // Whether the start (or end) of any of `sessions` is not fixed: then its time reads "≈".
    let open = {
        let event = event.clone();
        move |sessions: &[Timed], start: bool| {
            sessions.iter().any(|t| {
                event.sessions.get(t.index).is_some_and(|s| {
                    if start {
                        s.tentative_start()
                    } else {
                        s.tentative_end()
                    }
                })
            })
        }
    };
    let at = {
        let zone = event.time_zone.clone();
        move |instant: DateTime<Utc>, approximate: bool| {
            let shown = settings.shown(&zone);
            let about = if approximate { "≈" } else { "" };
            event_model::agenda::zoned(&IntlZones, &shown, instant)
                .map(|z| {
                    format!(
                        "{about}{} {}",
                        clock(z.local),
                        words.zone_abbreviation(&z.label)
                    )
                })
                .unwrap_or_default()
        }
    };
    let lines = move || {
        let titles =
            |sessions: &[Timed]| sessions.iter().map(&title).collect::<Vec<_>>().join(" · ");
        match current.get() {
            State::Before {
                minutes,
                first,
                starts,
            } => vec![(
                words.say(Message::Starts),
                format!(
                    "{} — {}{}",
                    until(minutes),
                    at(starts, open(&first, true)),
                    if first.is_empty() {
                        String::new()
                    } else {
                        format!(": {}", titles(&first))
                    }
                ),
            )],
            State::Running { running, next } => {
                let until_then = at(
                    running.iter().map(|t| t.end).min().unwrap_or(span.1),
                    open(&running, false),
                );
                let mut lines = vec![(
                    words.say(Message::Now),
                    words.fill(Message::Until, &[&titles(&running), &until_then]),
                )];
                if let Some(next) = next {
                    lines.push((
                        words.say(Message::Next),
                        format!("{}, {}", titles(&next.sessions), until(next.minutes)),
                    ));
                }
                lines
            }
            State::Between { next: Some(next) } => {
                vec![(
                    words.say(Message::Next),
                    format!(
                        "{}, {} ({})",
                        titles(&next.sessions),
                        until(next.minutes),
                        at(next.starts, open(&next.sessions, true))
                    ),
                )]
            }
            State::Between { next: None } => vec![(
                words.say(Message::Now),
                words.say(Message::NoMoreSessionsToday).to_owned(),
            )],
            State::Ended => vec![("", words.say(Message::EventHasEnded).to_owned())],
        }
    };
    let focus = move || {
        current
            .with(|s| s.focus())
            .and_then(|t| event.sessions.get(t.index).map(|s| s.id.clone()))
    };
    let jump = move |click: web_sys::MouseEvent| {
        let Some(id) = focus() else { return };
        let element = click
            .target()
            .and_then(|target| target.dyn_into::<web_sys::Node>().ok())
            .and_then(|button| crate::dom::by_id(&button, &format!("eh-session-{id}")));
        if let Some(element) = element {
            let options = web_sys::ScrollIntoViewOptions::new();
            options.set_behavior(web_sys::ScrollBehavior::Smooth);
            options.set_block(web_sys::ScrollLogicalPosition::Center);
            element.scroll_into_view_with_scroll_into_view_options(&options);
        }
    };
    let ended = move || current.with(|s| matches!(s, State::Ended));
    view! {
        <div class="eh-now" class:eh-now--ended=ended role="status" aria-live="polite">
            <ul class="eh-now__lines">
                {move || {
                    lines()
                        .into_iter()
                        .map(|(label, text)| {
                            view! {
                                <li>
                                    {(!label.is_empty()).then(|| view! { <strong class="eh-now__label">{label}</strong> " " })}
                                    {text}
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
            <button
                type="button"
                class="eh-button"
                hidden=move || !current.with(|s| matches!(s, State::Running { .. } | State::Between { next: Some(_) }))
                on:click=jump
            >
                {words.say(Message::JumpToNow)}
            </button>
        </div>
    }
}
