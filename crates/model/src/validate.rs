//! The rules a structurally valid event must also follow: versions, ids and references, times that
//! exist in the zone and run forwards, safe URLs, coordinates on Earth and sane lengths.

use std::collections::HashSet;

use chrono::{DateTime, Utc};

use crate::event::{Event, Link, SCHEMA_VERSION};
use crate::language::Language;
use crate::languages::{closest_language, is_known_language};
use crate::problem::Problem;
use crate::safe_url::{is_safe_url, SAFE_SCHEMES};
use crate::say;
use crate::text::{is_language_code, Text};
use crate::time::{utc_label, LocalDateTime};
use crate::zone::{resolve, Resolution, ZoneRules};

/// Titles and names longer than this are refused: a page cannot show them and they are mistakes.
pub const MAX_TITLE_CHARS: usize = 200;
/// Markdown bodies longer than this are refused.
pub const MAX_TEXT_CHARS: usize = 50_000;
/// URLs longer than this are refused: browsers and servers start truncating around here.
pub const MAX_URL_CHARS: usize = 2_000;
/// A session longer than this is probably a typo in a date.
const LONG_SESSION_HOURS: i64 = 12;
/// Sessions may lie this many days before the event's first day or after its last (a get-together
/// the evening before, an excursion the day after); further away, a date is probably mistyped.
const DAYS_AROUND_EVENT: i64 = 1;

/// The problem of a file written for a schema version this hub does not understand.
pub(crate) fn unsupported_version(found: impl std::fmt::Display) -> Problem {
    Problem::error(
        "schema_version",
        say!(
            "this hub understands schema version {SCHEMA_VERSION}; the file is version {found} (update the hub, or write the file for version {SCHEMA_VERSION})",
            "dieser Hub versteht Schema-Version {SCHEMA_VERSION}; die Datei hat Version {found} (aktualisiere den Hub oder schreibe die Datei für Version {SCHEMA_VERSION})"
        ),
    )
}

/// Every problem of `event`, errors and warnings, in file order.
pub fn validate(event: &Event, rules: &dyn ZoneRules) -> Vec<Problem> {
    let mut v = Validator {
        rules,
        problems: Vec::new(),
    };
    v.event(event);
    v.problems
}

struct Validator<'a> {
    rules: &'a dyn ZoneRules,
    problems: Vec<Problem>,
}

