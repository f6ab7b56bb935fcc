//! After the day: the open space's outcome for the organizers, as an event-file fragment
//! (`GET /api/events/{event}/open-space/fragment.json`: `{"topics": […]}` to put in place of the
//! file's `topics`) and as CSV (`GET /api/events/{event}/open-space.csv`), both with the
//! organizer token.
//!
//! The fragment keeps every topic of the file as written, with `session` and `place` from the
//! board (a topic the file had on the board and that is no longer there loses both), and adds each
//! live proposal as a topic (`proposal-N`, the proposer in `hosts`, "builds on" as a point) — a
//! file with these topics passes `hub check`, since every session and place is one of its own.

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::http::{HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use chrono::SecondsFormat;
use event_model::open_space::{board, meeting, proposal_topic_id, Placement};
use event_model::signup::SignupList;
use event_model::Topic;
use serde::Serialize;

use super::error::{Problem, Reader, Refused};
use super::events::OpenSpaceInfo;
use super::export::csv_cell;
use super::proposals::{board_event, organizer};
use super::signups::{bad_address, JSON};
use super::Api;
use crate::store::ProposalRow;

/// The fragment's shape.
#[derive(Debug, Serialize)]
pub struct Fragment {
    pub topics: Vec<Topic>,
}

/// The event's topics as the board left them, then the live proposals as topics.
pub fn fragment(
    space: &OpenSpaceInfo,
    placed: &[Placement],
    proposals: &[ProposalRow],
) -> Fragment {
    let title_of = |topic: &str| -> String {
        space
            .file_topics
            .iter()
            .find(|t| t.id == topic)
            .map(|t| t.title.to_string())
            .or_else(|| {
                proposals
                    .iter()
                    .find(|p| proposal_topic_id(p.id) == topic)
                    .map(|p| p.text.title.clone())
            })
            .unwrap_or_else(|| topic.to_owned())
    };
    let mut topics = Vec::new();
    for topic in &space.file_topics {
        let mut topic = topic.clone();
        let was_on_board = matches!((&topic.place, &topic.session), (Some(room), Some(slot)) if space.space.has_cell(room, slot));
        match meeting(placed, &topic.id) {
            Some((room, slot)) => {
                topic.place = Some(room.to_owned());
                topic.session = Some(slot.to_owned());
            }
            None if was_on_board => {
                topic.place = None;
                topic.session = None;
            }
            None => {}
        }
        topics.push(topic);
    }
    for row in proposals.iter().filter(|p| p.state == "live") {
        let id = proposal_topic_id(row.id);
        let (place, session) = match meeting(placed, &id) {
            Some((room, slot)) => (Some(room.to_owned()), Some(slot.to_owned())),
            None => (None, None),
        };
        let t = &row.text;
        topics.push(Topic {
            title: t.title.as_str().into(),
            description: (!t.description.is_empty()).then(|| t.description.as_str().into()),
            points: t
                .builds_on
                .iter()
                .map(|on| format!("Builds on: {}", title_of(on)).into())
                .collect(),
            links: Vec::new(),
            hosts: vec![t.name.as_str().into()],
            session,
            place,
            capacity: t.capacity,
            id,
        });
    }
    Fragment { topics }
}

/// The CSV: one line per proposal, whatever became of it, with its cell.
pub fn outcome_csv(placed: &[Placement], proposals: &[ProposalRow]) -> Result<Vec<u8>, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record([
        "topic",
        "title",
        "description",
        "proposer",
        "builds_on",
        "state",
        "merged_into",
        "room",
        "slot",
        "proposed_at",
    ])?;
    for row in proposals {
        let id = proposal_topic_id(row.id);
        let (room, slot) = meeting(placed, &id).unwrap_or_default();
        let at = row.proposed_at.to_rfc3339_opts(SecondsFormat::Secs, true);
        let t = &row.text;
        writer.write_record([
            id.as_str(),
            &csv_cell(&t.title),
            &csv_cell(&t.description),
            &csv_cell(&t.name),
            t.builds_on.as_deref().unwrap_or_default(),
            row.state.as_str(),
            row.merged_into.as_deref().unwrap_or_default(),
            room,
            slot,
            at.as_str(),
        ])?;
    }
    writer
        .into_inner()
        .map_err(|error| csv::Error::from(error.into_error()))
}

/// What both exports need: the event's board info, the board as everyone sees it, and every
/// proposal.
async fn gather(
    api: &Api,
    event: String,
    headers: &HeaderMap,
) -> Result<(String, OpenSpaceInfo, Vec<Placement>, Vec<ProposalRow>), Problem> {
    organizer(api, headers)?;
    let event = board_event(api, event).await?;
    let space = event.open_space.clone().ok_or(Problem::NoBoard)?;
    let listing = api.store.list(&event.id).await.map_err(Problem::internal)?;
    let list: SignupList = serde_json::from_slice(&listing.body).map_err(Problem::internal)?;
    let placed = board(&space.file_placements, &list.board);
    let proposals = api
        .store
        .proposals(&event.id)
        .await
        .map_err(Problem::internal)?;
    Ok((event.id.clone(), space, placed, proposals))
}

fn attachment(name: String, kind: &'static str, body: Vec<u8>) -> Result<Response, Problem> {
    let disposition = HeaderValue::from_str(&format!("attachment; filename=\"{name}\""))
        .map_err(Problem::internal)?;
    Ok((
        [
            (CONTENT_TYPE, HeaderValue::from_static(kind)),
            (CONTENT_DISPOSITION, disposition),
            (CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
        body,
    )
        .into_response())
}

/// `GET /api/events/{event}/open-space/fragment.json`.
pub async fn export_fragment(
    State(api): State<Api>,
    reader: Reader,
    path: Result<Path<String>, PathRejection>,
    headers: HeaderMap,
) -> Result<Response, Refused> {
    let refuse = |problem| reader.refuse(problem);
    let Path(event) = path.map_err(|r| refuse(bad_address(r)))?;
    let (id, space, placed, proposals) = gather(&api, event, &headers).await.map_err(refuse)?;
    let body = serde_json::to_vec_pretty(&fragment(&space, &placed, &proposals))
        .map_err(|e| refuse(Problem::internal(e)))?;
    attachment(format!("{id}-open-space.json"), JSON, body).map_err(refuse)
}

/// `GET /api/events/{event}/open-space.csv`.
pub async fn export_csv(
    State(api): State<Api>,
    reader: Reader,
    path: Result<Path<String>, PathRejection>,
    headers: HeaderMap,
) -> Result<Response, Refused> {
    let refuse = |problem| reader.refuse(problem);
    let Path(event) = path.map_err(|r| refuse(bad_address(r)))?;
    let (id, _, placed, proposals) = gather(&api, event, &headers).await.map_err(refuse)?;
    let body = outcome_csv(&placed, &proposals).map_err(|e| refuse(Problem::internal(e)))?;
    attachment(
        format!("{id}-open-space.csv"),
        "text/csv; charset=utf-8",
        body,
    )
    .map_err(refuse)
}
