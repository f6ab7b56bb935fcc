//! The sign-up sheet's handlers: read an event's list (with its ETag, so an unchanged list costs
//! a `304`), join a topic, leave it again.
//!
//! A join is checked in the order a person can act on: the event and topic exist, the body is
//! JSON of the right shape, the name is a valid display name; then the store decides, atomically,
//! whether there is a seat.

use axum::body::Body;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::header::{
    CACHE_CONTROL, CONTENT_LENGTH, CONTENT_TYPE, ETAG, IF_NONE_MATCH, LOCATION,
};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use event_model::signup::{display_name, name_key, JoinRequest, Joined};

use super::auth::{bearer, new_token, token_hash};
use super::error::{Problem, Reader, Refused, BODY_LIMIT};
use super::Api;
use crate::store::{Credential, JoinRefusal, LeaveRefusal, NewSignup};

/// The API's JSON content type.
pub const JSON: &str = "application/json";

/// Whether an `If-None-Match` header value names `etag` (weak comparison, as RFC 9110 asks for
/// this header: a `W/` prefix is ignored), or is `*`.
pub fn etag_matches(if_none_match: &str, etag: &str) -> bool {
    if_none_match.trim() == "*"
        || if_none_match
            .split(',')
            .map(|tag| tag.trim())
            .map(|tag| tag.strip_prefix("W/").unwrap_or(tag))
            .any(|tag| tag == etag)
}

/// A path parameter axum could not read (not UTF-8 after percent-decoding).
pub fn bad_address(rejection: PathRejection) -> Problem {
    Problem::BadAddress(rejection.body_text())
}

/// `GET /api/events/{event}/signups`: the list, or `304` when `If-None-Match` has its ETag.
pub async fn list(
    State(api): State<Api>,
    reader: Reader,
    event: Result<Path<String>, PathRejection>,
    headers: HeaderMap,
) -> Result<Response, Refused> {
    let Path(event) = event.map_err(|r| reader.refuse(bad_address(r)))?;
    if api.catalogue.get(&event).await.is_none() {
        return Err(reader.refuse(Problem::EventNotFound(event)));
    }
    let listing = api
        .store
        .list(&event)
        .await
        .map_err(|e| reader.refuse(Problem::internal(e)))?;
    let etag =
        HeaderValue::from_str(&listing.etag).map_err(|e| reader.refuse(Problem::internal(e)))?;
    let unchanged = headers
        .get_all(IF_NONE_MATCH)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .any(|value| etag_matches(value, &listing.etag));
    let cache = [
        (ETAG, etag),
        (CACHE_CONTROL, HeaderValue::from_static("no-cache")),
    ];
    if unchanged {
        return Ok((StatusCode::NOT_MODIFIED, cache).into_response());
    }
    Ok((
        cache,
        [(CONTENT_TYPE, HeaderValue::from_static(JSON))],
        listing.body.clone(),
    )
        .into_response())
}

/// Whether a `Content-Type` is JSON (`application/json`, with any parameters).
pub fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.split(';').next())
        .is_some_and(|mime| mime.trim().eq_ignore_ascii_case(JSON))
}

/// The body, at most [`BODY_LIMIT`] bytes.
pub(super) async fn read_body(
    headers: &HeaderMap,
    body: Body,
) -> Result<axum::body::Bytes, Problem> {
    let declared = headers
        .get(CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse::<u64>().ok());
    if declared.is_some_and(|length| length > BODY_LIMIT as u64) {
        return Err(Problem::TooLarge);
    }
    axum::body::to_bytes(body, BODY_LIMIT)
        .await
        .map_err(|error| {
            let too_long = std::error::Error::source(&error)
                .is_some_and(|cause| cause.is::<http_body_util::LengthLimitError>());
            if too_long {
                Problem::TooLarge
            } else {
                Problem::BadBody(error.to_string())
            }
        })
}