impl Validator<'_> {
    fn error(&mut self, path: impl Into<String>, message: Text) {
        self.problems.push(Problem::error(path, message));
    }

    fn warning(&mut self, path: impl Into<String>, message: Text) {
        self.problems.push(Problem::warning(path, message));
    }

    fn event(&mut self, event: &Event) {
        if event.schema_version != SCHEMA_VERSION {
            self.problems
                .push(unsupported_version(event.schema_version));
        }
        self.id("id", &event.id);
        self.title("title", &event.title);
        self.text("summary", &event.summary);
        self.languages(event);
        let zone_known = self.zone(&event.time_zone);
        let span = if zone_known {
            self.span("", &event.time_zone, event.start, event.end)
        } else {
            None
        };
        self.links("links", &event.links);
        if let Some(url) = &event.url {
            self.url("url", url);
        }

        let place_ids = self.unique_ids("places", event.places.iter().map(|p| p.id.as_str()));
        for (i, place) in event.places.iter().enumerate() {
            let path = format!("places[{i}]");
            self.title(&format!("{path}.name"), &place.name);
            if let Some(address) = &place.address {
                self.title(&format!("{path}.address"), address);
            }
            match (place.lat, place.lon) {
                (Some(lat), Some(lon)) => {
                    if !(-90.0..=90.0).contains(&lat) {
                        self.error(
                            format!("{path}.lat"),
                            say!(
                                "latitude {lat} is not between -90 and 90",
                                "die Breite {lat} liegt nicht zwischen -90 und 90"
                            ),
                        );
                    }
                    if !(-180.0..=180.0).contains(&lon) {
                        self.error(
                            format!("{path}.lon"),
                            say!(
                                "longitude {lon} is not between -180 and 180",
                                "die Länge {lon} liegt nicht zwischen -180 und 180"
                            ),
                        );
                    }
                }
                (Some(_), None) => self.error(
                    format!("{path}.lon"),
                    say!(
                        "a place with `lat` needs `lon` too",
                        "ein Ort mit `lat` braucht auch `lon`"
                    ),
                ),
                (None, Some(_)) => self.error(
                    format!("{path}.lat"),
                    say!(
                        "a place with `lon` needs `lat` too",
                        "ein Ort mit `lon` braucht auch `lat`"
                    ),
                ),
                // With an address but no coordinates the place is missing from the map; with
                // neither, it is a place not known yet, which the page says is to be announced.
                (None, None) if place.address.is_some() => self.warning(
                    &path,
                    say!(
                        "no coordinates (`lat`, `lon`): the place is missing from the map (its address still opens in maps apps)",
                        "keine Koordinaten (`lat`, `lon`): der Ort fehlt auf der Karte (seine Adresse öffnet sich trotzdem in Karten-Apps)"
                    ),
                ),
                (None, None) => {}
            }
            if let Some(notes) = &place.notes {
                self.text(&format!("{path}.notes"), notes);
            }
            if let Some(notes) = &place.internal_notes {
                self.text(&format!("{path}.internal_notes"), notes);
            }
            if let Some(image) = &place.image {
                self.title(&format!("{path}.image.alt"), &image.alt);
                if !crate::read::is_image_source(&image.src) {
                    let src = clip(&image.src);
                    self.error(
                        format!("{path}.image.src"),
                        say!(
                            "`{src}` must be a path on this host starting with `/` or an https: URL",
                            "`{src}` muss ein Pfad auf diesem Host sein, der mit `/` beginnt, oder eine https:-URL"
                        ),
                    );
                }
            }
            if let Some(url) = &place.url {
                self.url(&format!("{path}.url"), url);
            }
        }

        let session_ids = self.unique_ids("sessions", event.sessions.iter().map(|s| s.id.as_str()));
        for (i, session) in event.sessions.iter().enumerate() {
            let path = format!("sessions[{i}]");
            self.title(&format!("{path}.title"), &session.title);
            if let Some(place) = &session.place {
                self.reference(&format!("{path}.place"), place, &place_ids, "places");
            }
            if let Some(description) = &session.description {
                self.text(&format!("{path}.description"), description);
            }
            if let Some(note) = &session.time_note {
                self.title(&format!("{path}.time_note"), note);
            }
            if !zone_known {
                continue;
            }
            if let (Some((start, end)), Some(_)) = (
                self.span(&path, &event.time_zone, session.start, session.end),
                span,
            ) {
                if end - start > chrono::Duration::hours(LONG_SESSION_HOURS) {
                    let hours = (end - start).num_hours();
                    self.warning(
                        &path,
                        say!(
                            "the session lasts {hours} hours (more than {LONG_SESSION_HOURS}); is a date wrong?",
                            "der Programmpunkt dauert {hours} Stunden (mehr als {LONG_SESSION_HOURS}); ist ein Datum falsch?"
                        ),
                    );
                }
                self.days_around(&path, event, session.start, session.end);
            }
        }

        self.unique_ids("topics", event.topics.iter().map(|t| t.id.as_str()));
        for (i, topic) in event.topics.iter().enumerate() {
            let path = format!("topics[{i}]");
            self.title(&format!("{path}.title"), &topic.title);
            // A title alone is a whole topic card in an open space (four of the sample's are).
            if let Some(description) = &topic.description {
                self.text(&format!("{path}.description"), description);
            }
            for (j, point) in topic.points.iter().enumerate() {
                self.title(&format!("{path}.points[{j}]"), point);
            }
            for (j, host) in topic.hosts.iter().enumerate() {
                self.title(&format!("{path}.hosts[{j}]"), host);
            }
            self.links(&format!("{path}.links"), &topic.links);
            if let Some(session) = &topic.session {
                self.reference(
                    &format!("{path}.session"),
                    session,
                    &session_ids,
                    "sessions",
                );
            }
            if let Some(place) = &topic.place {
                self.reference(&format!("{path}.place"), place, &place_ids, "places");
            }
            if topic.capacity == Some(0) {
                self.error(
                    format!("{path}.capacity"),
                    say!(
                        "a capacity of 0 lets nobody sign up; use null for unlimited",
                        "bei einer Kapazität von 0 kann sich niemand eintragen; null heißt unbegrenzt"
                    ),
                );
            }
        }

        if let Some(api) = &event.signups.api {
            let relative = api.starts_with('/') && !api.starts_with("//");
            if !(relative || api.starts_with("https://") || api.starts_with("http://")) {
                self.error(
                    "signups.api",
                    say!(
                        "the sign-up API must be an http(s) URL or a path starting with `/`",
                        "die Eintragungs-API muss eine http(s)-URL oder ein Pfad sein, der mit `/` beginnt"
                    ),
                );
            }
        }

        if let Some(url) = &event.signups.url {
            self.url("signups.url", url);
        }

        if let Some(map) = &event.map {
            self.map(map);
        }

        if let Some(space) = &event.open_space {
            self.open_space(event, space, &place_ids, &session_ids, zone_known);
        }

        for (i, contact) in event.contacts.iter().enumerate() {
            let path = format!("contacts[{i}]");
            self.title(&format!("{path}.name"), &contact.name);
            if let Some(role) = &contact.role {
                self.title(&format!("{path}.role"), role);
            }
            if let Some(url) = &contact.url {
                self.url(&format!("{path}.url"), url);
            }
            if let Some(email) = &contact.email {
                let at = email.find('@');
                if email
                    .get(..7)
                    .is_some_and(|s| s.eq_ignore_ascii_case("mailto:"))
                {
                    let address = clip(&email[7..]);
                    self.error(
                        format!("{path}.email"),
                        say!(
                            "write the address without `mailto:` (`{address}`); the page adds it",
                            "schreibe die Adresse ohne `mailto:` (`{address}`); die Seite ergänzt es"
                        ),
                    );
                } else if !at.is_some_and(|at| at > 0 && at + 1 < email.len())
                    || email.contains(char::is_whitespace)
                {
                    let email = clip(email);
                    self.error(
                        format!("{path}.email"),
                        say!(
                            "`{email}` is not an e-mail address such as `name@example.org`",
                            "`{email}` ist keine E-Mail-Adresse wie `name@example.org`"
                        ),
                    );
                }
            }
        }

        self.unique_ids("sections", event.sections.iter().map(|s| s.id.as_str()));
        for (i, section) in event.sections.iter().enumerate() {
            self.title(&format!("sections[{i}].title"), &section.title);
            self.text(&format!("sections[{i}].body"), &section.body);
        }

        for (i, host) in event.hosts.iter().enumerate() {
            self.title(&format!("hosts[{i}].name"), &host.name);
            if let Some(url) = &host.url {
                self.url(&format!("hosts[{i}].url"), url);
            }
        }
    }

    /// Ids appear in addresses (`/events/{id}`, `#topic-{id}`), so they are restricted to a slug.
    fn id(&mut self, path: &str, id: &str) -> bool {
        let ok = !id.is_empty()
            && id.len() <= 80
            && id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
            && !id.starts_with(['-', '_']);
        if !ok {
            let id = clip(id);
            self.error(
                path,
                say!(
                    "id `{id}` must be 1–80 characters of a–z, 0–9, `-` and `_`, starting with a letter or digit",
                    "die id `{id}` muss 1–80 Zeichen aus a–z, 0–9, `-` und `_` haben und mit einem Buchstaben oder einer Ziffer beginnen"
                ),
            );
        }
        ok
    }

    fn unique_ids<'a>(
        &mut self,
        list: &str,
        ids: impl Iterator<Item = &'a str>,
    ) -> HashSet<&'a str> {
        let mut seen = HashSet::new();
        for (i, id) in ids.enumerate() {
            let path = format!("{list}[{i}].id");
            // Malformed ids are still known, so a reference to one is not reported a second time.
            if !self.id(&path, id) {
                seen.insert(id);
            } else if !seen.insert(id) {
                self.error(
                    path,
                    say!(
                        "id `{id}` is used twice in `{list}`; ids must be unique",
                        "die id `{id}` kommt in `{list}` zweimal vor; ids müssen eindeutig sein"
                    ),
                );
            }
        }
        seen
    }

    fn reference(&mut self, path: &str, id: &str, known: &HashSet<&str>, list: &str) {
        if !known.contains(id) {
            let (en, de) = match crate::suggest::closest(id, known.iter().copied()) {
                Some(best) => (
                    format!(" — did you mean `{best}`?"),
                    format!(" — meintest du `{best}`?"),
                ),
                None if known.is_empty() => (
                    format!("; `{list}` has no entries"),
                    format!("; `{list}` hat keine Einträge"),
                ),
                None => {
                    let mut ids: Vec<&str> = known.iter().copied().collect();
                    ids.sort_unstable();
                    (
                        format!("; its ids are {}", list_of_ids(&ids, Language::En)),
                        format!("; seine ids sind {}", list_of_ids(&ids, Language::De)),
                    )
                }
            };
            let id = clip(id);
            self.error(
                path,
                say!(
                    "there is no entry with id `{id}` in `{list}`{en}",
                    "es gibt keinen Eintrag mit der id `{id}` in `{list}`{de}"
                ),
            );
        }
    }

    /// The languages of the event's texts: a `default_language` that is no language code, codes
    /// no reader has (a typo), and texts that leave out a language the others give — its readers
    /// would read that one text in another language.
    fn languages(&mut self, event: &Event) {
        if let Some(default) = &event.default_language {
            if !is_language_code(default) {
                let default = clip(default);
                self.error(
                    "default_language",
                    say!(
                        "`{default}` is not a language code such as `en`, `de` or `pt-BR`",
                        "`{default}` ist kein Sprachcode wie `en`, `de` oder `pt-BR`"
                    ),
                );
            } else if !is_known_language(default) {
                self.warning("default_language", unknown_language(default));
            }
        }
        let default = event.default_language.clone();
        let mut event = event.clone();
        let mut texts: Vec<(String, Text)> = Vec::new();
        event.each_text(&mut |at, text| texts.push((at.to_string(), text.clone())));
        let mut used: Vec<(String, String)> = Vec::new();
        for (path, text) in &texts {
            for language in text.versions().filter_map(|(language, _)| language) {
                if !used.iter().any(|(seen, _)| seen == language) {
                    used.push((language.to_owned(), version_path(path, Some(language))));
                }
            }
        }
        for (language, path) in &used {
            if !is_known_language(language) {
                self.warning(path.as_str(), unknown_language(language));
            }
        }
        if let Some(default) = default {
            if !used.is_empty() && !used.iter().any(|(seen, _)| *seen == default) {
                used.push((default, "default_language".to_owned()));
            }
        }
        for (path, text) in texts.iter().filter(|(_, text)| text.is_per_language()) {
            let given: Vec<&str> = text
                .versions()
                .filter_map(|(language, _)| language)
                .collect();
            let missing: Vec<String> = used
                .iter()
                .filter(|(language, _)| !given.contains(&language.as_str()))
                .map(|(language, _)| format!("`{language}`"))
                .collect();
            if !missing.is_empty() {
                let given: Vec<String> = given.iter().map(|l| format!("`{l}`")).collect();
                let (missing_en, missing_de) = (list_of(&missing, "and"), list_of(&missing, "und"));
                let (given_en, given_de) = (list_of(&given, "or"), list_of(&given, "oder"));
                self.warning(
                    path.as_str(),
                    say!(
                        "has no {missing_en} text, though other texts of the file have; readers of that language read this one in {given_en}",
                        "hat keinen Text in {missing_de}, obwohl andere Texte der Datei einen haben; wer diese Sprache liest, liest diesen in {given_de}"
                    ),
                );
            }
        }
    }

    /// One line of plain text in each of its languages.
    fn title(&mut self, path: &str, text: &Text) {
        for (language, version) in text.versions() {
            self.title_version(&version_path(path, language), version);
        }
    }

    /// Markdown in each of its languages.
    fn text(&mut self, path: &str, text: &Text) {
        for (language, version) in text.versions() {
            self.text_version(&version_path(path, language), version);
        }
    }

    /// One line of plain text: a title, a name, an address.
    fn title_version(&mut self, path: &str, text: &str) {
        let length = text.chars().count();
        if text.trim().is_empty() {
            self.error(
                path,
                say!(
                    "must not be empty; write a text or leave the field out if it is optional",
                    "darf nicht leer sein; schreibe einen Text oder lass das Feld weg, wenn es optional ist"
                ),
            );
        } else if length > MAX_TITLE_CHARS {
            self.error(
                path,
                say!(
                    "is {length} characters long; at most {MAX_TITLE_CHARS} fit (longer text belongs in a Markdown field such as `description`)",
                    "ist {length} Zeichen lang; höchstens {MAX_TITLE_CHARS} passen (längerer Text gehört in ein Markdown-Feld wie `description`)"
                ),
            );
        } else {
            self.control_characters(path, text, |_| false);
        }
    }

    /// Markdown: long text with line breaks.
    fn text_version(&mut self, path: &str, text: &str) {
        let length = text.chars().count();
        if length > MAX_TEXT_CHARS {
            self.error(
                path,
                say!(
                    "is {length} characters long; at most {MAX_TEXT_CHARS} are allowed",
                    "ist {length} Zeichen lang; höchstens {MAX_TEXT_CHARS} sind erlaubt"
                ),
            );
        } else {
            self.control_characters(path, text, |c| matches!(c, '\n' | '\r' | '\t'));
        }
        for target in crate::markdown::unsafe_link_targets(text) {
            self.warning(
                path,
                say!(
                    "the link to `{target}` is shown as plain text: links may only go to https:, http:, mailto:, tel: or geo: addresses",
                    "der Link auf `{target}` erscheint als einfacher Text: Links dürfen nur auf https:-, http:-, mailto:-, tel:- oder geo:-Adressen führen"
                ),
            );
        }
    }

    /// Control characters (a NUL, a stray escape code) come from copy-and-paste accidents and
    /// show as nothing or as boxes; line breaks and tabs are fine only where `allowed` says so.
    fn control_characters(&mut self, path: &str, text: &str, allowed: fn(char) -> bool) {
        let found = text
            .chars()
            .enumerate()
            .find(|(_, c)| c.is_control() && !allowed(*c));
        if let Some((at, c)) = found {
            let (why_en, why_de) = if allowed('\n') {
                ("", "")
            } else {
                (
                    " (one-line text holds no line breaks or tabs)",
                    " (einzeiliger Text enthält keine Zeilenumbrüche oder Tabulatoren)",
                )
            };
            let (code, at) = (u32::from(c), at + 1);
            self.error(
                path,
                say!(
                    "contains the control character U+{code:04X} at character {at}; remove it{why_en}",
                    "enthält das Steuerzeichen U+{code:04X} an Zeichen {at}; entferne es{why_de}"
                ),
            );
        }
    }

    /// A warning for a session far from the event's days, compared as dates on the wall clock.
    fn days_around(&mut self, path: &str, event: &Event, start: LocalDateTime, end: LocalDateTime) {
        let first_day = event.start.local.date();
        let last_day = event.end.local.date();
        let (start_day, end_day) = (start.local.date(), end.local.date());
        let (field, day, days, before, event_day) =
            if (first_day - start_day).num_days() > DAYS_AROUND_EVENT {
                (
                    "start",
                    start_day,
                    (first_day - start_day).num_days(),
                    true,
                    first_day,
                )
            } else if (start_day - last_day).num_days() > DAYS_AROUND_EVENT {
                (
                    "start",
                    start_day,
                    (start_day - last_day).num_days(),
                    false,
                    last_day,
                )
            } else if (end_day - last_day).num_days() > DAYS_AROUND_EVENT {
                (
                    "end",
                    end_day,
                    (end_day - last_day).num_days(),
                    false,
                    last_day,
                )
            } else {
                return;
            };
        let (verb_en, verb_de) = if field == "start" {
            ("starts", "beginnt")
        } else {
            ("ends", "endet")
        };
        let (relation_en, relation_de) = if before {
            ("before the event's first", "vor dem ersten")
        } else {
            ("after the event's last", "nach dem letzten")
        };
        self.warning(
            format!("{path}.{field}"),
            say!(
                "the session {verb_en} on {day}, {days} days {relation_en} day ({event_day}); sessions may lie on the event's days or the day before or after — is the date right?",
                "der Programmpunkt {verb_de} am {day}, {days} Tage {relation_de} Tag der Veranstaltung ({event_day}); Programmpunkte dürfen an den Tagen der Veranstaltung oder am Tag davor oder danach liegen — stimmt das Datum?"
            ),
        );
    }

    fn links(&mut self, path: &str, links: &[Link]) {
        for (i, link) in links.iter().enumerate() {
            self.url(&format!("{path}[{i}].url"), &link.url);
            if let Some(title) = &link.title {
                self.title(&format!("{path}[{i}].title"), title);
            }
        }
    }

    /// The open-space board: rooms that are places, slots that are sessions, each once; a
    /// proposal window that runs forwards; a cap that lets someone propose.
    fn open_space(
        &mut self,
        event: &Event,
        space: &crate::open_space::OpenSpace,
        place_ids: &HashSet<&str>,
        session_ids: &HashSet<&str>,
        zone_known: bool,
    ) {
        for (list, ids, known, target) in [
            ("rooms", &space.rooms, place_ids, "places"),
            ("slots", &space.slots, session_ids, "sessions"),
        ] {
            if ids.is_empty() {
                self.error(
                    format!("open_space.{list}"),
                    say!(
                        "the board needs at least one entry in `{list}`",
                        "die Tafel braucht mindestens einen Eintrag in `{list}`"
                    ),
                );
            }
            for (i, id) in ids.iter().enumerate() {
                let path = format!("open_space.{list}[{i}]");
                if ids[..i].contains(id) {
                    let id = clip(id);
                    self.error(
                        path,
                        say!(
                            "`{id}` is in `{list}` twice",
                            "`{id}` steht zweimal in `{list}`"
                        ),
                    );
                } else {
                    self.reference(&path, id, known, target);
                }
            }
        }
        if space.max_proposals == Some(0) {
            self.error(
                "open_space.max_proposals",
                say!(
                    "a cap of 0 lets nobody propose; leave it out for the default of 100",
                    "bei einer Obergrenze von 0 kann niemand etwas vorschlagen; lass sie weg für die Vorgabe 100"
                ),
            );
        }
        if zone_known {
            let (open, close) = crate::open_space::proposal_window(event, space);
            let zone = event.time_zone.as_str();
            let (open_at, close_at) = (
                space
                    .proposals_open
                    .and_then(|t| self.instant("open_space.proposals_open", zone, t)),
                space
                    .proposals_close
                    .and_then(|t| self.instant("open_space.proposals_close", zone, t)),
            );
            let at = |t: LocalDateTime| crate::zone::to_instant(self.rules, zone, t);
            if let (Some(o), Some(c)) = (open_at.or(at(open)), close_at.or(at(close))) {
                if c <= o {
                    self.error(
                        "open_space.proposals_close",
                        say!(
                            "proposals close at {close}, which is not after they open ({open})",
                            "Vorschläge schließen um {close}, also nicht nach ihrem Beginn ({open})"
                        ),
                    );
                }
            }
        }
    }

    /// The map's tile source: a template the page can fill in, from a host it may load, with the
    /// credit its licence asks for.
    fn map(&mut self, map: &crate::event::MapTiles) {
        let tiles = clip(&map.tiles);
        let missing: Vec<&str> = ["{z}", "{x}", "{y}"]
            .into_iter()
            .filter(|p| !map.tiles.contains(p))
            .collect();
        if !missing.is_empty() {
            let missing = missing.join(", ");
            self.error(
                "map.tiles",
                say!(
                    "`{tiles}` lacks {missing}: a tile template has `{{z}}`, `{{x}}` and `{{y}}`, e.g. https://tile.openstreetmap.org/{{z}}/{{x}}/{{y}}.png",
                    "`{tiles}` fehlt {missing}: eine Kachel-Vorlage hat `{{z}}`, `{{x}}` und `{{y}}`, z. B. https://tile.openstreetmap.org/{{z}}/{{x}}/{{y}}.png"
                ),
            );
        } else if !crate::read::is_tile_template(&map.tiles) {
            self.error(
                "map.tiles",
                say!(
                    "`{tiles}` must be an https: URL or a path on this host starting with `/` (plain http: would let anyone on the venue's Wi-Fi see and change the map)",
                    "`{tiles}` muss eine https:-URL oder ein Pfad auf diesem Host sein, der mit `/` beginnt (mit http: könnte jede Person im WLAN der Veranstaltung die Karte sehen und ändern)"
                ),
            );
        }
        if map.attribution.trim().is_empty() {
            self.error(
                "map.attribution",
                say!(
                    "the tiles' licence asks for a credit on the map, e.g. “© OpenStreetMap contributors”",
                    "die Lizenz der Kacheln verlangt eine Quellenangabe auf der Karte, z. B. „© OpenStreetMap-Mitwirkende“"
                ),
            );
        }
        if let Some(zoom) = map.max_zoom {
            if !(1..=22).contains(&zoom) {
                self.error(
                    "map.max_zoom",
                    say!(
                        "a zoom of {zoom} does not exist: tile sources go from 1 to at most 22",
                        "einen Zoom von {zoom} gibt es nicht: Kachelquellen reichen von 1 bis höchstens 22"
                    ),
                );
            }
        }
        for (path, url) in [
            ("map.attribution_url", &map.attribution_url),
            ("map.privacy_url", &map.privacy_url),
        ] {
            if let Some(url) = url {
                self.url(path, url);
            }
        }
        if map.tiles.starts_with("https://") && map.privacy_url.is_none() {
            self.warning(
                "map",
                say!(
                    "no `privacy_url`: the page asks readers before it loads tiles from another host, and cannot link that host's privacy policy",
                    "keine `privacy_url`: die Seite fragt, bevor sie Kacheln von einem anderen Host lädt, und kann dessen Datenschutzerklärung nicht verlinken"
                ),
            );
        }
    }

    fn url(&mut self, path: &str, url: &str) {
        let length = url.chars().count();
        let shown = clip(url);
        if length > MAX_URL_CHARS {
            self.error(
                path,
                say!(
                    "the link is {length} characters long; at most {MAX_URL_CHARS} work everywhere",
                    "der Link ist {length} Zeichen lang; höchstens {MAX_URL_CHARS} funktionieren überall"
                ),
            );
        } else if url.contains(char::is_whitespace) && is_safe_url(&url.replace(' ', "")) {
            let fixed = clip(&url.replace(' ', ""));
            self.error(
                path,
                say!(
                    "`{shown}` contains spaces, which a link cannot have: write it as `{fixed}`",
                    "`{shown}` enthält Leerzeichen, die ein Link nicht haben kann: schreibe ihn als `{fixed}`"
                ),
            );
        } else if !is_safe_url(url) {
            let schemes = SAFE_SCHEMES.join(":, ");
            self.error(
                path,
                say!(
                    "`{shown}` is not an allowed link: use an absolute URL starting with {schemes}:",
                    "`{shown}` ist kein erlaubter Link: nimm eine absolute URL, die mit {schemes}: beginnt"
                ),
            );
        }
    }

    fn zone(&mut self, zone: &str) -> bool {
        if self.rules.is_known(zone) {
            // `CET`, `EST`, `Japan`: old aliases that name no place, so the page cannot say whose
            // clock it shows, and some follow no local law (`EST` never has summer time).
            if !zone.contains('/') && zone != "UTC" {
                let zone = clip(zone);
                self.warning(
                    "time_zone",
                    say!(
                        "`{zone}` is an old alias, not the zone of a place: write the zone of the \
                         event's city, such as `Europe/Berlin`, so the page can name it and \
                         daylight saving time comes out right",
                        "`{zone}` ist ein alter Alias, nicht die Zone eines Ortes: schreibe die \
                         Zone der Stadt der Veranstaltung, etwa `Europe/Berlin`, damit die Seite \
                         sie nennen kann und die Sommerzeit stimmt"
                    ),
                );
            }
            return true;
        }
        self.error("time_zone", unknown_zone(zone));
        false
    }

    /// Resolves `start` and `end` under `path` and checks that the span runs forwards.
    fn span(
        &mut self,
        path: &str,
        zone: &str,
        start: LocalDateTime,
        end: LocalDateTime,
    ) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
        let join = |field: &str| {
            if path.is_empty() {
                field.to_owned()
            } else {
                format!("{path}.{field}")
            }
        };
        let start_instant = self.instant(&join("start"), zone, start);
        let end_instant = self.instant(&join("end"), zone, end);
        let (start_instant, end_instant) = (start_instant?, end_instant?);
        if end_instant <= start_instant {
            self.error(
                join("end"),
                say!(
                    "ends at {end}, which is not after its start {start}",
                    "endet um {end}, also nicht nach seinem Beginn {start}"
                ),
            );
            return None;
        }
        Some((start_instant, end_instant))
    }

    fn instant(&mut self, path: &str, zone: &str, time: LocalDateTime) -> Option<DateTime<Utc>> {
        match resolve(self.rules, zone, time) {
            Resolution::Unique(instant) => Some(instant),
            Resolution::Ambiguous(first, second) => {
                let [first, second] = [first, second].map(|instant| {
                    let offset = self.rules.offset_at(zone, instant).unwrap_or_default();
                    format!("{time}{}", crate::time::format_offset(offset, ":"))
                });
                self.error(
                    path,
                    say!(
                        "{time} happens twice in {zone} (clocks fall back); add the offset to pick one: {first} or {second}",
                        "{time} kommt in {zone} zweimal vor (die Uhren werden zurückgestellt); wähle eine mit dem Versatz: {first} oder {second}"
                    ),
                );
                None
            }
            Resolution::Gap { before, after } => {
                let (from, to, later) = (
                    before.format("%H:%M"),
                    after.format("%H:%M"),
                    after.format("%Y-%m-%dT%H:%M"),
                );
                self.error(
                    path,
                    say!(
                        "{time} does not exist in {zone} (clocks skip {from}→{to}); use {later} or later",
                        "{time} gibt es in {zone} nicht (die Uhren springen von {from} auf {to}); nimm {later} oder später"
                    ),
                );
                None
            }
            Resolution::OffsetMismatch { expected } => {
                let expected: Vec<String> = expected.iter().map(|o| utc_label(*o)).collect();
                let (en, de) = (expected.join(" or "), expected.join(" oder "));
                self.error(
                    path,
                    say!(
                        "the offset of {time} does not match {zone}, which is {en} then",
                        "der Versatz von {time} passt nicht zu {zone}, wo dann {de} gilt"
                    ),
                );
                None
            }
            Resolution::UnknownZone => None,
        }
    }
}

