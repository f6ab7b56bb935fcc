//! Accessibility as axe-core and a keyboard find it: no violations on the pages people open (the
//! event list, the event page in light and dark, the preview editor, the error page), a phone page
//! short enough to scan, and focus never hidden under the sticky section menu.

use fantoccini::key::Key;
use hub_e2e::{Harness, PHONE};
use serde_json::Value;

/// The sample's page before the event, when everything on it is live.
const UPCOMING: &str = "/events/scs-hackathon-3?now=2023-11-01T12:00:00Z";

#[tokio::test]
async fn axe_finds_no_violations_on_the_pages_people_open() {
    let hub = Harness::start(PHONE).await;
    hub.write_site_file(
        "events/broken.json",
        "{ \"id\": \"broken\", this is not JSON",
    );
    let pages = [
        ("/", ".eh-event-item", false),
        (UPCOMING, ".eh-slot", false),
        (UPCOMING, ".eh-slot", true),
        ("/events/scs-hackathon-3", ".eh-now--ended", false),
        ("/edit/", ".eh-editor__preview .eh-slot", false),
        ("/events/broken", ".eh-notice h1", false),
    ];
    let mut failures = Vec::new();
    for (path, ready, dark) in pages {
        hub.set_dark(dark).await;
        hub.open(path).await;
        hub.text_of(ready).await;
        let scheme = if dark { "dark" } else { "light" };
        failures.extend(
            hub.axe_violations()
                .await
                .into_iter()
                .map(|v| format!("{path} ({scheme}): {v}")),
        );
    }
    hub.close().await;
    assert!(
        failures.is_empty(),
        "axe violations:\n{}",
        failures.join("\n")
    );
}

/// Where the focused element is against the sticky menu, after the next frame.
const FOCUS_STATE: &str = r#"
return new Promise((resolve) => requestAnimationFrame(() => {
  const el = document.activeElement;
  const menu = document.querySelector(".eh-menu").getBoundingClientRect();
  const box = el.getBoundingClientRect();
  const inMenu = el.closest(".eh-menu") !== null;
  resolve({
    name: `${el.tagName.toLowerCase()} ${(el.textContent || "").trim().slice(0, 40)}`,
    atTop: el === document.body || el.classList.contains("eh-skip"),
    covered: !inMenu && box.top < menu.bottom && box.bottom > menu.top && menu.top <= 0,
  });
}));
"#;

/// WCAG 2.2, 2.4.11: tabbing backwards up the page scrolls each control into view below the
/// menu, not under it (5–7 of 40 stops were hidden before).
#[tokio::test]
async fn shift_tab_through_the_event_page_never_hides_focus_under_the_menu() {
    let hub = Harness::start(PHONE).await;
    hub.open(UPCOMING).await;
    hub.text_of(".eh-slot").await;
    hub.client
        .execute(
            r#"const all = [...document.querySelectorAll("a[href], button, summary, input, select")]
                 .filter((el) => el.getClientRects().length > 0);
               all[all.length - 1].focus();"#,
            vec![],
        )
        .await
        .expect("focus the last control");
    let back = format!("{}{}", char::from(Key::Shift), char::from(Key::Tab));
    let (mut stops, mut covered) = (0, Vec::new());
    loop {
        let state: Value = hub
            .client
            .execute(FOCUS_STATE, vec![])
            .await
            .expect("focus state");
        if state["atTop"].as_bool() == Some(true) || stops > 200 {
            break;
        }
        if state["covered"].as_bool() == Some(true) {
            covered.push(state["name"].as_str().unwrap_or_default().to_owned());
        }
        stops += 1;
        hub.client
            .active_element()
            .await
            .expect("a focused element")
            .send_keys(&back)
            .await
            .expect("Shift+Tab");
    }
    hub.close().await;
    assert!(stops >= 20, "only {stops} focus stops: is the page there?");
    assert!(covered.is_empty(), "hidden under the menu: {covered:?}");
}

#[tokio::test]
async fn a_skip_link_leads_past_the_header_to_the_agenda() {
    let hub = Harness::start(PHONE).await;
    hub.open(UPCOMING).await;
    hub.text_of(".eh-slot").await;
    let tab = char::from(Key::Tab).to_string();
    hub.client
        .find(fantoccini::Locator::Css("body"))
        .await
        .expect("body")
        .send_keys(&tab)
        .await
        .expect("Tab");
    let first: Value = hub
        .client
        .execute("return document.activeElement.textContent.trim();", vec![])
        .await
        .expect("focused");
    assert_eq!(first.as_str(), Some("Skip to the agenda"));
    hub.client
        .active_element()
        .await
        .expect("the skip link")
        .send_keys(&char::from(Key::Enter).to_string())
        .await
        .expect("Enter");
    let target: Value = hub
        .client
        .execute("return location.hash;", vec![])
        .await
        .expect("hash");
    hub.close().await;
    assert_eq!(target.as_str(), Some("#eh-agenda"));
}

/// The sample's page on a 390×844 phone at the venue (so no second clock) fits in seven and a half
/// screens (6,330 px), and no wider than the phone: it was 7,971 px (9.4 screens) before topics
/// and sections folded into rows, the per-session calendar became one toggle, contacts became
/// rows and places put their kind beside their name (then under five screens). The sign-up
/// sheets add one row per topic — count and button side by side — 4,860 px with the twelve
/// topics. The map (its frame and, before consent, the question) and each place's way there
/// (distance and walk, "Open in …", the rest folded) add about 1,140 px: 6,001 px measured.
#[tokio::test]
async fn the_sample_page_on_a_phone_stays_within_its_height() {
    let hub = Harness::start(PHONE).await;
    hub.set_time_zone("Europe/Berlin").await;
    hub.open(UPCOMING).await;
    hub.text_of(".eh-slot").await;
    let size: Value = hub
        .client
        .execute(
            "const e = document.documentElement; return [e.scrollWidth, e.scrollHeight];",
            vec![],
        )
        .await
        .expect("size");
    hub.screenshot("phone-full-height").await;
    hub.close().await;
    let (width, height) = (size[0].as_f64(), size[1].as_f64());
    let (width, height) = (width.expect("a width"), height.expect("a height"));
    println!(
        "the sample's page at 390×844: {height} px, {:.1} screens",
        height / 844.0
    );
    assert!(
        height <= 7.5 * 844.0,
        "{height} px: more than seven and a half screens"
    );
    assert!(width <= 390.0, "{width} px wide: the page scrolls sideways");
}
