//! The pages attendees use, in a real Chromium at phone size against `hub serve`.

use hub_e2e::{Harness, LAPTOP, PHONE};
use serde_json::Value;

/// The sample event, read from the repository so the test follows the file.
fn sample() -> Value {
    let text = include_str!("../../../public/events/scs-hackathon-3.json");
    serde_json::from_str(text).expect("sample is JSON")
}

#[tokio::test]
async fn the_sample_event_shows_everything_an_attendee_needs_on_a_phone() {
    let hub = Harness::start(PHONE).await;
    // A week before the event, when "Register" is what the page offers first.
    hub.open("/events/scs-hackathon-3?now=2023-11-01T12:00:00Z")
        .await;
    let title = hub.text_of("h1").await;
    assert_eq!(title, "Third SCS Community Hackathon");
    assert_eq!(hub.text_of(".eh-button--primary").await, "Register");
    // Folded topics and sections are one tap away: open them all, as a curious attendee would.
    hub.client
        .execute(
            "document.querySelectorAll('details').forEach((d) => { d.open = true; });",
            vec![],
        )
        .await
        .expect("open every fold");
    let text = hub.page_text().await;
    let sample = sample();
    let mut expected: Vec<String> = vec![
        "10:00".into(),
        "Welcome, and a short introduction of our hosts CLOUD&HEAT and their energy concept".into(),
        "≈16:00".into(),
        "before dinner · time to be confirmed".into(),
        "Königsbrücker Straße 96, Halle 15, 01099 Dresden".into(),
        "Motel One Dresden-Palaisplatz".into(),
        "Watzke am Goldenen Reiter".into(),
        "Register".into(),
        "Law of Two Feet".into(),
        "No camera".into(),
    ];
    let topics = sample["topics"].as_array().expect("topics");
    assert_eq!(topics.len(), 12);
    expected.extend(
        topics
            .iter()
            .map(|t| t["title"].as_str().expect("title").to_owned()),
    );
    expected.extend(
        sample["contacts"]
            .as_array()
            .expect("contacts")
            .iter()
            .map(|c| c["name"].as_str().expect("name").to_owned()),
    );
    for item in &expected {
        assert!(
            text.contains(item.as_str()),
            "the page does not show {item:?}"
        );
    }
    let errors = hub.console_errors().await;
    assert!(
        errors.is_empty(),
        "console errors on the happy path: {errors:#?}"
    );
    hub.screenshot("event-phone").await;
    hub.close().await;
}

#[tokio::test]
async fn the_event_page_reads_well_on_a_laptop() {
    let hub = Harness::start(LAPTOP).await;
    hub.open("/events/scs-hackathon-3").await;
    assert_eq!(hub.text_of("h1").await, "Third SCS Community Hackathon");
    hub.screenshot("event-laptop").await;
    let errors = hub.console_errors().await;
    assert!(errors.is_empty(), "console errors: {errors:#?}");
    hub.close().await;
}

#[tokio::test]
async fn the_home_page_lists_the_event_and_links_to_it() {
    let hub = Harness::start(PHONE).await;
    hub.open("/").await;
    assert_eq!(hub.text_of("h1").await, "Events");
    let link = hub.text_of(".eh-event-item__link").await;
    assert_eq!(link, "Third SCS Community Hackathon");
    hub.screenshot("home-phone").await;
    hub.client
        .find(fantoccini::Locator::Css(".eh-event-item__link"))
        .await
        .expect("event link")
        .click()
        .await
        .expect("click");
    assert_eq!(
        hub.text_of("h1.eh-header__title").await,
        "Third SCS Community Hackathon"
    );
    let url = hub.client.current_url().await.expect("url");
    assert_eq!(url.path(), "/events/scs-hackathon-3");
    // A deep link survives a reload (the server falls back to the app for routes).
    hub.client.refresh().await.expect("reload");
    assert_eq!(
        hub.text_of("h1.eh-header__title").await,
        "Third SCS Community Hackathon"
    );
    hub.close().await;
}

