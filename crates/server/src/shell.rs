//! `GET /events/{id}`: the app's `index.html` with the event already in it, so a phone on slow data
//! reads the event's name, dates and venue while the wasm downloads.
//!
//! Three edits to the page, all on plain text at the markers `index.html` carries:
//! - `<!-- eh-preload -->` (or, without it, just before `</head>`) becomes a preload of the event
//!   file, so its download starts with the page's instead of after the wasm's;
//! - `<title>` and `<meta name="description">` name the event;
//! - before `</head>`, the event as schema.org JSON-LD and Open Graph tags
//!   ([`crate::structured_data`]);
//! - what lies between `<!-- eh-shell: … -->` and `<!-- /eh-shell -->` becomes the event's header,
//!   with the classes and words of the app's own header (`src/components/header.rs`), inside an
//!   element with the class `eh-shell`, which the app removes once it has rendered.
//!
//! Both files are read on every request (they are small, and organizers edit event files while the
//! hub runs). A missing event file answers the plain `index.html` (the app says "no such event");
//! a file with errors answers it with only the preload (the app lists the problems). Every piece of
//! event text goes through [`escape_html`].

use std::path::Path;

use axum::body::Body;
use axum::extract::Request;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, ETAG, IF_NONE_MATCH, VARY};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Router;
use event_model::agenda::header_lines;
use event_model::language::words;
use event_model::tzdb::Tzdb;
use event_model::{check_event, Event, Language, Message, Text};
use tower::ServiceExt;

use crate::reader_language::reader_language;
use crate::serve::NO_CACHE;
use crate::structured_data::{event_json_ld, head_html};

const PRELOAD_MARKER: &str = "<!-- eh-preload -->";
const SHELL_START: &str = "<!-- eh-shell";
const SHELL_END: &str = "<!-- /eh-shell -->";
const DESCRIPTION: &str = "<meta name=\"description\" content=\"";
const HTML_LANG: &str = "<html lang=\"";

pub use event_model::format::escape_html;

/// `index_html` with a preload of the event file at `event_url` (a path the server made from a
/// checked slug), at the marker or else before `</head>`; unchanged when it has neither.
pub fn with_preload(index_html: &str, event_url: &str) -> String {
    let link = format!(
        "<link rel=\"preload\" as=\"fetch\" crossorigin href=\"{}\">",
        escape_html(event_url)
    );
    if index_html.contains(PRELOAD_MARKER) {
        index_html.replacen(PRELOAD_MARKER, &link, 1)
    } else if let Some(at) = index_html.find("</head>") {
        format!("{}{link}\n{}", &index_html[..at], &index_html[at..])
    } else {
        index_html.to_owned()
    }
}

/// What the app's header says: the date line, the hours line and the venue line (name, address).
struct HeaderText {
    date: String,
    hours: String,
    /// The venue's place id, name and address.
    venue: Option<(String, String, Option<String>)>,
}

/// The header's words, as `src/components/header.rs` shows them, on the full tz database.
fn header_text(event: &Event, language: Language) -> HeaderText {
    let (date, hours) = header_lines(event, &Tzdb, words(language));
    let venue = event.venue().map(|venue| {
        (
            venue.id.clone(),
            venue.name.to_string(),
            venue.address.as_deref().map(str::to_owned),
        )
    });
    HeaderText { date, hours, venue }
}

/// The server-rendered header that stands in for the app until it has rendered.
fn shell_html(event: &Event, text: &HeaderText, noscript: &str, language: Language) -> String {
    let venue = text
        .venue
        .as_ref()
        .map(|(id, name, address)| {
            let address = address
                .as_ref()
                .map(|address| format!(", {}", escape_html(address)))
                .unwrap_or_default();
            format!(
                "<p class=\"eh-header__where\"><a class=\"eh-header__venue\" href=\"#eh-place-{}\">{}</a>{address}</p>",
                escape_html(id),
                escape_html(name)
            )
        })
        .unwrap_or_default();
    format!(
        // Laid out like the app's page (header, then main) so nothing moves when the app takes over.
        "<div class=\"eh-event eh-shell\" aria-busy=\"true\"><header class=\"eh-header\"><div class=\"eh-header__inner\">\
         <p class=\"eh-header__date\">{}</p><h1 class=\"eh-header__title\"{}>{}</h1><p class=\"eh-header__hours\">{}</p>{venue}\
         </div></header><main class=\"eh-main\"><p class=\"eh-loading\" role=\"status\">{}</p>{noscript}</main></div>",
        escape_html(&text.date),
        lang_attribute(&event.title),
        escape_html(&event.title),
        escape_html(&text.hours),
        Message::LoadingTheAgenda.text(language),
    )
}

