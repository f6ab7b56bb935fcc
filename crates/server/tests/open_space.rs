//! The open-space API through `Router::oneshot`: proposing, editing and withdrawing with the
//! right and the wrong token, the organizers' moderation, the proposal window and cap, the board's
//! one topic per cell (409 on a taken cell), markup kept as text, sign-ups on proposals, the
//! change stream, and the exported fragment that `hub check` accepts.

// A failed setup step should fail the test on the spot, with its message.
#![allow(clippy::unwrap_used)]

mod support;

use std::net::SocketAddr;

use axum::body::Body;
use axum::extract::connect_info::MockConnectInfo;
use axum::http::header::{AUTHORIZATION, CONTENT_TYPE};
use axum::http::{Request, StatusCode};
use axum::Router;
use event_model::open_space::{board, Proposed};
use event_model::signup::{ApiError, Refusal, SignupList};
use event_model::tzdb::Tzdb;
use http_body_util::BodyExt;
use hub::serve::{Config, Hub};
use serde_json::{json, Value};
use tempfile::TempDir;
use tower::ServiceExt;

const ORGANIZER: &str = "organizer-secret-token-1234";
const EVENT: &str = "market";

/// An event with two rooms, two work phases, a topic the file puts on the board and one it
/// does not; `window` is the `open_space`'s extra fields.
fn event_file(id: &str, window: Value) -> String {
    let mut space = json!({ "rooms": ["room-1", "room-2"], "slots": ["work-1", "work-2"] });
    if let (Some(space), Some(extra)) = (space.as_object_mut(), window.as_object()) {
        space.extend(extra.clone());
    }
    let event = json!({
        "schema_version": 1, "id": id, "title": "A marketplace", "time_zone": "Europe/Berlin",
        "start": "2099-06-01T10:00", "end": "2099-06-01T18:00",
        "places": [
            { "id": "room-1", "kind": "other", "name": "Room 1" },
            { "id": "room-2", "kind": "other", "name": "Room 2" }
        ],
        "sessions": [
            { "id": "work-1", "title": "Work phase 1", "kind": "work", "start": "2099-06-01T10:30", "end": "2099-06-01T13:00" },
            { "id": "work-2", "title": "Work phase 2", "kind": "work", "start": "2099-06-01T14:15", "end": "2099-06-01T16:00" }
        ],
        "topics": [
            { "id": "cluster-stacks", "title": "Cluster stacks hands-on", "session": "work-1", "place": "room-1" },
            { "id": "central-api", "title": "Continuing on the central API" }
        ],
        "signups": { "api": "/api" },
        "open_space": space
    });
    serde_json::to_string_pretty(&event).unwrap()
}

/// The window is open now whatever day the test runs.
fn open_now() -> Value {
    json!({ "proposals_open": "2000-01-01T00:00", "proposals_close": "2200-01-01T00:00" })
}

struct TestHub {
    _dir: TempDir,
    _hub: Hub,
    router: Router,
    site: std::path::PathBuf,
}

fn hub_with(window: Value) -> TestHub {
    let (dir, site, data) = support::site();
    std::fs::write(site.join("events/market.json"), event_file(EVENT, window)).unwrap();
    let config = Config {
        addr: "127.0.0.1:0".to_owned(),
        site: site.clone(),
        data,
        organizer_token: Some(ORGANIZER.to_owned()),
        writes_per_minute: 0,
        reads_per_minute: 0,
        ..Config::default()
    };
    let hub = Hub::open(&config).unwrap();
    let router = hub.router();
    TestHub {
        _dir: dir,
        _hub: hub,
        router,
        site,
    }
}

fn hub() -> TestHub {
    hub_with(open_now())
}

struct Reply {
    status: StatusCode,
    body: Vec<u8>,
}

impl Reply {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    fn refused(&self, status: StatusCode, code: Refusal) -> ApiError {
        assert_eq!(self.status, status, "{}", self.text());
        let error: ApiError = serde_json::from_slice(&self.body).unwrap();
        assert_eq!(error.code, code, "{}", self.text());
        error
    }
}

