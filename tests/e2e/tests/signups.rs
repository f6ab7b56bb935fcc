//! The sign-up sheets as people use them: two phones (two browsers with their own storage) on
//! one real `hub serve` with its SQLite file, sharing the sample event's topic sheets live; a
//! full topic, a lost connection, and a static deployment without an API.

use std::time::{Duration, Instant};

use hub_e2e::{Harness, LAPTOP, PHONE};
use serde_json::{json, Value};

const SAMPLE: &str = "/events/scs-hackathon-3";

/// The sample event under another id, changed by `edit` (written next to the sample).
fn variant(hub: &Harness, id: &str, edit: impl FnOnce(&mut Value)) {
    let text = include_str!("../../../public/events/scs-hackathon-3.json");
    let mut event: Value = serde_json::from_str(text).expect("sample is JSON");
    event["id"] = json!(id);
    edit(&mut event);
    hub.write_site_file(&format!("events/{id}.json"), &event.to_string());
}

/// The CSS selector of a part of `topic`'s sheet.
fn part(topic: &str, part: &str) -> String {
    format!("#eh-topic-{topic} .eh-sheet{part}")
}

/// Taps `topic`'s button; the first time on a device it asks for a name, which `name` fills in.
async fn join(hub: &Harness, topic: &str, name: Option<&str>, hide: bool) {
    hub.click(&part(topic, "__button")).await;
    if let Some(name) = name {
        hub.type_into(&format!("#eh-name-{topic}"), name).await;
        if hide {
            hub.click(&part(topic, "__check input")).await;
        }
        hub.click(&part(topic, "__form button[type=submit]")).await;
    }
}

/// Waits until the sheets say they are shared and live.
async fn wait_live(hub: &Harness) {
    hub.wait_for_text(".eh-sheet-note", "Shared sheets").await;
}

#[tokio::test]
async fn two_phones_share_one_sheet_live_through_the_hub() {
    let anna = Harness::start(PHONE).await;
    let bea = anna.another_browser(PHONE).await;
    anna.open(SAMPLE).await;
    bea.open(SAMPLE).await;
    wait_live(&anna).await;
    wait_live(&bea).await;
    assert_eq!(
        bea.text_of(&part("monitoring", "__count")).await,
        "Nobody has signed up yet."
    );

    // Anna's first join asks for her name, once.
    join(&anna, "monitoring", Some("Anna"), false).await;
    anna.wait_for_text(&part("monitoring", "__names"), "Anna (you)")
        .await;
    assert!(anna
        .text_of(&part("monitoring", "__count"))
        .await
        .contains("You are in"));
    anna.wait_for_text(".eh-mine", "On the sheets as Anna.")
        .await;
    assert!(anna
        .text_of(".eh-mine__list")
        .await
        .contains("monitoring stack"));
    anna.scroll_to("#eh-topic-monitoring").await;
    anna.screenshot("sheet-joined-390").await;
    let violations = anna.axe_violations().await;
    assert!(violations.is_empty(), "axe, joined: {violations:#?}");

    // Bea sees Anna without reloading, within five seconds.
    let asked = Instant::now();
    bea.wait_for_text(&part("monitoring", "__names"), "Anna")
        .await;
    assert!(
        asked.elapsed() < Duration::from_secs(5),
        "Anna's join reached Bea after {:?}",
        asked.elapsed()
    );
    assert_eq!(
        bea.text_of(&part("monitoring", "__count")).await,
        "1 person signed up"
    );

    // The second join on Anna's phone is one tap: the device remembers her name.
    join(&anna, "cluster-stacks", None, false).await;
    bea.wait_for_text(&part("cluster-stacks", "__names"), "Anna")
        .await;

    // Anna leaves Monitoring; it goes from Bea's phone too.
    anna.click(&part("monitoring", "__button")).await;
    bea.wait_until(&part("monitoring", "__names"), "lost Anna", |text| {
        !text.contains("Anna")
    })
    .await;
    assert_eq!(
        bea.text_of(&part("monitoring", "__count")).await,
        "Nobody has signed up yet."
    );

    // Bea counts herself in but hides her name: Anna sees a seat taken, not the name.
    join(&bea, "cluster-stacks", Some("Bea"), true).await;
    bea.wait_for_text(".eh-mine", "your name is hidden").await;
    anna.wait_for_text(&part("cluster-stacks", "__count"), "2 people signed up")
        .await;
    let names = anna.text_of(&part("cluster-stacks", "__names")).await;
    assert_eq!(names, "Anna (you), and 1 more");

    // A reload keeps what the hub acknowledged and what the device knows of itself.
    anna.open(SAMPLE).await;
    wait_live(&anna).await;
    anna.wait_for_text(&part("cluster-stacks", "__names"), "Anna (you)")
        .await;
    assert!(anna.console_errors().await.is_empty());

    // The same sheets on a laptop, in the dark.
    anna.set_viewport(LAPTOP).await;
    anna.set_dark(true).await;
    anna.scroll_to("#eh-topics").await;
    anna.screenshot("sheet-joined-1280-dark").await;
    let violations = anna.axe_violations().await;
    assert!(violations.is_empty(), "axe, dark laptop: {violations:#?}");
    bea.close().await;
    anna.close().await;
}

