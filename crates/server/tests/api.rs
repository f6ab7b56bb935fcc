//! The sign-up API through `Router::oneshot`, on a temporary site with one small event and a
//! temporary database: every answer the page relies on, status by status, and the promises
//! behind them — no overbooking under concurrency, names kept as text, hidden names counted but
//! never listed, ETags that change with the list, CORS only for configured origins, and the
//! change stream.

// A failed setup step should fail the test on the spot, with its message.
#![allow(clippy::unwrap_used)]

mod support;

use std::net::SocketAddr;
use std::time::Duration;

use axum::body::Body;
use axum::extract::connect_info::MockConnectInfo;
use axum::http::header::{
    ACCEPT_LANGUAGE, ACCESS_CONTROL_ALLOW_ORIGIN, ACCESS_CONTROL_REQUEST_HEADERS,
    ACCESS_CONTROL_REQUEST_METHOD, AUTHORIZATION, CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE,
    ETAG, IF_NONE_MATCH, ORIGIN, RETRY_AFTER, WWW_AUTHENTICATE,
};
use axum::http::{HeaderMap, Request, StatusCode};
use axum::Router;
use event_model::signup::{ApiError, Joined, Refusal, SignupList};
use http_body_util::BodyExt;
use hub::serve::{Config, Hub};
use support::{EVENT, OPEN, SMALL, TEN};
use tempfile::TempDir;
use tower::ServiceExt;

const ORGANIZER: &str = "organizer-secret-token-1234";
const PAGE_ORIGIN: &str = "https://scs.example";

struct TestHub {
    _dir: TempDir,
    hub: Hub,
    router: Router,
}

/// A hub on a fresh site and database, with rate limits off unless `adjust` sets them.
fn hub_with(adjust: impl FnOnce(&mut Config)) -> TestHub {
    let (dir, site, data) = support::site();
    let mut config = Config {
        addr: "127.0.0.1:0".to_owned(),
        site,
        data,
        organizer_token: Some(ORGANIZER.to_owned()),
        allowed_origins: vec![PAGE_ORIGIN.to_owned()],
        writes_per_minute: 0,
        reads_per_minute: 0,
        ..Config::default()
    };
    adjust(&mut config);
    let hub = Hub::open(&config).unwrap();
    let router = hub.router();
    TestHub {
        _dir: dir,
        hub,
        router,
    }
}

fn hub() -> TestHub {
    hub_with(|_| {})
}

struct Reply {
    status: StatusCode,
    headers: HeaderMap,
    body: Vec<u8>,
}

impl Reply {
    fn header(&self, name: impl axum::http::header::AsHeaderName) -> &str {
        self.headers
            .get(name)
            .map(|value| value.to_str().unwrap())
            .unwrap_or_default()
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The body as an API error; fails the test when it is not one.
    fn error(&self) -> ApiError {
        assert_eq!(
            self.header(CONTENT_TYPE),
            "application/json",
            "{}",
            self.text()
        );
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not an ApiError ({e}): {}", self.text()))
    }

    fn refused(&self, status: StatusCode, code: Refusal) -> ApiError {
        assert_eq!(self.status, status, "{}", self.text());
        let error = self.error();
        assert_eq!(error.code, code, "{}", self.text());
        assert!(!error.error.is_empty());
        error
    }
}

fn peer(last: u8) -> SocketAddr {
    SocketAddr::from(([192, 0, 2, last], 40_000))
}

impl TestHub {
    async fn send_from(&self, from: SocketAddr, request: Request<Body>) -> Reply {
        let response = self
            .router
            .clone()
            .layer(MockConnectInfo(from))
            .oneshot(request)
            .await
            .unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let body = response
            .into_body()
            .collect()
            .await
            .unwrap()
            .to_bytes()
            .to_vec();
        Reply {
            status,
            headers,
            body,
        }
    }

    async fn send(&self, request: Request<Body>) -> Reply {
        self.send_from(peer(1), request).await
    }

    async fn join_as(&self, topic: &str, name: &str, hidden: bool) -> Reply {
        let body = serde_json::json!({ "name": name, "hidden": hidden }).to_string();
        self.send(join_request(EVENT, topic, &body)).await
    }

    async fn join(&self, topic: &str, name: &str) -> Reply {
        self.join_as(topic, name, false).await
    }

