//! The sign-up API under `/api` (the contract is DESIGN.md's "Sign-up API"): HTTP only — what a
//! request may do and how it is answered. The sheets themselves are kept by [`crate::store`],
//! the events and their topics come from the event files ([`events`]).
//!
//! - `signups.rs`: read the list, join, leave
//! - `stream.rs`: the change notices (server-sent events)
//! - `export.rs`: the organizers' CSV
//! - `proposals.rs`, `board.rs`, `outcome.rs`: the open-space marketplace — sessions proposed on
//!   the day, the board's cells, and its outcome as an event-file fragment and CSV
//! - `auth.rs`: tokens; `limit.rs`: rate limits and the client's address
//! - `error.rs`: every refusal, as `ApiError` JSON in the reader's language
//!
//! May use: `crate::store` (through its trait), `event_model`, `crate::reader_language`.

pub mod auth;
pub mod board;
pub mod error;
pub mod events;
pub mod export;
pub mod limit;
pub mod outcome;
pub mod proposals;
pub mod signups;
pub mod stream;

use std::net::IpAddr;
use std::ops::Deref;
use std::sync::Arc;
use std::time::Duration;

use axum::http::header::{AUTHORIZATION, CONTENT_TYPE, ETAG, IF_NONE_MATCH, LOCATION, RETRY_AFTER};
use axum::http::{HeaderValue, Method};
use axum::middleware;
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post, put};
use axum::Router;
use chrono::Utc;
use tokio::sync::watch;
use tower_http::cors::{AllowOrigin, CorsLayer};

use crate::serve::Config;
use crate::store::SignupStore;
use auth::OrganizerToken;
use error::{Problem, Reader};
use events::Catalogue;
use limit::RateLimit;

/// How long a browser may reuse a CORS preflight answer.
const PREFLIGHT_MAX_AGE: Duration = Duration::from_secs(3600);

/// What the handlers share. Cheap to clone.
#[derive(Clone)]
pub struct Api(Arc<Shared>);

pub struct Shared {
    pub store: Arc<dyn SignupStore>,
    pub catalogue: Catalogue,
    pub organizer: OrganizerToken,
    pub writes: RateLimit,
    pub reads: RateLimit,
    pub trusted_proxies: Vec<IpAddr>,
    pub allowed_origins: Vec<HeaderValue>,
    pub max_signups_per_event: u32,
    pub retention_days: u32,
    /// Set to `true` at shutdown: every open stream ends.
    pub stopping: watch::Sender<bool>,
}

impl Deref for Api {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        &self.0
    }
}

impl Api {
    /// The API for `config`, on `store`. `allowed_origins` must be valid header values (see
    /// [`crate::serve::check_origins`]); an invalid one is left out.
    pub fn new(config: &Config, store: Arc<dyn SignupStore>) -> Api {
        let (stopping, _) = watch::channel(false);
        Api(Arc::new(Shared {
            store,
            catalogue: Catalogue::new(&config.site),
            organizer: OrganizerToken::new(config.organizer_token.as_deref()),
            writes: RateLimit::new(config.writes_per_minute),
            reads: RateLimit::new(config.reads_per_minute),
            trusted_proxies: config.trusted_proxies.clone(),
            allowed_origins: config
                .allowed_origins
                .iter()
                .filter_map(|origin| HeaderValue::from_str(origin).ok())
                .collect(),
            max_signups_per_event: config.max_signups_per_event,
            retention_days: config.retention_days,
            stopping,
        }))
    }

    /// Ends every open change stream (at shutdown).
    pub fn stop_streams(&self) {
        self.stopping.send_replace(true);
    }

    /// Records when each event on file ends, then deletes the sign-ups past their retention:
    /// at start and hourly.
    pub async fn housekeeping(&self) {
        let ends = self
            .catalogue
            .all()
            .await
            .iter()
            .map(|event| (event.id.clone(), event.ends_at))
            .collect();
        if let Err(error) = self.store.record_event_ends(ends).await {
            tracing::error!("recording the events' ends: {error}");
        }
        if self.retention_days == 0 {
            // 0 keeps every sign-up: the sample event ended in 2023 and still has live sheets.
            return;
        }
        match self.store.purge(Utc::now(), self.retention_days).await {
            Ok(0) => {}
            Ok(deleted) => tracing::info!(
                "deleted {deleted} sign-ups of events that ended over {} days ago",
                self.retention_days
            ),
            Err(error) => tracing::error!("deleting expired sign-ups: {error}"),
        }
    }
}

/// The API's routes, to be nested under `/api`.
pub fn router(api: Api) -> Router {
    let cors = CorsLayer::new()
        .allow_origin(AllowOrigin::list(api.allowed_origins.iter().cloned()))
        .allow_methods([Method::GET, Method::POST, Method::PUT, Method::DELETE])
        .allow_headers([CONTENT_TYPE, AUTHORIZATION, IF_NONE_MATCH])
        .expose_headers([ETAG, RETRY_AFTER, LOCATION])
        .max_age(PREFLIGHT_MAX_AGE);
    Router::new()
        .route("/events/{event}/signups", get(signups::list))
        .route("/events/{event}/signups/stream", get(stream::stream))
        .route("/events/{event}/signups.csv", get(export::export))
        .route(
            "/events/{event}/topics/{topic}/signups",
            post(signups::join),
        )
        .route("/signups/{id}", delete(signups::leave))
        .route("/events/{event}/proposals", post(proposals::propose))
        .route(
            "/events/{event}/proposals/{topic}",
            put(proposals::edit).delete(proposals::withdraw),
        )
        .route(
            "/events/{event}/proposals/{topic}/moderation",
            post(proposals::moderate),
        )
        .route(
            "/events/{event}/board/{room}/{slot}",
            put(board::place).delete(board::clear),
        )
        .route(
            "/events/{event}/open-space/fragment.json",
            get(outcome::export_fragment),
        )
        .route("/events/{event}/open-space.csv", get(outcome::export_csv))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(middleware::from_fn_with_state(api.clone(), limit::limit))
        // Outside the limit, so preflights are answered without spending a token and a 429
        // still carries the headers the page needs to read it.
        .layer(cors)
        .with_state(api)
}

async fn not_found(reader: Reader) -> Response {
    reader.refuse(Problem::RouteNotFound).into_response()
}

async fn method_not_allowed(reader: Reader, method: Method) -> Response {
    reader
        .refuse(Problem::MethodNotAllowed(method))
        .into_response()
}
