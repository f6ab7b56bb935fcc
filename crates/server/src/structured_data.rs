//! What search engines and link previews read of an event without running the wasm: schema.org
//! `Event` as JSON-LD, and Open Graph tags, written by `hub serve` into the HTML of
//! `/events/{id}` ([`crate::shell`]).
//!
//! Only what the file says: the dates with their offsets, the venue as a `Place` (its address
//! split into street, postal code and town when it reads "…, 01099 Dresden"; no country, which
//! the file does not name), the hosts as `organizer`, the registration link as `offers.url`, the
//! sessions as `subEvent`. An event with a venue is `OfflineEventAttendanceMode`; the status is
//! `EventScheduled` — the file has no way to say "cancelled", so nothing else is claimed.

use chrono::{DateTime, FixedOffset, Utc};
use event_model::agenda::{event_span, timeline};
use event_model::format::escape_html;
use event_model::markdown::to_plain;
use event_model::safe_url::is_safe_url;
use event_model::zone::{to_local, ZoneRules};
use event_model::{Event, Language, Place};
use serde_json::{json, Map, Value};

/// The event as a schema.org `Event`, for a page at `page`.
pub fn event_json_ld(
    event: &Event,
    rules: &dyn ZoneRules,
    page: Option<&str>,
    language: Language,
) -> Value {
    let zone = event.time_zone.as_str();
    let at = |instant| offset_time(rules, zone, instant);
    let mut data = Map::new();
    data.insert("@context".into(), json!("https://schema.org"));
    data.insert("@type".into(), json!("Event"));
    data.insert("name".into(), json!(event.title.to_string()));
    let summary = to_plain(&event.summary);
    if !summary.is_empty() {
        data.insert("description".into(), json!(summary));
    }
    if let Some((start, end)) = event_span(event, rules) {
        insert_some(&mut data, "startDate", at(start));
        insert_some(&mut data, "endDate", at(end));
    }
    data.insert("inLanguage".into(), json!(language.code()));
    data.insert(
        "eventStatus".into(),
        json!("https://schema.org/EventScheduled"),
    );
    if let Some(venue) = event.venue() {
        data.insert(
            "eventAttendanceMode".into(),
            json!("https://schema.org/OfflineEventAttendanceMode"),
        );
        data.insert("location".into(), place(venue));
    }
    if let Some(page) = page.filter(|url| is_web(url)) {
        data.insert("url".into(), json!(page));
    }
    let organizers: Vec<Value> = event
        .hosts
        .iter()
        .map(|host| {
            let mut organization =
                json!({ "@type": "Organization", "name": host.name.to_string() });
            if let Some(url) = host.url.as_deref().filter(|url| is_web(url)) {
                organization["url"] = json!(url);
            }
            organization
        })
        .collect();
    if !organizers.is_empty() {
        data.insert("organizer".into(), Value::Array(organizers));
    }
    if let Some(registration) = event.registration().filter(|link| is_web(&link.url)) {
        data.insert(
            "offers".into(),
            json!({ "@type": "Offer", "url": registration.url }),
        );
    }
    let sessions: Vec<Value> = timeline(event, rules)
        .into_iter()
        .filter_map(|timed| {
            let session = event.sessions.get(timed.index)?;
            let mut sub = json!({
                "@type": "Event",
                "name": session.title.to_string(),
                "startDate": at(timed.start)?,
                "endDate": at(timed.end)?,
            });
            if let Some(page) = page.filter(|url| is_web(url)) {
                sub["url"] = json!(format!("{page}#eh-session-{}", session.id));
            }
            if let Some(place) = session.place.as_deref().and_then(|id| event.place(id)) {
                sub["location"] = json!({ "@type": "Place", "name": place.name.to_string() });
            }
            Some(sub)
        })
        .collect();
    if !sessions.is_empty() {
        data.insert("subEvent".into(), Value::Array(sessions));
    }
    Value::Object(data)
}

/// The `<head>` additions: the JSON-LD script and the Open Graph tags. `description` is the one
/// the page's `<meta name="description">` carries, so the three never disagree.
pub fn head_html(json_ld: &Value, title: &str, description: &str, page: Option<&str>) -> String {
    let mut html = format!(
        "<script type=\"application/ld+json\">{}</script>\n",
        script_safe(&json_ld.to_string())
    );
    let mut meta = |property: &str, content: &str| {
        html.push_str(&format!(
            "<meta property=\"{property}\" content=\"{}\" />\n",
            escape_html(content)
        ));
    };
    meta("og:type", "website");
    meta("og:title", title);
    meta("og:description", description);
    if let Some(page) = page.filter(|url| is_web(url)) {
        meta("og:url", page);
    }
    html
}

