//! The hub embedded in host pages: inside a shadow root no host CSS reaches, several on one page,
//! laid out by its container's width, the Jekyll include on a plain static server, and the iframe
//! whose height follows its content.

use std::path::Path;
use std::time::{Duration, Instant};

use fantoccini::Locator;
use hub_e2e::static_site::StaticSite;
use hub_e2e::{copy_dir, workspace_root, Harness, LAPTOP, PATIENCE, PHONE};
use serde_json::{json, Value};

const SAMPLE_TITLE: &str = "Third SCS Community Hackathon";
const BEFORE: &str = "now=2023-11-01T12:00:00Z";

/// Host CSS that breaks widgets which inherit from it or share its selectors.
const HOSTILE_CSS: &str = "
  * { font: 30px serif !important; box-sizing: content-box; letter-spacing: 2px; }
  div { display: flex; padding: 7px; }
  html, body, h1, h2, h3, p, ul, li, button, a { margin: 0; padding: 0; border: 0; color: #c0c; }
  a { text-decoration: none; } ul { list-style: none; } button { background: none; }
  html { font-size: 30px; line-height: 3; }";

/// Size and font of the first `css` in `<event-hub>` number `hub` (`None`: the hub's own page,
/// no shadow root), once it is there.
async fn measure(page: &Harness, hub: Option<usize>, css: &str) -> Value {
    let script = r#"
        const [hub, css] = arguments;
        const root = hub === null ? document : document.querySelectorAll("event-hub")[hub]?.shadowRoot;
        const element = root?.querySelector(css);
        if (!element) return null;
        const box = element.getBoundingClientRect();
        const style = getComputedStyle(element);
        return { text: element.textContent, width: box.width, height: box.height,
                 font: style.fontFamily, size: style.fontSize, columns: style.gridTemplateColumns, background: style.backgroundColor,
                 lang: element.closest("[lang]")?.getAttribute("lang") };"#;
    let deadline = Instant::now() + PATIENCE;
    loop {
        let found = page
            .client
            .execute(script, vec![json!(hub), json!(css)])
            .await
            .expect("measure");
        if !found.is_null() {
            return found;
        }
        assert!(Instant::now() < deadline, "no {css} in hub {hub:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn script(page: &Harness, source: &str) -> Value {
    page.client
        .execute(source, vec![])
        .await
        .unwrap_or_else(|e| panic!("{source}: {e}"))
}

fn number(value: &Value, key: &str) -> f64 {
    value[key]
        .as_f64()
        .unwrap_or_else(|| panic!("no {key} in {value}"))
}

/// The include of `docs/embed/`, rendered as Jekyll would for `event` in `lang` on a site
/// without a base URL. It uses these three variables only: anything else would go unrendered here.
fn render_include(event: &str, lang: &str) -> String {
    let include = std::fs::read_to_string(workspace_root().join("docs/embed/event-hub.html"))
        .expect("docs/embed/event-hub.html");
    let body = include
        .split("{% endcomment %}")
        .nth(1)
        .expect("the include's comment ends");
    let html = body
        .replace("{{ site.baseurl }}", "")
        .replace("{{ include.event }}", event)
        .replace("{{ site.lang }}", lang);
    assert!(
        !html.contains("{{") && !html.contains("{%"),
        "the include uses Liquid this test does not render: {html}"
    );
    html
}

/// A second event for the second hub: the sample under another id and title.
fn second_event(site: &Path) {
    let sample = std::fs::read_to_string(site.join("events/scs-hackathon-3.json")).expect("sample");
    let mut event: Value = serde_json::from_str(&sample).expect("sample JSON");
    event["id"] = json!("embed-second");
    event["title"] = json!("Second embedded event");
    std::fs::write(
        site.join("events/embed-second.json"),
        serde_json::to_string_pretty(&event).expect("JSON"),
    )
    .expect("write second event");
}

#[tokio::test]
async fn the_hub_looks_the_same_on_a_hostile_host_page() {
    let page = Harness::start(PHONE).await;
    page.open(&format!("/events/scs-hackathon-3?{BEFORE}"))
        .await;
    page.wait_for_text(".eh-header__title", SAMPLE_TITLE).await;
    let keys = [
        ".eh-header__title",
        ".eh-slot",
        ".eh-topic",
        ".eh-header__actions .eh-button--primary",
    ];
    let mut alone = Vec::new();
    for css in keys {
        alone.push(measure(&page, None, css).await);
    }
    let host = |hub: &str| {
        format!(
            "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
             <title>Host page</title><style>{HOSTILE_CSS}</style></head><body><main>\
             <h1 id=\"host-title\">The host's own heading</h1><p id=\"host-text\">Host text.</p>{hub}\
             <div id=\"host-box\">A host box</div></main></body></html>"
        )
    };
    page.write_site_file("host-alone.html", &host(""));
    page.write_site_file(
        "host.html",
        &host(
            "<script type=\"module\" src=\"/embed.js\"></script>\
             <event-hub data-event=\"/events/scs-hackathon-3.json\" lang=\"en\"></event-hub>",
        ),
    );
    page.open(&format!("/host-alone.html?{BEFORE}")).await;
    let mut host_alone = Vec::new();
    for css in ["#host-title", "#host-text", "#host-box"] {
        host_alone.push(measure(&page, None, css).await);
    }
    page.open(&format!("/host.html?{BEFORE}")).await;
    for (css, alone) in keys.iter().zip(&alone) {
        let embedded = measure(&page, Some(0), css).await;
        for key in ["width", "height"] {
            let (a, b) = (number(alone, key), number(&embedded, key));
            assert!(
                (a - b).abs() <= 2.0,
                "{css}: {key} {b} embedded, {a} on the hub's own page"
            );
        }
        assert_eq!(embedded["font"], alone["font"], "{css}: font family");
        assert_eq!(embedded["size"], alone["size"], "{css}: font size");
    }
    // The host keeps its own look: the hub's stylesheet stays in its shadow root.
    for (css, before) in ["#host-title", "#host-text", "#host-box"]
        .iter()
        .zip(&host_alone)
    {
        let after = measure(&page, None, css).await;
        for key in ["font", "size", "width"] {
            assert_eq!(after[key], before[key], "host's {css}: {key}");
        }
    }
    page.screenshot("embed-hostile-phone").await;
    let violations = page.axe_violations().await;
    assert!(
        violations.is_empty(),
        "axe on the host page: {violations:#?}"
    );
    page.close().await;
}

#[tokio::test]
async fn two_hubs_on_a_static_jekyll_page_each_with_their_event_language_and_width() {
    let page = Harness::start(LAPTOP).await;
    let website = tempfile::tempdir().expect("website");
    let hub_dir = website.path().join("hub");
    copy_dir(page.site(), &hub_dir);
    second_event(&hub_dir);
    let wide = render_include("scs-hackathon-3", "de");
    let narrow = render_include("embed-second", "en");
    let html = format!(
        "<!doctype html><html lang=\"de\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>Community website</title>\
         <style>body {{ margin: 0; display: flex; gap: 24px; }} main {{ flex: 1; }}\
         aside {{ width: 320px; flex: none; }}\
         aside event-hub {{ --eh-accent: #1d6f42; }}</style></head><body>\
         <main><h1>Hackathon</h1>{wide}</main><aside><h2>Next</h2>{narrow}</aside></body></html>"
    );
    std::fs::write(website.path().join("index.html"), html).expect("write page");
    let site = StaticSite::start(website.path()).await;
    page.client
        .goto(&format!("{}/index.html?{BEFORE}", site.base))
        .await
        .expect("open the website");

    let first = measure(&page, Some(0), ".eh-header__title").await;
    assert_eq!(first["text"], "Dritter SCS Community Hackathon");
    assert_eq!(first["lang"], "de");
    let agenda = measure(&page, Some(0), "#eh-agenda .eh-section__title").await;
    assert_eq!(agenda["text"], "Programm", "the first hub speaks German");
    let second = measure(&page, Some(1), ".eh-header__title").await;
    assert_eq!(second["text"], "Second embedded event");
    assert_eq!(second["lang"], "en");
    let agenda = measure(&page, Some(1), "#eh-agenda .eh-section__title").await;
    assert_eq!(agenda["text"], "Agenda", "the second hub speaks English");

    // The sidebar's hub is laid out for its 320 px, the main column's for its width.
    let narrow_slot = measure(&page, Some(1), ".eh-slot").await;
    let wide_slot = measure(&page, Some(0), ".eh-slot").await;
    let tracks = |slot: &Value| slot["columns"].as_str().unwrap_or("").split(' ').count();
    assert_eq!(
        tracks(&narrow_slot),
        1,
        "one column at 320 px: {narrow_slot}"
    );
    assert_eq!(
        tracks(&wide_slot),
        2,
        "time beside title in the wide column: {wide_slot}"
    );
    assert!(number(&narrow_slot, "width") <= 320.0, "{narrow_slot}");
    page.screenshot("embed-two-hubs-laptop").await;

    // The host themes a hub through its custom properties; the other keeps the hub's own.
    let register = ".eh-header__actions .eh-button--primary";
    let themed = measure(&page, Some(1), register).await;
    assert_eq!(themed["background"], "rgb(29, 111, 66)", "{themed}");
    let default = measure(&page, Some(0), register).await;
    assert_eq!(default["background"], "rgb(11, 92, 173)", "{default}");

    // Its section menu scrolls within the hub: the host's address and title stay as they were.
    let clicked = script(
        &page,
        r##"const link = document.querySelectorAll("event-hub")[0].shadowRoot
                .querySelector(".eh-menu a[href='#eh-topics'], a[href='#eh-topics']");
            link.click(); return true;"##,
    )
    .await;
    assert_eq!(clicked, json!(true));
    let deadline = Instant::now() + PATIENCE;
    loop {
        let state = script(
            &page,
            "return { hash: location.hash, title: document.title, y: scrollY };",
        )
        .await;
        assert_eq!(state["hash"], "", "the host's address keeps its fragment");
        assert_eq!(state["title"], "Community website");
        if number(&state, "y") > 0.0 {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the menu link never scrolled to the topics"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    // No service worker on the host's scope without the host's opting in.
    let workers = page
        .client
        .execute_async(
            "const done = arguments[0]; navigator.serviceWorker.getRegistrations()\
             .then((r) => done(r.length), () => done(-1));",
            vec![],
        )
        .await
        .expect("registrations");
    assert_eq!(workers, json!(0));
    let violations = page.axe_violations().await;
    assert!(violations.is_empty(), "axe on the website: {violations:#?}");
    page.close().await;
}

#[tokio::test]
async fn the_iframe_grows_with_its_content() {
    let page = Harness::start(PHONE).await;
    let website = tempfile::tempdir().expect("website");
    let html = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>Host with a frame</title></head><body style=\"margin: 0\">\
         <iframe data-event-hub title=\"The hackathon's agenda\" style=\"width: 100%; border: 0\" \
         src=\"{hub}/frame.html?event=/events/scs-hackathon-3.json&amp;lang=en\"></iframe>\
         <script defer src=\"{hub}/frame-host.js\"></script></body></html>",
        hub = page.base
    );
    std::fs::write(website.path().join("index.html"), html).expect("write page");
    let site = StaticSite::start(website.path()).await;
    page.client
        .goto(&format!("{}/index.html", site.base))
        .await
        .expect("open the host page");
    let height = |page: &Harness| {
        let client = page.client.clone();
        async move {
            client
                .execute(
                    "return document.querySelector('iframe').getBoundingClientRect().height;",
                    vec![],
                )
                .await
                .expect("frame height")
                .as_f64()
                .unwrap_or(0.0)
        }
    };
    let wait_height = |least: f64| {
        let page = &page;
        async move {
            let deadline = Instant::now() + PATIENCE;
            loop {
                let now = height(page).await;
                if now > least {
                    return now;
                }
                assert!(
                    Instant::now() < deadline,
                    "the frame stayed {now} px high, not above {least}"
                );
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
        }
    };
    // The event's whole page, not a 150 px default frame with a scroll bar.
    let loaded = wait_height(1000.0).await;
    page.client
        .find(Locator::Css("iframe"))
        .await
        .expect("the frame")
        .enter_frame()
        .await
        .expect("enter the frame");
    script(
        &page,
        "document.querySelector('event-hub').shadowRoot\
         .querySelector('.eh-topic .eh-fold__summary').click(); return true;",
    )
    .await;
    page.client
        .enter_parent_frame()
        .await
        .expect("leave the frame");
    let opened = wait_height(loaded + 20.0).await;
    assert!(
        opened > loaded,
        "{opened} after opening a topic, {loaded} before"
    );
    page.close().await;
}

#[tokio::test]
async fn an_embedded_hub_shows_its_last_copy_offline_without_a_service_worker() {
    let page = Harness::start(PHONE).await;
    page.write_site_file(
        "embedded-offline.html",
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Host</title>\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <script type=\"module\" src=\"/embed.js\"></script></head><body><main>\
         <event-hub data-event=\"/events/scs-hackathon-3.json\"></event-hub></main></body></html>",
    );
    page.open("/embedded-offline.html").await;
    let title = measure(&page, Some(0), ".eh-header__title").await;
    assert_eq!(title["text"], SAMPLE_TITLE);
    let kept = script(
        &page,
        "return Object.keys(localStorage).filter((k) => k.startsWith('event-hub.copy:'));",
    )
    .await;
    assert_eq!(
        kept,
        json!([format!(
            "event-hub.copy:{}/events/scs-hackathon-3.json",
            page.base
        )])
    );
    let workers = page
        .client
        .execute_async(
            "const done = arguments[0]; navigator.serviceWorker.getRegistrations()\
             .then((r) => done(r.length), () => done(-1));",
            vec![],
        )
        .await
        .expect("registrations");
    assert_eq!(
        workers,
        json!(0),
        "the host did not opt in to a service worker"
    );

    // The event file fails as it does without a network; the page itself is the host's.
    page.cdp("Network.enable", json!({})).await;
    page.cdp(
        "Network.setBlockedURLs",
        json!({ "urls": ["*/events/scs-hackathon-3.json"] }),
    )
    .await;
    page.open("/embedded-offline.html").await;
    let notice = measure(&page, Some(0), ".eh-offline").await;
    assert!(
        notice["text"]
            .as_str()
            .is_some_and(|t| t.contains("Offline — showing the event as of")),
        "{notice}"
    );
    let agenda = measure(&page, Some(0), "#eh-agenda").await;
    assert!(
        agenda["text"]
            .as_str()
            .is_some_and(|t| t.contains("Welcome")),
        "the agenda from the device's copy"
    );
    page.screenshot("embed-offline-phone").await;

    page.cdp("Network.setBlockedURLs", json!({ "urls": [] }))
        .await;
    script(
        &page,
        "window.dispatchEvent(new Event('online')); return true;",
    )
    .await;
    let deadline = Instant::now() + PATIENCE;
    while script(
        &page,
        "const notice = document.querySelector('event-hub').shadowRoot.querySelector('.eh-offline');\
         return !!notice && !notice.hidden && notice.offsetHeight > 0;",
    )
    .await
        == json!(true)
    {
        assert!(
            Instant::now() < deadline,
            "the notice stayed after the network came back"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    page.close().await;
}
