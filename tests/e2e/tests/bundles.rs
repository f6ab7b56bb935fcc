//! Two bundles: the attendee's page downloads nothing of the organizers' tools until it needs
//! them, `/edit` runs from its own bundle, and a broken file still gets its problems listed —
//! every one when the organizer checker loads, the first one with its line when it cannot.

use hub_e2e::{Harness, PHONE};

/// The addresses of every resource the page has loaded so far.
async fn resources(hub: &Harness) -> Vec<String> {
    let names = hub
        .client
        .execute(
            "return performance.getEntriesByType('resource').map(e => new URL(e.name).pathname);",
            vec![],
        )
        .await
        .expect("resource timing");
    names
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|name| name.as_str().map(str::to_owned))
        .collect()
}

/// A sample nothing of which can be shown (its zone is misspelt), with two more mistakes.
fn broken_sample() -> String {
    include_str!("../../../public/events/scs-hackathon-3.json")
        .replace("\"place\": \"watzke\"", "\"place\": \"watzke-bar\"")
        .replace(
            "\"time_zone\": \"Europe/Berlin\"",
            "\"time_zone\": \"Europe/Berln\", \"titel\": \"typo\"",
        )
}

#[tokio::test]
async fn the_attendee_page_loads_nothing_of_the_organizer_bundle() {
    let hub = Harness::start(PHONE).await;
    hub.open("/events/scs-hackathon-3").await;
    hub.wait_for_text("#eh-agenda", "Welcome").await;
    let loaded = resources(&hub).await;
    assert!(
        loaded.iter().any(|path| path.ends_with(".wasm")),
        "the page's own wasm is among the resources: {loaded:?}"
    );
    assert!(
        loaded
            .iter()
            .any(|path| path == "/events/scs-hackathon-3.json"),
        "{loaded:?}"
    );
    let organizer: Vec<&String> = loaded.iter().filter(|p| p.starts_with("/edit/")).collect();
    assert!(
        organizer.is_empty(),
        "organizer files in the first load: {organizer:?}"
    );
    // The shell the page started with is gone once the event is shown.
    let shells = hub
        .client
        .execute(
            "return document.querySelectorAll('.eh-shell').length;",
            vec![],
        )
        .await
        .expect("count shells");
    assert_eq!(shells, 0);
    hub.close().await;
}

#[tokio::test]
async fn the_editor_runs_from_its_own_bundle() {
    let hub = Harness::start(PHONE).await;
    hub.open("/edit").await;
    hub.wait_for_text(".eh-editor .eh-problems", "No problems")
        .await;
    let loaded = resources(&hub).await;
    assert!(
        loaded
            .iter()
            .any(|p| p.starts_with("/edit/edit-") && p.ends_with(".wasm")),
        "{loaded:?}"
    );
    assert!(
        !loaded.iter().any(|p| p.starts_with("/event-hub-")),
        "the attendee bundle is not loaded by /edit: {loaded:?}"
    );
    hub.close().await;
}

#[tokio::test]
async fn a_broken_file_loads_the_checker_and_lists_every_problem_with_its_line() {
    let hub = Harness::start(PHONE).await;
    hub.write_site_file("events/broken.json", &broken_sample());
    hub.open("/events/broken").await;
    let problems = hub.text_of(".eh-problems__list").await;
    // Both mistakes, each at its own line and column: the full checker ran.
    assert!(problems.contains("titel"), "{problems}");
    assert!(problems.contains("did you mean title?"), "{problems}");
    assert!(problems.contains("line "), "{problems}");
    let loaded = resources(&hub).await;
    assert!(loaded.iter().any(|p| p == "/edit/tools.js"), "{loaded:?}");
    hub.close().await;
}

#[tokio::test]
async fn without_the_organizer_bundle_a_broken_file_still_shows_its_first_problem() {
    let hub = Harness::start(PHONE).await;
    // A static host that copied only the attendee's files.
    std::fs::remove_dir_all(hub.site().join("edit")).expect("remove edit/");
    hub.write_site_file("events/broken.json", &broken_sample());
    hub.open("/events/broken").await;
    assert_eq!(hub.text_of("h1").await, "This event cannot be shown");
    let problems = hub.text_of(".eh-problems__list").await;
    assert!(problems.contains("titel"), "{problems}");
    assert!(
        problems.contains("line "),
        "the first problem keeps its position: {problems}"
    );
    let note = hub.text_of(".eh-notice").await;
    assert!(
        note.contains("the full list needs the organizer checker"),
        "{note}"
    );
    hub.close().await;
}

#[tokio::test]
async fn a_sessions_calendar_control_has_its_google_link_and_a_file_made_on_demand() {
    let hub = Harness::start(PHONE).await;
    let downloads = tempfile::tempdir().expect("download dir");
    hub.cdp(
        "Browser.setDownloadBehavior",
        serde_json::json!({ "behavior": "allow", "downloadPath": downloads.path().to_string_lossy() }),
    )
    .await;
    hub.open("/events/scs-hackathon-3").await;
    hub.wait_for_text("#eh-agenda", "Welcome").await;
    hub.click(".eh-slot__calendar-toggle").await;
    // The actions are built when the toggle opens (its `toggle` event comes a moment later).
    hub.text_of(".eh-slot__calendar a[href*='calendar.google.com']")
        .await;
    let link = hub
        .client
        .find(fantoccini::Locator::Css(
            ".eh-slot__calendar a[href*='calendar.google.com']",
        ))
        .await
        .expect("a Google Calendar link")
        .attr("href")
        .await
        .expect("href")
        .unwrap_or_default();
    // The first session, Tuesday's walk, starts at 16:00 CET: 15:00 UTC.
    assert!(link.contains("20231107T150000Z"), "{link}");
    assert!(
        !resources(&hub)
            .await
            .iter()
            .any(|p| p.starts_with("/edit/")),
        "nothing of the tools until a file is asked for"
    );
    hub.click(".eh-slot__calendar[open] button").await;
    let file = downloads.path().join("scs-hackathon-3-walk.ics");
    let deadline = std::time::Instant::now() + hub_e2e::PATIENCE;
    while !file.is_file() {
        assert!(
            std::time::Instant::now() < deadline,
            "no {} downloaded",
            file.display()
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let text = std::fs::read_to_string(&file).expect("ics text");
    assert_eq!(text.matches("BEGIN:VEVENT").count(), 1, "{text}");
    assert!(
        text.contains("TZID=Europe/Berlin:20231107T160000"),
        "{text}"
    );
    hub.close().await;
}
