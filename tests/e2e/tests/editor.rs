//! The organizers' preview editor: problems appear as they type and clear when fixed.

use std::time::{Duration, Instant};

use fantoccini::Locator;
use hub_e2e::{Harness, LAPTOP, PHONE};

/// Selects the first occurrence of `needle` in the editor (after `skip` characters) so typing replaces it.
async fn select(hub: &Harness, needle: &str) {
    hub.client
        .execute(
            "const t = document.getElementById('eh-editor-text'); const i = t.value.indexOf(arguments[0]); \
             if (i < 0) throw new Error('not found: ' + arguments[0]); t.focus(); t.setSelectionRange(i, i + arguments[0].length);",
            vec![serde_json::json!(needle)],
        )
        .await
        .expect("select text");
}

async fn type_text(hub: &Harness, text: &str) {
    hub.client
        .find(Locator::Id("eh-editor-text"))
        .await
        .expect("editor")
        .send_keys(text)
        .await
        .expect("type");
}

/// The problems list text once it contains `expected`, or a failure after `within`.
async fn problems_within(hub: &Harness, expected: &str, within: Duration) -> Duration {
    let start = Instant::now();
    loop {
        let text = hub.text_of(".eh-editor .eh-problems").await;
        if text.contains(expected) {
            return start.elapsed();
        }
        assert!(
            start.elapsed() < within,
            "no {expected:?} within {within:?}; problems: {text}"
        );
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}

#[tokio::test]
async fn a_typo_shows_a_problem_within_a_second_and_clears_when_fixed() {
    let hub = Harness::start(PHONE).await;
    hub.open("/edit").await;
    problems_within(&hub, "No problems", Duration::from_secs(20)).await;
    assert!(
        hub.page_text()
            .await
            .contains("Third SCS Community Hackathon"),
        "the preview renders the file"
    );

    select(&hub, "\"title\": { \"en\": \"Third").await;
    type_text(&hub, "\"titel\": { \"en\": \"Third").await;
    let took = problems_within(&hub, "did you mean title", Duration::from_secs(1)).await;
    println!("problem shown {took:?} after the last keystroke");
    hub.screenshot("editor-problem-phone").await;

    select(&hub, "\"titel\": { \"en\": \"Third").await;
    type_text(&hub, "\"title\": { \"en\": \"Third").await;
    problems_within(&hub, "No problems", Duration::from_secs(1)).await;
    hub.close().await;
}

#[tokio::test]
async fn clicking_a_problem_jumps_to_its_line() {
    let hub = Harness::start(LAPTOP).await;
    hub.open("/edit").await;
    problems_within(&hub, "No problems", Duration::from_secs(20)).await;
    select(&hub, "\"place\": \"watzke\"").await;
    type_text(&hub, "\"place\": \"watzke2\"").await;
    problems_within(&hub, "sessions[1].place", Duration::from_secs(5)).await;
    hub.screenshot("editor-laptop").await;
    hub.client
        .find(Locator::Css(".eh-problem__jump"))
        .await
        .expect("problem")
        .click()
        .await
        .expect("click");
    let caret = hub
        .client
        .execute(
            "const t = document.getElementById('eh-editor-text'); return t.value.slice(0, t.selectionStart).split('\\n').length;",
            vec![],
        )
        .await
        .expect("caret line");
    let expected = include_str!("../../../public/events/scs-hackathon-3.json")
        .lines()
        .position(|line| line.contains("\"place\": \"watzke\""))
        .expect("line with the reference")
        + 1;
    assert_eq!(
        caret.as_u64(),
        Some(expected as u64),
        "the caret is on the line of the problem"
    );
    hub.close().await;
}

#[tokio::test]
async fn the_error_page_links_to_the_editor_with_the_broken_file() {
    let hub = Harness::start(PHONE).await;
    hub.write_site_file(
        "events/typo.json",
        &include_str!("../../../public/events/scs-hackathon-3.json")
            .replace("\"Europe/Berlin\"", "\"Europe/Berln\""),
    );
    hub.open("/events/typo").await;
    hub.text_of(".eh-problems__list").await;
    hub.client
        .find(Locator::LinkText("Open in the preview editor"))
        .await
        .expect("link")
        .click()
        .await
        .expect("click");
    problems_within(
        &hub,
        "Europe/Berln is not an IANA time zone",
        Duration::from_secs(20),
    )
    .await;
    assert!(hub
        .client
        .current_url()
        .await
        .expect("url")
        .as_str()
        .contains("/edit?file=/events/typo.json"));
    hub.close().await;
}
