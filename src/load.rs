//! Fetching event files and the events index, and turning every way that can fail into a
//! [`LoadError`] the page can explain — never a blank page.

use std::fmt;

use event_model::format::counted;
use event_model::{check_event, check_index, Event, EventIndex, Problem};
use gloo_net::http::Request;

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
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Network { url, reason } => write!(f, "Could not load {url}: {reason}"),
            LoadError::Status { url, status: 404 } => write!(f, "There is no event file at {url}."),
            LoadError::Status { url, status } => {
                write!(f, "Loading {url} failed with HTTP status {status}.")
            }
            LoadError::Invalid { url, problems } => {
                write!(
                    f,
                    "The event file {url} has {}.",
                    counted(problems.len(), "problem")
                )
            }
        }
    }
}

/// The text at `url`.
pub async fn fetch_text(url: &str) -> Result<String, LoadError> {
    let network = |error: gloo_net::Error| LoadError::Network {
        url: url.to_owned(),
        reason: error.to_string(),
    };
    let response = Request::get(url).send().await.map_err(network)?;
    if !response.ok() {
        return Err(LoadError::Status {
            url: url.to_owned(),
            status: response.status(),
        });
    }
    response.text().await.map_err(network)
}

/// Fetches and checks an event file. Warnings are dropped: they are for the preview editor.
pub async fn load_event(url: String) -> Result<Event, LoadError> {
    let text = fetch_text(&url).await?;
    let checked = check_event(&text, &IntlZones);
    let problems = checked.errors().cloned().collect();
    checked.value.ok_or(LoadError::Invalid { problems, url })
}

/// Fetches and checks the events index.
pub async fn load_index(url: String) -> Result<EventIndex, LoadError> {
    let text = fetch_text(&url).await?;
    let checked = check_index(&text);
    checked.value.ok_or(LoadError::Invalid {
        problems: checked.problems,
        url,
    })
}
