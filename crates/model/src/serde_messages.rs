//! What serde and serde_json say about a file, in words organizers use, in English and German.
//!
//! serde's messages arrive as English strings of a few fixed shapes (`invalid type: …, expected
//! …`, `unknown field `…`, expected one of …`, `missing field `…``), and so do the messages of
//! this crate's own deserializers (times, texts per language). They are read apart here and said
//! again in both languages. A shape this module does not know stays English only, and the page
//! marks it `lang="en"`; the native tests check that every fixture's problem has its German.

use crate::language::{Language, MONTHS_DE, MONTHS_EN};
use crate::say;
use crate::text::Text;

/// A serde message (without serde_json's " at line L column C") for organizers.
pub(crate) fn humane(message: &str) -> Text {
    let message = message.split(" at line ").next().unwrap_or(message);
    for (prefix, kind) in [
        ("invalid type: ", Wrong::Type),
        ("invalid value: ", Wrong::Value),
    ] {
        if let Some((found, expected)) = message
            .strip_prefix(prefix)
            .and_then(|rest| rest.rsplit_once(", expected "))
        {
            return wrong_value(kind, found, expected);
        }
    }
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let name = rest.split('`').nth(1).unwrap_or_default();
        let allowed: Vec<&str> = rest.split('`').skip(3).step_by(2).collect();
        return match crate::suggest::closest(name, allowed.iter().copied()) {
            Some(best) => say!(
                "unknown field `{name}` — did you mean `{best}`?",
                "unbekanntes Feld `{name}` — meintest du `{best}`?"
            ),
            None => {
                let allowed = allowed.join(", ");
                say!(
                    "unknown field `{name}`; allowed here: {allowed}",
                    "unbekanntes Feld `{name}`; erlaubt sind hier: {allowed}"
                )
            }
        };
    }
    if let Some(rest) = message.strip_prefix("unknown variant ") {
        let name = rest.split('`').nth(1).unwrap_or_default();
        let allowed = rest
            .split('`')
            .skip(3)
            .step_by(2)
            .collect::<Vec<_>>()
            .join(", ");
        return say!(
            "`{name}` is not one of: {allowed}",
            "`{name}` ist keiner der Werte: {allowed}"
        );
    }
    if let Some(name) = quoted_after(message, "missing field ") {
        return say!("missing field `{name}`", "das Feld `{name}` fehlt");
    }
    if let Some(name) = quoted_after(message, "duplicate field ") {
        return say!(
            "duplicate field `{name}`",
            "das Feld `{name}` steht zweimal da"
        );
    }
    own_message(message).unwrap_or_else(|| Text::from(message))
}

/// serde_json's syntax messages (`expected `,` or `}``), in German; `None` for one it never wrote.
pub(crate) fn german_syntax(message: &str) -> Option<&'static str> {
    Some(match message {
        "EOF while parsing a list" => "Dateiende mitten in einer Liste",
        "EOF while parsing an object" => "Dateiende mitten in einem Objekt",
        "EOF while parsing a string" => "Dateiende mitten in einem Text",
        "EOF while parsing a value" => "Dateiende, wo ein Wert stehen sollte",
        "expected `:`" => "hier gehört ein `:` hin",
        "expected `,` or `]`" => "hier gehört ein `,` oder `]` hin",
        "expected `,` or `}`" => "hier gehört ein `,` oder `}` hin",
        "expected ident" => "unbekanntes Wort (gemeint ist wohl true, false oder null)",
        "expected value" => "hier gehört ein Wert hin",
        "expected `\"`" => "hier gehört ein `\"` hin",
        "invalid escape" => "ungültige Escape-Sequenz",
        "invalid number" => "ungültige Zahl",
        "number out of range" => "die Zahl ist zu groß",
        "invalid unicode code point" => "ungültiger Unicode-Codepunkt",
        "control character (\\u0000-\\u001F) found while parsing a string" => {
            "Steuerzeichen (\\u0000-\\u001F) in einem Text"
        }
        "key must be a string" => "ein Schlüssel muss ein Text in doppelten Anführungszeichen sein",
        "lone leading surrogate in hex escape" => "einzelnes Surrogat in einer Hex-Escape-Sequenz",
        "trailing comma" => "Komma nach dem letzten Eintrag",
        "trailing characters" => "Zeichen nach dem Ende des JSON",
        "unexpected end of hex escape" => "unvollständige Hex-Escape-Sequenz",
        "recursion limit exceeded" => "zu tief verschachtelt",
        _ => return None,
    })
}

#[derive(Clone, Copy)]
enum Wrong {
    Type,
    Value,
}