/// What to say about a zone the rules do not know: what it looks like it is (an abbreviation, an
/// offset, a city, a typo) and, with the IANA database at hand, the names it probably means.
fn unknown_zone(zone: &str) -> Text {
    let shown = clip(zone);
    let trimmed = zone.trim();
    let upper = trimmed.to_ascii_uppercase();
    if let Some((_, zones)) = ABBREVIATIONS.iter().find(|(abbr, _)| *abbr == upper) {
        let (en, de) = (
            did_you_mean(zones, Language::En),
            did_you_mean(zones, Language::De),
        );
        return say!(
            "`{shown}` is an abbreviation, not an IANA time zone: write the zone of the event's place{en}",
            "`{shown}` ist eine Abkürzung, keine IANA-Zeitzone: schreibe die Zone des Ortes der Veranstaltung{de}"
        );
    }
    let offset = ["UTC+", "UTC-", "GMT+", "GMT-", "+", "-"]
        .iter()
        .any(|prefix| upper.starts_with(prefix) && upper.len() > prefix.len());
    if offset {
        return say!(
            "`{shown}` is an offset, not an IANA time zone: write the zone of the event's place, such as `Europe/Berlin`, so daylight saving time comes out right (or `UTC`)",
            "`{shown}` ist ein Versatz, keine IANA-Zeitzone: schreibe die Zone des Ortes der Veranstaltung, etwa `Europe/Berlin`, damit die Sommerzeit stimmt (oder `UTC`)"
        );
    }
    #[cfg(feature = "tzdb")]
    {
        let names: Vec<&str> = crate::tzdb::zone_names().collect();
        let suggestions = zone_suggestions(trimmed, &names);
        if !suggestions.is_empty() {
            let (en, de) = (
                did_you_mean(&suggestions, Language::En),
                did_you_mean(&suggestions, Language::De),
            );
            return say!(
                "`{shown}` is not an IANA time zone{en}",
                "`{shown}` ist keine IANA-Zeitzone{de}"
            );
        }
    }
    say!(
        "`{shown}` is not an IANA time zone such as `Europe/Berlin`, `America/New_York` or `UTC`",
        "`{shown}` ist keine IANA-Zeitzone wie `Europe/Berlin`, `America/New_York` oder `UTC`"
    )
}

