//! `hub serve`: the built app (Trunk's `dist/`) as a static site, the event files under its
//! `events/`, with compression, cache headers, one log line per request and graceful shutdown.
//!
//! The build holds two bundles: the attendee's app (`index.html` and its hashed assets at the top)
//! and the organizers' tools under `edit/` (`edit/index.html`, its hashed assets, the stable-named
//! `edit/tools.js`). Both are single-page apps, so an address such as `/events/scs-hackathon-3` is
//! not a file: any GET without a file extension that matches no file gets an `index.html`, and the
//! app's router takes over — `edit/index.html` for `/edit` and everything under `/edit/` (the
//! attendee's when the build has no editor), `index.html` for the rest. A missing path *with* an
//! extension (`/events/nope.json`) stays a real 404, so the app can tell "event not found" from
//! "event found".
//!
//! Under `/events/{file}`: `{id}.ics` is made on request from the event file ([`crate::calendar`]);
//! `{id}` is `index.html` with the event's header already in it ([`crate::shell`]); anything else
//! is a file. Under `/events/{id}/`: `schedule.json` and `schedule.xml`, the c3voc schedule
//! conference apps load ([`crate::schedule`]).
//!
//! Hashed file names are cached for a year, everything else revalidates on every use.
//!
//! Under `/api`: the sign-up API ([`crate::api`]), on the SQLite database in `--data`.

use std::convert::Infallible;
use std::io;
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::Request;
use axum::extract::{Path as UrlPath, State};
use axum::http::header::CACHE_CONTROL;
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use tower::{service_fn, ServiceExt};
use tower_http::compression::CompressionLayer;
use tower_http::services::{ServeDir, ServeFile};

use crate::api::Api;
use crate::check::{self, FileReport, Summary};
use crate::reader_language::reader_language;
use crate::store::sqlite::OpenError;

/// For revalidation on every use: `index.html` and the event files change whenever organizers
/// edit them, and unhashed names (icons, manifest, service worker) may change with any deploy.
/// Revalidating is cheap: unchanged files answer `304` thanks to `Last-Modified`.
pub const NO_CACHE: &str = "no-cache";
/// For Trunk's hashed assets: a new build gets a new name, so a name's content never changes.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// How long shutdown waits for open connections (a slow phone downloading the wasm) before
/// closing them, so that `systemctl stop` or Ctrl-C never hangs.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(10);

/// How often events' ends are recorded and expired sign-ups deleted.
const HOUSEKEEPING_EVERY: Duration = Duration::from_secs(3600);

/// Where `hub serve` listens, what it serves, and the sign-up API's settings.
#[derive(Clone, PartialEq, Eq)]
pub struct Config {
    /// `HOST:PORT`; a host name such as `localhost` is resolved. Port 0 picks a free port.
    pub addr: String,
    /// The built app: `index.html`, hashed assets, `events/*.json`.
    pub site: PathBuf,
    /// Where the server keeps its own data (the sign-up database).
    pub data: PathBuf,
    /// Removes any sign-up and reads the CSV export; `None` turns both off.
    pub organizer_token: Option<String>,
    /// Origins (`https://example.org`) whose pages may call the API from the browser (CORS).
    pub allowed_origins: Vec<String>,
    /// Reverse proxies whose `X-Forwarded-For` is believed.
    pub trusted_proxies: Vec<IpAddr>,
    /// Joins and leaves per client and minute (also the burst); 0 for no limit.
    pub writes_per_minute: u32,
    /// Reads (lists, streams, exports) per client and minute; 0 for no limit.
    pub reads_per_minute: u32,
    /// The most sign-ups one event takes; 0 for no limit.
    pub max_signups_per_event: u32,
    /// Sign-ups are deleted this many days after their event ends.
    pub retention_days: u32,
}

/// The documented defaults of `hub serve` (see `crate::cli`).
impl Default for Config {
    fn default() -> Config {
        Config {
            addr: "127.0.0.1:8080".to_owned(),
            site: PathBuf::from("dist"),
            data: PathBuf::from("./data"),
            organizer_token: None,
            allowed_origins: Vec::new(),
            trusted_proxies: Vec::new(),
            writes_per_minute: 120,
            reads_per_minute: 6000,
            max_signups_per_event: 5000,
            retention_days: 30,
        }
    }
}