/// `invalid type: string "10", expected u32`: Rust's type names become "a whole number", and a
/// number in quotes gets told to lose them.
fn wrong_value(kind: Wrong, found: &str, expected: &str) -> Text {
    let number = matches!(expected, "u8" | "u16" | "u32" | "u64" | "f64");
    let (hint_en, hint_de) = if number && found.starts_with("string ") {
        (
            " — write numbers without quotes",
            " — schreibe Zahlen ohne Anführungszeichen",
        )
    } else if found.starts_with("integer `-") && expected == "u32" {
        // Both whole-number fields (a capacity, the schema version) start at 1.
        (" of 1 or more", " ab 1")
    } else {
        ("", "")
    };
    let [found_en, found_de] = Language::ALL.map(|language| found_words(found, language));
    let [expected_en, expected_de] =
        Language::ALL.map(|language| expected_words(expected, language));
    match kind {
        Wrong::Type => say!(
            "invalid type: {found_en}, expected {expected_en}{hint_en}",
            "falscher Typ: {found_de}, erwartet wird {expected_de}{hint_de}"
        ),
        Wrong::Value => say!(
            "invalid value: {found_en}, expected {expected_en}{hint_en}",
            "ungültiger Wert: {found_de}, erwartet wird {expected_de}{hint_de}"
        ),
    }
}

/// What the file had, as serde names it (`string "10"`, `map`, `null`).
fn found_words(found: &str, language: Language) -> String {
    let german = language == Language::De;
    let kinds: [(&str, &str, &str); 5] = [
        ("string ", "string ", "der Text "),
        ("integer ", "integer ", "die ganze Zahl "),
        ("floating point ", "floating point ", "die Zahl "),
        ("boolean ", "boolean ", "der Wahrheitswert "),
        ("character ", "character ", "das Zeichen "),
    ];
    for (prefix, en, de) in kinds {
        if let Some(value) = found.strip_prefix(prefix) {
            return format!("{}{value}", if german { de } else { en });
        }
    }
    let (en, de) = match found {
        "map" => ("an object { … }", "ein Objekt { … }"),
        "sequence" => ("a list [ … ]", "eine Liste [ … ]"),
        "null" | "unit value" => ("null", "null"),
        _ => (found, found),
    };
    (if german { de } else { en }).to_owned()
}

/// What belonged there, as the deserializer expected it (`u32`, `a string`, `struct Place`).
fn expected_words(expected: &str, language: Language) -> String {
    let german = language == Language::De;
    let (en, de) = match expected {
        "u8" | "u16" | "u32" | "u64" => ("a whole number", "eine ganze Zahl"),
        "f64" => ("a number", "eine Zahl"),
        "a sequence" => ("a list [ … ]", "eine Liste [ … ]"),
        "a string" => (
            "a text in double quotes",
            "ein Text in doppelten Anführungszeichen",
        ),
        "a boolean" => ("a boolean", "true oder false"),
        "a map" => ("an object { … }", "ein Objekt { … }"),
        crate::time::EXPECTING => (
            crate::time::EXPECTING,
            "ein Datum mit Uhrzeit in doppelten Anführungszeichen, z. B. \"2023-11-08T10:00\"",
        ),
        crate::text::EXPECTING => (
            crate::text::EXPECTING,
            "ein Text oder ein Objekt mit Texten je Sprache wie {\"en\": \"…\", \"de\": \"…\"}",
        ),
        _ if expected.starts_with(crate::word::ONE_OF) => {
            let words = &expected[crate::word::ONE_OF.len()..];
            return match language {
                Language::En => expected.to_owned(),
                Language::De => format!("eines von: {words}"),
            };
        }
        // `struct Signups` is Rust's name for the shape; organizers think in objects.
        _ if expected.starts_with("struct ") => ("an object { … }", "ein Objekt { … }"),
        _ => (expected, expected),
    };
    (if german { de } else { en }).to_owned()
}

/// The name in backticks after `prefix`: `missing field `id`` → `id`.
fn quoted_after<'a>(message: &'a str, prefix: &str) -> Option<&'a str> {
    message.strip_prefix(prefix)?.split('`').nth(1)
}

