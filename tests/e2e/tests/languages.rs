//! German and English in a real Chromium: a German browser gets the German page — labels, dates,
//! the sample's German text — with no English interface word left; `?lang=en` and a host page's
//! `data-lang="en"` override the browser; English-only topics keep `lang="en"`.

use hub_e2e::{Harness, PHONE};
use serde_json::json;

/// Every English word the attendee's interface shows (labels, buttons, headings, notices,
/// dates), as of the sample page: none of them may be on the German page.
const ENGLISH_INTERFACE: [&str; 40] = [
    "Agenda",
    "Topics",
    "Places",
    "Info",
    "Contact",
    "Skip to the agenda",
    "Register",
    "Add to calendar",
    "Subscribe",
    "Calendar",
    "Now",
    "Next",
    "Starts",
    "until",
    "Jump to now",
    "Times are in",
    "event time",
    "Event time",
    "My time",
    "Other zone",
    "Show my time",
    "Time zone (city or name)",
    "time to be confirmed",
    "Before the event",
    "When:",
    "Where:",
    "Proposed by",
    "Maps app",
    "Map",
    "Venue",
    "Meeting point",
    "Good to know",
    "Questions? Ask us",
    "Profile",
    "Hosted by",
    "Organizer",
    "Tuesday",
    "Wednesday",
    "Place",
    "Loading",
];

/// Makes the browser a German one: its languages, `Accept-Language` and `Intl`'s default.
async fn german_browser(hub: &Harness) {
    let agent = hub
        .client
        .execute("return navigator.userAgent", vec![])
        .await
        .expect("user agent");
    hub.cdp(
        "Emulation.setUserAgentOverride",
        json!({ "userAgent": agent, "acceptLanguage": "de-DE,de" }),
    )
    .await;
    hub.cdp("Emulation.setLocaleOverride", json!({ "locale": "de-DE" }))
        .await;
}

/// The page's visible text without what the event file says in English only (marked `lang="en"`
/// inside the German page): the interface's own words.
async fn interface_text(hub: &Harness) -> String {
    let text = hub
        .client
        .execute(
            "const page = document.body.cloneNode(true);
             page.querySelectorAll('[lang=en], script, style').forEach(e => e.remove());
             document.body.append(page);
             const text = page.innerText;
             page.remove();
             return text;",
            vec![],
        )
        .await
        .expect("page text");
    text.as_str().unwrap_or_default().to_owned()
}

#[tokio::test]
async fn a_german_browser_reads_the_event_in_german() {
    let hub = Harness::start(PHONE).await;
    german_browser(&hub).await;
    hub.open("/events/scs-hackathon-3?now=2023-11-08T11:00:00Z")
        .await;
    hub.wait_for_text("#eh-agenda", "Programm").await;
    let lang = hub
        .client
        .execute("return document.documentElement.lang", vec![])
        .await
        .expect("lang");
    assert_eq!(lang.as_str(), Some("de"));

    // All of the page's text: every fold opened (each session's calendar actions too).
    hub.client
        .execute(
            "document.querySelectorAll('details').forEach(d => d.open = true)",
            vec![],
        )
        .await
        .expect("open the folds");
    hub.wait_for_text("#eh-agenda", "Google Kalender").await;
    let page = hub.page_text().await;
    for german in [
        "Dritter SCS Community Hackathon",
        "Mittwoch, 8. November 2023",
        "10:00–19:00 MEZ (UTC+1)",
        "Dienstag, 7. November 2023",
        "Zutritt nur nach dem Check-in",
        "„No camera“-Aufkleber",
        "Arbeitsphase: Open-Space-Themen",
        "13:30",
        "JETZT",
        "Zu jetzt springen",
        "Gut zu wissen",
    ] {
        assert!(page.contains(german), "missing {german:?} in {page}");
    }
    let interface = interface_text(&hub).await;
    for english in ENGLISH_INTERFACE {
        let found = interface
            .split(|c: char| !c.is_alphanumeric() && c != ':' && c != '?')
            .any(|word| word == english)
            || (english.contains(' ') && interface.contains(english));
        assert!(
            !found,
            "English {english:?} on the German page:\n{interface}"
        );
    }
    // Labels for screen readers are German too.
    let labels = hub
        .client
        .execute(
            "return [...document.querySelectorAll('[aria-label]')].map(e => e.getAttribute('aria-label')).join('\\n')",
            vec![],
        )
        .await
        .expect("labels");
    let labels = labels.as_str().unwrap_or_default();
    for english in [
        "Sections of this page",
        "Time zone",
        "Show times in",
        "Add to calendar",
        "Language",
        "About",
    ] {
        assert!(
            !labels.contains(english),
            "{english:?} in aria-labels:\n{labels}"
        );
    }
    // Topics stay as the organizers wrote them, marked English.
    let topic_lang = hub
        .client
        .execute(
            "return document.querySelector('#eh-topic-cluster-stacks .eh-card__title').getAttribute('lang')",
            vec![],
        )
        .await
        .expect("topic lang");
    assert_eq!(topic_lang.as_str(), Some("en"));
    assert!(page.contains("Cluster stacks"));
    hub.screenshot("german-phone").await;
    hub.set_viewport((1280, 800)).await;
    hub.screenshot("german-desktop").await;
    hub.close().await;
}