/// Common abbreviations people write for a zone, with the zones they most likely mean. (`CET`,
/// `EST`, `MST`, `HST`, `EET`, `WET` are IANA names themselves and never get here.)
const ABBREVIATIONS: [(&str, &[&str]); 14] = [
    (
        "CEST",
        &["Europe/Berlin", "Europe/Paris", "Europe/Amsterdam"],
    ),
    ("BST", &["Europe/London"]),
    ("IST", &["Asia/Kolkata", "Europe/Dublin", "Asia/Jerusalem"]),
    ("PST", &["America/Los_Angeles"]),
    ("PDT", &["America/Los_Angeles"]),
    ("MDT", &["America/Denver"]),
    ("CST", &["America/Chicago", "Asia/Shanghai"]),
    ("CDT", &["America/Chicago"]),
    ("EDT", &["America/New_York"]),
    ("AEST", &["Australia/Sydney"]),
    ("AEDT", &["Australia/Sydney"]),
    ("JST", &["Asia/Tokyo"]),
    ("NZST", &["Pacific/Auckland"]),
    ("NZDT", &["Pacific/Auckland"]),
];

/// A warning for a language code no reader has.
fn unknown_language(code: &str) -> Text {
    let near = closest_language(code);
    let hint = |language| {
        near.map(|near| did_you_mean(&[near], language))
            .unwrap_or_default()
    };
    let (en, de, code) = (hint(Language::En), hint(Language::De), clip(code));
    say!(
        "`{code}` is not a language code readers' browsers use (ISO 639-1){en}",
        "`{code}` ist kein Sprachcode, den Browser verwenden (ISO 639-1){de}"
    )
}