/// The messages of this crate's own deserializers: a time that is no time, a text per language
/// with a bad code. They quote the organizer's value first, so they are matched by their ends.
fn own_message(message: &str) -> Option<Text> {
    const ENDINGS: [(&str, &str); 8] = [
        (
            "` is not a date and time: write it as YYYY-MM-DDTHH:MM in the event's time zone, e.g. 2023-11-08T10:00",
            "` ist kein Datum mit Uhrzeit: schreibe es als YYYY-MM-DDTHH:MM in der Zeitzone der Veranstaltung, z. B. 2023-11-08T10:00",
        ),
        ("`: the month is 01–12", "`: der Monat ist 01–12"),
        ("`: the hour is 00–23", "`: die Stunde ist 00–23"),
        ("`: the minutes are 00–59", "`: die Minuten sind 00–59"),
        ("`: the seconds are 00–59", "`: die Sekunden sind 00–59"),
        (
            "`: the offset is written +HH:MM or -HH:MM (at most 18:00), or Z for UTC",
            "`: der Versatz wird +HH:MM oder -HH:MM (höchstens 18:00) geschrieben, oder Z für UTC",
        ),
        (
            "` is not a language code such as `en`, `de` or `pt-BR`",
            "` ist kein Sprachcode wie `en`, `de` oder `pt-BR`",
        ),
        ("` is given twice", "` kommt zweimal vor"),
    ];
    let both = |de: String| Some(Text::in_languages([("en", message.to_owned()), ("de", de)]));
    for (en, de) in ENDINGS {
        if let Some(value) = message.strip_suffix(en) {
            return both(format!("{value}{de}"));
        }
    }
    if message == crate::text::EMPTY_OBJECT {
        return both(
            "ein leeres Objekt: gib den Text als String an oder mindestens eine Sprache wie {\"en\": \"…\"}"
                .to_owned(),
        );
    }
    // "`2023-02-30T10:00`: February 2023 has 28 days"
    let (value, days) = message.rsplit_once("`: ")?;
    let (month, rest) = days.split_once(' ')?;
    let (year, count) = rest.split_once(" has ")?;
    let count = count.strip_suffix(" days")?;
    let month = MONTHS_EN.iter().position(|name| *name == month)?;
    let german = MONTHS_DE.get(month)?;
    both(format!("{value}`: {german} {year} hat {count} Tage"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn both(message: &str) -> (String, String) {
        let text = humane(message);
        (
            text.to_string(),
            text.version("de").unwrap_or("(no German)").to_owned(),
        )
    }

    #[test]
    fn serde_shapes_are_said_in_english_and_german() {
        assert_eq!(
            both("invalid type: string \"10\", expected u32"),
            (
                "invalid type: string \"10\", expected a whole number — write numbers without quotes".to_owned(),
                "falscher Typ: der Text \"10\", erwartet wird eine ganze Zahl — schreibe Zahlen ohne Anführungszeichen".to_owned()
            )
        );
        assert_eq!(
            both("invalid type: map, expected struct Signups").1,
            "falscher Typ: ein Objekt { … }, erwartet wird ein Objekt { … }"
        );
        assert_eq!(
            both("missing field `title`"),
            (
                "missing field `title`".to_owned(),
                "das Feld `title` fehlt".to_owned()
            )
        );
        assert_eq!(
            both("unknown field `titel`, expected one of `id`, `title`").1,
            "unbekanntes Feld `titel` — meintest du `title`?"
        );
        assert_eq!(
            both("unknown variant `venu`, expected one of `venue`, `hotel`").1,
            "`venu` ist keiner der Werte: venue, hotel"
        );
    }

    #[test]
    fn the_crates_own_messages_are_said_in_german_keeping_the_value() {
        assert_eq!(
            both("`2023-02-30T10:00`: February 2023 has 28 days").1,
            "`2023-02-30T10:00`: Februar 2023 hat 28 Tage"
        );
        assert_eq!(
            both("`a: the hour`: the hour is 00–23").1,
            "`a: the hour`: die Stunde ist 00–23"
        );
        assert_eq!(
            both("`English` is not a language code such as `en`, `de` or `pt-BR`").1,
            "`English` ist kein Sprachcode wie `en`, `de` oder `pt-BR`"
        );
    }

    #[test]
    fn an_unknown_shape_stays_english_only() {
        let text = humane("invalid length 3, with a shape serde may add one day");
        assert_eq!(text.version("de"), None);
        assert!(!text.is_per_language());
    }

    #[test]
    fn every_syntax_message_serde_json_writes_has_german() {
        for json in [
            "[1",
            "{\"a\":1",
            "\"abc",
            "",
            "{\"a\" 1}",
            "[1 2]",
            "{\"a\":1 \"b\":2}",
            "{\"a\":nul}",
            "{\"a\":}",
            "\"\\q\"",
            "-",
            "1e999",
            "\"\\uDFFF\"",
            "{1:2}",
            "[1,]",
            "[1] x",
            "\"\\u12\"",
            "\"a\u{1}\"",
        ] {
            let Err(error) = serde_json::from_str::<serde_json::Value>(json) else {
                panic!("{json} parsed");
            };
            let message = error.to_string();
            let message = message.split(" at line ").next().unwrap_or_default();
            assert!(german_syntax(message).is_some(), "{json}: {message}");
        }
    }
}