    async fn joined(&self, topic: &str, name: &str) -> Joined {
        let reply = self.join(topic, name).await;
        assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
        serde_json::from_slice(&reply.body).unwrap()
    }

    async fn list_reply(&self) -> Reply {
        self.send(get(&format!("/api/events/{EVENT}/signups")))
            .await
    }

    async fn list(&self) -> SignupList {
        let reply = self.list_reply().await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
        serde_json::from_slice(&reply.body).unwrap()
    }

    async fn leave(&self, id: i64, token: Option<&str>) -> Reply {
        let mut request = Request::delete(format!("/api/signups/{id}"));
        if let Some(token) = token {
            request = request.header(AUTHORIZATION, format!("Bearer {token}"));
        }
        self.send(request.body(Body::empty()).unwrap()).await
    }
}

fn get(uri: &str) -> Request<Body> {
    Request::get(uri).body(Body::empty()).unwrap()
}

fn join_request(event: &str, topic: &str, body: &str) -> Request<Body> {
    Request::post(format!("/api/events/{event}/topics/{topic}/signups"))
        .header(CONTENT_TYPE, "application/json")
        .body(Body::from(body.to_owned()))
        .unwrap()
}

fn names<'a>(list: &'a SignupList, topic: &str) -> Vec<&'a str> {
    list.topics
        .get(topic)
        .map(|sheet| sheet.names.iter().map(String::as_str).collect())
        .unwrap_or_default()
}

#[tokio::test]
async fn a_join_answers_201_with_an_id_and_a_token_and_the_list_shows_the_name() {
    let hub = hub();
    let reply = hub.join(OPEN, "  Anna Müller ").await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
    assert_eq!(reply.header(CACHE_CONTROL), "no-store");
    let joined: Joined = serde_json::from_slice(&reply.body).unwrap();
    assert!(joined.id > 0);
    assert_eq!(joined.token.len(), 43);
    let list = hub.list().await;
    assert_eq!(list.topics[OPEN].count, 1);
    // Trimmed, otherwise as typed.
    assert_eq!(names(&list, OPEN), ["Anna Müller"]);
    // Only topics with sign-ups appear.
    assert!(!list.topics.contains_key(SMALL));
}

#[tokio::test]
async fn names_are_listed_in_the_order_people_joined() {
    let hub = hub();
    for name in ["Zoe", "Anna", "Mia"] {
        hub.joined(OPEN, name).await;
    }
    assert_eq!(names(&hub.list().await, OPEN), ["Zoe", "Anna", "Mia"]);
}