#[tokio::test]
async fn the_address_and_the_host_page_override_the_browser() {
    let hub = Harness::start(PHONE).await;
    german_browser(&hub).await;
    hub.open("/events/scs-hackathon-3?lang=en&now=2023-11-01T12:00:00Z")
        .await;
    hub.wait_for_text("#eh-agenda", "Agenda").await;
    let page = hub.page_text().await;
    assert!(page.contains("Wednesday, 8 November 2023"), "{page}");
    assert!(page.contains("Third SCS Community Hackathon"));

    // A host page in English embeds the hub with data-lang="en".
    let index = std::fs::read_to_string(hub.site().join("index.html")).expect("index.html");
    let host = index.replace(
        "<div class=\"event-hub\">",
        "<div class=\"event-hub\" data-event=\"/events/scs-hackathon-3.json\" data-lang=\"en\">",
    );
    std::fs::write(hub.site().join("host.html"), host).expect("write host page");
    hub.open("/host.html").await;
    hub.wait_for_text("#eh-agenda", "Agenda").await;
    let lang = hub
        .client
        .execute("return document.querySelector('.event-hub').lang", vec![])
        .await
        .expect("lang");
    assert_eq!(lang.as_str(), Some("en"));

    // The reader's own switch wins over the host page and is remembered.
    hub.click("#eh-lang-de").await;
    hub.wait_for_text("#eh-agenda", "Programm").await;
    // The page was built anew; the keyboard stays on the switch.
    let focused = hub
        .client
        .execute(
            "return document.activeElement && document.activeElement.id",
            vec![],
        )
        .await
        .expect("focus");
    assert_eq!(focused.as_str(), Some("eh-lang-de"));
    hub.open("/host.html").await;
    hub.wait_for_text("#eh-agenda", "Programm").await;
    hub.close().await;
}

/// A broken file's page and the editor say each problem in German, with no English word of the
/// checker's left; the editor's own switch changes the language and keeps what was typed.
#[tokio::test]
async fn a_german_organizer_reads_the_problems_in_german() {
    let hub = Harness::start(PHONE).await;
    german_browser(&hub).await;
    let broken = include_str!("../../../public/events/scs-hackathon-3.json")
        .replace("\"place\": \"watzke\"", "\"place\": \"watzke-bar\"")
        .replace(
            "\"time_zone\": \"Europe/Berlin\"",
            "\"time_zone\": \"Europe/Berln\", \"titel\": \"typo\"",
        );
    hub.write_site_file("events/broken.json", &broken);
    hub.open("/events/broken").await;
    let problems = hub
        .wait_for_text(".eh-problems__list", "unbekanntes Feld")
        .await;
    for german in [
        "meintest du title?",
        "ist keine IANA-Zeitzone",
        "es gibt keinen Eintrag mit der id watzke-bar",
        "Zeile",
    ] {
        assert!(problems.contains(german), "{german}: {problems}");
    }
    for english in [
        "unknown field",
        "did you mean",
        "is not an IANA",
        "there is no entry",
    ] {
        assert!(!problems.contains(english), "{english}: {problems}");
    }
    let untranslated = hub
        .client
        .execute(
            "return document.querySelectorAll('.eh-problem__message[lang]').length",
            vec![],
        )
        .await
        .expect("count");
    assert_eq!(untranslated, 0, "every message has its German");
    hub.screenshot("german-problems-phone").await;

    hub.open("/edit?file=/events/broken.json").await;
    hub.wait_for_text(".eh-editor .eh-problems", "unbekanntes Feld")
        .await;
    hub.screenshot("german-editor-phone").await;
    let switches = hub
        .client
        .execute(
            "return document.querySelectorAll('.eh-lang').length",
            vec![],
        )
        .await
        .expect("count switches");
    assert_eq!(switches, 1, "the preview shows no second switch");
    // A typed change, then the switch: the editor is built anew in English around the same text.
    hub.client
        .execute(
            "const t = document.getElementById('eh-editor-text');
             t.value = t.value.replace('\"titel\"', '\"titelz\"');
             t.dispatchEvent(new Event('input', { bubbles: true }));",
            vec![],
        )
        .await
        .expect("type");
    hub.wait_for_text(".eh-editor .eh-problems", "titelz").await;
    hub.click("#eh-lang-en").await;
    let english = hub
        .wait_for_text(".eh-editor .eh-problems", "unknown field")
        .await;
    assert!(
        english.contains("titelz"),
        "the typed change is kept: {english}"
    );
    assert!(!english.contains("unbekanntes"), "{english}");
    let title = hub.text_of(".eh-editor h1").await;
    assert_eq!(title, "Event file editor");
    hub.close().await;
}