impl TestHub {
    async fn send(&self, request: Request<Body>) -> Reply {
        let from = SocketAddr::from(([192, 0, 2, 1], 40_000));
        let response = self
            .router
            .clone()
            .layer(MockConnectInfo(from))
            .oneshot(request)
            .await
            .unwrap();
        let status = response.status();
        let body = response.into_body().collect().await.unwrap().to_bytes();
        Reply {
            status,
            body: body.to_vec(),
        }
    }

    async fn call(
        &self,
        method: &str,
        uri: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> Reply {
        let mut request = Request::builder().method(method).uri(uri);
        if let Some(token) = token {
            request = request.header(AUTHORIZATION, format!("Bearer {token}"));
        }
        let body = match body {
            Some(body) => {
                request = request.header(CONTENT_TYPE, "application/json");
                Body::from(body.to_string())
            }
            None => Body::empty(),
        };
        self.send(request.body(body).unwrap()).await
    }

    async fn propose(&self, title: &str) -> Reply {
        let body = json!({ "title": title, "description": "Short.", "name": "Anna" });
        self.call(
            "POST",
            &format!("/api/events/{EVENT}/proposals"),
            None,
            Some(body),
        )
        .await
    }

    async fn proposed(&self, title: &str) -> Proposed {
        let reply = self.propose(title).await;
        assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
        serde_json::from_slice(&reply.body).unwrap()
    }

    async fn list(&self) -> SignupList {
        let reply = self
            .call("GET", &format!("/api/events/{EVENT}/signups"), None, None)
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
        serde_json::from_slice(&reply.body).unwrap()
    }

    async fn titles(&self) -> Vec<String> {
        self.list()
            .await
            .proposals
            .into_iter()
            .map(|p| p.title)
            .collect()
    }

    async fn place(&self, room: &str, slot: &str, topic: &str, token: Option<&str>) -> Reply {
        let uri = format!("/api/events/{EVENT}/board/{room}/{slot}");
        self.call("PUT", &uri, token, Some(json!({ "topic": topic })))
            .await
    }

    /// The board as every page sees it: (room, slot, topic).
    async fn board(&self) -> Vec<(String, String, String)> {
        let file = vec![event_model::open_space::Placement {
            room: "room-1".into(),
            slot: "work-1".into(),
            topic: "cluster-stacks".into(),
        }];
        board(&file, &self.list().await.board)
            .into_iter()
            .map(|p| (p.room, p.slot, p.topic))
            .collect()
    }
}

fn cell(room: &str, slot: &str, topic: &str) -> (String, String, String) {
    (room.into(), slot.into(), topic.into())
}

#[tokio::test]
async fn a_proposal_is_201_with_a_token_and_every_page_lists_it() {
    let hub = hub();
    let proposed = hub.proposed("Rust in the cluster stack").await;
    assert_eq!(proposed.topic, format!("proposal-{}", proposed.id));
    assert!(proposed.token.len() >= 40);
    let list = hub.list().await;
    assert_eq!(list.proposals.len(), 1);
    assert_eq!(list.proposals[0].title, "Rust in the cluster stack");
    assert_eq!(list.proposals[0].name, "Anna");
}

#[tokio::test]
async fn the_proposer_edits_and_withdraws_with_their_token_and_nobody_else_can() {
    let hub = hub();
    let mine = hub.proposed("First").await;
    let other = hub.proposed("Second").await;
    let uri = format!("/api/events/{EVENT}/proposals/{}", mine.topic);
    let edit = json!({ "title": "First, edited", "name": "Anna" });
    hub.call("PUT", &uri, Some(&other.token), Some(edit.clone()))
        .await
        .refused(StatusCode::FORBIDDEN, Refusal::WrongToken);
    hub.call("PUT", &uri, None, Some(edit.clone()))
        .await
        .refused(StatusCode::UNAUTHORIZED, Refusal::WrongToken);
    let reply = hub.call("PUT", &uri, Some(&mine.token), Some(edit)).await;
    assert_eq!(reply.status, StatusCode::NO_CONTENT, "{}", reply.text());
    assert_eq!(hub.titles().await, ["First, edited", "Second"]);

    hub.call("DELETE", &uri, Some(&other.token), None)
        .await
        .refused(StatusCode::FORBIDDEN, Refusal::WrongToken);
    let reply = hub.call("DELETE", &uri, Some(&mine.token), None).await;
    assert_eq!(reply.status, StatusCode::NO_CONTENT, "{}", reply.text());
    assert_eq!(hub.titles().await, ["Second"]);
    // Withdrawn is gone: neither token reaches it again.
    hub.call("DELETE", &uri, Some(&mine.token), None)
        .await
        .refused(StatusCode::NOT_FOUND, Refusal::NotFound);
}

#[tokio::test]
async fn organizers_edit_hide_show_and_merge_any_proposal() {
    let hub = hub();
    let p = hub.proposed("Spam, or a duplicate").await;
    let uri = format!("/api/events/{EVENT}/proposals/{}", p.topic);
    let moderation = format!("{uri}/moderation");
    let edit = json!({ "title": "Cleaned up", "name": "Anna" });
    let reply = hub.call("PUT", &uri, Some(ORGANIZER), Some(edit)).await;
    assert_eq!(reply.status, StatusCode::NO_CONTENT, "{}", reply.text());
    // The proposer's own token is no organizer's.
    hub.call("POST", &moderation, Some(&p.token), Some(json!("hide")))
        .await
        .refused(StatusCode::FORBIDDEN, Refusal::WrongToken);
    let reply = hub
        .call("POST", &moderation, Some(ORGANIZER), Some(json!("hide")))
        .await;
    assert_eq!(reply.status, StatusCode::NO_CONTENT, "{}", reply.text());
    assert!(hub.titles().await.is_empty());
    let reply = hub
        .call("POST", &moderation, Some(ORGANIZER), Some(json!("show")))
        .await;
    assert_eq!(reply.status, StatusCode::NO_CONTENT, "{}", reply.text());
    assert_eq!(hub.titles().await, ["Cleaned up"]);

    // Merging moves its sign-ups to the topic it joins.
    let join = |topic: &str, name: &str| {
        let uri = format!("/api/events/{EVENT}/topics/{topic}/signups");
        (uri, json!({ "name": name }))
    };
    let (u, b) = join(&p.topic, "Bo");
    assert_eq!(
        hub.call("POST", &u, None, Some(b)).await.status,
        StatusCode::CREATED
    );
    hub.call(
        "POST",
        &moderation,
        Some(ORGANIZER),
        Some(json!({ "merge_into": "nowhere" })),
    )
    .await
    .refused(StatusCode::NOT_FOUND, Refusal::NotFound);
    let merge = json!({ "merge_into": "central-api" });
    let reply = hub
        .call("POST", &moderation, Some(ORGANIZER), Some(merge))
        .await;
    assert_eq!(reply.status, StatusCode::NO_CONTENT, "{}", reply.text());
    let list = hub.list().await;
    assert!(list.proposals.is_empty());
    assert_eq!(list.topics["central-api"].names, ["Bo"]);
    assert!(!list.topics.contains_key(&p.topic));
}

#[tokio::test]
async fn outside_the_window_proposals_are_refused_with_the_window() {
    let hub = hub_with(
        json!({ "proposals_open": "2000-01-01T09:00", "proposals_close": "2000-01-01T17:00" }),
    );
    let error = hub
        .propose("Too late")
        .await
        .refused(StatusCode::FORBIDDEN, Refusal::Closed);
    assert!(error.error.contains("2000-01-01T09:00"), "{}", error.error);
    // By default the window is the event's days, which are in 2099.
    let hub = hub_with(json!({}));
    hub.propose("Too early")
        .await
        .refused(StatusCode::FORBIDDEN, Refusal::Closed);
}

#[tokio::test]
async fn the_cap_refuses_one_more_and_a_withdrawn_proposal_frees_its_place() {
    let mut window = open_now();
    window["max_proposals"] = json!(2);
    let hub = hub_with(window);
    let first = hub.proposed("One").await;
    hub.proposed("Two").await;
    hub.propose("Three")
        .await
        .refused(StatusCode::CONFLICT, Refusal::ProposalsFull);
    let uri = format!("/api/events/{EVENT}/proposals/{}", first.topic);
    hub.call("DELETE", &uri, Some(&first.token), None).await;
    hub.proposed("Three").await;
}

#[tokio::test]
async fn invalid_texts_are_422_and_markup_is_stored_and_returned_as_text() {
    let hub = hub();
    hub.propose(" ")
        .await
        .refused(StatusCode::UNPROCESSABLE_ENTITY, Refusal::InvalidText);
    hub.propose(&"x".repeat(121))
        .await
        .refused(StatusCode::UNPROCESSABLE_ENTITY, Refusal::InvalidText);
    let body = json!({ "title": "t", "name": "" });
    hub.call(
        "POST",
        &format!("/api/events/{EVENT}/proposals"),
        None,
        Some(body),
    )
    .await
    .refused(StatusCode::UNPROCESSABLE_ENTITY, Refusal::InvalidName);
    let body = json!({ "title": "t", "name": "A", "admin": true });
    hub.call(
        "POST",
        &format!("/api/events/{EVENT}/proposals"),
        None,
        Some(body),
    )
    .await
    .refused(StatusCode::BAD_REQUEST, Refusal::BadRequest);
    let script = "<script>alert(1)</script>";
    hub.proposed(script).await;
    assert_eq!(hub.titles().await, [script]);
}

#[tokio::test]
async fn organizers_place_move_and_clear_and_a_taken_cell_is_409() {
    let hub = hub();
    let p = hub.proposed("Rust in the cluster stack").await;
    assert_eq!(
        hub.board().await,
        [cell("room-1", "work-1", "cluster-stacks")]
    );
    // Nobody but the organizer places.
    hub.place("room-2", "work-1", &p.topic, Some(&p.token))
        .await
        .refused(StatusCode::FORBIDDEN, Refusal::WrongToken);
    hub.place("room-2", "work-1", &p.topic, None)
        .await
        .refused(StatusCode::UNAUTHORIZED, Refusal::WrongToken);
    // The file's topic holds its cell.
    let error = hub
        .place("room-1", "work-1", &p.topic, Some(ORGANIZER))
        .await
        .refused(StatusCode::CONFLICT, Refusal::Taken);
    assert!(error.error.contains("cluster-stacks"), "{}", error.error);
    hub.place("room-9", "work-1", &p.topic, Some(ORGANIZER))
        .await
        .refused(StatusCode::NOT_FOUND, Refusal::NotFound);
    hub.place("room-2", "work-1", "no-such-topic", Some(ORGANIZER))
        .await
        .refused(StatusCode::NOT_FOUND, Refusal::NotFound);
    let reply = hub
        .place("room-2", "work-1", &p.topic, Some(ORGANIZER))
        .await;
    assert_eq!(reply.status, StatusCode::NO_CONTENT, "{}", reply.text());
    hub.place("room-2", "work-1", "central-api", Some(ORGANIZER))
        .await
        .refused(StatusCode::CONFLICT, Refusal::Taken);
    // Moving the file's topic frees its cell; the proposal moves in.
    let reply = hub
        .place("room-2", "work-2", "cluster-stacks", Some(ORGANIZER))
        .await;
    assert_eq!(reply.status, StatusCode::NO_CONTENT, "{}", reply.text());
    let reply = hub
        .place("room-1", "work-1", &p.topic, Some(ORGANIZER))
        .await;
    assert_eq!(reply.status, StatusCode::NO_CONTENT, "{}", reply.text());
    let mut seen = hub.board().await;
    seen.sort();
    assert_eq!(
        seen,
        [
            cell("room-1", "work-1", &p.topic),
            cell("room-2", "work-2", "cluster-stacks")
        ]
    );
    let clear = format!("/api/events/{EVENT}/board/room-2/work-2");
    let reply = hub.call("DELETE", &clear, Some(ORGANIZER), None).await;
    assert_eq!(reply.status, StatusCode::NO_CONTENT, "{}", reply.text());
    assert_eq!(hub.board().await, [cell("room-1", "work-1", &p.topic)]);
    // A withdrawn proposal leaves the board.
    let uri = format!("/api/events/{EVENT}/proposals/{}", p.topic);
    hub.call("DELETE", &uri, Some(&p.token), None).await;
    assert!(hub.board().await.is_empty());
}

#[tokio::test]
async fn people_sign_up_for_a_proposal_like_any_topic_with_its_capacity() {
    let hub = hub();
    let body = json!({ "title": "Small", "name": "Anna", "capacity": 1 });
    let reply = hub
        .call(
            "POST",
            &format!("/api/events/{EVENT}/proposals"),
            None,
            Some(body),
        )
        .await;
    let p: Proposed = serde_json::from_slice(&reply.body).unwrap();
    let uri = format!("/api/events/{EVENT}/topics/{}/signups", p.topic);
    let reply = hub
        .call("POST", &uri, None, Some(json!({ "name": "Bo" })))
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
    hub.call("POST", &uri, None, Some(json!({ "name": "Cy" })))
        .await
        .refused(StatusCode::CONFLICT, Refusal::Full);
    let uri = format!("/api/events/{EVENT}/topics/proposal-999/signups");
    hub.call("POST", &uri, None, Some(json!({ "name": "Cy" })))
        .await
        .refused(StatusCode::NOT_FOUND, Refusal::NotFound);
}

#[tokio::test]
async fn the_exported_fragment_merged_into_the_file_passes_hub_check() {
    let hub = hub();
    let p = hub.proposed("Rust in the cluster stack").await;
    let body = json!({ "title": "Builds on it", "name": "Bo", "builds_on": p.topic });
    hub.call(
        "POST",
        &format!("/api/events/{EVENT}/proposals"),
        None,
        Some(body),
    )
    .await;
    hub.place("room-2", "work-2", &p.topic, Some(ORGANIZER))
        .await;
    let uri = format!("/api/events/{EVENT}/open-space/fragment.json");
    hub.call("GET", &uri, None, None)
        .await
        .refused(StatusCode::UNAUTHORIZED, Refusal::WrongToken);
    hub.call("GET", &uri, Some(&p.token), None)
        .await
        .refused(StatusCode::FORBIDDEN, Refusal::WrongToken);
    let reply = hub.call("GET", &uri, Some(ORGANIZER), None).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    let fragment: Value = serde_json::from_slice(&reply.body).unwrap();
    let topics = &fragment["topics"];
    assert_eq!(topics.as_array().map(Vec::len), Some(4), "{topics}");
    assert_eq!(topics[2]["id"], json!(p.topic));
    assert_eq!(topics[2]["session"], json!("work-2"));
    assert_eq!(topics[2]["place"], json!("room-2"));
    assert_eq!(topics[2]["hosts"], json!(["Anna"]));
    assert_eq!(
        topics[3]["points"],
        json!(["Builds on: Rust in the cluster stack"])
    );

    let mut file: Value = serde_json::from_str(&event_file(EVENT, open_now())).unwrap();
    file["topics"] = topics.clone();
    let text = serde_json::to_string_pretty(&file).unwrap();
    let checked = event_model::check_event(&text, &Tzdb);
    let problems: Vec<String> = checked.problems.iter().map(ToString::to_string).collect();
    assert!(problems.is_empty(), "{problems:?}");
    let merged = checked.value.unwrap();
    let placed = event_model::open_space::file_placements(&merged);
    assert!(placed
        .iter()
        .any(|c| c.topic == p.topic && c.room == "room-2"));
    std::fs::write(hub.site.join("events/merged.json"), &text).unwrap();

    let csv = hub
        .call(
            "GET",
            &format!("/api/events/{EVENT}/open-space.csv"),
            Some(ORGANIZER),
            None,
        )
        .await;
    assert_eq!(csv.status, StatusCode::OK);
    let csv = csv.text();
    assert!(
        csv.starts_with("topic,title,description,proposer,builds_on,state"),
        "{csv}"
    );
    assert!(
        csv.contains("Rust in the cluster stack,Short.,Anna,,live,,room-2,work-2"),
        "{csv}"
    );
}

#[tokio::test]
async fn an_event_without_a_board_takes_no_proposals() {
    let hub = hub();
    let body = json!({ "title": "t", "name": "A" });
    hub.call("POST", "/api/events/meetup/proposals", None, Some(body))
        .await
        .refused(StatusCode::NOT_FOUND, Refusal::NotFound);
}
