//! `GET /events/{id}.ics` through `app(…).oneshot(…)`: the sample's calendar with its headers,
//! 404 for missing events and for ids that are not slugs (no path traversal), 422 with the
//! problems for a broken file, and the other files under `/events/` untouched.

// A failed setup step should fail the test on the spot, with its message.
#![allow(clippy::unwrap_used)]

use std::time::{Duration, SystemTime};

use axum::body::Body;
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::http::{HeaderMap, Method, Request, StatusCode};
use http_body_util::BodyExt;
use hub::serve::{app, Config};
use tempfile::TempDir;
use tower::ServiceExt;

const SAMPLE: &str = include_str!("../../../public/events/scs-hackathon-3.json");
const INDEX: &str = "<!doctype html><title>Event hub</title>the app\n";
/// 2023-10-01T12:00:00Z.
const MODIFIED_SECS: u64 = 1_696_161_600;

/// A site with the sample, a broken event, a secret event outside the site and an app page.
fn site() -> (TempDir, Config) {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    std::fs::create_dir_all(site.join("events")).unwrap();
    std::fs::write(site.join("index.html"), INDEX).unwrap();
    let sample = site.join("events/scs-hackathon-3.json");
    std::fs::write(&sample, SAMPLE).unwrap();
    let file = std::fs::File::options().write(true).open(&sample).unwrap();
    file.set_modified(SystemTime::UNIX_EPOCH + Duration::from_secs(MODIFIED_SECS))
        .unwrap();
    // One value that is not a time (a parse error), one reference to nothing (a validation error).
    let broken = SAMPLE.replacen("\"2023-11-08T10:30\"", "\"2023-11-08T25:30\"", 1);
    std::fs::write(site.join("events/broken.json"), broken).unwrap();
    let unresolved = SAMPLE.replace("\"place\": \"watzke\"", "\"place\": \"watzkee\"");
    std::fs::write(site.join("events/unresolved.json"), unresolved).unwrap();
    std::fs::write(
        dir.path().join("secret.json"),
        SAMPLE.replace("Third SCS", "SECRET"),
    )
    .unwrap();
    let config = Config {
        addr: "127.0.0.1:0".to_owned(),
        site,
        data: dir.path().join("data"),
        ..Config::default()
    };
    (dir, config)
}

struct Reply {
    status: StatusCode,
    headers: HeaderMap,
    body: String,
}

impl Reply {
    fn header(&self, name: impl axum::http::header::AsHeaderName) -> &str {
        self.headers
            .get(name)
            .map(|value| value.to_str().unwrap())
            .unwrap_or_default()
    }
}

async fn send(config: &Config, method: Method, uri: &str) -> Reply {
    send_with(config, method, uri, &[]).await
}

