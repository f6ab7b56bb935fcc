//! An event file read for a request that makes something from it — a calendar, a schedule —
//! with the answers every such request shares: `404` for no such event, `422` listing the file's
//! errors (as `hub check` words them) for a broken one.

use std::path::Path;
use std::time::SystemTime;

use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use event_model::tzdb::Tzdb;
use event_model::{check_event, Event};

use crate::calendar::is_event_id;
use crate::check::format_problem;
use crate::serve::NO_CACHE;

/// Event `id` of `site`, checked, with the file's modification time (so an unchanged file gives
/// the same bytes); or the response that says why not.
pub async fn load(site: &Path, id: &str) -> Result<(Event, DateTime<Utc>), Response> {
    if !is_event_id(id) {
        return Err(not_found());
    }
    let path = site.join("events").join(format!("{id}.json"));
    let bytes = match tokio::fs::read(&path).await {
        Ok(bytes) => bytes,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Err(not_found()),
        Err(error) => {
            tracing::error!("cannot read {}: {error}", path.display());
            return Err(StatusCode::INTERNAL_SERVER_ERROR.into_response());
        }
    };
    let name = format!("events/{id}.json");
    let Ok(text) = String::from_utf8(bytes) else {
        return Err(unprocessable(format!(
            "{name}: the file is not UTF-8 text\n"
        )));
    };
    let checked = check_event(&text, &Tzdb);
    let Some(event) = checked.value.clone() else {
        let lines: String = checked
            .errors()
            .map(|problem| format_problem(&name, problem) + "\n")
            .collect();
        return Err(unprocessable(lines));
    };
    let stamp = match tokio::fs::metadata(&path).await.and_then(|m| m.modified()) {
        Ok(modified) => DateTime::<Utc>::from(modified),
        Err(_) => DateTime::<Utc>::from(SystemTime::now()),
    };
    Ok((event, stamp))
}

pub fn not_found() -> Response {
    (StatusCode::NOT_FOUND, "no such event\n").into_response()
}

/// `422` with a plain-text reason.
pub fn unprocessable(body: String) -> Response {
    (
        StatusCode::UNPROCESSABLE_ENTITY,
        [
            (CONTENT_TYPE, "text/plain; charset=utf-8"),
            (CACHE_CONTROL, NO_CACHE),
        ],
        body,
    )
        .into_response()
}
