//! `GET /events/{id}.ics`: an event's calendar, made on request from `SITE/events/{id}.json` with
//! the model's own generator, so a calendar app can subscribe to the agenda and follow its edits.
//!
//! The router cannot match a suffix (`{id}.ics`), so [`crate::serve`] routes every
//! `/events/{file}` and calls [`calendar`] for the names that end in `.ics`.

use std::path::Path;

use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE, HOST, VARY};
use axum::http::{HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use event_model::ics::{self, event_calendar};
use event_model::tzdb::Tzdb;
use event_model::Language;

use crate::serve::NO_CACHE;
use crate::served_event::{load, unprocessable};

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
    let (mut event, stamp) = match load(site, id).await {
        Ok(loaded) => loaded,
        Err(response) => return response,
    };
    let name = format!("events/{id}.json");
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
