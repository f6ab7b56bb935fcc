//! `GET /api/events/{event}/signups/stream`: a server-sent event stream that tells an open page
//! when the event's sign-ups change, so it re-fetches the list (a cheap `304` when it already has
//! it) instead of polling.
//!
//! The stream: `retry: 3000`, then `event: hello` with the current ETag as its data, then an
//! `event: change` with the new ETag after each committed change (a change that leaves the list
//! as it was is not sent). A subscriber that fell behind the broadcast just gets a `change`.
//! Comments every 15 s keep proxies and phones from closing an idle connection. Streams end when
//! the hub shuts down, so they never hold the shutdown for its grace period.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::header::CACHE_CONTROL;
use axum::http::HeaderName;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures_util::stream::{self, StreamExt};
use tokio::sync::broadcast::error::RecvError;
use tokio::sync::{broadcast, watch};

use super::error::{Problem, Reader, Refused};
use super::signups::bad_address;
use super::Api;
use crate::store::SignupStore;

/// How long a client waits before reconnecting (the `retry:` field).
pub const RETRY: Duration = Duration::from_millis(3000);
/// How often an idle stream sends a comment.
pub const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// Tells nginx not to buffer the stream (it would hold back the events).
static X_ACCEL_BUFFERING: HeaderName = HeaderName::from_static("x-accel-buffering");

struct Watching {
    event: String,
    last: String,
    changes: broadcast::Receiver<Arc<str>>,
    stopping: watch::Receiver<bool>,
    store: Arc<dyn SignupStore>,
}

impl Watching {
    /// The next `change` event, or `None` when the stream is to end.
    async fn next_change(&mut self) -> Option<Event> {
        loop {
            tokio::select! {
                // Ends on shutdown, and when the hub (the sender) is gone.
                _ = self.stopping.wait_for(|stopping| *stopping) => return None,
                received = self.changes.recv() => match received {
                    Ok(event) if *event == *self.event => {}
                    Ok(_) => continue,
                    Err(RecvError::Lagged(_)) => {}
                    Err(RecvError::Closed) => return None,
                },
            }
            let etag = match self.store.list(&self.event).await {
                Ok(listing) => listing.etag.clone(),
                Err(error) => {
                    tracing::error!("sign-up stream of {}: {error}", self.event);
                    return None;
                }
            };
            if etag != self.last {
                self.last.clone_from(&etag);
                return Some(Event::default().event("change").data(etag));
            }
        }
    }
}

pub async fn stream(
    State(api): State<Api>,
    reader: Reader,
    event: Result<Path<String>, PathRejection>,
) -> Result<Response, Refused> {
    let Path(event) = event.map_err(|r| reader.refuse(bad_address(r)))?;
    let Some(info) = api.catalogue.get(&event).await else {
        return Err(reader.refuse(Problem::EventNotFound(event)));
    };
    // Subscribe before reading the current tag, so no change falls between the two.
    let changes = api.store.changes();
    let hello = api
        .store
        .list(&info.id)
        .await
        .map_err(|e| reader.refuse(Problem::internal(e)))?
        .etag
        .clone();
    let first = Event::default()
        .event("hello")
        .data(hello.as_str())
        .retry(RETRY);
    let watching = Watching {
        event: info.id.clone(),
        last: hello,
        changes,
        stopping: api.stopping.subscribe(),
        store: Arc::clone(&api.store),
    };
    let changes = stream::unfold(watching, |mut watching| async move {
        let event = watching.next_change().await?;
        Some((event, watching))
    });
    let events = stream::once(async move { first })
        .chain(changes)
        .map(Ok::<Event, Infallible>);
    let sse = Sse::new(events).keep_alive(KeepAlive::new().interval(KEEP_ALIVE));
    Ok((
        [
            (X_ACCEL_BUFFERING.clone(), "no"),
            (CACHE_CONTROL, "no-cache"),
        ],
        sse,
    )
        .into_response())
}
