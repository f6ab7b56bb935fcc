//! `hub serve`'s static site, driven through `app(…).oneshot(…)` without a socket: content types,
//! the SPA fallback, real 404s, path traversal, compression and cache headers.

// A failed setup step should fail the test on the spot, with its message.
#![allow(clippy::unwrap_used)]

use std::io::Read;

use axum::body::Body;
use axum::http::header::{
    CACHE_CONTROL, CONTENT_ENCODING, CONTENT_TYPE, IF_MODIFIED_SINCE, LAST_MODIFIED,
};
use axum::http::{HeaderMap, Method, Request, StatusCode};
use http_body_util::BodyExt;
use hub::serve::{app, Config, IMMUTABLE, NO_CACHE};
use tempfile::TempDir;
use tower::ServiceExt;

const INDEX: &str =
    "<!doctype html><html><head><title>Event hub</title></head><body>the app</body></html>\n";
const WASM: &str = "app-0123456789abcdef_bg.wasm";
const SECRET: &str = "the secret outside the site";

/// A tiny built site in `DIR/site`, with a file beside it that must never be served.
fn site() -> (TempDir, Config) {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    std::fs::create_dir_all(site.join("events")).unwrap();
    std::fs::write(site.join("index.html"), INDEX).unwrap();
    // A wasm header and enough repetition to be worth compressing.
    let mut wasm = b"\0asm\x01\0\0\0".to_vec();
    wasm.extend(std::iter::repeat_n(b"hub ".as_slice(), 500).flatten());
    std::fs::write(site.join(WASM), wasm).unwrap();
    std::fs::write(site.join("events/x.json"), event_json()).unwrap();
    std::fs::write(dir.path().join("secret.txt"), SECRET).unwrap();
    let config = Config {
        addr: "127.0.0.1:0".to_owned(),
        site,
        data: dir.path().join("data"),
        ..Config::default()
    };
    (dir, config)
}

fn event_json() -> String {
    format!(
        "{{ \"id\": \"x\", \"title\": \"{}\" }}\n",
        "A long title to be compressed ".repeat(10)
    )
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
}

async fn send(config: &Config, request: Request<Body>) -> Reply {
    let response = app(config).unwrap().oneshot(request).await.unwrap();
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

async fn get(config: &Config, uri: &str) -> Reply {
    send(config, Request::get(uri).body(Body::empty()).unwrap()).await
}

async fn get_with(config: &Config, uri: &str, name: &str, value: &str) -> Reply {
    let request = Request::get(uri)
        .header(name, value)
        .body(Body::empty())
        .unwrap();
    send(config, request).await
}

fn file(config: &Config, name: &str) -> Vec<u8> {
    std::fs::read(config.site.join(name)).unwrap()
}

#[tokio::test]
async fn wasm_is_served_as_application_wasm() {
    let (_dir, config) = site();
    let reply = get(&config, &format!("/{WASM}")).await;
    assert_eq!(reply.status, StatusCode::OK);
    // Browsers refuse `WebAssembly.instantiateStreaming` for any other type.
    assert_eq!(reply.header(CONTENT_TYPE), "application/wasm");
    assert_eq!(reply.body, file(&config, WASM));
}

#[tokio::test]
async fn event_files_are_served_as_json() {
    let (_dir, config) = site();
    let reply = get(&config, "/events/x.json").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.header(CONTENT_TYPE), "application/json");
    assert_eq!(reply.text(), event_json());
}

#[tokio::test]
async fn app_routes_without_an_extension_get_index_html() {
    let (_dir, config) = site();
    // `/events/x` has a file, so its page carries a preload of it (tests/shell.rs).
    for uri in [
        "/",
        "/events/scs-hackathon-3",
        "/edit",
        "/events/",
        "/events",
    ] {
        let reply = get(&config, uri).await;
        assert_eq!(reply.status, StatusCode::OK, "{uri}");
        assert_eq!(reply.header(CONTENT_TYPE), "text/html", "{uri}");
        assert_eq!(reply.text(), INDEX, "{uri}");
    }
}

#[tokio::test]
async fn a_missing_file_with_an_extension_is_a_real_404() {
    let (_dir, config) = site();
    // The app tells "event not found" from a 404 on the event file, so never index.html here.
    for uri in ["/events/missing.json", "/app.wasm", "/favicon.ico"] {
        let reply = get(&config, uri).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{uri}");
        assert!(!reply.text().contains("the app"), "{uri}");
    }
}

#[tokio::test]
async fn head_requests_get_headers_without_a_body() {
    let (_dir, config) = site();
    for uri in ["/events/y", "/events/x"] {
        let request = Request::head(uri).body(Body::empty()).unwrap();
        let reply = send(&config, request).await;
        assert_eq!(reply.status, StatusCode::OK, "{uri}");
        assert!(reply.header(CONTENT_TYPE).starts_with("text/html"), "{uri}");
        assert!(reply.body.is_empty(), "{uri}");
    }
}

#[tokio::test]
async fn only_get_and_head_reach_the_files() {
    let (_dir, config) = site();
    for uri in ["/events/x.json", "/edit"] {
        let request = Request::builder()
            .method(Method::POST)
            .uri(uri)
            .body(Body::from("{}"))
            .unwrap();
        let reply = send(&config, request).await;
        assert_eq!(reply.status, StatusCode::METHOD_NOT_ALLOWED, "{uri}");
    }
}