/// `POST /api/events/{event}/topics/{topic}/signups` with a [`JoinRequest`]: `201` and the
/// [`Joined`] id and token, once the sign-up is on disk.
pub async fn join(
    State(api): State<Api>,
    reader: Reader,
    path: Result<Path<(String, String)>, PathRejection>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, Refused> {
    let Path((event_id, topic_id)) = path.map_err(|r| reader.refuse(bad_address(r)))?;
    let refuse = |problem| reader.refuse(problem);
    let event = api
        .catalogue
        .get(&event_id)
        .await
        .ok_or_else(|| refuse(Problem::EventNotFound(event_id.clone())))?;
    // A topic of the file, or a session proposed on the day (sign-up-able like any topic).
    let capacity = match event.topic(&topic_id) {
        Some(topic) => topic.capacity,
        None => {
            let proposed = match event_model::open_space::proposal_number(&topic_id) {
                Some(number) if event.open_space.is_some() => api
                    .store
                    .proposal_capacity(&event.id, number)
                    .await
                    .map_err(|e| refuse(Problem::internal(e)))?,
                _ => None,
            };
            proposed.ok_or_else(|| refuse(Problem::TopicNotFound(topic_id.clone())))?
        }
    };
    if !is_json(&headers) {
        return Err(refuse(Problem::WrongContentType));
    }
    let bytes = read_body(&headers, body).await.map_err(refuse)?;
    let request: JoinRequest = serde_json::from_slice(&bytes)
        .map_err(|error| refuse(Problem::BadBody(error.to_string())))?;
    let name = display_name(&request.name).map_err(|why| refuse(Problem::InvalidName(why)))?;
    let (token, token_hash) = new_token().map_err(|e| refuse(Problem::internal(e)))?;
    let signup = NewSignup {
        event: event.id.clone(),
        topic: topic_id.clone(),
        name: name.to_owned(),
        name_key: name_key(name),
        hidden: request.hidden,
        capacity,
        event_cap: api.max_signups_per_event,
        ends_at: event.ends_at,
        token_hash,
        joined_at: Utc::now(),
    };
    let outcome = api
        .store
        .join(signup)
        .await
        .map_err(|e| refuse(Problem::internal(e)))?;
    let id = outcome.map_err(|why| {
        refuse(match why {
            JoinRefusal::Full => Problem::Full,
            JoinRefusal::AlreadyThere => Problem::AlreadyThere(name.to_owned()),
            JoinRefusal::EventFull => Problem::EventFull(api.max_signups_per_event),
        })
    })?;
    let body =
        serde_json::to_vec(&Joined { id, token }).map_err(|e| refuse(Problem::internal(e)))?;
    let location = HeaderValue::from_str(&format!("/api/signups/{id}"))
        .map_err(|e| refuse(Problem::internal(e)))?;
    Ok((
        StatusCode::CREATED,
        [
            (CONTENT_TYPE, HeaderValue::from_static(JSON)),
            // The body holds the only copy of the token.
            (CACHE_CONTROL, HeaderValue::from_static("no-store")),
            (LOCATION, location),
        ],
        body,
    )
        .into_response())
}

/// `DELETE /api/signups/{id}` with the sign-up's own token or the organizer's: `204`.
pub async fn leave(
    State(api): State<Api>,
    reader: Reader,
    path: Result<Path<String>, PathRejection>,
    headers: HeaderMap,
) -> Result<Response, Refused> {
    let Path(id) = path.map_err(|r| reader.refuse(bad_address(r)))?;
    let token = bearer(&headers).ok_or_else(|| reader.refuse(Problem::NoToken))?;
    let Some(number) = id.parse::<i64>().ok().filter(|n| *n > 0) else {
        return Err(reader.refuse(Problem::SignupNotFound(id)));
    };
    let credential = if api.organizer.matches(token) {
        Credential::Organizer
    } else {
        Credential::Token(token_hash(token))
    };
    let outcome = api
        .store
        .leave(number, credential)
        .await
        .map_err(|e| reader.refuse(Problem::internal(e)))?;
    match outcome {
        Ok(()) => Ok(StatusCode::NO_CONTENT.into_response()),
        Err(LeaveRefusal::NotFound) => Err(reader.refuse(Problem::SignupNotFound(id))),
        Err(LeaveRefusal::WrongToken) => Err(reader.refuse(Problem::WrongToken)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn if_none_match_names_the_tag_weakly_or_says_any() {
        let tag = "\"0123abcd\"";
        assert!(etag_matches("\"0123abcd\"", tag));
        assert!(etag_matches("W/\"0123abcd\"", tag));
        assert!(etag_matches("\"other\", \"0123abcd\"", tag));
        assert!(etag_matches("*", tag));
        assert!(!etag_matches("\"0123abce\"", tag));
        assert!(!etag_matches("0123abcd", tag));
        assert!(!etag_matches("", tag));
    }

    #[test]
    fn json_is_recognised_with_parameters_and_in_any_case() {
        let with = |value: &'static str| {
            let mut headers = HeaderMap::new();
            headers.insert(CONTENT_TYPE, HeaderValue::from_static(value));
            is_json(&headers)
        };
        assert!(with("application/json"));
        assert!(with("Application/JSON; charset=utf-8"));
        assert!(!with("text/plain"));
        assert!(!with("application/x-www-form-urlencoded"));
        assert!(!is_json(&HeaderMap::new()));
    }
}
