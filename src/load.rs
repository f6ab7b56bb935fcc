//! Fetching event files and the events index, and turning every way that can fail into a
//! [`LoadError`] the page can explain — never a blank page.

use std::fmt;

use std::sync::Arc;

use event_model::{read_event, read_index, Event, EventIndex, Message, Problem};
use leptos::prelude::*;

use crate::fetch;
use crate::i18n::Words;
use crate::offline::Source;
use crate::on_demand::{every_problem, partial_event, EventFile, FileKind};
use crate::zones::IntlZones;

/// Why an event (or the index) cannot be shown.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadError {
    /// The request failed: offline, DNS, CORS.
    Network { url: String, reason: String },
    /// The server answered with an error status (404: no such event).
    Status { url: String, status: u16 },
    /// The file arrived but has problems; organizers get the list.
    Invalid { url: String, problems: Vec<Problem> },
    /// The file has problems, but the organizer checker that lists them all could not be loaded
    /// (offline, or a static host without `edit/`): the first problem, and why the rest is missing.
    InvalidFirst {
        url: String,
        first: Problem,
        checker: String,
    },
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let words = Words::current();
        let text = match self {
            LoadError::Network { url, reason } => words.fill(Message::CouldNotLoad, &[url, reason]),
            LoadError::Status { url, status: 404 } => words.fill(Message::NoEventFileAt, &[url]),
            LoadError::Status { url, status } => {
                words.fill(Message::HttpStatus, &[url, &status.to_string()])
            }
            LoadError::Invalid { url, problems } => {
                let errors = problems.iter().filter(|p| p.is_error()).count();
                let message = if errors == 1 {
                    Message::FileHasProblemsOne
                } else {
                    Message::FileHasProblemsOther
                };
                words.fill(message, &[url, &errors.to_string()])
            }
            LoadError::InvalidFirst { url, .. } => words.fill(Message::FileHasProblems, &[url]),
        };
        f.write_str(&text)
    }
}

/// The text at `url`.
pub async fn fetch_text(url: &str) -> Result<String, LoadError> {
    let network = |error: fetch::NetworkError| LoadError::Network {
        url: url.to_owned(),
        reason: error.to_string(),
    };
    let response = fetch::get(url).await.map_err(network)?;
    if !response.ok() {
        return Err(LoadError::Status {
            url: url.to_owned(),
            status: response.status(),
        });
    }
    response.text().await.map_err(network)
}

/// An event ready to show.
pub struct Loaded {
    pub event: Event,
    /// The text the event was read from (for calendar files made on demand).
    pub file: EventFile,
    /// For a file with errors shown without its broken items: how many errors were left out.
    pub left_out: Option<usize>,
    /// The network, or a copy kept for when it fails ([`crate::offline`]).
    pub source: Source,
}

/// Fetches an event file and reads it the attendee's way (`event_model::read_event`). A broken
/// file — rare, and only until an organizer notices — loads the organizer checker: attendees
/// then see everything that is valid, with a notice, and only a file with nothing showable gets
/// the full list of problems; without the checker, the first problem with its line and column.
pub async fn load_event(url: String) -> Result<Loaded, LoadError> {
    let (text, source) = crate::offline::fetch_event(&url).await?;
    let mut loaded = read_loaded(url, text).await?;
    loaded.source = source;
    Ok(loaded)
}

/// The event in `text`, the file at `url`, as [`load_event`] reads it.
pub async fn read_loaded(url: String, text: String) -> Result<Loaded, LoadError> {
    let mut loaded = read_part_or_all(url, text).await?;
    if let Some(page) = opened_at() {
        loaded.event.fill_in_page(&page);
    }
    Ok(loaded)
}

/// The address this page was opened at, without its query and fragment (`?now=` is a test
/// clock, not part of the event's address): where the event's calendar entries lead back to.
pub fn opened_at() -> Option<String> {
    let location = web_sys::window()?.location();
    Some(location.origin().ok()? + &location.pathname().ok()?)
}