/// Mistakes in some items leave the rest of the event working for attendees, with a notice and
/// the organizers' way to the list; unsafe links are never rendered.
#[tokio::test]
async fn a_file_with_one_broken_session_and_an_unsafe_link_still_shows_the_rest() {
    let hub = Harness::start(PHONE).await;
    let mut file = sample();
    file["sessions"][3]["start"] = Value::from("2023-11-08T25:00");
    file["links"][0]["url"] = Value::from("javascript:alert(1)");
    file["summary"] = Value::from("Hello [there](javascript:alert(2)).");
    let text = serde_json::to_string_pretty(&file).expect("JSON");
    hub.write_site_file("events/partly.json", &text);
    hub.open("/events/partly?now=2023-11-01T12:00:00Z").await;
    assert_eq!(
        hub.text_of("h1.eh-header__title").await,
        "Third SCS Community Hackathon"
    );
    let notice = hub.text_of(".eh-part-notice").await;
    assert!(
        notice.contains("Some of this event could not be shown"),
        "{notice}"
    );
    assert!(notice.contains("2 mistakes"), "{notice}");
    let agenda = hub.text_of("#eh-agenda").await;
    assert!(agenda.contains("Check-in"), "{agenda}");
    assert!(agenda.contains("Dinner"), "{agenda}");
    assert!(
        !agenda.contains("Welcome, and"),
        "the broken session is left out: {agenda}"
    );
    let unsafe_links: Value = hub
        .client
        .execute(
            "return document.querySelectorAll('a[href^=\"javascript:\"]').length;",
            vec![],
        )
        .await
        .expect("count");
    assert_eq!(unsafe_links.as_u64(), Some(0));
    hub.screenshot("partly-broken-phone").await;

    // The organizers' link opens the editor on the file, with every problem listed.
    hub.client
        .find(fantoccini::Locator::LinkText(
            "For organizers: the list of problems",
        ))
        .await
        .expect("link")
        .click()
        .await
        .expect("click");
    hub.wait_for_text(".eh-editor .eh-problems", "the hour is 00–23")
        .await;
    hub.close().await;
}

#[tokio::test]
async fn a_file_with_nothing_to_show_lists_every_problem_with_its_path() {
    let hub = Harness::start(PHONE).await;
    let broken = include_str!("../../../public/events/scs-hackathon-3.json")
        .replace("\"place\": \"watzke\"", "\"place\": \"watzke-bar\"")
        .replace(
            "\"time_zone\": \"Europe/Berlin\"",
            "\"time_zone\": \"Europe/Berlin\", \"titel\": \"typo\"",
        )
        .replacen("\"start\": \"2023-11-08T10:00\"", "\"start\": \"soon\"", 1);
    hub.write_site_file("events/broken.json", &broken);
    hub.open("/events/broken").await;
    assert_eq!(hub.text_of("h1").await, "This event cannot be shown");
    let problems = hub.text_of(".eh-problems__list").await;
    assert!(problems.contains("titel"), "{problems}");
    assert!(problems.contains("start"), "{problems}");
    // Names the message quotes are shown as code, not between backticks.
    assert!(problems.contains("did you mean title?"), "{problems}");
    let quoted: Value = hub
        .client
        .execute(
            "return [...document.querySelectorAll('.eh-problems__list .eh-problem__code')].map((e) => e.textContent);",
            vec![],
        )
        .await
        .expect("quoted names");
    assert!(
        quoted
            .as_array()
            .is_some_and(|q| q.iter().any(|t| t == "titel")),
        "{quoted}"
    );
    // The way back for an attendee who landed here.
    assert!(hub.text_of(".eh-notice").await.contains("See all events"));
    hub.screenshot("broken-phone").await;
    hub.close().await;
}

#[tokio::test]
async fn a_missing_event_says_so() {
    let hub = Harness::start(PHONE).await;
    hub.open("/events/no-such-event").await;
    assert_eq!(hub.text_of("h1").await, "This event cannot be shown");
    assert!(hub
        .page_text()
        .await
        .contains("There is no event file at /events/no-such-event.json"));
    // The failed fetch is in the console log: proves the console check of the happy path can fail.
    let errors = hub.console_errors().await;
    assert!(
        errors.iter().any(|e| e.contains("404")),
        "expected the 404 in the console: {errors:#?}"
    );
    hub.close().await;
}

#[tokio::test]
async fn an_unknown_address_shows_not_found() {
    let hub = Harness::start(PHONE).await;
    hub.open("/nothing/here").await;
    assert_eq!(hub.text_of("h1").await, "Page not found");
    hub.close().await;
}