/// `a`, `a and b`, `a, b and c` (with `and` in the message's language).
fn list_of(items: &[String], and: &str) -> String {
    match items.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} {and} {last}", rest.join(", ")),
    }
}

/// Where one language's version of a text is: `title.de`, or `title` for a plain string.
fn version_path(path: &str, language: Option<&str>) -> String {
    match language {
        Some(language) => format!("{path}.{language}"),
        None => path.to_owned(),
    }
}

/// ` — did you mean `a`?`, ` — did you mean `a` or `b`?`, ` — did you mean `a`, `b` or `c`?`
fn did_you_mean(names: &[&str], language: Language) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    let (question, or) = match language {
        Language::En => ("did you mean", "or"),
        Language::De => ("meintest du", "oder"),
    };
    match quoted.split_last() {
        None => String::new(),
        Some((last, [])) => format!(" — {question} {last}?"),
        Some((last, rest)) => format!(" — {question} {} {or} {last}?", rest.join(", ")),
    }
}

/// The zones `zone` probably means: the same name in another letter case or with spaces
/// (`europe/berlin`, `America/New York`); zones whose city is the one written (`Berlin`,
/// `Asia/Berlin`); else the closest names by edit distance, on the whole name or on its city.
#[cfg(feature = "tzdb")]
fn zone_suggestions<'a>(zone: &str, names: &[&'a str]) -> Vec<&'a str> {
    use crate::suggest::distance;
    /// Enough for a city with two names, few enough to read.
    const MAX_ZONE_SUGGESTIONS: usize = 3;
    let key = |name: &str| name.trim().to_lowercase().replace(' ', "_");
    let city = |name: &str| name.rsplit('/').next().unwrap_or(name).to_owned();
    let wanted = key(zone);
    let wanted_city = city(&wanted);
    let pick = |mut found: Vec<&'a str>| {
        found.sort_unstable();
        found.truncate(MAX_ZONE_SUGGESTIONS);
        found
    };
    let same: Vec<&str> = names.iter().copied().filter(|n| key(n) == wanted).collect();
    if !same.is_empty() {
        return pick(same);
    }
    let same_city: Vec<&str> = names
        .iter()
        .copied()
        .filter(|n| n.contains('/') && city(&key(n)) == wanted_city)
        .collect();
    if !same_city.is_empty() {
        return pick(same_city);
    }
    let limit = (wanted.chars().count() / 3).max(2);
    let city_limit = (wanted_city.chars().count() / 3).max(1);
    let scored: Vec<(usize, &str)> = names
        .iter()
        .copied()
        .filter_map(|name| {
            let name_key = key(name);
            let whole = distance(&wanted, &name_key);
            let by_city = distance(&wanted_city, &city(&name_key));
            let score = match (whole <= limit, by_city <= city_limit) {
                (true, true) => whole.min(by_city),
                (true, false) => whole,
                (false, true) => by_city,
                (false, false) => return None,
            };
            Some((score, name))
        })
        .collect();
    let Some(best) = scored.iter().map(|(score, _)| *score).min() else {
        return Vec::new();
    };
    pick(
        scored
            .into_iter()
            .filter(|(score, _)| *score == best)
            .map(|(_, name)| name)
            .collect(),
    )
}

