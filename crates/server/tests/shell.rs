//! `hub serve`'s two page kinds beyond plain files, through `app(…).oneshot(…)`: `/events/{id}`
//! with the event's preload, title and header already in `index.html` (escaped, fresh after an
//! edit, revalidated by ETag, compressed), and `/edit/…` answered by the organizers' bundle.

// A failed setup step should fail the test on the spot, with its message.
#![allow(clippy::unwrap_used)]

use std::io::Read;

use axum::body::Body;
use axum::http::header::{
    CACHE_CONTROL, CONTENT_ENCODING, CONTENT_TYPE, ETAG, IF_NONE_MATCH, VARY,
};
use axum::http::{HeaderMap, Request, StatusCode};
use http_body_util::BodyExt;
use hub::serve::{app, Config, IMMUTABLE, NO_CACHE};
use tempfile::TempDir;
use tower::ServiceExt;

const SAMPLE: &str = include_str!("../../../public/events/scs-hackathon-3.json");
/// The shape of the app's `index.html`: both markers, the multi-line shell comment.
const INDEX: &str = r#"<!doctype html>
<html lang="en">
  <head>
    <meta name="description" content="Agenda, places, topics and contacts of community events." />
    <title>Event hub</title>
    <!-- eh-preload -->
  </head>
  <body class="eh-page">
    <div class="event-hub">
      <!-- eh-shell: `hub serve` replaces what is between these markers
           for /events/{id}. -->
      <main class="eh-main eh-notice eh-shell" aria-busy="true">
        <p class="eh-loading" role="status">Loading the event…</p>
        <noscript>This event page needs JavaScript and WebAssembly.</noscript>
      </main>
      <!-- /eh-shell -->
    </div>
  </body>
</html>
"#;
const EDIT_INDEX: &str =
    "<!doctype html><title>Edit</title><script src=\"/edit/tools.js\"></script>the editor\n";
const EDIT_WASM: &str = "edit/edit-0123456789abcdef_bg.wasm";
const PRELOAD: &str =
    r#"<link rel="preload" as="fetch" crossorigin href="/events/scs-hackathon-3.json">"#;
const HTML: &str = "text/html; charset=utf-8";

/// A built site with both bundles and the sample event.
fn site() -> (TempDir, Config) {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    std::fs::create_dir_all(site.join("events")).unwrap();
    std::fs::create_dir_all(site.join("edit")).unwrap();
    std::fs::write(site.join("index.html"), INDEX).unwrap();
    std::fs::write(site.join("edit/index.html"), EDIT_INDEX).unwrap();
    std::fs::write(site.join("edit/tools.js"), "export {};\n").unwrap();
    std::fs::write(site.join(EDIT_WASM), b"\0asm\x01\0\0\0").unwrap();
    std::fs::write(site.join("events/scs-hackathon-3.json"), SAMPLE).unwrap();
    let config = Config {
        addr: "127.0.0.1:0".to_owned(),
        site,
        data: dir.path().join("data"),
        ..Config::default()
    };
    (dir, config)
}

