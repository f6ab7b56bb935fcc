//! A text of the event file, written once or once per language.
//!
//! Wherever the file takes a text it takes either a string — `"title": "Hackathon"`, in the event's
//! `default_language` — or an object of language codes — `"title": {"en": "Hackathon", "de":
//! "Hackathon"}`. The page shows the reader's language, else the event's default, else the first
//! one given (the rule pretalx's widget follows), and marks text shown in another language than
//! the reader's with its own `lang` so screen readers pronounce it right.
//!
//! A [`Text`] keeps every version and reads as the one chosen for the reader ([`Text::choose`];
//! the first one until then), so code that shows a text treats it as a `&str`.

use std::fmt;
use std::ops::Deref;

use serde::de::{self, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A text as the file wrote it, showing the version chosen for the reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    /// `(language, text)` in file order; the language is empty for a plain string. Never empty.
    versions: Vec<(String, String)>,
    /// Index of the version the page shows.
    shown: usize,
    /// The shown version's language, when it is known and not the reader's.
    other_language: Option<String>,
}

impl Default for Text {
    fn default() -> Text {
        Text::from(String::new())
    }
}

impl From<String> for Text {
    fn from(text: String) -> Text {
        Text {
            versions: vec![(String::new(), text)],
            shown: 0,
            other_language: None,
        }
    }
}

impl From<&str> for Text {
    fn from(text: &str) -> Text {
        Text::from(text.to_owned())
    }
}

impl Deref for Text {
    type Target = str;

    fn deref(&self) -> &str {
        self.versions.get(self.shown).map_or("", |(_, text)| text)
    }
}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        **self == *other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        **self == **other
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self)
    }
}

