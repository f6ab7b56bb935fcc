//! `GET /events/{id}/schedule.json` and `…/schedule.xml`: the schedule made on request from
//! `SITE/events/{id}.json`, in the reader's language (`?lang=`, else `Accept-Language`), its
//! sessions linking to the event's page on this hub.

use std::path::Path;

use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, VARY};
use axum::http::HeaderValue;
use axum::response::{IntoResponse, Response};
use event_model::tzdb::Tzdb;
use event_model::Language;

use super::{Format, Schedule};
use crate::serve::NO_CACHE;
use crate::served_event::{load, unprocessable};

/// The schedule of event `id` as `format`, whose page is `page` unless the file names one.
pub async fn schedule(
    site: &Path,
    id: &str,
    format: Format,
    page: Option<&str>,
    language: Language,
) -> Response {
    let (mut event, _) = match load(site, id).await {
        Ok(loaded) => loaded,
        Err(response) => return response,
    };
    if let Some(page) = page {
        event.fill_in_page(page);
    }
    event.localize(language.code());
    let Some(schedule) = Schedule::of(&event, &Tzdb, language, event.url.as_deref()) else {
        return unprocessable(format!(
            "events/{id}.json: the time zone `{}` is not known\n",
            event.time_zone
        ));
    };
    let mut response = format.write(&schedule).into_response();
    let headers = response.headers_mut();
    headers.insert(
        CONTENT_TYPE,
        HeaderValue::from_static(format.content_type()),
    );
    headers.insert(CACHE_CONTROL, HeaderValue::from_static(NO_CACHE));
    headers.insert(VARY, HeaderValue::from_static(crate::reader_language::VARY));
    // Apps on other origins (web schedule viewers) may read it, as they read pretalx's.
    headers.insert("access-control-allow-origin", HeaderValue::from_static("*"));
    response
}
