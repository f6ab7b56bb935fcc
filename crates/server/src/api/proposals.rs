//! The open-space proposals' handlers: propose a session (`201` with its id, topic id and the
//! token that edits it), edit or withdraw it with that token or the organizer's, and the
//! organizers' moderation (hide, show, merge into another topic).
//!
//! A proposal is checked in the order a person can act on: the event and its board exist, the
//! window is open, the body is JSON of the right shape, the texts are valid; then the store
//! decides, atomically, whether the event's cap allows one more. Every change is announced on
//! the sign-up stream, and the sign-up list carries the live proposals.

use axum::body::Body;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use event_model::open_space::{
    proposal_number, proposal_text, proposal_topic_id, Moderation, ProposalRequest, Proposed,
};
use event_model::signup::display_name;
use serde::de::DeserializeOwned;

use super::auth::{bearer, new_token, token_hash};
use super::error::{Problem, Reader, Refused};
use super::events::EventInfo;
use super::signups::{bad_address, is_json, read_body, JSON};
use super::Api;
use crate::store::{Credential, LeaveRefusal, Moderate, NewProposal, ProposalText, ProposeRefusal};

/// The body as `T`, when it is JSON of that shape.
pub(super) async fn json_body<T: DeserializeOwned>(
    headers: &HeaderMap,
    body: Body,
) -> Result<T, Problem> {
    if !is_json(headers) {
        return Err(Problem::WrongContentType);
    }
    let bytes = read_body(headers, body).await?;
    serde_json::from_slice(&bytes).map_err(|error| Problem::BadBody(error.to_string()))
}

/// The event, when it exists and has a board.
pub(super) async fn board_event(
    api: &Api,
    id: String,
) -> Result<std::sync::Arc<EventInfo>, Problem> {
    let event = api
        .catalogue
        .get(&id)
        .await
        .ok_or(Problem::EventNotFound(id))?;
    if event.open_space.is_none() {
        return Err(Problem::NoBoard);
    }
    Ok(event)
}

/// Whether the request carries the organizer token (refusing when none is configured).
pub(super) fn organizer(api: &Api, headers: &HeaderMap) -> Result<(), Problem> {
    if !api.organizer.is_set() {
        return Err(Problem::NoOrganizerToken);
    }
    match bearer(headers) {
        Some(token) if api.organizer.matches(token) => Ok(()),
        Some(_) => Err(Problem::OrganizersOnly),
        None => Err(Problem::NoToken),
    }
}

/// The proposal's texts as stored, or why they cannot be, checking "builds on" against the
/// event's topics and live proposals.
fn checked_text(event: &EventInfo, request: &ProposalRequest) -> Result<ProposalText, Problem> {
    let (title, description) =
        proposal_text(&request.title, &request.description).map_err(Problem::InvalidText)?;
    let name = display_name(&request.name).map_err(Problem::InvalidName)?;
    let builds_on = match request.builds_on.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(topic) if event.topic(topic).is_some() || proposal_number(topic).is_some() => {
            Some(topic.to_owned())
        }
        Some(topic) => return Err(Problem::TopicNotFound(topic.to_owned())),
    };
    if request.capacity == Some(0) {
        return Err(Problem::BadBody(
            "capacity: 0 lets nobody sign up".to_owned(),
        ));
    }
    Ok(ProposalText {
        title: title.to_owned(),
        description: description.to_owned(),
        name: name.to_owned(),
        builds_on,
        capacity: request.capacity,
    })
}