async fn send_with(config: &Config, method: Method, uri: &str, headers: &[(&str, &str)]) -> Reply {
    let mut request = Request::builder().method(method).uri(uri);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let request = request.body(Body::empty()).unwrap();
    let response = app(config).unwrap().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    Reply {
        status,
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

async fn get(config: &Config, uri: &str) -> Reply {
    send(config, Method::GET, uri).await
}

#[tokio::test]
async fn the_sample_calendar_is_served_as_text_calendar() {
    let (_dir, config) = site();
    let reply = get(&config, "/events/scs-hackathon-3.ics").await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert_eq!(reply.header(CONTENT_TYPE), "text/calendar; charset=utf-8");
    assert_eq!(
        reply.header(CONTENT_DISPOSITION),
        "inline; filename=\"scs-hackathon-3.ics\""
    );
    assert_eq!(reply.header(CACHE_CONTROL), "no-cache");
    assert!(
        reply.body.starts_with("BEGIN:VCALENDAR\r\n"),
        "{}",
        reply.body
    );
    assert!(reply.body.ends_with("END:VCALENDAR\r\n"));
    assert_eq!(reply.body.matches("BEGIN:VEVENT\r\n").count(), 9);
    assert!(reply
        .body
        .contains("UID:welcome@scs-hackathon-3.event-hub\r\n"));
    assert!(reply
        .body
        .contains("DTSTART;TZID=Europe/Berlin:20231108T100000\r\n"));
    assert!(reply
        .body
        .contains("BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\n"));
}

#[tokio::test]
async fn the_feeds_entries_lead_to_the_events_page_on_this_hub() {
    let (_dir, config) = site();
    let url = |body: &str| -> Vec<String> {
        let unfolded = body.replace("\r\n ", "");
        let urls = unfolded.lines().filter(|l| l.starts_with("URL:"));
        urls.map(str::to_owned).collect()
    };
    let local = send_with(
        &config,
        Method::GET,
        "/events/scs-hackathon-3.ics",
        &[("host", "127.0.0.1:8080")],
    )
    .await;
    let urls = url(&local.body);
    assert_eq!(urls.len(), 9, "{}", local.body);
    assert!(urls
        .iter()
        .all(|u| u == "URL:http://127.0.0.1:8080/events/scs-hackathon-3"));
    // …and each description ends with it, so it is in the calendar's notes too.
    assert!(local.body.replace("\r\n ", "").contains(
        "Third SCS Community Hackathon\\n\\nhttp://127.0.0.1:8080/events/scs-hackathon-3"
    ));

    // Behind a TLS proxy the address is the one attendees use.
    let proxied = send_with(
        &config,
        Method::GET,
        "/events/scs-hackathon-3.ics",
        &[("host", "hub.example"), ("x-forwarded-proto", "https")],
    )
    .await;
    assert!(url(&proxied.body)
        .iter()
        .all(|u| u == "URL:https://hub.example/events/scs-hackathon-3"));

    // A Host that is not a host name is not written into anyone's calendar: the entries fall
    // back to the event's website.
    let odd = send_with(
        &config,
        Method::GET,
        "/events/scs-hackathon-3.ics",
        &[("host", "evil.example/phish?")],
    )
    .await;
    assert_eq!(odd.status, StatusCode::OK);
    assert!(!odd.body.contains("evil"), "{}", odd.body);
}

#[tokio::test]
async fn the_calendar_is_stamped_with_the_file_time_so_it_is_the_same_until_the_file_changes() {
    let (_dir, config) = site();
    let first = get(&config, "/events/scs-hackathon-3.ics").await;
    assert!(first.body.contains("DTSTAMP:20231001T120000Z\r\n"));
    let again = get(&config, "/events/scs-hackathon-3.ics").await;
    assert_eq!(first.body, again.body);
}

#[tokio::test]
async fn head_gets_the_calendar_headers_without_a_body() {
    let (_dir, config) = site();
    let reply = send(&config, Method::HEAD, "/events/scs-hackathon-3.ics").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.header(CONTENT_TYPE), "text/calendar; charset=utf-8");
    assert!(reply.body.is_empty());
}

#[tokio::test]
async fn a_missing_event_is_404() {
    let (_dir, config) = site();
    let reply = get(&config, "/events/nope.ics").await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    assert!(!reply.body.contains("the app"));
}

#[tokio::test]
async fn a_broken_event_file_is_422_with_its_problems_one_per_line() {
    let (_dir, config) = site();
    // `FILE:LINE:COLUMN: JSON.PATH: message`, as `hub check` prints it.
    for (uri, expected) in [
        (
            "/events/broken.ics",
            "events/broken.json:86:14: sessions[3].end: `2023-11-08T25:30`: the hour is 00–23",
        ),
        (
            "/events/unresolved.ics",
            "events/unresolved.json:70:16: sessions[1].place: ",
        ),
    ] {
        let reply = get(&config, uri).await;
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "{uri}");
        assert_eq!(reply.header(CONTENT_TYPE), "text/plain; charset=utf-8");
        assert_eq!(reply.header(CACHE_CONTROL), "no-cache");
        let lines: Vec<&str> = reply.body.lines().collect();
        assert_eq!(lines.len(), 1, "{uri}: {}", reply.body);
        assert!(lines[0].starts_with(expected), "{uri}: {}", reply.body);
    }
}

#[tokio::test]
async fn ids_that_are_not_slugs_never_reach_the_file_system() {
    let (_dir, config) = site();
    for uri in [
        "/events/..%2fsecret.ics",
        "/events/..%2F..%2Fsecret.ics",
        "/events/%2e%2e%2fsecret.ics",
        "/events/..%5csecret.ics",
        "/events/.ics",
        "/events/SCS-HACKATHON-3.ics",
        "/events/scs-hackathon-3.json.ics",
        "/events/-x.ics",
        "/events/../secret.ics",
    ] {
        let reply = get(&config, uri).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{uri}");
        assert!(!reply.body.contains("SECRET"), "{uri} leaked the file");
        assert!(!reply.body.contains("BEGIN:VCALENDAR"), "{uri}");
    }
}

#[tokio::test]
async fn other_files_under_events_are_still_the_static_site() {
    let (_dir, config) = site();
    let json = get(&config, "/events/scs-hackathon-3.json").await;
    assert_eq!(json.status, StatusCode::OK);
    assert_eq!(json.header(CONTENT_TYPE), "application/json");
    assert_eq!(json.header(CACHE_CONTROL), "no-cache");
    assert_eq!(json.body, SAMPLE);

    // The event's page is the app with the event's title in it (see tests/shell.rs).
    let page = get(&config, "/events/scs-hackathon-3").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page
        .body
        .contains("<title>Third SCS Community Hackathon</title>"));
    assert!(page.body.contains("the app"));
    let page = get(&config, "/events/nope").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.body, INDEX);

    let missing = get(&config, "/events/nope.json").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);

    for uri in [
        "/events/scs-hackathon-3.ics",
        "/events/scs-hackathon-3.json",
    ] {
        let post = send(&config, Method::POST, uri).await;
        assert_eq!(post.status, StatusCode::METHOD_NOT_ALLOWED, "{uri}");
    }
}
