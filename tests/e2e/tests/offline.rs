//! Offline, as at a venue without signal: the standalone hub's service worker brings the page
//! and its event back on a reload with the hub unreachable, and the page says the event is a
//! copy and of when; once the hub answers again the page fetches the file in the background,
//! shows the new one and the notice goes, without a reload. Without a service worker (an
//! embedded hub whose host did not opt in) the page's own copy on the device does the same.
//!
//! Chrome's network emulation does not reach a service worker's own fetches, so "offline" here
//! is the hub really stopped (and started again on the same port), or the event file's address
//! blocked for a page that bypasses its worker.

use std::time::{Duration, Instant};

use hub_e2e::{Harness, PATIENCE, PHONE};
use serde_json::{json, Value};

/// The sample event under `id`, its title changed to `title`.
fn variant(hub: &Harness, id: &str, title: &str) {
    let text = include_str!("../../../public/events/scs-hackathon-3.json");
    let mut event: Value = serde_json::from_str(text).expect("sample is JSON");
    event["id"] = json!(id);
    event["title"] = json!(title);
    hub.write_site_file(&format!("events/{id}.json"), &event.to_string());
}

async fn run(hub: &Harness, script: &str) -> Value {
    hub.client
        .execute(script, vec![])
        .await
        .unwrap_or_else(|e| panic!("{script}: {e}"))
}

async fn run_async(hub: &Harness, script: &str) -> Value {
    hub.client
        .execute_async(script, vec![])
        .await
        .unwrap_or_else(|e| panic!("{script}: {e}"))
}