/// Everything but the organizer token, which must not reach a log.
impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("addr", &self.addr)
            .field("site", &self.site)
            .field("data", &self.data)
            .field(
                "organizer_token",
                &self.organizer_token.as_ref().map(|_| "(set)"),
            )
            .field("allowed_origins", &self.allowed_origins)
            .field("trusted_proxies", &self.trusted_proxies)
            .field("writes_per_minute", &self.writes_per_minute)
            .field("reads_per_minute", &self.reads_per_minute)
            .field("max_signups_per_event", &self.max_signups_per_event)
            .field("retention_days", &self.retention_days)
            .finish()
    }
}

/// Why `hub serve` could not start or stopped with an error.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error(
        "no index.html in {}: the app is not built; run `cargo xtask serve`, which builds it and starts the hub",
        .site.display()
    )]
    NotBuilt { site: PathBuf },
    #[error("cannot create the data directory {}: {source}", .path.display())]
    DataDir { path: PathBuf, source: io::Error },
    #[error("cannot listen on {addr}: {source}")]
    Bind { addr: String, source: io::Error },
    #[error("the server failed: {0}")]
    Serve(#[source] io::Error),
    #[error(transparent)]
    Database(#[from] OpenError),
    #[error(
        "the sign-up database {} would not be durable: `PRAGMA {pragma}` is {found}, the hub needs \
         {wanted}; put the data directory on a local file system",
        .path.display()
    )]
    NotDurable {
        path: PathBuf,
        pragma: &'static str,
        wanted: &'static str,
        found: String,
    },
    #[error(
        "--allowed-origins: `{0}` is not an origin; write scheme and host (and port), \
         without a path, e.g. https://scs.community"
    )]
    BadOrigin(String),
}

/// Every origin of `origins` as CORS compares it: `scheme://host[:port]`, no path, no slash.
pub fn check_origins(origins: &[String]) -> Result<(), ServeError> {
    for origin in origins {
        let rest = origin
            .strip_prefix("https://")
            .or_else(|| origin.strip_prefix("http://"));
        let plain = |b: u8| b.is_ascii_alphanumeric() || b".-:[]".contains(&b);
        let valid = rest.is_some_and(|host| !host.is_empty() && host.bytes().all(plain));
        if !valid {
            return Err(ServeError::BadOrigin(origin.clone()));
        }
    }
    Ok(())
}

/// The hub's HTTP application and the API state behind it, for [`run`] to stop cleanly.
pub struct Hub {
    pub api: Api,
    router: Router,
}

impl Hub {
    /// Creates the data directory, opens the sign-up database and builds the routes.
    pub fn open(config: &Config) -> Result<Hub, ServeError> {
        check_origins(&config.allowed_origins)?;
        std::fs::create_dir_all(&config.data).map_err(|source| ServeError::DataDir {
            path: config.data.clone(),
            source,
        })?;
        let store = crate::store::sqlite::open(&config.data).map_err(|error| match error {
            OpenError::NotDurable {
                path,
                pragma,
                wanted,
                found,
            } => ServeError::NotDurable {
                path,
                pragma,
                wanted,
                found,
            },
            other => ServeError::Database(other),
        })?;
        let api = Api::new(config, Arc::new(store));
        let router = app_with(config, api.clone());
        Ok(Hub { api, router })
    }

    /// The routes; the application is the same for every clone.
    pub fn router(&self) -> Router {
        self.router.clone()
    }
}

/// The whole HTTP application, without a socket (tests drive it with `oneshot`), on the
/// sign-up database under `config.data`.
pub fn app(config: &Config) -> Result<Router, ServeError> {
    Ok(Hub::open(config)?.router())
}

/// The application with `api` under `/api`.
///
/// The API's answers are not compressed on the fly: its strong ETags name the exact bytes
/// sent, and its lists are small. The static site is.
pub fn app_with(config: &Config, api: Api) -> Router {
    let files = static_site(&config.site);
    let site = Router::new()
        .merge(event_routes(&config.site, files.clone()))
        .fallback_service(files)
        .layer(CompressionLayer::new());
    Router::new()
        .nest("/api", crate::api::router(api))
        .fallback_service(site)
        .layer(middleware::from_fn(log_request))
}