fn write_event(config: &Config, id: &str, text: &str) {
    std::fs::write(config.site.join(format!("events/{id}.json")), text).unwrap();
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
        String::from_utf8(self.body.clone()).unwrap()
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

#[tokio::test]
async fn the_event_page_carries_the_preload_title_and_header() {
    let (_dir, config) = site();
    let reply = get(&config, "/events/scs-hackathon-3").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.header(CONTENT_TYPE), HTML);
    assert_eq!(reply.header(CACHE_CONTROL), NO_CACHE);
    assert!(reply.header(ETAG).starts_with("W/\""));
    let page = reply.text();
    assert!(page.contains(PRELOAD), "{page}");
    assert!(!page.contains("<!-- eh-preload -->"));
    assert!(page.contains("<title>Third SCS Community Hackathon</title>"));
    assert!(page.contains(
        r#"<meta name="description" content="Wednesday, 8 November 2023 · CLOUD&amp;HEAT, Königsbrücker Straße 96, Halle 15, 01099 Dresden" />"#
    ));
    // The same classes and words as the app's header (src/components/header.rs).
    assert!(page.contains(r#"<div class="eh-event eh-shell" aria-busy="true"><header class="eh-header"><div class="eh-header__inner">"#));
    assert!(page.contains(r#"<p class="eh-header__date">Wednesday, 8 November 2023</p>"#));
    assert!(page.contains(r#"<h1 class="eh-header__title">Third SCS Community Hackathon</h1>"#));
    assert!(page.contains(r#"<p class="eh-header__hours">10:00–19:00 CET (UTC+1)</p>"#));
    assert!(page.contains(
        r##"<p class="eh-header__where"><a class="eh-header__venue" href="#eh-place-venue">CLOUD&amp;HEAT</a>, Königsbrücker Straße 96, Halle 15, 01099 Dresden</p>"##
    ));
    assert!(page.contains(r#"<p class="eh-loading" role="status">Loading the agenda…</p>"#));
    assert!(page.contains("<noscript>This event page needs JavaScript and WebAssembly.</noscript>"));
    assert!(!page.contains("Loading the event…"));
    assert_eq!(page.matches("eh-shell\"").count(), 1, "{page}");
    assert!(page.contains("<!-- /eh-shell -->"));
}

#[tokio::test]
async fn event_text_is_escaped_everywhere() {
    let (_dir, config) = site();
    let evil = SAMPLE
        .replace(
            "\"Third SCS Community Hackathon\"",
            "\"Hack <script>alert(1)</script> & \\\"friends\\\"\"",
        )
        .replacen("\"CLOUD&HEAT\"", "\"<img src=x onerror=alert(2)>\"", 1);
    write_event(&config, "evil", &evil.replace("scs-hackathon-3", "evil"));
    let reply = get(&config, "/events/evil").await;
    assert_eq!(reply.status, StatusCode::OK);
    let page = reply.text();
    // The title must have been accepted, or this test proves nothing.
    assert!(page.contains("eh-header__title"), "{page}");
    assert!(!page.contains("<script>"), "{page}");
    assert!(!page.contains("<img"), "{page}");
    let title = "Hack &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;friends&quot;";
    assert!(page.contains(&format!("<title>{title}</title>")), "{page}");
    assert!(page.contains(&format!("<h1 class=\"eh-header__title\">{title}</h1>")));
    assert!(page.contains("&lt;img src=x onerror=alert(2)&gt;</a>"));
}

#[tokio::test]
async fn a_broken_event_gets_the_plain_page_with_the_preload() {
    let (_dir, config) = site();
    // A time that does not exist, and a file that is not JSON at all.
    let broken = SAMPLE.replacen("\"2023-11-08T10:30\"", "\"2023-11-08T25:30\"", 1);
    write_event(&config, "broken", &broken);
    write_event(&config, "garbage", "{ not json");
    for id in ["broken", "garbage"] {
        let reply = get(&config, &format!("/events/{id}")).await;
        assert_eq!(reply.status, StatusCode::OK, "{id}");
        assert_eq!(reply.header(CONTENT_TYPE), HTML, "{id}");
        assert_eq!(reply.header(CACHE_CONTROL), NO_CACHE, "{id}");
        let preload =
            format!(r#"<link rel="preload" as="fetch" crossorigin href="/events/{id}.json">"#);
        assert_eq!(
            reply.text(),
            INDEX.replace("<!-- eh-preload -->", &preload),
            "{id}"
        );
    }
}

#[tokio::test]
async fn a_missing_event_gets_the_plain_index() {
    let (_dir, config) = site();
    for uri in ["/events/nope", "/events/Not-A-Slug", "/events/nope/"] {
        let reply = get(&config, uri).await;
        assert_eq!(reply.status, StatusCode::OK, "{uri}");
        assert_eq!(reply.text(), INDEX, "{uri}");
        assert_eq!(reply.header(CACHE_CONTROL), NO_CACHE, "{uri}");
    }
}

#[tokio::test]
async fn an_edit_shows_on_reload_and_changes_the_etag() {
    let (_dir, config) = site();
    let first = get(&config, "/events/scs-hackathon-3").await;
    let etag = first.header(ETAG).to_owned();
    let again = get_with(
        &config,
        "/events/scs-hackathon-3",
        IF_NONE_MATCH.as_str(),
        &etag,
    )
    .await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    assert_eq!(again.header(CACHE_CONTROL), NO_CACHE);
    assert_eq!(again.header(ETAG), etag);
    assert!(again.body.is_empty());

    write_event(
        &config,
        "scs-hackathon-3",
        &SAMPLE.replace(
            "Third SCS Community Hackathon",
            "Fourth SCS Community Hackathon",
        ),
    );
    let edited = get_with(
        &config,
        "/events/scs-hackathon-3",
        IF_NONE_MATCH.as_str(),
        &etag,
    )
    .await;
    assert_eq!(edited.status, StatusCode::OK);
    assert_ne!(edited.header(ETAG), etag);
    assert!(edited
        .text()
        .contains("<h1 class=\"eh-header__title\">Fourth SCS Community Hackathon</h1>"));
}

#[tokio::test]
async fn the_event_page_is_compressed_when_asked() {
    let (_dir, config) = site();
    let plain = get(&config, "/events/scs-hackathon-3").await;
    let reply = get_with(
        &config,
        "/events/scs-hackathon-3",
        "accept-encoding",
        "gzip",
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.header(CONTENT_ENCODING), "gzip");
    assert!(reply
        .header(VARY)
        .to_ascii_lowercase()
        .contains("accept-encoding"));
    assert_eq!(reply.header(CONTENT_TYPE), HTML);
    // Weak: the compressed bytes differ, the page does not, and a 304 stays right for both.
    assert_eq!(reply.header(ETAG), plain.header(ETAG));
    assert!(reply.header(ETAG).starts_with("W/"));
    let mut body = Vec::new();
    flate2::read::GzDecoder::new(reply.body.as_slice())
        .read_to_end(&mut body)
        .unwrap();
    assert_eq!(body, plain.body);
}

#[tokio::test]
async fn head_gets_the_event_page_headers_without_a_body() {
    let (_dir, config) = site();
    let request = Request::head("/events/scs-hackathon-3")
        .body(Body::empty())
        .unwrap();
    let reply = send(&config, request).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.header(CONTENT_TYPE), HTML);
    assert_eq!(reply.header(CACHE_CONTROL), NO_CACHE);
    assert!(!reply.header(ETAG).is_empty());
    assert!(reply.body.is_empty());
}

#[tokio::test]
async fn edit_routes_get_the_organizers_bundle() {
    let (_dir, config) = site();
    for uri in [
        "/edit",
        "/edit/",
        "/edit/anything",
        "/edit/events/scs-hackathon-3",
    ] {
        let reply = get(&config, uri).await;
        assert_eq!(reply.status, StatusCode::OK, "{uri}");
        assert_eq!(reply.text(), EDIT_INDEX, "{uri}");
        assert_eq!(reply.header(CACHE_CONTROL), NO_CACHE, "{uri}");
    }
    // Everything else stays the attendee's app.
    for uri in ["/", "/editor", "/events/"] {
        assert_eq!(get(&config, uri).await.text(), INDEX, "{uri}");
    }
}

#[tokio::test]
async fn without_an_editor_build_edit_is_the_attendee_app() {
    let (_dir, config) = site();
    std::fs::remove_dir_all(config.site.join("edit")).unwrap();
    for uri in ["/edit", "/edit/anything"] {
        let reply = get(&config, uri).await;
        assert_eq!(reply.status, StatusCode::OK, "{uri}");
        assert_eq!(reply.text(), INDEX, "{uri}");
    }
}

#[tokio::test]
async fn the_organizers_files_are_files_with_their_cache_policy() {
    let (_dir, config) = site();
    let tools = get(&config, "/edit/tools.js").await;
    assert_eq!(tools.status, StatusCode::OK);
    assert_eq!(tools.text(), "export {};\n");
    assert!(tools.header(CONTENT_TYPE).contains("javascript"));
    assert_eq!(tools.header(CACHE_CONTROL), NO_CACHE);

    let wasm = get(&config, &format!("/{EDIT_WASM}")).await;
    assert_eq!(wasm.status, StatusCode::OK);
    assert_eq!(wasm.header(CONTENT_TYPE), "application/wasm");
    assert_eq!(wasm.header(CACHE_CONTROL), IMMUTABLE);

    let missing = get(&config, "/edit/missing.js").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert!(!missing.text().contains("the editor"));
}

/// The contract with the app's real `index.html`: its markers are where the server looks.
#[tokio::test]
async fn the_real_index_html_gets_the_event() {
    let (_dir, config) = site();
    let real = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../index.html"),
    )
    .unwrap();
    std::fs::write(config.site.join("index.html"), &real).unwrap();
    let page = get(&config, "/events/scs-hackathon-3").await.text();
    assert!(page.contains(&format!("{PRELOAD}\n")), "{page}");
    assert!(page.contains("<title>Third SCS Community Hackathon</title>"));
    // The structured data is in the head, and parses.
    let head = &page[..page.find("</head>").unwrap()];
    let open = "<script type=\"application/ld+json\">";
    let from = head.find(open).unwrap() + open.len();
    let json = &head[from..from + head[from..].find("</script>").unwrap()];
    let data: serde_json::Value = serde_json::from_str(json).unwrap();
    assert_eq!(data["@type"], "Event");
    assert_eq!(data["startDate"], "2023-11-08T10:00:00+01:00");
    assert!(
        head.contains("<meta property=\"og:title\" content=\"Third SCS Community Hackathon\" />")
    );
    assert!(page.contains(r#"<div class="eh-event eh-shell" aria-busy="true">"#));
    assert!(page.contains("CLOUD&amp;HEAT"));
    assert!(!page.contains("Loading the event…"));
}