/// Long values are shortened in messages so a 1 MB typo does not produce a 1 MB message.
fn clip(text: &str) -> String {
    const MAX: usize = 60;
    if text.chars().count() <= MAX {
        text.to_owned()
    } else {
        format!("{}…", text.chars().take(MAX).collect::<String>())
    }
}

#[cfg(all(test, feature = "tzdb"))]
mod tests {
    use super::*;

    #[test]
    fn an_unknown_zone_message_suggests_what_the_organizer_probably_meant() {
        for (zone, expected) in [
            ("Berlin", "did you mean `Europe/Berlin`?"),
            ("berlin", "did you mean `Europe/Berlin`?"),
            ("europe/berlin", "did you mean `Europe/Berlin`?"),
            ("Europe/Berln", "did you mean `Europe/Berlin`?"),
            ("New York", "did you mean `America/New_York`?"),
            ("Europe/New_York", "did you mean `America/New_York`?"),
            (
                "Buenos Aires",
                "did you mean `America/Argentina/Buenos_Aires` or `America/Buenos_Aires`?",
            ),
            ("Kolkatta", "did you mean `Asia/Kolkata`?"),
            ("PST", "abbreviation, not an IANA time zone"),
            (
                "CEST",
                "`Europe/Berlin`, `Europe/Paris` or `Europe/Amsterdam`",
            ),
            ("UTC+1", "is an offset, not an IANA time zone"),
            ("Mars/Olympus_Mons", "such as `Europe/Berlin`"),
        ] {
            let message = unknown_zone(zone);
            assert!(message.contains(expected), "{zone}: {message}");
            assert!(message.version("de").is_some_and(|de| de.contains("IANA")));
        }
    }