impl Text {
    /// A text written in code in several languages, such as a problem message in English and
    /// German (see [`say!`](crate::say)).
    pub fn in_languages(versions: impl IntoIterator<Item = (&'static str, String)>) -> Text {
        let versions: Vec<(String, String)> = versions
            .into_iter()
            .map(|(language, text)| (language.to_owned(), text))
            .collect();
        if versions.is_empty() {
            return Text::default();
        }
        Text {
            versions,
            shown: 0,
            other_language: None,
        }
    }

    /// The version in `language`, when there is one.
    pub fn version(&self, language: &str) -> Option<&str> {
        self.versions
            .iter()
            .find(|(given, _)| given == language)
            .map(|(_, text)| text.as_str())
    }

    /// Rewrites each version, as one-line output needs.
    pub fn map_versions(&mut self, rewrite: impl Fn(&str) -> String) {
        for (_, text) in &mut self.versions {
            *text = rewrite(text);
        }
    }

    /// The shown text.
    pub fn as_str(&self) -> &str {
        self
    }

    /// Each version as `(language, text)`; the language is `None` for a plain string.
    pub fn versions(&self) -> impl Iterator<Item = (Option<&str>, &str)> {
        self.versions.iter().map(|(language, text)| {
            (
                (!language.is_empty()).then_some(language.as_str()),
                text.as_str(),
            )
        })
    }

    /// Whether the file gave this text per language.
    pub fn is_per_language(&self) -> bool {
        self.versions
            .iter()
            .any(|(language, _)| !language.is_empty())
    }

    /// Shows the version in `reader`'s language, else in `default`, else the first; a plain
    /// string is in `default`.
    pub fn choose(&mut self, reader: &str, default: Option<&str>) {
        let find = |wanted: &str| {
            self.versions
                .iter()
                .position(|(language, _)| same_language(language, wanted))
        };
        self.shown = find(reader).or_else(|| default.and_then(find)).unwrap_or(0);
        let language = self
            .versions
            .get(self.shown)
            .map(|(language, _)| language.as_str())
            .filter(|language| !language.is_empty())
            .or(default);
        self.other_language = language
            .filter(|language| !same_language(language, reader))
            .map(str::to_owned);
    }

    /// The language of the shown text when the reader reads another: the value for its element's
    /// `lang` attribute.
    pub fn other_language(&self) -> Option<String> {
        self.other_language.clone()
    }
}

/// Whether two language codes name the same language: `de` and `de-AT` do, `de` and `en` do not.
pub fn same_language(a: &str, b: &str) -> bool {
    let primary = |code: &str| {
        code.split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase()
    };
    !a.is_empty() && primary(a) == primary(b)
}

/// Whether `code` is shaped like a language code: two or three lowercase letters, then optional
/// `-` subtags such as a region (`de`, `pt-BR`, `zh-Hant`). Whether the language exists is the
/// organizer checker's question.
pub fn is_language_code(code: &str) -> bool {
    let mut parts = code.split('-');
    let primary = parts.next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_lowercase())
        && parts.all(|part| {
            (1..=8).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_alphanumeric())
        })
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if !self.is_per_language() {
            return serializer.serialize_str(self.versions.first().map_or("", |(_, text)| text));
        }
        let mut map = serializer.serialize_map(Some(self.versions.len()))?;
        for (language, text) in &self.versions {
            map.serialize_entry(language, text)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Text {
    // Out of line: serde_json's `deserialize_any` is large, and inlined into every list and
    // optional field of texts it would be copied a dozen times into the wasm.
    #[inline(never)]
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Text, D::Error> {
        deserializer.deserialize_any(TextVisitor)
    }
}

struct TextVisitor;

/// What a text field takes, in serde's "expected …" (the checker says it in German too).
pub(crate) const EXPECTING: &str =
    "a text, or an object of texts by language such as {\"en\": \"…\", \"de\": \"…\"}";

/// The message for `{}` where a text belongs.
pub(crate) const EMPTY_OBJECT: &str =
    "an empty object: give the text as a string, or at least one language such as {\"en\": \"…\"}";

impl<'de> Visitor<'de> for TextVisitor {
    type Value = Text;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(EXPECTING)
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Text, E> {
        Ok(Text::from(text))
    }

    fn visit_string<E: de::Error>(self, text: String) -> Result<Text, E> {
        Ok(Text::from(text))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Text, A::Error> {
        let mut versions: Vec<(String, String)> = Vec::new();
        while let Some(language) = map.next_key::<String>()? {
            if !is_language_code(&language) {
                return Err(de::Error::custom(format_args!(
                    "`{language}` is not a language code such as `en`, `de` or `pt-BR`"
                )));
            }
            if versions.iter().any(|(seen, _)| *seen == language) {
                return Err(de::Error::custom(format_args!(
                    "`{language}` is given twice"
                )));
            }
            let text: String = map.next_value()?;
            versions.push((language, text));
        }
        if versions.is_empty() {
            return Err(de::Error::custom(EMPTY_OBJECT));
        }
        Ok(Text {
            versions,
            shown: 0,
            other_language: None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(json: &str) -> Result<Text, String> {
        serde_json::from_str(json).map_err(|e| e.to_string())
    }

    #[test]
    fn a_plain_string_and_a_language_object_both_read_as_text() {
        assert_eq!(&*read(r#""Hackathon""#).unwrap_or_default(), "Hackathon");
        let text = read(r#"{"en": "Third", "de": "Dritter"}"#).unwrap_or_default();
        assert_eq!(&*text, "Third", "the first version until one is chosen");
        assert!(text.is_per_language());
        assert_eq!(
            text.versions().collect::<Vec<_>>(),
            [(Some("en"), "Third"), (Some("de"), "Dritter")]
        );
    }

    #[test]
    fn the_reader_gets_their_language_else_the_default_else_the_first() {
        let mut text =
            read(r#"{"fr": "Troisième", "en": "Third", "de": "Dritter"}"#).unwrap_or_default();
        text.choose("de", Some("en"));
        assert_eq!((&*text, text.other_language()), ("Dritter", None));
        text.choose("de-AT", Some("en"));
        assert_eq!(&*text, "Dritter", "a regional reader reads the language");
        text.choose("it", Some("en"));
        assert_eq!(
            (&*text, text.other_language()),
            ("Third", Some("en".to_owned()))
        );
        text.choose("it", None);
        assert_eq!(
            (&*text, text.other_language()),
            ("Troisième", Some("fr".to_owned()))
        );
        text.choose("it", Some("es"));
        assert_eq!(
            &*text, "Troisième",
            "a default the text lacks falls back to the first"
        );
    }

    #[test]
    fn a_plain_string_is_in_the_default_language() {
        let mut text = Text::from("Cluster stacks");
        text.choose("de", Some("en"));
        assert_eq!(
            (&*text, text.other_language()),
            ("Cluster stacks", Some("en".to_owned()))
        );
        text.choose("en", Some("en"));
        assert_eq!(text.other_language(), None);
        text.choose("de", None);
        assert_eq!(
            text.other_language(),
            None,
            "no default: the language is not known"
        );
    }

    #[test]
    fn mistakes_in_a_language_object_are_named() {
        let error = read("{}").err().unwrap_or_default();
        assert!(error.contains("an empty object"), "{error}");
        let error = read(r#"{"English": "Third"}"#).err().unwrap_or_default();
        assert!(
            error.contains("`English` is not a language code"),
            "{error}"
        );
        let error = read(r#"{"de": "a", "de": "b"}"#).err().unwrap_or_default();
        assert!(error.contains("`de` is given twice"), "{error}");
        let error = read("12").err().unwrap_or_default();
        assert!(
            error.contains("a text, or an object of texts by language"),
            "{error}"
        );
        assert!(read(r#"{"de": 3}"#).is_err());
    }

    #[test]
    fn texts_are_written_back_as_they_were_read() {
        for json in [r#""Hackathon""#, r#"{"en":"Third","de":"Dritter"}"#] {
            let text = read(json).unwrap_or_default();
            assert_eq!(serde_json::to_string(&text).unwrap_or_default(), json);
        }
    }

    #[test]
    fn language_codes_are_shaped_like_bcp47_tags() {
        for good in ["en", "de", "pt-BR", "zh-Hant", "gsw", "de-CH-1996"] {
            assert!(is_language_code(good), "{good}");
        }
        for bad in ["", "e", "EN", "english", "de_DE", "de-", "-de", "d1"] {
            assert!(!is_language_code(bad), "{bad}");
        }
        assert!(same_language("de", "de-AT") && same_language("DE", "de"));
        assert!(!same_language("de", "en") && !same_language("", "en"));
    }
}