/// ` lang="en"` for a text shown in another language than the reader's, else nothing.
fn lang_attribute(text: &Text) -> String {
    text.other_language()
        .map(|language| format!(" lang=\"{}\"", escape_html(&language)))
        .unwrap_or_default()
}

/// The event page in `language`: `index_html` with the preload of `event_url`, the page's
/// language, the event's title and description, its JSON-LD and Open Graph tags (for a page at
/// `page`), and its header in the shell. Parts whose markers are missing are left out.
pub fn event_page_html(
    index_html: &str,
    event: &Event,
    event_url: &str,
    page: Option<&str>,
    language: Language,
) -> String {
    let mut html = with_preload(index_html, event_url);
    let mut event = event.clone();
    event.localize(language.code());
    let event = &event;
    let text = header_text(event, language);

    if let Some(start) = html.find(HTML_LANG) {
        let from = start + HTML_LANG.len();
        if let Some(len) = html[from..].find('"') {
            html.replace_range(from..from + len, language.code());
        }
    }

    if let Some(start) = html.find("<title>") {
        let from = start + "<title>".len();
        if let Some(len) = html[from..].find("</title>") {
            html.replace_range(from..from + len, &escape_html(&event.title));
        }
    }

    let description = match &text.venue {
        Some((_, name, Some(address))) => format!("{} · {name}, {address}", text.date),
        Some((_, name, None)) => format!("{} · {name}", text.date),
        None => text.date.clone(),
    };
    if let Some(start) = html.find(DESCRIPTION) {
        let from = start + DESCRIPTION.len();
        if let Some(len) = html[from..].find('"') {
            html.replace_range(from..from + len, &escape_html(&description));
        }
    }

    // For crawlers and link previews, which do not run the wasm.
    if let Some(at) = html.find("</head>") {
        let data = event_json_ld(event, &Tzdb, page, language);
        let head = head_html(&data, &event.title, &description, page);
        html.insert_str(at, &head);
    }

    // After the opening marker's own `-->`, up to the closing marker.
    if let Some(start) = html.find(SHELL_START) {
        if let Some(open_len) = html[start..].find("-->") {
            let from = start + open_len + "-->".len();
            if let Some(len) = html[from..].find(SHELL_END) {
                let old = &html[from..from + len];
                // A page that tells browsers without JavaScript so keeps saying it, in the
                // reader's language.
                let noscript = if old.contains("<noscript") {
                    format!(
                        "<noscript>{}</noscript>",
                        Message::NeedsJavaScript.text(language)
                    )
                } else {
                    String::new()
                };
                let shell = shell_html(event, &text, &noscript, language);
                html.replace_range(from..from + len, &format!("\n      {shell}\n      "));
            }
        }
    }
    html
}

/// What `GET /events/{id}` gets, for an `id` that is a checked slug. `files` (the static site)
/// answers when there is no such event file, so the page is the plain `index.html` as for any
/// other app route.
pub async fn event_page(site: &Path, id: &str, files: Router, request: Request) -> Response {
    let event_path = site.join("events").join(format!("{id}.json"));
    let event_bytes = match tokio::fs::read(&event_path).await {
        Ok(bytes) => Some(bytes),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return match files.oneshot(request).await {
                Ok(response) => response,
                Err(never) => match never {},
            };
        }
        Err(error) => {
            // Unreadable is the app's problem to show, not a reason to fail the page.
            tracing::warn!("cannot read {}: {error}", event_path.display());
            None
        }
    };
    let index_path = site.join("index.html");
    let index = match tokio::fs::read_to_string(&index_path).await {
        Ok(index) => index,
        Err(error) => {
            tracing::error!("cannot read {}: {error}", index_path.display());
            let status = if error.kind() == std::io::ErrorKind::NotFound {
                StatusCode::NOT_FOUND
            } else {
                StatusCode::INTERNAL_SERVER_ERROR
            };
            return (status, [(CACHE_CONTROL, NO_CACHE)], "not found\n").into_response();
        }
    };
    let event_url = format!("/events/{id}.json");
    let event = event_bytes
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .map(|text| check_event(&text, &Tzdb))
        .filter(|checked| checked.errors().next().is_none())
        .and_then(|checked| checked.value);
    let language = reader_language(request.uri().query(), request.headers());
    let html = match &event {
        Some(event) => {
            let page = crate::calendar::page_address(request.headers(), id);
            let page = event.url.as_deref().or(page.as_deref());
            event_page_html(&index, event, &event_url, page, language)
        }
        None => with_preload(&index, &event_url),
    };
    html_response(html, request.headers())
}