#[derive(Clone)]
struct Site {
    dir: PathBuf,
    /// The static site, for every `/events/{file}` that is not made on request.
    files: Router,
}

/// `/events/{file}`: calendars and event pages made from the event file; `files` serves the rest.
fn event_routes(site: &Path, files: Router) -> Router {
    Router::new()
        .route("/events/{file}", get(event_file))
        .route("/events/{id}/{file}", get(event_export))
        .with_state(Site {
            dir: site.to_owned(),
            files,
        })
}

async fn event_file(
    State(site): State<Site>,
    UrlPath(file): UrlPath<String>,
    request: Request,
) -> Response {
    if let Some(id) = file.strip_suffix(".ics") {
        let page = crate::calendar::page_address(request.headers(), id);
        let language = reader_language(request.uri().query(), request.headers());
        return crate::calendar::calendar(&site.dir, id, page.as_deref(), language).await;
    }
    if crate::calendar::is_event_id(&file) {
        return crate::shell::event_page(&site.dir, &file, site.files, request).await;
    }
    match site.files.oneshot(request).await {
        Ok(response) => response,
        Err(never) => match never {},
    }
}

/// `/events/{id}/schedule.json|xml`: the schedule made from the event file; anything else under
/// an event's path is a static file (an organizer may publish more beside it).
async fn event_export(
    State(site): State<Site>,
    UrlPath((id, file)): UrlPath<(String, String)>,
    request: Request,
) -> Response {
    if let Some(format) = crate::schedule::Format::of_file(&file) {
        let page = crate::calendar::page_address(request.headers(), &id);
        let language = reader_language(request.uri().query(), request.headers());
        return crate::schedule::schedule(&site.dir, &id, format, page.as_deref(), language).await;
    }
    match site.files.oneshot(request).await {
        Ok(response) => response,
        Err(never) => match never {},
    }
}

/// Files from `site` with the SPA fallback and cache headers.
///
/// A `Router` of its own so the cache policy covers only static files, not the API routes that
/// will sit beside it.
fn static_site(site: &Path) -> Router {
    let site_dir = site.to_owned();
    let spa = service_fn(move |request: Request| {
        let site = site_dir.clone();
        async move { Ok::<_, Infallible>(spa_fallback(&site, request).await) }
    });
    let files = ServeDir::new(site)
        // Directories are not listed and have no index of their own: `/` and `/events/` are app
        // routes, answered by the fallback, not redirected to a trailing slash.
        .append_index_html_on_directories(false)
        // When the build ships `app.wasm.br` / `.gz` (best compression, done once), serve those;
        // otherwise `CompressionLayer` compresses on the fly.
        .precompressed_br()
        .precompressed_gzip()
        .fallback(spa);
    Router::new()
        .fallback_service(files)
        .layer(middleware::from_fn(cache_control))
}