    #[test]
    fn did_you_mean_reads_like_a_sentence() {
        assert_eq!(did_you_mean(&[], Language::En), "");
        assert_eq!(did_you_mean(&["a"], Language::En), " — did you mean `a`?");
        assert_eq!(
            did_you_mean(&["a", "b"], Language::En),
            " — did you mean `a` or `b`?"
        );
        assert_eq!(
            did_you_mean(&["a", "b", "c"], Language::En),
            " — did you mean `a`, `b` or `c`?"
        );
        assert_eq!(
            did_you_mean(&["a", "b", "c"], Language::De),
            " — meintest du `a`, `b` oder `c`?"
        );
    }
}

/// "`a`, `b` and `c`", or the first few of a long list.
fn list_of_ids(ids: &[&str], language: Language) -> String {
    const SHOWN: usize = 8;
    let quoted: Vec<String> = ids
        .iter()
        .take(SHOWN)
        .map(|id| format!("`{}`", clip(id)))
        .collect();
    let more = ids.len().saturating_sub(SHOWN);
    let (and, others) = match language {
        Language::En => ("and", "more"),
        Language::De => ("und", "weitere"),
    };
    match (quoted.split_last(), more) {
        (None, _) => String::new(),
        (Some((last, [])), 0) => last.clone(),
        (Some((last, rest)), 0) => format!("{} {and} {last}", rest.join(", ")),
        (Some(_), more) => format!("{} {and} {more} {others}", quoted.join(", ")),
    }
}