/// The event's state shapes its header: "Register" first before it, a quieter "Register" while
/// it runs (now / next leads), and "This event has ended" with no registration after.
#[tokio::test]
async fn the_header_follows_the_event_from_upcoming_to_ended() {
    let hub = Harness::start(PHONE).await;
    hub.open("/events/scs-hackathon-3?now=2023-11-01T12:00:00Z")
        .await;
    assert_eq!(
        hub.text_of(".eh-header .eh-button--primary").await,
        "Register"
    );
    hub.screenshot("event-before").await;

    hub.open("/events/scs-hackathon-3?now=2023-11-08T09:40:00Z")
        .await;
    hub.text_of(".eh-now").await;
    let primary = hub
        .client
        .find_all(fantoccini::Locator::Css(".eh-header .eh-button--primary"))
        .await
        .expect("query");
    assert!(primary.is_empty(), "no primary button while the event runs");
    assert!(hub.text_of(".eh-header").await.contains("Register"));
    hub.screenshot("event-during").await;

    hub.open("/events/scs-hackathon-3?now=2023-11-09T12:00:00Z")
        .await;
    hub.wait_for_text(".eh-now", "This event has ended.").await;
    let header = hub.text_of(".eh-header").await;
    assert!(!header.contains("Register"), "{header}");
    assert!(!header.contains("Add to calendar"), "{header}");
    hub.screenshot("event-after").await;
    hub.close().await;
}

/// What a search engine or a chat app's link preview reads of the page the hub serves, without
/// running the wasm — and what stays in the page once the app has.
#[tokio::test]
async fn the_served_page_tells_search_engines_and_link_previews_what_the_event_is() {
    let hub = Harness::start(PHONE).await;
    hub.open("/events/scs-hackathon-3").await;
    hub.wait_for_text("#eh-agenda", "Welcome").await;
    let head = hub
        .client
        .execute(
            "const ld = document.querySelector('script[type=\"application/ld+json\"]');
             const meta = (selector) => document.querySelector(selector)?.content ?? null;
             return { ld: ld && ld.textContent, inHead: !!ld && ld.parentElement === document.head,
                      title: document.title, description: meta('meta[name=description]'),
                      ogTitle: meta('meta[property=\"og:title\"]'),
                      ogDescription: meta('meta[property=\"og:description\"]'),
                      ogUrl: meta('meta[property=\"og:url\"]') };",
            vec![],
        )
        .await
        .expect("read the head");
    assert_eq!(head["inHead"], true, "{head}");
    let data: Value =
        serde_json::from_str(head["ld"].as_str().unwrap_or_default()).expect("JSON-LD parses");
    assert_eq!(data["@context"], "https://schema.org");
    assert_eq!(data["@type"], "Event");
    assert_eq!(data["name"], "Third SCS Community Hackathon");
    assert_eq!(data["startDate"], "2023-11-08T10:00:00+01:00");
    assert_eq!(data["endDate"], "2023-11-08T19:00:00+01:00");
    assert_eq!(
        data["eventAttendanceMode"],
        "https://schema.org/OfflineEventAttendanceMode"
    );
    let location = &data["location"];
    assert_eq!(location["@type"], "Place");
    assert_eq!(location["name"], "CLOUD&HEAT");
    assert_eq!(location["address"]["@type"], "PostalAddress");
    assert_eq!(
        location["address"]["streetAddress"],
        "Königsbrücker Straße 96, Halle 15"
    );
    assert_eq!(location["address"]["postalCode"], "01099");
    assert_eq!(location["address"]["addressLocality"], "Dresden");
    assert_eq!(location["geo"]["@type"], "GeoCoordinates");
    assert_eq!(
        data["offers"]["url"],
        "https://events.scs.community/hackathon-3/"
    );
    let page = format!("{}/events/scs-hackathon-3", hub.base);
    assert_eq!(data["url"], page.as_str());
    assert_eq!(data["subEvent"].as_array().map(Vec::len), Some(9));

    // The title and description name the event, and the preview tags say the same.
    assert_eq!(head["title"], "Third SCS Community Hackathon");
    let description =
        "Wednesday, 8 November 2023 · CLOUD&HEAT, Königsbrücker Straße 96, Halle 15, 01099 Dresden";
    assert_eq!(head["description"], description);
    assert_eq!(head["ogTitle"], "Third SCS Community Hackathon");
    assert_eq!(head["ogDescription"], description);
    assert_eq!(head["ogUrl"], page.as_str());
    hub.close().await;
}
