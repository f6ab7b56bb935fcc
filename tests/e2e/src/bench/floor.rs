//! The floor of the time-to-agenda figure: the same event as one plain static HTML page — header
//! (dates, title, hours, venue), summary as plain text, the agenda by day with times and places,
//! the places — linking the app's own CSS file and using the app's classes, so it looks like the
//! app's page and its first `.eh-slot` is found the same way. No script at all: what a page of
//! this content costs at the least.

use event_model::agenda::{days, event_span, timeline, zoned};
use event_model::format::{clock, escape_html};
use event_model::language::English;
use event_model::tzdb::Tzdb;
use event_model::Event;
use event_model::{DateWords, Language};

/// Where the bench writes the page in the served site.
pub const PATH: &str = "bench-floor.html";

/// The stylesheet the built app links (Trunk's hashed `…css`), from its `index.html`.
pub fn stylesheet(index_html: &str) -> Option<String> {
    index_html
        .split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .find(|href| href.ends_with(".css"))
        .map(str::to_owned)
}

/// The page for `event`, linking `css` (an address on the same site).
pub fn page(event: &Event, css: &str) -> Result<String, String> {
    let zone = &event.time_zone;
    let (start, end) = event_span(event, &Tzdb)
        .and_then(|(start, end)| Some((zoned(&Tzdb, zone, start)?, zoned(&Tzdb, zone, end)?)))
        .ok_or_else(|| format!("{}: start or end does not resolve in {zone}", event.id))?;
    let mut html = format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n<link rel=\"stylesheet\" href=\"{css}\">\n</head>\n\
         <body class=\"eh-page\">\n<div class=\"event-hub\">\n<div class=\"eh-event\">\n\
         <header class=\"eh-header\"><div class=\"eh-header__inner\">\n\
         <p class=\"eh-header__date\">{date}</p>\n<h1 class=\"eh-header__title\">{title}</h1>\n\
         <p class=\"eh-header__hours\">{from}–{to} {label}</p>\n",
        title = escape_html(&event.title),
        css = escape_html(css),
        date = escape_html(&English.date_range(start.local.date(), end.local.date())),
        from = clock(start.local),
        to = clock(end.local),
        label = escape_html(&start.label),
    );
    if let Some(venue) = event.venue() {
        let address = venue
            .address
            .as_deref()
            .map(|a| format!(", {}", escape_html(a)))
            .unwrap_or_default();
        html.push_str(&format!(
            "<p class=\"eh-header__where\"><a class=\"eh-header__venue\" href=\"#eh-place-{}\">{}</a>{address}</p>\n",
            escape_html(&venue.id),
            escape_html(&venue.name)
        ));
    }
    html.push_str("</div></header>\n<main class=\"eh-main\">\n");
    let summary: Vec<String> = event
        .summary
        .split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .map(|p| format!("<p>{}</p>", escape_html(p.trim())))
        .collect();
    if !summary.is_empty() {
        html.push_str(&format!(
            "<section class=\"eh-summary\" aria-label=\"About\">{}</section>\n",
            summary.join("")
        ));
    }

    html.push_str(
        "<section class=\"eh-section\" id=\"eh-agenda\" aria-labelledby=\"eh-agenda-title\">\n\
         <h2 class=\"eh-section__title\" id=\"eh-agenda-title\">Agenda</h2>\n",
    );
    let timeline = timeline(event, &Tzdb);
    for day in days(&timeline, &Tzdb, zone) {
        html.push_str(&format!(
            "<section class=\"eh-day\"><h3 class=\"eh-day__title\">{}</h3>\n<ol class=\"eh-day__sessions\">\n",
            escape_html(&English.long_date(day.date))
        ));
        for timed in &day.sessions {
            let session = event
                .sessions
                .get(timed.index)
                .ok_or_else(|| format!("session index {} out of range", timed.index))?;
            let (from, to) = zoned(&Tzdb, zone, timed.start)
                .zip(zoned(&Tzdb, zone, timed.end))
                .ok_or_else(|| format!("session {} does not resolve in {zone}", session.id))?;
            let place = session
                .place
                .as_deref()
                .and_then(|id| event.place(id))
                .map(|place| {
                    format!(
                        "<a class=\"eh-slot__place\" href=\"#eh-place-{}\">{}</a>",
                        escape_html(&place.id),
                        escape_html(&place.name)
                    )
                })
                .unwrap_or_default();
            html.push_str(&format!(
                "<li class=\"eh-slot eh-slot--{kind}\" id=\"eh-session-{id}\">\
                 <div class=\"eh-slot__time\"><time datetime=\"{start}\">{from}</time>–<time datetime=\"{end}\">{to}</time></div>\
                 <div class=\"eh-slot__body\"><h4 class=\"eh-slot__title\">{title}</h4>{place}</div></li>\n",
                kind = session.kind.name(),
                id = escape_html(&session.id),
                start = timed.start.to_rfc3339(),
                end = timed.end.to_rfc3339(),
                from = clock(from.local),
                to = clock(to.local),
                title = escape_html(&session.title),
            ));
        }
        html.push_str("</ol></section>\n");
    }
    html.push_str("</section>\n");

    if !event.places.is_empty() {
        html.push_str(
            "<section class=\"eh-section\" id=\"eh-places\" aria-labelledby=\"eh-places-title\">\n\
             <h2 class=\"eh-section__title\" id=\"eh-places-title\">Places</h2>\n<ul class=\"eh-grid\">\n",
        );
        for place in &event.places {
            let address = place
                .address
                .as_deref()
                .map(|a| format!("<p class=\"eh-place__address\">{}</p>", escape_html(a)))
                .unwrap_or_default();
            html.push_str(&format!(
                "<li class=\"eh-card eh-place\" id=\"eh-place-{}\"><p class=\"eh-place__kind\">{}</p>\
                 <h3 class=\"eh-card__title\">{}</h3>{address}</li>\n",
                escape_html(&place.id),
                escape_html(place.kind.label().text(Language::En)),
                escape_html(&place.name)
            ));
        }
        html.push_str("</ul></section>\n");
    }
    html.push_str("</main>\n</div>\n</div>\n</body>\n</html>\n");
    Ok(html)
}

#[cfg(test)]
mod tests {
    use super::*;
    use event_model::check_event;

    fn sample() -> Event {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../public/events/scs-hackathon-3.json"
        );
        let text = std::fs::read_to_string(path).expect("sample event");
        check_event(&text, &Tzdb).value.expect("valid sample")
    }

    #[test]
    fn the_floor_lists_every_session_with_event_times_and_links_the_css() {
        let event = sample();
        let html = page(&event, "/style-abc.css").expect("page");
        assert!(html.contains(r#"<link rel="stylesheet" href="/style-abc.css">"#));
        assert_eq!(
            html.matches("<li class=\"eh-slot ").count(),
            event.sessions.len()
        );
        assert!(
            html.contains(">10:00</time>–<time"),
            "welcome in event time"
        );
        assert!(html.contains("CLOUD&amp;HEAT"), "text is escaped");
        assert!(!html.contains("<script"));
    }

    #[test]
    fn the_stylesheet_is_found_among_the_links_of_index_html() {
        let index = r#"<link rel="icon" href="/icons/icon.svg"><link rel="stylesheet" href="/hub-1a2b.css" integrity="x">"#;
        assert_eq!(stylesheet(index).as_deref(), Some("/hub-1a2b.css"));
        assert_eq!(stylesheet("<p>none</p>"), None);
    }
}
