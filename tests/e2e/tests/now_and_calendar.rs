//! "Now / next" with the clock set through `?now=`, and "Add to calendar" producing a real file.

use std::time::Duration;

use fantoccini::Locator;
use hub_e2e::{Harness, PHONE};
use serde_json::json;

#[tokio::test]
async fn now_next_shows_a_countdown_the_running_session_and_the_end() {
    let hub = Harness::start(PHONE).await;
    hub.set_time_zone("Europe/Berlin").await;

    hub.open("/events/scs-hackathon-3?now=2023-11-07T13:00:00Z")
        .await;
    let before = hub.text_of(".eh-now").await;
    assert!(
        // The label is styled in capitals, and WebDriver reads text as rendered.
        before.to_lowercase().contains("starts in 2 h") && before.contains("16:00"),
        "{before}"
    );

    // 10:40 in Dresden: the first work phase runs, the Yaook/ALASCA break is next — neither
    // announced as certain, since the announcement fixes no time for them.
    hub.open("/events/scs-hackathon-3?now=2023-11-08T09:40:00Z")
        .await;
    let during = hub.text_of(".eh-now").await;
    assert!(
        during.contains("Work phase: open-space topics (time to be confirmed) (until ≈13:00 CET)"),
        "{during}"
    );
    assert!(
        during.contains("Introduction to Yaook and ALASCA, with a little snack (time to be confirmed), in 2 h 20 min"),
        "{during}"
    );
    let highlighted = hub
        .text_of(".eh-slot[aria-current='time'] .eh-slot__title")
        .await;
    assert!(
        highlighted.contains("Work phase: open-space topics"),
        "{highlighted}"
    );
    hub.client
        .find(Locator::Css(".eh-now .eh-button"))
        .await
        .expect("jump")
        .click()
        .await
        .expect("click");
    hub.screenshot("now-phone").await;

    hub.open("/events/scs-hackathon-3?now=2023-11-09T12:00:00Z")
        .await;
    assert_eq!(hub.text_of(".eh-now").await.trim(), "This event has ended.");
    hub.close().await;
}

#[tokio::test]
async fn add_to_calendar_downloads_an_icalendar_file_with_every_session() {
    let hub = Harness::start(PHONE).await;
    let downloads = tempfile::tempdir().expect("download dir");
    hub.cdp(
        "Page.setDownloadBehavior",
        json!({ "behavior": "allow", "downloadPath": downloads.path().to_string_lossy() }),
    )
    .await;
    // Before the event: afterwards the header offers no calendar any more.
    hub.open("/events/scs-hackathon-3?now=2023-11-01T12:00:00Z")
        .await;
    hub.text_of("h1").await;
    hub.client
        .find(Locator::XPath(
            "//button[normalize-space()='Add to calendar']",
        ))
        .await
        .expect("button")
        .click()
        .await
        .expect("click");
    let file = downloads.path().join("scs-hackathon-3.ics");
    let mut text = String::new();
    for _ in 0..100 {
        if let Ok(contents) = std::fs::read_to_string(&file) {
            if contents.contains("END:VCALENDAR") {
                text = contents;
                break;
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(
        text.starts_with("BEGIN:VCALENDAR\r\n"),
        "no calendar downloaded: {text:?}"
    );
    assert_eq!(
        text.matches("BEGIN:VEVENT").count(),
        9,
        "one event per session"
    );
    assert!(
        text.contains("BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin"),
        "{text}"
    );
    assert!(
        text.contains("DTSTART;TZID=Europe/Berlin:20231108T100000"),
        "{text}"
    );
    assert!(
        text.lines().all(|line| line.len() <= 75),
        "lines are folded at 75 octets"
    );
    // The entries lead back to the page they were added from, not to the community website;
    // the test clock (`?now=`) is not part of that address.
    let page = format!("URL:{}/events/scs-hackathon-3\r\n", hub.base);
    assert_eq!(text.matches(page.as_str()).count(), 9, "{text}");
    hub.close().await;
}

#[tokio::test]
async fn a_calendar_app_can_subscribe_to_the_event_served_by_the_hub() {
    let hub = Harness::start(PHONE).await;
    hub.open("/events/scs-hackathon-3?now=2023-11-01T12:00:00Z")
        .await;
    // The link appears once the page has found the feed beside the event file.
    hub.text_of(".eh-subscribe summary").await;
    hub.click(".eh-subscribe summary").await;
    // In the reader's language: calendar apps send none of their own.
    let feed = format!("{}/events/scs-hackathon-3.ics?lang=en", hub.base);
    let webcal = hub
        .client
        .find(Locator::Css(".eh-subscribe a"))
        .await
        .expect("calendar app link")
        .attr("href")
        .await
        .expect("href");
    assert_eq!(
        webcal.as_deref(),
        Some(feed.replacen("http://", "webcal://", 1).as_str())
    );
    let address = hub
        .client
        .find(Locator::Css(".eh-subscribe input"))
        .await
        .expect("feed address")
        .prop("value")
        .await
        .expect("value");
    assert_eq!(address.as_deref(), Some(feed.as_str()));
    // Under the calendar: the schedule conference apps load, from the same hub.
    let schedule = format!("{}/events/scs-hackathon-3/schedule.xml?lang=en", hub.base);
    let conference_app = hub
        .client
        .find(Locator::Css(".eh-subscribe a[href*='schedule.xml']"))
        .await
        .expect("conference app link");
    assert_eq!(
        conference_app.text().await.expect("text"),
        "Open in a conference app"
    );
    assert_eq!(
        conference_app.attr("href").await.expect("href").as_deref(),
        Some(schedule.as_str())
    );
    let xml = hub
        .client
        .execute(
            "return fetch(arguments[0]).then(r => r.text())",
            vec![json!(schedule)],
        )
        .await
        .expect("fetch the schedule");
    let xml = xml.as_str().unwrap_or_default();
    assert!(xml.starts_with("<?xml"), "{xml:?}");
    assert!(
        xml.contains("<title>Third SCS Community Hackathon</title>"),
        "{xml}"
    );
    assert_eq!(xml.matches("<event guid=").count(), 9, "{xml}");
    hub.screenshot("subscribe-phone").await;

    // What a calendar app gets at that address: the whole event as iCalendar.
    let body = hub
        .client
        .execute(
            "return fetch(arguments[0]).then(r => r.text())",
            vec![json!(feed)],
        )
        .await
        .expect("fetch the feed");
    let body = body.as_str().unwrap_or_default();
    assert!(body.starts_with("BEGIN:VCALENDAR\r\n"), "{body:?}");
    assert_eq!(body.matches("BEGIN:VEVENT").count(), 9);
    let page = format!("URL:{}/events/scs-hackathon-3\r\n", hub.base);
    assert_eq!(body.matches(page.as_str()).count(), 9, "{body}");

    // The editor's preview has no file on a hub behind it, so it offers no subscription.
    hub.open("/edit").await;
    hub.text_of(".eh-editor__preview h1").await;
    let offered = hub
        .client
        .find_all(Locator::Css(".eh-editor__preview .eh-subscribe"))
        .await
        .expect("query");
    assert!(offered.is_empty(), "no subscription in the preview");
    hub.close().await;
}