/// What a request that matches no file gets: an `index.html` for app routes ([`app_index`]), 404
/// for file names.
async fn spa_fallback(site: &Path, request: Request) -> Response {
    let path = request.uri().path();
    if has_extension(path) {
        return (StatusCode::NOT_FOUND, "not found\n").into_response();
    }
    let mut index = site.join("index.html");
    if let Some(edit) = app_index(path) {
        let edit = site.join(edit);
        if tokio::fs::metadata(&edit)
            .await
            .is_ok_and(|meta| meta.is_file())
        {
            index = edit;
        }
    }
    match ServeFile::new(&index).try_call(request).await {
        Ok(response) => response.map(Body::new),
        Err(error) => {
            tracing::error!("cannot read {}: {error}", index.display());
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// The organizers' bundle's page (relative to the site) for an app route under `/edit`, or `None`
/// for the attendee's app.
pub fn app_index(path: &str) -> Option<&'static str> {
    (path == "/edit" || path.starts_with("/edit/")).then_some("edit/index.html")
}

/// Whether the last segment of a URL path names a file (`x.json`) rather than an app route.
/// Event ids are slugs without dots, so an event's page never looks like a file.
pub fn has_extension(path: &str) -> bool {
    path.rsplit('/')
        .next()
        .is_some_and(|last| last.contains('.'))
}

/// Whether a URL path names one of Trunk's content-hashed files: `app-1a2b3c4d5e6f7a8b_bg.wasm`,
/// `style-1a2b3c4d5e6f7a8b.css`, or the initializer's `1a2b3c4d5e6f7a8b-name.js`.
///
/// Only the file name counts: wasm-bindgen's `snippets/<crate>-<hash>/` directory hash names the
/// crate, not the content, so files inside it may change under the same path. Trunk prints the
/// 64-bit hash with `{:x}`, without leading zeros, so a hash can be shorter than 16 digits; 12 is
/// the floor, and a hash must mix digits and letters so a date like `20231108120000` is not one.
pub fn is_hashed_asset(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or_default();
    name.split(['-', '_', '.']).any(|token| {
        token.len() >= 12
            && token.bytes().all(|b| b.is_ascii_hexdigit())
            && token.bytes().any(|b| b.is_ascii_digit())
            && token.bytes().any(|b| b.is_ascii_alphabetic())
    })
}

/// The `Cache-Control` for a static response: immutable only for a hashed file actually served.
pub fn cache_policy(path: &str, status: StatusCode) -> &'static str {
    let served = status.is_success() || status == StatusCode::NOT_MODIFIED;
    if served && is_hashed_asset(path) {
        IMMUTABLE
    } else {
        NO_CACHE
    }
}

async fn cache_control(request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    let mut response = next.run(request).await;
    let policy = cache_policy(&path, response.status());
    response
        .headers_mut()
        .insert(CACHE_CONTROL, HeaderValue::from_static(policy));
    response
}

/// One line per request: method, path, status, time to the response head.
///
/// The path only, never the query: later API requests may carry tokens there.
async fn log_request(request: Request, next: Next) -> Response {
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let started = Instant::now();
    let response = next.run(request).await;
    tracing::info!(
        "{method} {path} {} {:.1?}",
        response.status().as_u16(),
        started.elapsed()
    );
    response
}

/// Checks every `*.json` under `site/events/` (the index as an index), as `hub check` would.
///
/// A broken file must not take the whole hub down — the app shows its problems to whoever opens
/// it — so the reports are only logged.
pub fn check_site_events(site: &Path) -> Vec<FileReport> {
    let Ok(entries) = std::fs::read_dir(site.join("events")) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "json") && path.is_file())
        .collect();
    files.sort();
    files.iter().map(|file| check::check_arg(file)).collect()
}

/// Starts the hub and serves until Ctrl-C or SIGTERM.
pub async fn run(config: Config) -> Result<(), ServeError> {
    if !config.site.join("index.html").is_file() {
        return Err(ServeError::NotBuilt { site: config.site });
    }
    let hub = Hub::open(&config)?;

    let reports = check_site_events(&config.site);
    for line in reports.iter().flat_map(FileReport::lines) {
        tracing::warn!("{line}");
    }
    if !reports.is_empty() {
        tracing::info!("event files: {}", Summary::of(&reports));
    }
    if config.organizer_token.is_none() {
        tracing::info!("no organizer token: removing others' sign-ups and the CSV export are off");
    }

    // Expired sign-ups go at start and then hourly.
    hub.api.housekeeping().await;
    let housekeeping = tokio::spawn({
        let api = hub.api.clone();
        async move {
            let mut hourly = tokio::time::interval(HOUSEKEEPING_EVERY);
            hourly.tick().await;
            loop {
                hourly.tick().await;
                api.housekeeping().await;
            }
        }
    });

    let listener = tokio::net::TcpListener::bind(&config.addr)
        .await
        .map_err(|source| ServeError::Bind {
            addr: config.addr.clone(),
            source,
        })?;
    let local = listener.local_addr().map_err(|source| ServeError::Bind {
        addr: config.addr.clone(),
        source,
    })?;
    tracing::info!("hub listening on http://{local}/");

    // Graceful shutdown stops accepting and lets open requests finish, but a connection that
    // never finishes would hold the process forever: the grace period bounds it. Change
    // streams never finish by themselves, so they are told to end first.
    let (stopping, mut stopped) = tokio::sync::watch::channel(false);
    let api = hub.api.clone();
    // The peer address is the rate limits' client key (see `api::limit`).
    let service = hub
        .router()
        .into_make_service_with_connect_info::<SocketAddr>();
    let server = axum::serve(listener, service).with_graceful_shutdown(async move {
        shutdown_signal().await;
        tracing::info!("shutting down");
        api.stop_streams();
        // Nobody listening only means the grace timer is gone, and the process with it.
        let _ = stopping.send(true);
    });
    let grace = async move {
        if stopped.wait_for(|stopping| *stopping).await.is_ok() {
            tokio::time::sleep(SHUTDOWN_GRACE).await;
        } else {
            std::future::pending::<()>().await;
        }
    };
    let served = tokio::select! {
        result = server => result.map_err(ServeError::Serve),
        () = grace => {
            tracing::warn!("connections still open after {SHUTDOWN_GRACE:?}; closing them");
            Ok(())
        }
    };
    housekeeping.abort();
    // Every answered join is on disk already; closing checkpoints the log into the file.
    if let Err(error) = hub.api.store.close().await {
        tracing::error!("closing the sign-up database: {error}");
    }
    served?;
    tracing::info!("hub stopped");
    Ok(())
}