#[tokio::test]
async fn a_full_topic_and_a_lost_connection_are_explained_in_place() {
    let anna = Harness::start(PHONE).await;
    variant(&anna, "one-seat", |event| {
        event["topics"][2]["capacity"] = json!(1);
    });
    let bea = anna.another_browser(PHONE).await;
    anna.open("/events/one-seat").await;
    bea.open("/events/one-seat").await;
    wait_live(&anna).await;
    wait_live(&bea).await;
    assert_eq!(
        bea.text_of(&part("monitoring", "__count")).await,
        "Nobody has signed up yet. · 1 seat left"
    );

    join(&anna, "monitoring", Some("Anna"), false).await;
    bea.wait_for_text(&part("monitoring", "__count"), "full")
        .await;
    // Bea's tap on the full topic says so where she tapped, and signs her up nowhere.
    bea.click(&part("monitoring", "__button")).await;
    bea.wait_for_text(&part("monitoring", "__trouble"), "This topic is full")
        .await;
    bea.scroll_to("#eh-topic-monitoring").await;
    bea.screenshot("sheet-full-390").await;
    let violations = bea.axe_violations().await;
    assert!(violations.is_empty(), "axe, full: {violations:#?}");

    // Offline, the sheets say so and a join keeps the typed name for the next try.
    bea.set_offline(true).await;
    bea.wait_for_text(".eh-sheet-note", "Offline").await;
    join(&bea, "central-api", Some("Bea"), false).await;
    bea.wait_for_text(&part("central-api", "__trouble"), "No connection")
        .await;
    let kept = bea
        .client
        .execute(
            "return document.getElementById('eh-name-central-api').value;",
            vec![],
        )
        .await
        .expect("read the name field");
    assert_eq!(kept, json!("Bea"));
    bea.screenshot("sheet-offline-390").await;

    // Back online, the same form joins.
    bea.set_offline(false).await;
    wait_live(&bea).await;
    bea.click(&part("central-api", "__form button[type=submit]"))
        .await;
    anna.wait_for_text(&part("central-api", "__names"), "Bea")
        .await;
    bea.close().await;
    anna.close().await;
}

#[tokio::test]
async fn without_an_api_the_buttons_keep_a_mark_on_this_device() {
    let hub = Harness::start(PHONE).await;
    variant(&hub, "static-copy", |event| {
        event["signups"] = json!({ "api": null, "url": "https://example.org/sheet" });
    });
    hub.open("/events/static-copy").await;
    hub.wait_for_text(".eh-sheet-note", "stay on this device")
        .await;
    let button = part("monitoring", "__button");
    let label = hub.text_of(&button).await;
    assert!(label.starts_with("Interested"), "{label:?}");
    hub.click(&button).await;
    hub.wait_for_text(".eh-mine__list", "monitoring stack")
        .await;
    let elsewhere = hub
        .client
        .find(fantoccini::Locator::Css(".eh-mine__elsewhere a"))
        .await
        .expect("the event's own sign-up sheet is offered");
    assert_eq!(
        elsewhere.attr("href").await.expect("href").as_deref(),
        Some("https://example.org/sheet")
    );
    // No name is asked for and no count is invented.
    assert_eq!(hub.text_of(&part("monitoring", "__names")).await, "");
    hub.scroll_to(".eh-mine").await;
    hub.screenshot("sheet-local-390").await;
    let violations = hub.axe_violations().await;
    assert!(violations.is_empty(), "axe, local marks: {violations:#?}");

    // The mark survives a reload, and a second tap takes it away.
    hub.open("/events/static-copy").await;
    hub.wait_for_text(".eh-mine__list", "monitoring stack")
        .await;
    hub.click(&button).await;
    hub.wait_until(".eh-mine", "dropped the mark", |text| {
        !text.contains("monitoring stack")
    })
    .await;
    hub.close().await;
}