#[tokio::test]
async fn an_unknown_event_or_topic_is_404() {
    let hub = hub();
    let reply = hub
        .send(join_request("nope", OPEN, r#"{"name":"Anna"}"#))
        .await;
    reply.refused(StatusCode::NOT_FOUND, Refusal::NotFound);
    let reply = hub
        .send(join_request(EVENT, "nope", r#"{"name":"Anna"}"#))
        .await;
    let error = reply.refused(StatusCode::NOT_FOUND, Refusal::NotFound);
    assert!(error.error.contains("nope"), "{}", error.error);
    let reply = hub.send(get("/api/events/nope/signups")).await;
    reply.refused(StatusCode::NOT_FOUND, Refusal::NotFound);
    // Not even a file name can be smuggled in.
    let reply = hub.send(get("/api/events/..%2Fsecret/signups")).await;
    reply.refused(StatusCode::NOT_FOUND, Refusal::NotFound);
}

#[tokio::test]
async fn a_full_topic_refuses_the_next_person_with_409_full() {
    let hub = hub();
    hub.joined(SMALL, "One").await;
    hub.joined(SMALL, "Two").await;
    hub.join(SMALL, "Three")
        .await
        .refused(StatusCode::CONFLICT, Refusal::Full);
    assert_eq!(hub.list().await.topics[SMALL].count, 2);
}

#[tokio::test]
async fn the_same_name_twice_on_a_topic_is_409_already_there_whatever_its_case() {
    let hub = hub();
    hub.joined(OPEN, "Anna Müller").await;
    for again in ["Anna Müller", "anna müller", " ANNA   MÜLLER "] {
        hub.join(OPEN, again)
            .await
            .refused(StatusCode::CONFLICT, Refusal::AlreadyThere);
    }
    // Another topic is another sheet.
    hub.joined(SMALL, "Anna Müller").await;
}

#[tokio::test]
async fn an_event_at_its_cap_is_409_event_full() {
    let hub = hub_with(|config| config.max_signups_per_event = 3);
    hub.joined(OPEN, "One").await;
    hub.joined(SMALL, "Two").await;
    hub.joined(TEN, "Three").await;
    hub.join(OPEN, "Four")
        .await
        .refused(StatusCode::CONFLICT, Refusal::EventFull);
}

#[tokio::test]
async fn an_invalid_name_is_422_and_the_message_says_which_rule() {
    let hub = hub();
    let empty = hub
        .join(OPEN, "   ")
        .await
        .refused(StatusCode::UNPROCESSABLE_ENTITY, Refusal::InvalidName);
    assert!(empty.error.contains("empty"), "{}", empty.error);
    let long = hub
        .join(OPEN, &"a".repeat(41))
        .await
        .refused(StatusCode::UNPROCESSABLE_ENTITY, Refusal::InvalidName);
    assert!(long.error.contains("40 characters"), "{}", long.error);
    let invisible = hub
        .join(OPEN, "Anna\u{202E}nimda")
        .await
        .refused(StatusCode::UNPROCESSABLE_ENTITY, Refusal::InvalidName);
    assert!(invisible.error.contains("invisible"), "{}", invisible.error);
    assert!(hub.list().await.topics.is_empty());
}

#[tokio::test]
async fn malformed_json_and_unknown_fields_are_400_bad_request_as_json() {
    let hub = hub();
    for body in [
        "{\"name\": ",
        "not json",
        r#"{"name": "Anna", "admin": true}"#,
        r#"{"hidden": true}"#,
        r#"{"name": 5}"#,
    ] {
        let reply = hub.send(join_request(EVENT, OPEN, body)).await;
        reply.refused(StatusCode::BAD_REQUEST, Refusal::BadRequest);
    }
    let unknown = hub
        .send(join_request(
            EVENT,
            OPEN,
            r#"{"name": "Anna", "admin": true}"#,
        ))
        .await
        .error();
    assert!(unknown.error.contains("admin"), "{}", unknown.error);
}

#[tokio::test]
async fn a_body_over_4_kb_is_413_as_json() {
    let hub = hub();
    let padding = " ".repeat(5000);
    let body = format!("{{\"name\": \"Anna\"{padding}}}");
    let reply = hub.send(join_request(EVENT, OPEN, &body)).await;
    reply.refused(StatusCode::PAYLOAD_TOO_LARGE, Refusal::BadRequest);
    // Also when the length is not declared up front (a streamed body).
    let chunks = futures_chunks(vec![body.into_bytes()]);
    let request = Request::post(format!("/api/events/{EVENT}/topics/{OPEN}/signups"))
        .header(CONTENT_TYPE, "application/json")
        .body(chunks)
        .unwrap();
    hub.send(request)
        .await
        .refused(StatusCode::PAYLOAD_TOO_LARGE, Refusal::BadRequest);
}

/// A body without a declared length.
fn futures_chunks(chunks: Vec<Vec<u8>>) -> Body {
    let stream = futures_util::stream::iter(
        chunks
            .into_iter()
            .map(|chunk| Ok::<_, std::io::Error>(axum::body::Bytes::from(chunk))),
    );
    Body::from_stream(stream)
}

#[tokio::test]
async fn a_body_that_is_not_json_is_415_as_json() {
    let hub = hub();
    for content_type in [
        Some("text/plain"),
        Some("application/x-www-form-urlencoded"),
        None,
    ] {
        let mut request = Request::post(format!("/api/events/{EVENT}/topics/{OPEN}/signups"));
        if let Some(content_type) = content_type {
            request = request.header(CONTENT_TYPE, content_type);
        }
        let reply = hub
            .send(request.body(Body::from(r#"{"name":"Anna"}"#)).unwrap())
            .await;
        reply.refused(StatusCode::UNSUPPORTED_MEDIA_TYPE, Refusal::BadRequest);
    }
}

#[tokio::test]
async fn too_many_writes_from_one_client_are_429_with_retry_after() {
    let hub = hub_with(|config| config.writes_per_minute = 2);
    hub.joined(OPEN, "One").await;
    hub.joined(OPEN, "Two").await;
    let reply = hub.join(OPEN, "Three").await;
    reply.refused(StatusCode::TOO_MANY_REQUESTS, Refusal::TooMany);
    // Two a minute: the next token is 30 s away.
    let seconds: u64 = reply.header(RETRY_AFTER).parse().unwrap();
    assert!((1..=30).contains(&seconds), "Retry-After: {seconds}");
    // Another client has its own bucket, and reads are counted apart.
    let body = r#"{"name": "Four"}"#;
    let other = hub
        .send_from(peer(2), join_request(EVENT, OPEN, body))
        .await;
    assert_eq!(other.status, StatusCode::CREATED, "{}", other.text());
    assert_eq!(hub.list_reply().await.status, StatusCode::OK);
}

#[tokio::test]
async fn too_many_reads_are_429_too() {
    let hub = hub_with(|config| config.reads_per_minute = 3);
    for _ in 0..3 {
        assert_eq!(hub.list_reply().await.status, StatusCode::OK);
    }
    let reply = hub.list_reply().await;
    reply.refused(StatusCode::TOO_MANY_REQUESTS, Refusal::TooMany);
    assert!(reply.header(RETRY_AFTER).parse::<u64>().unwrap() >= 1);
}

#[tokio::test]
async fn behind_a_trusted_proxy_clients_are_told_apart_by_x_forwarded_for() {
    let proxy = peer(100);
    let hub = hub_with(|config| {
        config.writes_per_minute = 1;
        config.trusted_proxies = vec![proxy.ip()];
    });
    let from = |client: &str, name: &str| {
        Request::post(format!("/api/events/{EVENT}/topics/{OPEN}/signups"))
            .header(CONTENT_TYPE, "application/json")
            .header("x-forwarded-for", format!("6.6.6.6, {client}"))
            .body(Body::from(format!(r#"{{"name": "{name}"}}"#)))
            .unwrap()
    };
    let first = hub.send_from(proxy, from("203.0.113.1", "A")).await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.text());
    let second = hub.send_from(proxy, from("203.0.113.2", "B")).await;
    assert_eq!(second.status, StatusCode::CREATED, "{}", second.text());
    // The forged left-most entry does not make the same client a new one.
    let again = hub.send_from(proxy, from("203.0.113.1", "C")).await;
    again.refused(StatusCode::TOO_MANY_REQUESTS, Refusal::TooMany);
}

#[tokio::test]
async fn a_person_leaves_with_their_own_token_and_204() {
    let hub = hub();
    let joined = hub.joined(SMALL, "Anna").await;
    let reply = hub.leave(joined.id, Some(&joined.token)).await;
    assert_eq!(reply.status, StatusCode::NO_CONTENT, "{}", reply.text());
    assert!(hub.list().await.topics.is_empty());
    // Gone is gone: the same request again finds nothing.
    hub.leave(joined.id, Some(&joined.token))
        .await
        .refused(StatusCode::NOT_FOUND, Refusal::NotFound);
}

#[tokio::test]
async fn leaving_with_another_token_is_403_and_without_one_401() {
    let hub = hub();
    let anna = hub.joined(SMALL, "Anna").await;
    let bob = hub.joined(SMALL, "Bob").await;
    hub.leave(anna.id, Some(&bob.token))
        .await
        .refused(StatusCode::FORBIDDEN, Refusal::WrongToken);
    let reply = hub.leave(anna.id, None).await;
    reply.refused(StatusCode::UNAUTHORIZED, Refusal::WrongToken);
    assert_eq!(reply.header(WWW_AUTHENTICATE), "Bearer");
    hub.leave(9999, Some(&anna.token))
        .await
        .refused(StatusCode::NOT_FOUND, Refusal::NotFound);
    assert_eq!(hub.list().await.topics[SMALL].count, 2);
}

#[tokio::test]
async fn the_organizer_token_removes_anyone() {
    let hub = hub();
    let anna = hub.joined(SMALL, "Anna").await;
    let reply = hub.leave(anna.id, Some(ORGANIZER)).await;
    assert_eq!(reply.status, StatusCode::NO_CONTENT, "{}", reply.text());
    assert!(hub.list().await.topics.is_empty());
}

#[tokio::test]
async fn without_an_organizer_token_configured_nobody_is_organizer() {
    let hub = hub_with(|config| config.organizer_token = None);
    let anna = hub.joined(SMALL, "Anna").await;
    hub.leave(anna.id, Some(ORGANIZER))
        .await
        .refused(StatusCode::FORBIDDEN, Refusal::WrongToken);
    let csv = hub
        .send(
            Request::get(format!("/api/events/{EVENT}/signups.csv"))
                .header(AUTHORIZATION, format!("Bearer {ORGANIZER}"))
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    let error = csv.refused(StatusCode::FORBIDDEN, Refusal::WrongToken);
    assert!(
        error.error.contains("no organizer token"),
        "{}",
        error.error
    );
}

#[tokio::test]
async fn organizers_export_every_sign_up_as_csv_hidden_ones_included() {
    let hub = hub();
    hub.joined(OPEN, "Anna").await;
    hub.join_as(OPEN, "Quiet Person", true).await;
    let small = hub.joined(SMALL, "=HYPERLINK(\"http://evil\")").await;
    let export = |token: Option<&str>| {
        let mut request = Request::get(format!("/api/events/{EVENT}/signups.csv"));
        if let Some(token) = token {
            request = request.header(AUTHORIZATION, format!("Bearer {token}"));
        }
        request.body(Body::empty()).unwrap()
    };
    let reply = hub.send(export(Some(ORGANIZER))).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    assert_eq!(reply.header(CONTENT_TYPE), "text/csv; charset=utf-8");
    assert_eq!(
        reply.header(CONTENT_DISPOSITION),
        "attachment; filename=\"meetup-signups.csv\""
    );
    let mut reader = csv::Reader::from_reader(reply.body.as_slice());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(
        header,
        ["id", "topic", "topic_title", "name", "hidden", "joined_at"]
    );
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|row| row.unwrap().iter().map(str::to_owned).collect())
        .collect();
    assert_eq!(rows.len(), 3, "{rows:?}");
    // Topics in file order; English titles; the formula shown as text.
    assert_eq!(
        rows[0][1..5],
        [
            "small",
            "A small room",
            "'=HYPERLINK(\"http://evil\")",
            "false"
        ]
    );
    assert_eq!(rows[1][1..5], ["open", "Open to all", "Anna", "false"]);
    assert_eq!(
        rows[2][1..5],
        ["open", "Open to all", "Quiet Person", "true"]
    );
    // The id is the one that removes the sign-up.
    assert_eq!(rows[0][0], small.id.to_string());
    let joined_at = chrono::DateTime::parse_from_rfc3339(&rows[0][5]).unwrap();
    assert!(rows[0][5].ends_with('Z'), "{}", rows[0][5]);
    assert!((chrono::Utc::now() - joined_at.to_utc()).num_minutes() < 5);

    hub.send(export(None))
        .await
        .refused(StatusCode::FORBIDDEN, Refusal::WrongToken);
    let anna = hub.joined(TEN, "Anna").await;
    hub.send(export(Some(&anna.token)))
        .await
        .refused(StatusCode::FORBIDDEN, Refusal::WrongToken);
}

#[tokio::test]
async fn an_unchanged_list_is_304_and_a_change_gives_a_new_etag() {
    let hub = hub();
    let first = hub.list_reply().await;
    let etag = first.header(ETAG).to_owned();
    assert!(etag.starts_with('"') && etag.ends_with('"'), "{etag}");
    assert_eq!(first.header(CACHE_CONTROL), "no-cache");
    let conditional = |tag: &str| {
        Request::get(format!("/api/events/{EVENT}/signups"))
            .header(IF_NONE_MATCH, tag)
            .body(Body::empty())
            .unwrap()
    };
    let again = hub.send(conditional(&etag)).await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    assert_eq!(again.header(ETAG), etag);
    assert!(again.body.is_empty());

    let anna = hub.joined(OPEN, "Anna").await;
    let changed = hub.send(conditional(&etag)).await;
    assert_eq!(changed.status, StatusCode::OK);
    let joined_etag = changed.header(ETAG).to_owned();
    assert_ne!(joined_etag, etag);

    // Back to the same content is back to the same tag: the tag is the content's.
    hub.leave(anna.id, Some(&anna.token)).await;
    assert_eq!(hub.list_reply().await.header(ETAG), etag);
}

#[tokio::test]
async fn a_name_with_markup_is_stored_and_returned_exactly_as_text() {
    let hub = hub();
    let name = "<script>alert(1)</script>";
    hub.joined(OPEN, name).await;
    let reply = hub.list_reply().await;
    let list: SignupList = serde_json::from_slice(&reply.body).unwrap();
    assert_eq!(names(&list, OPEN), [name]);
    assert_eq!(reply.header(CONTENT_TYPE), "application/json");
}

#[tokio::test]
async fn a_hidden_name_is_counted_but_never_listed() {
    let hub = hub();
    hub.joined(SMALL, "Anna").await;
    let reply = hub.join_as(SMALL, "Quiet Person", true).await;
    assert_eq!(reply.status, StatusCode::CREATED);
    let list_reply = hub.list_reply().await;
    assert!(
        !list_reply.text().contains("Quiet"),
        "{}",
        list_reply.text()
    );
    let list: SignupList = serde_json::from_slice(&list_reply.body).unwrap();
    assert_eq!(list.topics[SMALL].count, 2);
    assert_eq!(names(&list, SMALL), ["Anna"]);
    // A hidden person still takes a seat.
    hub.join(SMALL, "Third")
        .await
        .refused(StatusCode::CONFLICT, Refusal::Full);
}

#[tokio::test]
async fn errors_are_in_the_readers_language() {
    let hub = hub();
    hub.joined(SMALL, "One").await;
    hub.joined(SMALL, "Two").await;
    let body = serde_json::json!({ "name": "Drei" }).to_string();
    let mut request = join_request(EVENT, SMALL, &body);
    request
        .headers_mut()
        .insert(ACCEPT_LANGUAGE, "de-DE,de;q=0.9".parse().unwrap());
    let german = hub.send(request).await;
    let error = german.refused(StatusCode::CONFLICT, Refusal::Full);
    assert_eq!(error.error, "Dieses Thema ist voll.");
    let english = hub.join(SMALL, "Three").await.error();
    assert_eq!(english.error, "This topic is full.");
}

#[tokio::test]
async fn unknown_api_addresses_and_methods_answer_json_too() {
    let hub = hub();
    hub.send(get("/api/nothing"))
        .await
        .refused(StatusCode::NOT_FOUND, Refusal::NotFound);
    let put = Request::put(format!("/api/events/{EVENT}/signups"))
        .body(Body::empty())
        .unwrap();
    hub.send(put)
        .await
        .refused(StatusCode::METHOD_NOT_ALLOWED, Refusal::BadRequest);
    let reply = hub.leave(0, Some("x")).await;
    reply.refused(StatusCode::NOT_FOUND, Refusal::NotFound);
    let not_a_number = Request::delete("/api/signups/abc")
        .header(AUTHORIZATION, "Bearer x")
        .body(Body::empty())
        .unwrap();
    hub.send(not_a_number)
        .await
        .refused(StatusCode::NOT_FOUND, Refusal::NotFound);
}

fn preflight(origin: &str) -> Request<Body> {
    Request::options(format!("/api/events/{EVENT}/topics/{OPEN}/signups"))
        .header(ORIGIN, origin)
        .header(ACCESS_CONTROL_REQUEST_METHOD, "POST")
        .header(ACCESS_CONTROL_REQUEST_HEADERS, "content-type")
        .body(Body::empty())
        .unwrap()
}

#[tokio::test]
async fn cors_lets_the_configured_origin_in_and_no_other() {
    let hub = hub();
    let allowed = hub.send(preflight(PAGE_ORIGIN)).await;
    assert!(allowed.status.is_success(), "{}", allowed.status);
    assert_eq!(allowed.header(ACCESS_CONTROL_ALLOW_ORIGIN), PAGE_ORIGIN);
    let methods = allowed.header("access-control-allow-methods").to_owned();
    assert!(
        methods.contains("POST") && methods.contains("DELETE"),
        "{methods}"
    );
    let other = hub.send(preflight("https://evil.example")).await;
    assert_eq!(other.header(ACCESS_CONTROL_ALLOW_ORIGIN), "");
    // A real request from the page may read the ETag.
    let read = Request::get(format!("/api/events/{EVENT}/signups"))
        .header(ORIGIN, PAGE_ORIGIN)
        .body(Body::empty())
        .unwrap();
    let reply = hub.send(read).await;
    assert_eq!(reply.header(ACCESS_CONTROL_ALLOW_ORIGIN), PAGE_ORIGIN);
    let exposed = reply.header("access-control-expose-headers").to_lowercase();
    assert!(
        exposed.contains("etag") && exposed.contains("retry-after"),
        "{exposed}"
    );
}

/// Reads the next server-sent event (skipping keep-alive comments) as its lines.
async fn next_event(body: &mut Body) -> String {
    let mut text = String::new();
    loop {
        let frame = tokio::time::timeout(Duration::from_secs(5), body.frame())
            .await
            .expect("an event within 5 s")
            .expect("the stream to go on")
            .unwrap();
        if let Ok(data) = frame.into_data() {
            text.push_str(&String::from_utf8_lossy(&data));
        }
        if text.contains("\n\n") && !text.trim_start().starts_with(':') {
            return text;
        }
        if text.trim_start().starts_with(':') && text.ends_with("\n\n") {
            text.clear();
        }
    }
}

fn field<'a>(event: &'a str, name: &str) -> Option<&'a str> {
    event
        .lines()
        .find_map(|line| line.strip_prefix(name)?.strip_prefix(": "))
}

#[tokio::test]
async fn the_stream_says_hello_with_the_etag_then_change_after_each_commit() {
    let hub = hub();
    let etag = hub.list_reply().await.header(ETAG).to_owned();
    let response = hub
        .router
        .clone()
        .layer(MockConnectInfo(peer(1)))
        .oneshot(get(&format!("/api/events/{EVENT}/signups/stream")))
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|value| value.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    assert_eq!(header("content-type"), "text/event-stream");
    assert_eq!(header("x-accel-buffering"), "no");
    assert_eq!(header("cache-control"), "no-cache");
    let mut body = response.into_body();

    let hello = next_event(&mut body).await;
    assert_eq!(field(&hello, "event"), Some("hello"), "{hello}");
    assert_eq!(field(&hello, "data"), Some(etag.as_str()), "{hello}");
    assert_eq!(field(&hello, "retry"), Some("3000"), "{hello}");

    hub.joined(OPEN, "Anna").await;
    let change = next_event(&mut body).await;
    assert_eq!(field(&change, "event"), Some("change"), "{change}");
    let new_etag = hub.list_reply().await.header(ETAG).to_owned();
    assert_ne!(new_etag, etag);
    assert_eq!(field(&change, "data"), Some(new_etag.as_str()), "{change}");

    // At shutdown the stream ends instead of holding the server.
    hub.hub.api.stop_streams();
    let end = tokio::time::timeout(Duration::from_secs(5), body.frame())
        .await
        .expect("the stream to end within 5 s");
    assert!(end.is_none(), "{end:?}");
}

#[tokio::test]
async fn the_stream_of_an_unknown_event_is_404() {
    let hub = hub();
    hub.send(get("/api/events/nope/signups/stream"))
        .await
        .refused(StatusCode::NOT_FOUND, Refusal::NotFound);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_hundred_simultaneous_joins_fill_ten_seats_exactly() {
    let hub = hub();
    let tasks: Vec<_> = (0..200)
        .map(|n| {
            let router = hub.router.clone().layer(MockConnectInfo(peer(1)));
            let body = format!(r#"{{"name": "Person {n}"}}"#);
            tokio::spawn(async move {
                let response = router
                    .oneshot(join_request(EVENT, TEN, &body))
                    .await
                    .unwrap();
                let status = response.status();
                let body = response.into_body().collect().await.unwrap().to_bytes();
                (status, body)
            })
        })
        .collect();
    let mut created = 0;
    let mut full = 0;
    for task in tasks {
        let (status, body) = task.await.unwrap();
        match status {
            StatusCode::CREATED => created += 1,
            StatusCode::CONFLICT => {
                let error: ApiError = serde_json::from_slice(&body).unwrap();
                assert_eq!(error.code, Refusal::Full);
                full += 1;
            }
            other => panic!("unexpected {other}: {}", String::from_utf8_lossy(&body)),
        }
    }
    assert_eq!((created, full), (10, 190));
    let list = hub.list().await;
    assert_eq!(list.topics[TEN].count, 10);
    assert_eq!(list.topics[TEN].names.len(), 10);
}

#[tokio::test]
async fn an_organizers_edit_to_the_event_file_applies_without_a_restart() {
    let hub = hub();
    hub.join(SMALL, "Anna").await;
    hub.join(SMALL, "Bob").await;
    hub.join(SMALL, "Cleo")
        .await
        .refused(StatusCode::CONFLICT, Refusal::Full);
    // A bigger room: the capacity goes from 2 to 3.
    let path = hub.hub_site().join("events").join(format!("{EVENT}.json"));
    let text = std::fs::read_to_string(&path).unwrap();
    let bigger = text.replacen("\"capacity\": 2", "\"capacity\": 3", 1);
    assert_ne!(text, bigger);
    std::fs::write(&path, &bigger).unwrap();
    hub.joined(SMALL, "Cleo").await;
    // A typo does not close the sheets: the last valid version stays in force.
    std::fs::write(&path, bigger.replacen("\"topics\"", "\"topicz\"", 1)).unwrap();
    hub.join(SMALL, "Dan")
        .await
        .refused(StatusCode::CONFLICT, Refusal::Full);
    // A removed file removes the event.
    std::fs::remove_file(&path).unwrap();
    hub.join(OPEN, "Eve")
        .await
        .refused(StatusCode::NOT_FOUND, Refusal::NotFound);
}

impl TestHub {
    fn hub_site(&self) -> std::path::PathBuf {
        self._dir.path().join("site")
    }
}

#[tokio::test]
async fn sign_ups_are_deleted_retention_days_after_their_event_ends() {
    let hub = hub_with(|config| config.retention_days = 30);
    support::write_event(&hub.hub_site(), "long-ago", "2020-01-10T18:00");
    support::write_event(&hub.hub_site(), "recent", &recent_end());
    for event in ["long-ago", "recent"] {
        let reply = hub
            .send(join_request(event, OPEN, r#"{"name": "Anna"}"#))
            .await;
        assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
    }
    hub.hub.api.housekeeping().await;
    let count = |event: &str| {
        let hub = &hub;
        let uri = format!("/api/events/{event}/signups");
        async move {
            let reply = hub.send(get(&uri)).await;
            let list: SignupList = serde_json::from_slice(&reply.body).unwrap();
            list.topics.get(OPEN).map_or(0, |sheet| sheet.count)
        }
    };
    assert_eq!(count("long-ago").await, 0);
    assert_eq!(count("recent").await, 1);
}

#[tokio::test]
async fn a_retention_of_zero_days_keeps_the_sign_ups_of_past_events() {
    let hub = hub_with(|config| config.retention_days = 0);
    support::write_event(&hub.hub_site(), "long-ago", "2020-01-10T18:00");
    let reply = hub
        .send(join_request("long-ago", OPEN, r#"{"name": "Anna"}"#))
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
    hub.hub.api.housekeeping().await;
    let reply = hub.send(get("/api/events/long-ago/signups")).await;
    let list: SignupList = serde_json::from_slice(&reply.body).unwrap();
    assert_eq!(list.topics.get(OPEN).map(|sheet| sheet.count), Some(1));
}

/// An end ten days ago, within any retention of 30 days.
fn recent_end() -> String {
    let day = chrono::Utc::now().date_naive() - chrono::Days::new(10);
    format!("{}T18:00", day.format("%Y-%m-%d"))
}

#[tokio::test]
async fn a_backup_taken_while_the_hub_runs_holds_every_answered_sign_up() {
    let hub = hub();
    for name in ["Anna", "Bob", "Cleo"] {
        hub.joined(OPEN, name).await;
    }
    let copy = hub._dir.path().join("copy.sqlite3");
    let data = hub._dir.path().join("data");
    let count = tokio::task::spawn_blocking({
        let copy = copy.clone();
        move || hub::store::sqlite::backup(&data, &copy)
    })
    .await
    .unwrap()
    .unwrap();
    assert_eq!(count, 3);
    // The hub goes on while the copy is a file of its own.
    hub.joined(OPEN, "Dan").await;
    let conn = rusqlite::Connection::open(&copy).unwrap();
    let names: Vec<String> = conn
        .prepare("SELECT name FROM signups ORDER BY id")
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(names, ["Anna", "Bob", "Cleo"]);
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |row| row.get(0))
        .unwrap();
    assert_eq!(mode, "delete");
}
