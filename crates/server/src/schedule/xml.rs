//! `schedule.xml`: the [`Schedule`] as the c3voc XML Schema describes it (frab's original format,
//! which Giggity and ConfClerk read). Written by hand: a dozen element kinds, and every text and
//! attribute goes through [`escape`].

use std::fmt::Write;

use event_model::format::escape_html;

use super::{hours_minutes, Day, Entry, Schedule};

/// The whole document.
pub fn to_xml(schedule: &Schedule) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<schedule>\n");
    let _ = writeln!(
        out,
        "  <generator name=\"event-hub\" version=\"{}\"/>",
        env!("CARGO_PKG_VERSION")
    );
    element(&mut out, 1, "version", &schedule.version);
    out.push_str("  <conference>\n");
    element(&mut out, 2, "acronym", &schedule.acronym);
    element(&mut out, 2, "title", &schedule.title);
    element(&mut out, 2, "start", &schedule.start.to_string());
    element(&mut out, 2, "end", &schedule.end.to_string());
    element(&mut out, 2, "days", &schedule.days.len().to_string());
    element(&mut out, 2, "timeslot_duration", &schedule.timeslot);
    if let Some(url) = &schedule.url {
        element(&mut out, 2, "url", url);
    }
    if let Some(zone) = &schedule.time_zone {
        element(&mut out, 2, "time_zone_name", zone);
    }
    out.push_str("  </conference>\n");
    for day in &schedule.days {
        day_element(&mut out, schedule, day);
    }
    out.push_str("</schedule>\n");
    out
}

fn day_element(out: &mut String, schedule: &Schedule, day: &Day) {
    let _ = writeln!(
        out,
        "  <day index=\"{}\" date=\"{}\" start=\"{}\" end=\"{}\">",
        day.index,
        day.date,
        day.start.to_rfc3339(),
        day.end.to_rfc3339()
    );
    for (name, entries) in &day.rooms {
        let guid = schedule
            .rooms
            .iter()
            .find(|room| room.name == *name)
            .map(|room| format!(" guid=\"{}\"", room.guid))
            .unwrap_or_default();
        let _ = writeln!(out, "    <room name=\"{}\"{guid}>", escape(name));
        for entry in entries {
            event_element(out, entry);
        }
        out.push_str("    </room>\n");
    }
    out.push_str("  </day>\n");
}

fn event_element(out: &mut String, entry: &Entry) {
    let _ = writeln!(
        out,
        "      <event guid=\"{}\" id=\"{}\">",
        entry.guid, entry.id
    );
    element(out, 4, "date", &entry.date.to_rfc3339());
    element(out, 4, "start", &entry.date.format("%H:%M").to_string());
    element(out, 4, "duration", &hours_minutes(entry.duration));
    element(out, 4, "room", &entry.room);
    element(out, 4, "slug", &entry.slug);
    if entry.url.starts_with("http") {
        element(out, 4, "url", &entry.url);
    }
    element(out, 4, "title", &entry.title);
    element(out, 4, "subtitle", &entry.subtitle);
    element(out, 4, "track", "");
    element(out, 4, "type", entry.kind);
    element(out, 4, "language", &entry.language);
    element(out, 4, "abstract", &entry.abstract_text);
    element(out, 4, "description", &entry.description);
    out.push_str("        <persons/>\n");
    if entry.links.is_empty() {
        out.push_str("        <links/>\n");
    } else {
        out.push_str("        <links>\n");
        for (url, title) in &entry.links {
            let _ = writeln!(
                out,
                "          <link href=\"{}\">{}</link>",
                escape(url),
                escape(title)
            );
        }
        out.push_str("        </links>\n");
    }
    out.push_str("      </event>\n");
}

/// `<name>text</name>` on its own line, `depth` levels in.
fn element(out: &mut String, depth: usize, name: &str, text: &str) {
    let _ = writeln!(
        out,
        "{}<{name}>{}</{name}>",
        "  ".repeat(depth),
        escape(text)
    );
}

/// Text for XML content or a double-quoted attribute: HTML's escaping is XML's too, once the
/// characters XML 1.0 cannot carry at all (most controls) are dropped rather than making the
/// file unreadable.
pub fn escape(text: &str) -> String {
    let carried = |c: &char| {
        matches!(c, '\t' | '\n' | '\r') || !(c.is_control() || matches!(c, '\u{fffe}' | '\u{ffff}'))
    };
    escape_html(&text.chars().filter(carried).collect::<String>())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_quotes_and_controls_cannot_break_the_document() {
        assert_eq!(
            escape("CLOUD&HEAT <b> \"x\" it's"),
            "CLOUD&amp;HEAT &lt;b&gt; &quot;x&quot; it&#39;s"
        );
        assert_eq!(escape("a\u{1b}b\u{0}c\nd"), "abc\nd");
    }
}