/// The event in `text`, or the part of it without its broken items (see [`load_event`]).
async fn read_part_or_all(url: String, text: String) -> Result<Loaded, LoadError> {
    match read_event(&text, &IntlZones) {
        Ok(event) => Ok(Loaded {
            event,
            file: EventFile(Arc::from(text)),
            left_out: None,
            source: Source::Network,
        }),
        Err(first) => {
            let error = invalid(FileKind::Event, url, &text, first).await;
            let LoadError::Invalid { problems, .. } = &error else {
                return Err(error);
            };
            // The part is re-read the attendee's way: the page trusts nothing it did not check.
            let part = partial_event(&text).await.ok().flatten();
            match part.as_deref().map(|json| read_event(json, &IntlZones)) {
                Some(Ok(event)) => Ok(Loaded {
                    event,
                    left_out: Some(problems.len()),
                    file: EventFile(Arc::from(part.unwrap_or_default())),
                    source: Source::Network,
                }),
                _ => Err(error),
            }
        }
    }
}

/// The error for a file the reader refused: every problem from the organizer checker, or the
/// first one when the checker cannot be loaded.
async fn invalid(kind: FileKind, url: String, text: &str, first: Problem) -> LoadError {
    match every_problem(kind, text).await {
        // The checker and the reader agree on what is an error; should they ever not, the
        // reader's problem is still the one that stopped the page.
        // Warnings are for the editor; the page lists what stops it.
        Ok(problems) if problems.iter().any(Problem::is_error) => LoadError::Invalid {
            url,
            problems: problems.into_iter().filter(Problem::is_error).collect(),
        },
        Ok(_) => LoadError::Invalid {
            url,
            problems: vec![first],
        },
        Err(checker) => LoadError::InvalidFirst {
            url,
            first,
            checker,
        },
    }
}

/// Fetches and reads the events index.
pub async fn load_index(url: String) -> Result<EventIndex, LoadError> {
    // Kept on the device like an event file, so the list shows offline too.
    let (text, _) = crate::offline::fetch_event(&url).await?;
    match read_index(&text) {
        Ok(index) => Ok(index),
        Err(first) => Err(invalid(FileKind::Index, url, &text, first).await),
    }
}

/// What a page shows of a file on its way: nothing yet, then the outcome.
///
/// A plain signal set by a spawned task, rather than `LocalResource` + `<Suspense>`: the async
/// machinery behind those costs the attendee's wasm tens of KB for what one `spawn_local` does.
pub struct Loading<T: Send + Sync + 'static> {
    /// `None` until the task has finished.
    pub state: ReadSignal<Option<T>>,
    set_state: WriteSignal<Option<T>>,
}

impl<T: Send + Sync + 'static> Clone for Loading<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Loading<T> {}

impl<T: Send + Sync + 'static> Loading<T> {
    /// Starts `task` at once.
    pub fn start<F>(
        task: impl Fn() -> F + Send + Sync + 'static,
    ) -> (Self, impl Fn() + Copy + Send + Sync)
    where
        F: std::future::Future<Output = T> + 'static,
    {
        let (state, set_state) = signal(None);
        let loading = Loading { state, set_state };
        let task = StoredValue::new(task);
        let run = move || {
            loading.set_state.set(None);
            if let Some(future) = task.try_with_value(|task| task()) {
                leptos::task::spawn_local(async move {
                    let outcome = future.await;
                    // The page may have gone meanwhile; then nobody waits for the outcome.
                    let _ = loading.set_state.try_set(Some(outcome));
                });
            }
        };
        run();
        (loading, run)
    }

    /// Shows `outcome` in place of the current one, without the waiting in between (a fresher
    /// file that arrived in the background).
    pub fn set(self, outcome: T) {
        let _ = self.set_state.try_set(Some(outcome));
    }
}