/// Waits until the page's service worker is active and controls it.
async fn wait_controlled(hub: &Harness) {
    let deadline = Instant::now() + PATIENCE;
    loop {
        let controlled = run_async(
            hub,
            "const done = arguments[arguments.length - 1];
             navigator.serviceWorker.ready.then(() => done(!!navigator.serviceWorker.controller));",
        )
        .await;
        if controlled == json!(true) {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "the service worker never took the page"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Whether the offline notice is shown.
async fn notice_shown(hub: &Harness) -> bool {
    run(
        hub,
        "const n = document.querySelector('.eh-offline'); return !!n && !n.hidden;",
    )
    .await
        == json!(true)
}

async fn wait_notice_gone(hub: &Harness) {
    let deadline = Instant::now() + PATIENCE;
    while notice_shown(hub).await {
        assert!(Instant::now() < deadline, "the offline notice never went");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Marks the page, so a test can tell that it was not reloaded.
async fn mark_page(hub: &Harness) {
    run(hub, "window.ehNotReloaded = true;").await;
}

async fn still_marked(hub: &Harness) -> bool {
    run(hub, "return window.ehNotReloaded === true;").await == json!(true)
}

#[tokio::test]
async fn an_offline_reload_shows_the_agenda_with_the_notice_and_the_hub_coming_back_updates_it() {
    let mut hub = Harness::start(PHONE).await;
    variant(&hub, "offline-check", "Offline Hackathon");
    hub.open("/events/offline-check").await;
    hub.wait_for_text("#eh-agenda", "Welcome").await;
    wait_controlled(&hub).await;
    // Viewed once under the worker, so it keeps this page and its file. The device's own copy
    // is cleared: what comes back below comes from the worker's cache alone.
    hub.open("/events/offline-check").await;
    hub.wait_for_text("#eh-agenda", "Welcome").await;
    assert!(!notice_shown(&hub).await, "a notice while online");
    run(&hub, "localStorage.clear();").await;

    hub.stop_hub().await;
    hub.open("/events/offline-check").await;
    let notice = hub
        .wait_for_text(".eh-offline", "Offline — showing the event as of")
        .await;
    // The time is the reader's clock, as the page writes times: "Thu 3 Dec, 12:05".
    assert!(
        notice
            .trim_end_matches('.')
            .rsplit(", ")
            .next()
            .is_some_and(|clock| { clock.len() == 5 && clock.as_bytes()[2] == b':' }),
        "{notice}"
    );
    hub.wait_for_text("#eh-agenda", "Welcome").await;
    assert_eq!(hub.text_of("h1").await, "Offline Hackathon");
    hub.screenshot("offline-notice-light").await;
    hub.set_dark(true).await;
    hub.screenshot("offline-notice-dark").await;
    hub.set_dark(false).await;
    // Joining needs the hub: the sheets say so in place.
    hub.scroll_to(".eh-sheet-note").await;
    let note = hub.text_of(".eh-sheet-note").await;
    assert!(note.contains("Offline"), "{note}");
    hub.screenshot("offline-sheets").await;

    // The organizers changed the event meanwhile; the hub comes back, the phone says `online`.
    variant(&hub, "offline-check", "Offline Hackathon, updated");
    mark_page(&hub).await;
    hub.restart_hub().await;
    run(&hub, "window.dispatchEvent(new Event('online'));").await;
    wait_notice_gone(&hub).await;
    hub.wait_for_text("h1", "Offline Hackathon, updated").await;
    hub.wait_for_text("#eh-agenda", "Welcome").await;
    assert!(still_marked(&hub).await, "the page was reloaded");
    hub.close().await;
}

#[tokio::test]
async fn the_hub_coming_back_is_noticed_without_any_online_event() {
    let mut hub = Harness::start(PHONE).await;
    variant(&hub, "offline-retry", "Retry Hackathon");
    hub.open("/events/offline-retry").await;
    hub.wait_for_text("#eh-agenda", "Welcome").await;
    wait_controlled(&hub).await;
    hub.stop_hub().await;
    hub.open("/events/offline-retry").await;
    hub.wait_for_text(".eh-offline", "Offline").await;
    mark_page(&hub).await;
    hub.restart_hub().await;
    // No `online` event: a phone on venue Wi-Fi that never lost it; the page asks again anyway.
    let deadline = Instant::now() + Duration::from_secs(40);
    while notice_shown(&hub).await {
        assert!(Instant::now() < deadline, "the page never asked again");
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    assert!(still_marked(&hub).await, "the page was reloaded");
    hub.close().await;
}

#[tokio::test]
async fn without_a_service_worker_the_device_copy_shows_the_event_offline() {
    let hub = Harness::start(PHONE).await;
    variant(&hub, "offline-copy", "Copy Hackathon");
    // Every request of this page bypasses its service worker: an embedded hub's case, where
    // only the page's own copy on the device can help.
    hub.cdp("Network.enable", json!({})).await;
    hub.cdp("Network.setBypassServiceWorker", json!({ "bypass": true }))
        .await;
    hub.open("/events/offline-copy").await;
    hub.wait_for_text("#eh-agenda", "Welcome").await;
    let kept = run(
        &hub,
        "return Object.keys(localStorage).filter((k) => k.startsWith('event-hub.copy:'));",
    )
    .await;
    assert_eq!(
        kept,
        json!([format!(
            "event-hub.copy:{}/events/offline-copy.json",
            hub.base
        )])
    );

    // The event file cannot be fetched: the request fails as it does offline.
    hub.cdp(
        "Network.setBlockedURLs",
        json!({ "urls": ["*/events/offline-copy.json"] }),
    )
    .await;
    hub.open("/events/offline-copy?lang=de").await;
    hub.wait_for_text(".eh-offline", "Offline — angezeigt wird der Stand vom")
        .await;
    hub.wait_for_text("#eh-agenda", "Begrüßung").await;

    mark_page(&hub).await;
    hub.cdp("Network.setBlockedURLs", json!({ "urls": [] }))
        .await;
    run(&hub, "window.dispatchEvent(new Event('online'));").await;
    wait_notice_gone(&hub).await;
    assert!(still_marked(&hub).await, "the page was reloaded");
    hub.close().await;
}