/// A `no-cache` HTML page with a weak `ETag` of its bytes (weak, since compression changes the
/// bytes on the wire, not the page), `304` when the browser's copy is current.
fn html_response(html: String, request: &HeaderMap) -> Response {
    let etag = format!("W/\"{:016x}\"", fnv1a(html.as_bytes()));
    let current = request
        .get_all(IF_NONE_MATCH)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .map(str::trim)
        .any(|tag| tag == "*" || tag.trim_start_matches("W/") == &etag[2..]);
    let mut response = if current {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        Response::new(Body::from(html))
    };
    let headers = response.headers_mut();
    if !current {
        headers.insert(
            CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        );
    }
    headers.insert(CACHE_CONTROL, HeaderValue::from_static(NO_CACHE));
    // One header naming all three: the compression in front of this adds nothing then.
    headers.insert(
        VARY,
        HeaderValue::from_static("Accept-Encoding, Accept-Language, Cookie"),
    );
    if let Ok(value) = HeaderValue::from_str(&etag) {
        headers.insert(ETAG, value);
    }
    response
}

/// FNV-1a, 64 bits: stable across builds and restarts, unlike `DefaultHasher`, so an ETag
/// survives a restart of the hub.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const INDEX: &str = "<!doctype html><html lang=\"en\"><head>\n\
        <meta name=\"description\" content=\"Agenda of community events.\" />\n\
        <title>Event hub</title>\n<!-- eh-preload -->\n</head><body><div class=\"event-hub\">\n\
        <!-- eh-shell: replaced for /events/{id},\n  multi-line. -->\n\
        <main class=\"eh-main eh-notice eh-shell\" aria-busy=\"true\"><p class=\"eh-loading\">Loading the event…</p>\
        <noscript>Needs JavaScript.</noscript></main>\n<!-- /eh-shell -->\n</div></body></html>\n";

    fn event(title: &str, venue: &str) -> Event {
        let json = serde_json::json!({
            "schema_version": 1,
            "id": "x",
            "title": title,
            "time_zone": "Europe/Berlin",
            "start": "2023-11-08T10:00",
            "end": "2023-11-08T19:00",
            "places": [{ "id": "venue", "kind": "venue", "name": venue, "address": "Königsbrücker Straße 96" }],
        });
        let checked = check_event(&json.to_string(), &Tzdb);
        assert!(checked.errors().next().is_none(), "{:?}", checked.problems);
        checked.value.expect("a valid event")
    }

    #[test]
    fn escape_html_escapes_markup_ampersands_and_quotes() {
        assert_eq!(
            escape_html("<script>alert(1)</script>"),
            "&lt;script&gt;alert(1)&lt;/script&gt;"
        );
        assert_eq!(escape_html("CLOUD&HEAT"), "CLOUD&amp;HEAT");
        assert_eq!(escape_html(r#"a "b" 'c'"#), "a &quot;b&quot; &#39;c&#39;");
        assert_eq!(
            escape_html("Königsbrücker – 10:00"),
            "Königsbrücker – 10:00"
        );
    }

    #[test]
    fn the_preload_goes_at_the_marker_or_before_head_end() {
        let link = r#"<link rel="preload" as="fetch" crossorigin href="/events/x.json">"#;
        let page = with_preload(INDEX, "/events/x.json");
        assert!(page.contains(&format!("{link}\n</head>")), "{page}");
        assert!(!page.contains(PRELOAD_MARKER));
        let page = with_preload("<head><title>t</title></head>", "/events/x.json");
        assert_eq!(page, format!("<head><title>t</title>{link}\n</head>"));
        assert_eq!(with_preload("no head", "/events/x.json"), "no head");
    }

    #[test]
    fn the_page_carries_the_event_header_in_the_shell() {
        let page = event_page_html(
            INDEX,
            &event("Hackathon", "CLOUD&HEAT"),
            "/events/x.json",
            None,
            Language::En,
        );
        assert!(page.contains("<title>Hackathon</title>"), "{page}");
        assert!(page.contains(
            "content=\"Wednesday, 8 November 2023 · CLOUD&amp;HEAT, Königsbrücker Straße 96\""
        ));
        assert!(page.contains("<div class=\"eh-event eh-shell\" aria-busy=\"true\">"));
        assert!(page.contains("<p class=\"eh-header__date\">Wednesday, 8 November 2023</p>"));
        assert!(page.contains("<h1 class=\"eh-header__title\">Hackathon</h1>"));
        assert!(page.contains("<p class=\"eh-header__hours\">10:00–19:00 CET (UTC+1)</p>"));
        assert!(page.contains(
            "<p class=\"eh-header__where\"><a class=\"eh-header__venue\" href=\"#eh-place-venue\">CLOUD&amp;HEAT</a>, Königsbrücker Straße 96</p>"
        ));
        assert!(page.contains("Loading the agenda…"));
        assert!(page.contains(
            "<noscript>This event page needs JavaScript and WebAssembly.</noscript></main></div>"
        ));
        // The old shell is gone, the markers stay.
        assert!(!page.contains("Loading the event…"));
        assert!(!page.contains("eh-notice"));
        assert!(page.contains("multi-line. -->") && page.contains(SHELL_END));
        assert!(page.contains("preload"));
    }

    #[test]
    fn a_german_reader_gets_the_page_in_german_and_foreign_text_marked() {
        let mut event = event("Hackathon", "CLOUD&HEAT");
        event.title =
            serde_json::from_str(r#"{"en": "Third hackathon", "de": "Dritter Hackathon"}"#)
                .expect("a text");
        event.places[0].name = "CLOUD&HEAT".into();
        event.default_language = Some("en".to_owned());
        let page = event_page_html(INDEX, &event, "/events/x.json", None, Language::De);
        assert!(page.contains("<html lang=\"de\">"), "{page}");
        assert!(page.contains("<title>Dritter Hackathon</title>"));
        assert!(page.contains("<p class=\"eh-header__date\">Mittwoch, 8. November 2023</p>"));
        assert!(page.contains("<h1 class=\"eh-header__title\">Dritter Hackathon</h1>"));
        assert!(page.contains("<p class=\"eh-header__hours\">10:00–19:00 MEZ (UTC+1)</p>"));
        assert!(page.contains("Das Programm wird geladen…"));
        assert!(
            page.contains("<noscript>Diese Seite braucht JavaScript und WebAssembly.</noscript>")
        );
        // A reader of a language the title lacks reads the default, marked as such.
        event.title = serde_json::from_str(r#"{"en": "Third hackathon"}"#).expect("a text");
        let page = event_page_html(INDEX, &event, "/events/x.json", None, Language::De);
        assert!(
            page.contains("<h1 class=\"eh-header__title\" lang=\"en\">Third hackathon</h1>"),
            "{page}"
        );
    }

    #[test]
    fn event_text_never_becomes_markup() {
        let page = event_page_html(
            INDEX,
            &event(
                "<script>alert(1)</script>",
                "\"><img src=x onerror=alert(2)>",
            ),
            "/events/x.json",
            None,
            Language::En,
        );
        assert!(!page.contains("<script>"), "{page}");
        assert!(!page.contains("<img"), "{page}");
        assert!(page.contains("<title>&lt;script&gt;alert(1)&lt;/script&gt;</title>"));
        assert!(page
            .contains("<h1 class=\"eh-header__title\">&lt;script&gt;alert(1)&lt;/script&gt;</h1>"));
        assert!(page.contains("&quot;&gt;&lt;img src=x onerror=alert(2)&gt;"));
    }

    #[test]
    fn a_page_without_markers_gets_its_title_and_the_head_tags() {
        let index = "<html><head><title>Event hub</title></head><body></body></html>";
        let page = event_page_html(
            index,
            &event("Hackathon", "Venue"),
            "/events/x.json",
            None,
            Language::En,
        );
        assert!(page.contains("<title>Hackathon</title><link rel=\"preload\""));
        assert!(page.contains("<script type=\"application/ld+json\">"));
        assert!(page.contains("<meta property=\"og:title\" content=\"Hackathon\" />"));
        assert!(page.ends_with("</head><body></body></html>"));
    }

    #[test]
    fn the_etag_is_stable() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    }
}
