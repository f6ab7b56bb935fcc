//! "Now / next": where an instant falls in an event's agenda — before it (a countdown), during a
//! session (which ones, and what comes next), between sessions, or after the end.
//!
//! The program runs from the earlier of the event's start and its first session to the later of
//! the event's end and its last session: a community walk the evening before the event proper has
//! begun *something*, so from then on the page shows "now / next" rather than a countdown to the
//! official start. Sessions are half-open, `[start, end)`: at 10:30 a 10:00–10:30 session is over
//! and the 10:30 one is running, so two back-to-back sessions are never both highlighted.

use chrono::{DateTime, Utc};

use crate::agenda::{event_span, timeline, Timed};
use crate::event::Event;
use crate::zone::ZoneRules;

/// Where `now` falls in the agenda.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum State {
    /// Nothing has begun: the program starts at `starts`, in `minutes` (rounded up, so the
    /// countdown never says "now" before it is).
    Before {
        starts: DateTime<Utc>,
        minutes: i64,
        /// The first sessions (several when they start together); empty when the event has none.
        first: Vec<Timed>,
    },
    /// One or more sessions are running (overlapping sessions all count), in timeline order.
    Running {
        running: Vec<Timed>,
        next: Option<Next>,
    },
    /// The program has begun but no session is running: a break between sessions, the night
    /// between two days, or the time after the last session while the event itself still runs.
    Between { next: Option<Next> },
    /// The event and all its sessions are over.
    Ended,
}

/// The sessions that start next, all at the same instant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Next {
    pub sessions: Vec<Timed>,
    pub starts: DateTime<Utc>,
    /// Whole minutes until `starts`, rounded up: "in 25 min" until it is 24 minutes away.
    pub minutes: i64,
}

impl State {
    /// The running sessions (empty unless [`State::Running`]).
    pub fn running(&self) -> &[Timed] {
        match self {
            State::Running { running, .. } => running,
            _ => &[],
        }
    }

    /// What starts next, when anything does.
    pub fn next(&self) -> Option<&Next> {
        match self {
            State::Running { next, .. } | State::Between { next } => next.as_ref(),
            State::Before { .. } | State::Ended => None,
        }
    }

    /// Whether the session at `index` (into `event.sessions`) is running.
    pub fn is_running(&self, index: usize) -> bool {
        self.running().iter().any(|t| t.index == index)
    }

    /// The session "Jump to now" scrolls to: the first running one, else the next one, else (before
    /// the event) the first one.
    pub fn focus(&self) -> Option<Timed> {
        match self {
            State::Running { running, .. } => running.first().copied(),
            State::Between { next } => next.as_ref().and_then(|n| n.sessions.first().copied()),
            State::Before { first, .. } => first.first().copied(),
            State::Ended => None,
        }
    }
}

/// Where `now` falls, given the agenda's `timeline` (sorted by start, as
/// [`crate::agenda::timeline`] returns it) and the event's own `(start, end)`.
pub fn state(
    timeline: &[Timed],
    span: (DateTime<Utc>, DateTime<Utc>),
    now: DateTime<Utc>,
) -> State {
    let program_start = timeline.iter().map(|t| t.start).fold(span.0, DateTime::min);
    let program_end = timeline.iter().map(|t| t.end).fold(span.1, DateTime::max);

    if now < program_start {
        return State::Before {
            starts: program_start,
            minutes: minutes_until(now, program_start),
            first: timeline
                .first()
                .map(|t| starting_at(timeline, t.start))
                .unwrap_or_default(),
        };
    }
    if now >= program_end {
        return State::Ended;
    }
    let running: Vec<Timed> = timeline
        .iter()
        .filter(|t| t.start <= now && now < t.end)
        .copied()
        .collect();
    let next = timeline
        .iter()
        .map(|t| t.start)
        .filter(|start| *start > now)
        .min()
        .map(|starts| Next {
            sessions: starting_at(timeline, starts),
            starts,
            minutes: minutes_until(now, starts),
        });
    if running.is_empty() {
        State::Between { next }
    } else {
        State::Running { running, next }
    }
}

/// [`state`] for an event, resolving its times with `rules`; `None` when its zone is unknown.
pub fn event_state(event: &Event, rules: &dyn ZoneRules, now: DateTime<Utc>) -> Option<State> {
    let span = event_span(event, rules)?;
    Some(state(&timeline(event, rules), span, now))
}

/// Whole minutes from `now` to `then`, rounded up; zero or less when `then` has come.
pub fn minutes_until(now: DateTime<Utc>, then: DateTime<Utc>) -> i64 {
    let seconds = (then - now).num_seconds();
    // Integer ceiling division that also holds for negative spans.
    -((-seconds).div_euclid(60))
}

fn starting_at(timeline: &[Timed], start: DateTime<Utc>) -> Vec<Timed> {
    timeline
        .iter()
        .filter(|t| t.start == start)
        .copied()
        .collect()
}