/// JSON that cannot end its `<script>` element or open a comment there: `<`, `>` and `&` as
/// JSON escapes, which every JSON-LD reader decodes back.
fn script_safe(json: &str) -> String {
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// A place with its postal address and coordinates, as far as the file gives them.
fn place(place: &Place) -> Value {
    let mut value = json!({ "@type": "Place", "name": place.name.to_string() });
    if let Some(address) = place.address.as_deref().filter(|a| !a.trim().is_empty()) {
        value["address"] = postal_address(address);
    }
    if let (Some(latitude), Some(longitude)) = (place.lat, place.lon) {
        if latitude.is_finite() && longitude.is_finite() {
            value["geo"] =
                json!({ "@type": "GeoCoordinates", "latitude": latitude, "longitude": longitude });
        }
    }
    if let Some(url) = place.url.as_deref().filter(|url| is_web(url)) {
        value["url"] = json!(url);
    }
    value
}

/// `Königsbrücker Straße 96, Halle 15, 01099 Dresden` as street, postal code and town: the last
/// part is split when it starts with a postal code (digits, as in most of Europe); otherwise the
/// whole address is the street address, which is still true.
pub fn postal_address(address: &str) -> Value {
    let mut value = json!({ "@type": "PostalAddress" });
    let split = address.rsplit_once(',').and_then(|(street, last)| {
        let (code, town) = last.trim().split_once(' ')?;
        let is_code = code.len() >= 4 && code.chars().all(|c| c.is_ascii_digit());
        is_code.then(|| (street.trim(), code, town.trim()))
    });
    match split {
        Some((street, code, town)) => {
            value["streetAddress"] = json!(street);
            value["postalCode"] = json!(code);
            value["addressLocality"] = json!(town);
        }
        None => value["streetAddress"] = json!(address.trim()),
    }
    value
}

/// An instant as ISO 8601 with the event zone's offset then: `2023-11-08T10:00:00+01:00`.
fn offset_time(rules: &dyn ZoneRules, zone: &str, instant: DateTime<Utc>) -> Option<String> {
    let (_, offset) = to_local(rules, zone, instant)?;
    let local: DateTime<FixedOffset> = instant.with_timezone(&FixedOffset::east_opt(offset)?);
    Some(local.to_rfc3339())
}

fn insert_some(map: &mut Map<String, Value>, key: &str, value: Option<String>) {
    if let Some(value) = value {
        map.insert(key.to_owned(), json!(value));
    }
}

fn is_web(url: &str) -> bool {
    (url.starts_with("https://") || url.starts_with("http://")) && is_safe_url(url)
}

#[cfg(test)]
mod tests {
    use super::*;
    use event_model::check_event;
    use event_model::tzdb::Tzdb;

    fn sample() -> Event {
        let text = include_str!("../../../public/events/scs-hackathon-3.json");
        check_event(text, &Tzdb).value.expect("the sample is valid")
    }

    #[test]
    fn the_sample_is_an_event_in_dresden_with_its_offset() {
        let data = event_json_ld(
            &sample(),
            &Tzdb,
            Some("https://hub.example/events/scs-hackathon-3"),
            Language::En,
        );
        assert_eq!(data["@type"], "Event");
        assert_eq!(data["startDate"], "2023-11-08T10:00:00+01:00");
        assert_eq!(data["endDate"], "2023-11-08T19:00:00+01:00");
        let address = &data["location"]["address"];
        assert_eq!(
            address["streetAddress"],
            "Königsbrücker Straße 96, Halle 15"
        );
        assert_eq!(address["postalCode"], "01099");
        assert_eq!(address["addressLocality"], "Dresden");
        assert_eq!(data["location"]["geo"]["latitude"], 51.08017);
        assert_eq!(
            data["offers"]["url"],
            "https://events.scs.community/hackathon-3/"
        );
        assert_eq!(data["organizer"][0]["name"], "CLOUD&HEAT");
        assert_eq!(data["subEvent"].as_array().map(Vec::len), Some(9));
        assert_eq!(
            data["subEvent"][0]["startDate"],
            "2023-11-07T16:00:00+01:00"
        );
        // No country: the file does not name one.
        assert!(address.get("addressCountry").is_none());
    }

    #[test]
    fn event_text_cannot_close_the_script() {
        let data = json!({ "name": "</script><script>alert(1)</script> & <!--" });
        let html = head_html(&data, "t\"", "d<", None);
        assert_eq!(html.matches("</script>").count(), 1, "{html}");
        assert!(!html.contains("<!--"));
        assert!(html.contains("content=\"t&quot;\""));
        // Still the same JSON once decoded.
        let inner = &html
            ["<script type=\"application/ld+json\">".len()..html.find("</script>").unwrap_or(0)];
        assert_eq!(serde_json::from_str::<Value>(inner).ok(), Some(data));
    }

    #[test]
    fn an_address_without_a_postal_code_is_a_street_address() {
        assert_eq!(
            postal_address("Main Street 1, Springfield"),
            json!({ "@type": "PostalAddress", "streetAddress": "Main Street 1, Springfield" })
        );
    }
}