/// Resolves on Ctrl-C (SIGINT) or, on Unix, SIGTERM (what `systemctl stop` and `docker stop` send).
async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(error) = tokio::signal::ctrl_c().await {
            tracing::warn!("cannot listen for Ctrl-C: {error}");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut sigterm) => {
                sigterm.recv().await;
            }
            Err(error) => {
                tracing::warn!("cannot listen for SIGTERM: {error}");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = terminate => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trunk_output_names_are_hashed_assets() {
        assert!(is_hashed_asset("/event-hub-6f2c0a3a9d1b4e11_bg.wasm"));
        assert!(is_hashed_asset("/event-hub-6f2c0a3a9d1b4e11.js"));
        assert!(is_hashed_asset("/style-0123456789abcdef.css"));
        // `{:x}` drops leading zeros: one build in sixteen has a 15-digit hash.
        assert!(is_hashed_asset("/style-123456789abcdef.css"));
        // The initializer's hash comes first.
        assert!(is_hashed_asset("/6f2c0a3a9d1b4e11-init.js"));
    }

    #[test]
    fn other_names_are_not_hashed_assets() {
        assert!(!is_hashed_asset("/index.html"));
        assert!(!is_hashed_asset("/events/scs-hackathon-3.json"));
        assert!(!is_hashed_asset("/sw.js"));
        assert!(!is_hashed_asset("/photos/day-20231108120000.jpg"));
        assert!(!is_hashed_asset("/decafbadcafe-notes.txt"));
        // wasm-bindgen's snippet directory hash names the crate, not the file's content.
        assert!(!is_hashed_asset(
            "/snippets/event-hub-0123456789abcdef/inline0.js"
        ));
    }

    #[test]
    fn only_served_hashed_files_are_immutable() {
        let wasm = "/app-0123456789abcdef_bg.wasm";
        assert_eq!(cache_policy(wasm, StatusCode::OK), IMMUTABLE);
        assert_eq!(cache_policy(wasm, StatusCode::NOT_MODIFIED), IMMUTABLE);
        // A 404 cached for a year would outlive the deploy that adds the file.
        assert_eq!(cache_policy(wasm, StatusCode::NOT_FOUND), NO_CACHE);
        assert_eq!(cache_policy("/events/x.json", StatusCode::OK), NO_CACHE);
    }

    #[test]
    fn edit_routes_belong_to_the_organizers_bundle() {
        for path in ["/edit", "/edit/", "/edit/anything", "/edit/a/b"] {
            assert_eq!(app_index(path), Some("edit/index.html"), "{path}");
        }
        for path in ["/", "/editor", "/events/edit", "/edit-x"] {
            assert_eq!(app_index(path), None, "{path}");
        }
    }

    #[test]
    fn app_routes_have_no_extension_and_files_do() {
        assert!(!has_extension("/"));
        assert!(!has_extension("/edit"));
        assert!(!has_extension("/events/scs-hackathon-3"));
        assert!(!has_extension("/v1.2/events/"));
        assert!(has_extension("/events/nope.json"));
        assert!(has_extension("/app.wasm"));
    }
}
