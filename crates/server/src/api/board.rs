//! The open-space board's handlers: organizers put a topic (of the file, or proposed on the
//! day) into a room × slot cell, move it by putting it elsewhere, and clear a cell. A cell holds
//! one topic: putting another into a filled cell is `409 taken`, with the topic that is there.
//!
//! Everyone reads the board from the sign-up list (`board`: the cells set here) merged with the
//! file's own placements ([`event_model::open_space::board`]), so a page without the API still
//! shows the file's board.

use axum::body::Body;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use event_model::open_space::{proposal_number, PlaceRequest};

use super::error::{Problem, Reader, Refused};
use super::events::EventInfo;
use super::proposals::{board_event, json_body, organizer};
use super::signups::bad_address;
use super::Api;
use crate::store::{NewPlacement, Taken};

/// Whether `topic` is one of the event file's topics or a live proposal.
pub(super) async fn topic_exists(
    api: &Api,
    event: &EventInfo,
    topic: &str,
) -> Result<bool, Problem> {
    if event.topic(topic).is_some() {
        return Ok(true);
    }
    let Some(number) = proposal_number(topic) else {
        return Ok(false);
    };
    let capacity = api
        .store
        .proposal_capacity(&event.id, number)
        .await
        .map_err(Problem::internal)?;
    Ok(capacity.is_some())
}

/// Puts `topic` into the cell, or clears it with `None`.
async fn set_cell(
    api: &Api,
    event_id: String,
    room: String,
    slot: String,
    topic: Option<String>,
    headers: &HeaderMap,
) -> Result<Response, Problem> {
    let event = board_event(api, event_id).await?;
    organizer(api, headers)?;
    let Some(space) = &event.open_space else {
        return Err(Problem::NoBoard);
    };
    if !space.space.has_cell(&room, &slot) {
        return Err(Problem::CellNotFound(format!("{room} × {slot}")));
    }
    if let Some(topic) = &topic {
        if !topic_exists(api, &event, topic).await? {
            return Err(Problem::TopicNotFound(topic.clone()));
        }
    }
    let file_topic = space
        .file_placements
        .iter()
        .find(|p| p.room == room && p.slot == slot)
        .map(|p| p.topic.clone());
    let outcome = api
        .store
        .place(NewPlacement {
            event: event.id.clone(),
            room,
            slot,
            topic,
            file_topic,
            ends_at: event.ends_at,
            at: Utc::now(),
        })
        .await
        .map_err(Problem::internal)?;
    match outcome {
        Ok(()) => Ok(StatusCode::NO_CONTENT.into_response()),
        Err(Taken(holder)) => Err(Problem::Taken(holder)),
    }
}

/// `PUT /api/events/{event}/board/{room}/{slot}` with a [`PlaceRequest`] and the organizer
/// token: `204`; `409 taken` when another topic is in the cell.
pub async fn place(
    State(api): State<Api>,
    reader: Reader,
    path: Result<Path<(String, String, String)>, PathRejection>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, Refused> {
    let refuse = |problem| reader.refuse(problem);
    let Path((event, room, slot)) = path.map_err(|r| refuse(bad_address(r)))?;
    // The token before the body: a stranger learns nothing about the board's shape.
    organizer(&api, &headers).map_err(refuse)?;
    let request: PlaceRequest = json_body(&headers, body).await.map_err(refuse)?;
    set_cell(&api, event, room, slot, Some(request.topic), &headers)
        .await
        .map_err(refuse)
}

/// `DELETE /api/events/{event}/board/{room}/{slot}` with the organizer token: `204`.
pub async fn clear(
    State(api): State<Api>,
    reader: Reader,
    path: Result<Path<(String, String, String)>, PathRejection>,
    headers: HeaderMap,
) -> Result<Response, Refused> {
    let refuse = |problem| reader.refuse(problem);
    let Path((event, room, slot)) = path.map_err(|r| refuse(bad_address(r)))?;
    set_cell(&api, event, room, slot, None, &headers)
        .await
        .map_err(refuse)
}
