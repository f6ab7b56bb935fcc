//! `GET /events/{id}.ics`: an event's calendar, made on request from `SITE/events/{id}.json` with
//! the model's own generator, so a calendar app can subscribe to the agenda and follow its edits.
//!
//! The router cannot match a suffix (`{id}.ics`), so [`crate::serve`] routes every
//! `/events/{file}` and calls [`calendar`] for the names that end in `.ics`.

use std::path::Path;
use std::time::SystemTime;

use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE, HOST, VARY};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use event_model::ics::{self, event_calendar};
use event_model::tzdb::Tzdb;
use event_model::{check_event, Language};

use crate::check::format_problem;
use crate::serve::NO_CACHE;

/// Whether `id` can be an event id (the model's rule: 1–80 of `a–z 0–9 - _`, starting with a
/// letter or digit). Anything else is refused before it comes near a file name, so no `..`, `/`
/// or `\` can reach the file system.
pub fn is_event_id(id: &str) -> bool {
    (1..=80).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
        && !id.starts_with(['-', '_'])
}

/// The address of event `id`'s page on this hub as the requester reached it (`Host`, and the
/// scheme a proxy in front reports in `X-Forwarded-Proto`): where the feed's entries lead unless
/// the event file names its own page. `None` without a usable `Host`.
pub fn page_address(headers: &HeaderMap, id: &str) -> Option<String> {
    let host = headers.get(HOST)?.to_str().ok()?;
    // A host is letters, digits, `.`, `-`, `:` and the brackets of an IPv6 address — nothing
    // that could smuggle a path, a query or a line break into the calendar.
    let plain = |b: u8| b.is_ascii_alphanumeric() || b".-:[]".contains(&b);
    if host.is_empty() || !host.bytes().all(plain) {
        return None;
    }
    let scheme = match headers.get("x-forwarded-proto").map(HeaderValue::to_str) {
        Some(Ok("https")) => "https",
        _ => "http",
    };
    Some(format!("{scheme}://{host}/events/{id}"))
}

/// What an `.ics` request for event `id` gets, as a status and a plain-text or calendar body, in
/// `language`; its entries lead to `page` unless the file names the event's page.
pub async fn calendar(site: &Path, id: &str, page: Option<&str>, language: Language) -> Response {
    if !is_event_id(id) {
        return not_found();
    }
    let path = site.join("events").join(format!("{id}.json"));
    let bytes = match tokio::fs::read(&path).await {
        Ok(bytes) => bytes,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return not_found(),
        Err(error) => {
            tracing::error!("cannot read {}: {error}", path.display());
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let name = format!("events/{id}.json");
    let Ok(text) = String::from_utf8(bytes) else {
        return unprocessable(format!("{name}: the file is not UTF-8 text\n"));
    };
    let checked = check_event(&text, &Tzdb);
    let Some(mut event) = checked.value.clone() else {
        let lines: String = checked
            .errors()
            .map(|problem| format_problem(&name, problem) + "\n")
            .collect();
        return unprocessable(lines);
    };
    // The file's modification time, not the request's: an unchanged file gives the same bytes.
    let stamp = match tokio::fs::metadata(&path).await.and_then(|m| m.modified()) {
        Ok(modified) => DateTime::<Utc>::from(modified),
        Err(_) => DateTime::<Utc>::from(SystemTime::now()),
    };
    if let Some(page) = page {
        event.fill_in_page(page);
    }
    event.localize(language.code());
    match event_calendar(&event, &Tzdb, stamp, language) {
        Ok(body) => {
            let disposition = format!("inline; filename=\"{id}.ics\"");
            let mut response = body.into_response();
            let headers = response.headers_mut();
            headers.insert(CONTENT_TYPE, HeaderValue::from_static(ics::CONTENT_TYPE));
            headers.insert(CACHE_CONTROL, HeaderValue::from_static(NO_CACHE));
            headers.insert(VARY, HeaderValue::from_static(crate::reader_language::VARY));
            // The id is a checked slug, so it is a valid header value.
            if let Ok(value) = HeaderValue::from_str(&disposition) {
                headers.insert(CONTENT_DISPOSITION, value);
            }
            response
        }
        Err(error) => unprocessable(format!("{name}: {error}\n")),
    }
}

fn not_found() -> Response {
    (StatusCode::NOT_FOUND, "no such event\n").into_response()
}

fn unprocessable(body: String) -> Response {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_ids_are_slugs_and_nothing_else() {
        for id in ["scs-hackathon-3", "a", "x_1", "2024-meetup"] {
            assert!(is_event_id(id), "{id}");
        }
        for id in [
            "",
            "..",
            "../secret",
            "a/b",
            "a\\b",
            "A",
            "-x",
            "_x",
            "x.y",
            "x y",
            "ä",
            "%2e%2e",
            &"x".repeat(81),
        ] {
            assert!(!is_event_id(id), "{id:?}");
        }
    }
}