#[tokio::test]
async fn paths_never_leave_the_site_directory() {
    let (dir, config) = site();
    assert!(dir.path().join("secret.txt").is_file());
    let outside = config.site.parent().unwrap();
    assert_eq!(
        std::fs::read_to_string(outside.join("secret.txt")).unwrap(),
        SECRET
    );
    for uri in [
        "/../secret.txt",
        "/events/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/..%2fsecret.txt",
        "/events/..%2f..%2fsecret.txt",
        "/%2E%2E%5Csecret.txt",
        "//secret.txt",
    ] {
        let reply = get(&config, uri).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{uri}");
        assert!(!reply.text().contains(SECRET), "{uri} leaked the file");
    }
    // Without an extension the answer is the app, still never the file.
    let reply = get(&config, "/../../etc/passwd-like").await;
    assert_eq!(reply.text(), INDEX);
}

#[tokio::test]
async fn wasm_and_json_are_gzipped_when_the_browser_asks() {
    let (_dir, config) = site();
    for (uri, name) in [
        (format!("/{WASM}"), WASM),
        ("/events/x.json".to_owned(), "events/x.json"),
    ] {
        let reply = get_with(&config, &uri, "accept-encoding", "gzip").await;
        assert_eq!(reply.status, StatusCode::OK, "{uri}");
        assert_eq!(reply.header(CONTENT_ENCODING), "gzip", "{uri}");
        assert!(
            reply
                .header("vary")
                .to_ascii_lowercase()
                .contains("accept-encoding"),
            "{uri}"
        );
        let mut plain = Vec::new();
        flate2::read::GzDecoder::new(reply.body.as_slice())
            .read_to_end(&mut plain)
            .unwrap();
        assert_eq!(plain, file(&config, name), "{uri}");
    }
}

#[tokio::test]
async fn wasm_and_json_are_brotli_compressed_when_the_browser_prefers_it() {
    let (_dir, config) = site();
    for (uri, name) in [
        (format!("/{WASM}"), WASM),
        ("/events/x.json".to_owned(), "events/x.json"),
    ] {
        let reply = get_with(&config, &uri, "accept-encoding", "gzip, deflate, br").await;
        assert_eq!(reply.header(CONTENT_ENCODING), "br", "{uri}");
        assert!(reply.body.len() < file(&config, name).len(), "{uri}");
        let mut plain = Vec::new();
        brotli_decompressor::Decompressor::new(reply.body.as_slice(), 4096)
            .read_to_end(&mut plain)
            .unwrap();
        assert_eq!(plain, file(&config, name), "{uri}");
    }
}

#[tokio::test]
async fn nothing_is_compressed_unless_asked() {
    let (_dir, config) = site();
    let reply = get(&config, &format!("/{WASM}")).await;
    assert_eq!(reply.header(CONTENT_ENCODING), "");
    assert_eq!(reply.body, file(&config, WASM));
}

#[tokio::test]
async fn a_precompressed_brotli_file_is_served_when_the_build_ships_one() {
    let (_dir, config) = site();
    let precompressed = b"pretend this is brotli".to_vec();
    std::fs::write(config.site.join(format!("{WASM}.br")), &precompressed).unwrap();
    let reply = get_with(&config, &format!("/{WASM}"), "accept-encoding", "br").await;
    assert_eq!(reply.header(CONTENT_ENCODING), "br");
    assert_eq!(reply.header(CONTENT_TYPE), "application/wasm");
    assert_eq!(reply.body, precompressed);
}

#[tokio::test]
async fn index_html_and_event_files_are_revalidated_on_every_use() {
    let (_dir, config) = site();
    // Organizers edit these in place; a cached copy would hide their changes.
    for uri in ["/", "/index.html", "/edit", "/events/x", "/events/x.json"] {
        let reply = get(&config, uri).await;
        assert_eq!(reply.status, StatusCode::OK, "{uri}");
        assert_eq!(reply.header(CACHE_CONTROL), NO_CACHE, "{uri}");
    }
}

#[tokio::test]
async fn hashed_assets_are_cached_for_a_year() {
    let (_dir, config) = site();
    let reply = get(&config, &format!("/{WASM}")).await;
    assert_eq!(reply.header(CACHE_CONTROL), IMMUTABLE);
}

#[tokio::test]
async fn a_404_is_never_cached_as_immutable() {
    let (_dir, config) = site();
    let reply = get(&config, "/app-fedcba9876543210_bg.wasm").await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    assert_eq!(reply.header(CACHE_CONTROL), NO_CACHE);
}

#[tokio::test]
async fn an_unchanged_event_file_revalidates_with_304() {
    let (_dir, config) = site();
    let first = get(&config, "/events/x.json").await;
    let last_modified = first.header(LAST_MODIFIED).to_owned();
    assert!(!last_modified.is_empty());
    let again = get_with(
        &config,
        "/events/x.json",
        IF_MODIFIED_SINCE.as_str(),
        &last_modified,
    )
    .await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    assert_eq!(again.header(CACHE_CONTROL), NO_CACHE);
    assert!(again.body.is_empty());
}

#[tokio::test]
async fn an_edited_event_file_is_served_fresh() {
    let (_dir, config) = site();
    assert_eq!(get(&config, "/events/x.json").await.text(), event_json());
    std::fs::write(config.site.join("events/x.json"), "{ \"edited\": true }").unwrap();
    assert_eq!(
        get(&config, "/events/x.json").await.text(),
        "{ \"edited\": true }"
    );
}