/// `POST /api/events/{event}/proposals` with a [`ProposalRequest`]: `201` and [`Proposed`].
pub async fn propose(
    State(api): State<Api>,
    reader: Reader,
    path: Result<Path<String>, PathRejection>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, Refused> {
    let refuse = |problem| reader.refuse(problem);
    let Path(event_id) = path.map_err(|r| refuse(bad_address(r)))?;
    let event = board_event(&api, event_id).await.map_err(refuse)?;
    let Some(space) = &event.open_space else {
        return Err(refuse(Problem::NoBoard));
    };
    let now = Utc::now();
    if now < space.opens || now >= space.closes {
        let (open, close) = space.window.clone();
        return Err(refuse(Problem::Closed(open, close)));
    }
    let request: ProposalRequest = json_body(&headers, body).await.map_err(refuse)?;
    let text = checked_text(&event, &request).map_err(refuse)?;
    let (token, token_hash) = new_token().map_err(|e| refuse(Problem::internal(e)))?;
    let cap = space.space.cap();
    let outcome = api
        .store
        .propose(NewProposal {
            event: event.id.clone(),
            text,
            cap,
            ends_at: event.ends_at,
            token_hash,
            proposed_at: now,
        })
        .await
        .map_err(|e| refuse(Problem::internal(e)))?;
    let id = outcome.map_err(|ProposeRefusal::Full| refuse(Problem::ProposalsFull(cap)))?;
    let body = serde_json::to_vec(&Proposed {
        id,
        topic: proposal_topic_id(id),
        token,
    })
    .map_err(|e| refuse(Problem::internal(e)))?;
    Ok((
        StatusCode::CREATED,
        [
            (CONTENT_TYPE, HeaderValue::from_static(JSON)),
            // The body holds the only copy of the token.
            (CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
        body,
    )
        .into_response())
}

/// The proposal number in the address, and who asks: the organizer, or a proposer's token.
fn target(api: &Api, id: &str, headers: &HeaderMap) -> Result<(i64, Credential), Problem> {
    let token = bearer(headers).ok_or(Problem::NoToken)?;
    let number = proposal_number(id).ok_or_else(|| Problem::ProposalNotFound(id.to_owned()))?;
    let credential = if api.organizer.matches(token) {
        Credential::Organizer
    } else {
        Credential::Token(token_hash(token))
    };
    Ok((number, credential))
}

fn answered(outcome: Result<(), LeaveRefusal>, id: &str) -> Result<Response, Problem> {
    match outcome {
        Ok(()) => Ok(StatusCode::NO_CONTENT.into_response()),
        Err(LeaveRefusal::NotFound) => Err(Problem::ProposalNotFound(id.to_owned())),
        Err(LeaveRefusal::WrongToken) => Err(Problem::WrongToken),
    }
}

/// `PUT /api/events/{event}/proposals/{topic}` with a [`ProposalRequest`] and the proposer's
/// token or the organizer's: `204`.
pub async fn edit(
    State(api): State<Api>,
    reader: Reader,
    path: Result<Path<(String, String)>, PathRejection>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, Refused> {
    let refuse = |problem| reader.refuse(problem);
    let Path((event_id, id)) = path.map_err(|r| refuse(bad_address(r)))?;
    let event = board_event(&api, event_id).await.map_err(refuse)?;
    let (number, credential) = target(&api, &id, &headers).map_err(refuse)?;
    let request: ProposalRequest = json_body(&headers, body).await.map_err(refuse)?;
    let text = checked_text(&event, &request).map_err(refuse)?;
    let outcome = api
        .store
        .edit_proposal(&event.id, number, credential, text)
        .await
        .map_err(|e| refuse(Problem::internal(e)))?;
    answered(outcome, &id).map_err(refuse)
}

/// `DELETE /api/events/{event}/proposals/{topic}` with the proposer's token or the organizer's:
/// `204`; the proposal leaves every page and the board.
pub async fn withdraw(
    State(api): State<Api>,
    reader: Reader,
    path: Result<Path<(String, String)>, PathRejection>,
    headers: HeaderMap,
) -> Result<Response, Refused> {
    let refuse = |problem| reader.refuse(problem);
    let Path((event_id, id)) = path.map_err(|r| refuse(bad_address(r)))?;
    let event = board_event(&api, event_id).await.map_err(refuse)?;
    let (number, credential) = target(&api, &id, &headers).map_err(refuse)?;
    let outcome = api
        .store
        .withdraw(&event.id, number, credential)
        .await
        .map_err(|e| refuse(Problem::internal(e)))?;
    answered(outcome, &id).map_err(refuse)
}

/// `POST /api/events/{event}/proposals/{topic}/moderation` with a [`Moderation`] and the
/// organizer token: `204`.
pub async fn moderate(
    State(api): State<Api>,
    reader: Reader,
    path: Result<Path<(String, String)>, PathRejection>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, Refused> {
    let refuse = |problem| reader.refuse(problem);
    let Path((event_id, id)) = path.map_err(|r| refuse(bad_address(r)))?;
    let event = board_event(&api, event_id).await.map_err(refuse)?;
    organizer(&api, &headers).map_err(refuse)?;
    let number =
        proposal_number(&id).ok_or_else(|| refuse(Problem::ProposalNotFound(id.clone())))?;
    let moderation: Moderation = json_body(&headers, body).await.map_err(refuse)?;
    let action = match moderation {
        Moderation::Hide => Moderate::Hide,
        Moderation::Show => Moderate::Show,
        Moderation::MergeInto(into) => {
            let known = into != id
                && super::board::topic_exists(&api, &event, &into)
                    .await
                    .map_err(refuse)?;
            if !known {
                return Err(refuse(Problem::TopicNotFound(into)));
            }
            Moderate::MergeInto(into)
        }
    };
    let outcome = api
        .store
        .moderate(&event.id, number, action)
        .await
        .map_err(|e| refuse(Problem::internal(e)))?;
    answered(outcome, &id).map_err(refuse)
}
