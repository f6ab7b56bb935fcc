//! The agenda seen from another time zone, in Chromium with the browser's zone overridden (CDP
//! `Emulation.setTimezoneOverride`) and the clock set through the `?now=` hook.

use fantoccini::Locator;
use hub_e2e::{Harness, PHONE};

const WELCOME: &str = "#eh-session-welcome .eh-slot__time";

#[tokio::test]
async fn a_visitor_in_new_york_sees_event_time_their_time_and_what_is_on_now() {
    let hub = Harness::start(PHONE).await;
    hub.set_time_zone("America/New_York").await;
    // 10:05 in Dresden: the welcome session is running.
    hub.open("/events/scs-hackathon-3?now=2023-11-08T09:05:00Z")
        .await;

    let welcome = hub.text_of(WELCOME).await;
    assert!(
        welcome.starts_with("10:00–≈10:30"),
        "event time first: {welcome:?}"
    );
    assert!(
        welcome.contains("04:00–≈04:30 EST"),
        "their own time beside it: {welcome:?}"
    );
    let banner = hub.text_of(".eh-zonebar__status").await;
    assert!(
        banner.contains("Berlin") && banner.contains("New York"),
        "{banner}"
    );
    assert!(banner.contains("Show my time"), "{banner}");
    let running = hub
        .text_of(".eh-slot[aria-current='time'] .eh-slot__title")
        .await;
    assert!(
        running.contains("Welcome"),
        "the running session is highlighted: {running}"
    );
    hub.screenshot("zones-new-york-event-time").await;

    // One tap shows their own time; the choice survives a reload.
    hub.click(".eh-zonebar__choices .eh-chip:nth-child(2)")
        .await;
    let welcome = hub.wait_for_text(WELCOME, "04:00–≈04:30").await;
    assert!(welcome.starts_with("04:00–≈04:30"), "{welcome:?}");
    assert!(
        welcome.contains("10:00–≈10:30 CET"),
        "event time beside it: {welcome:?}"
    );
    hub.screenshot("zones-new-york-my-time").await;
    hub.client.refresh().await.expect("reload");
    let welcome = hub.wait_for_text(WELCOME, "04:00").await;
    assert!(
        welcome.starts_with("04:00–≈04:30"),
        "remembered after reload: {welcome:?}"
    );

    // And back to event time.
    hub.click(".eh-zonebar__choices .eh-chip:nth-child(1)")
        .await;
    let welcome = hub.wait_for_text(WELCOME, "10:00–≈10:30").await;
    assert!(welcome.starts_with("10:00–≈10:30"), "{welcome:?}");
    let errors = hub.console_errors().await;
    assert!(errors.is_empty(), "console errors: {errors:#?}");
    hub.close().await;
}

#[tokio::test]
async fn in_tokyo_the_tuesday_evening_moves_to_wednesday() {
    let hub = Harness::start(PHONE).await;
    hub.set_time_zone("Asia/Tokyo").await;
    hub.open("/events/scs-hackathon-3").await;
    hub.text_of(WELCOME).await;
    hub.click(".eh-zonebar__choices .eh-chip:nth-child(2)")
        .await;
    let get_together = hub
        .wait_for_text("#eh-session-get-together .eh-slot__time", "02:00")
        .await;
    assert!(get_together.starts_with("02:00–06:00"), "{get_together:?}");
    let day = hub
        .client
        .execute(
            "return document.getElementById('eh-session-get-together').closest('.eh-day').querySelector('h3').textContent",
            vec![],
        )
        .await
        .expect("day title");
    let day = day.as_str().unwrap_or_default().to_owned();
    assert!(
        day.contains("Wednesday, 8 November 2023") && day.contains("Tokyo date"),
        "{day}"
    );
    hub.close().await;
}

#[tokio::test]
async fn any_zone_can_be_picked_by_typing_its_city() {
    let hub = Harness::start(PHONE).await;
    hub.set_time_zone("Europe/Berlin").await;
    hub.open("/events/scs-hackathon-3").await;
    hub.text_of(WELCOME).await;
    hub.click(".eh-zonebar__more summary").await;
    let input = hub
        .client
        .find(Locator::Css("#eh-zone-input"))
        .await
        .expect("zone input");
    // A city as people say it, then Enter: Kolkata is UTC+5:30, a half-hour offset.
    input.send_keys("kolkata\u{E007}").await.expect("type");
    let welcome = hub.wait_for_text(WELCOME, "14:30–≈15:00").await;
    assert!(welcome.starts_with("14:30–≈15:00"), "{welcome:?}");
    assert!(
        welcome.contains("10:00–≈10:30 CET"),
        "event time beside it: {welcome:?}"
    );
    let status = hub.text_of(".eh-zonebar__status").await;
    assert!(
        status.contains("Kolkata") && status.contains("UTC+5:30"),
        "{status}"
    );
    hub.screenshot("zones-kolkata-picked").await;

    // Something that is no zone gets a message, and the shown zone stays.
    input.clear().await.expect("clear");
    input.send_keys("Atlantis\u{E007}").await.expect("type");
    let problem = hub
        .wait_for_text(".eh-zonebar__more .eh-field__error", "Atlantis")
        .await;
    assert!(problem.contains("is not a time zone"), "{problem}");
    assert!(hub.text_of(WELCOME).await.starts_with("14:30"));
    hub.close().await;
}
