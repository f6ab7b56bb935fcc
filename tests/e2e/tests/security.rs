//! Event text is shown as text: HTML and scripts in titles and Markdown never run.

use hub_e2e::{Harness, PHONE};

#[tokio::test]
async fn html_and_scripts_in_the_event_file_are_shown_as_text_and_never_run() {
    let hub = Harness::start(PHONE).await;
    let attack = "<img src=x onerror=\\\"window.__xss=1\\\"><script>window.__xss=2</script>";
    let file = include_str!("../../../public/events/scs-hackathon-3.json")
        .replacen(
            "\"Third SCS Community Hackathon\"",
            &format!("\"Hackathon {attack}\""),
            1,
        )
        .replacen(
            "\"Dinner: an extended break\"",
            &format!("\"Dinner {attack}\""),
            1,
        )
        .replacen(
            "\"summary\": { \"en\": \"",
            &format!("\"summary\": {{ \"en\": \"{attack} [x](javascript:window.__xss=3) "),
            1,
        );
    hub.write_site_file("events/xss.json", &file);
    hub.open("/events/xss").await;
    let title = hub.text_of("h1").await;
    assert!(
        title.contains("<img src=x onerror=\"window.__xss=1\">"),
        "the title shows the markup as text: {title}"
    );
    assert!(title.contains("<script>window.__xss=2</script>"), "{title}");
    let summary = hub.text_of(".eh-summary").await;
    assert!(
        summary.contains("<script>window.__xss=2</script>"),
        "Markdown shows raw HTML as text: {summary}"
    );
    let dinner = hub.text_of("#eh-session-dinner .eh-slot__title").await;
    assert!(dinner.contains("<img"), "{dinner}");
    let state = hub
        .client
        .execute(
            "return [typeof window.__xss, document.querySelectorAll('.event-hub img, .event-hub script').length, \
             document.querySelectorAll('.event-hub a[href^=\"javascript:\"]').length]",
            vec![],
        )
        .await
        .expect("inspect page");
    assert_eq!(
        state,
        serde_json::json!(["undefined", 0, 0]),
        "nothing ran, no element was injected"
    );
    hub.close().await;
}
