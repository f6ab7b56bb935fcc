//! Unit enums the file writes as one word (`"kind": "meal"`), read through one small visitor they
//! all share. serde's derive gives each such enum its own deserializer of about a kilobyte of
//! wasm; these are the same for every enum except the list of words.

use std::fmt;

use serde::de::{self, Deserializer, Visitor};

/// `impl Deserialize for $enum` and `$enum::name()` from its words, in the order of its values. The words are the
/// ones `#[serde(rename_all = …)]` gives `Serialize` and the schema; a native test reads each
/// enum back from what it writes, so the two lists cannot drift.
macro_rules! deserialize_words {
    ($enum:ty { $($value:path => $word:literal),+ $(,)? }) => {
        impl $enum {
            /// The value as the event file writes it (`"talk"`, `"meeting_point"`, …).
            pub fn name(self) -> &'static str {
                match self {
                    $($value => $word),+
                }
            }
        }

        impl<'de> serde::Deserialize<'de> for $enum {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                const WORDS: &[&str] = &[$($word),+];
                const VALUES: &[$enum] = &[$($value),+];
                let index = $crate::word::index(deserializer, WORDS)?;
                VALUES
                    .get(index)
                    .copied()
                    .ok_or_else(|| serde::de::Error::custom("a word without a value"))
            }
        }
    };
}

pub(crate) use deserialize_words;

/// The position of the word the file wrote among `words`; serde's own "unknown variant" error
/// for any other (the checker turns it into "`hall` is not one of: venue, hotel, …").
#[inline(never)]
pub fn index<'de, D: Deserializer<'de>>(
    deserializer: D,
    words: &'static [&'static str],
) -> Result<usize, D::Error> {
    deserializer.deserialize_str(WordVisitor(words))
}

struct WordVisitor(&'static [&'static str]);

impl Visitor<'_> for WordVisitor {
    type Value = usize;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{ONE_OF}{}", self.0.join(", "))
    }

    fn visit_str<E: de::Error>(self, word: &str) -> Result<usize, E> {
        self.0
            .iter()
            .position(|known| *known == word)
            .ok_or_else(|| E::unknown_variant(word, self.0))
    }
}

/// How "expected …" starts for a word (the checker says it in German too).
pub(crate) const ONE_OF: &str = "one of: ";

#[cfg(test)]
mod tests {
    use crate::event::{LinkKind, PlaceKind, SessionKind, Tentative};
    use crate::problem::Severity;
    use serde::de::DeserializeOwned;
    use serde::Serialize;

    /// Each value survives writing (serde's derive, `rename_all`) and reading (these words).
    fn round_trip<T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug>(values: &[T]) {
        for value in values {
            let json = serde_json::to_string(value).unwrap_or_default();
            let back: Result<T, _> = serde_json::from_str(&json);
            assert_eq!(back.ok().as_ref(), Some(value), "{json}");
        }
    }

    #[test]
    fn every_word_enum_reads_what_it_writes() {
        use LinkKind as L;
        round_trip(&[
            L::Registration,
            L::Website,
            L::Chat,
            L::Video,
            L::Code,
            L::Documentation,
            L::Other,
        ]);
        use PlaceKind as P;
        round_trip(&[
            P::Venue,
            P::Hotel,
            P::Restaurant,
            P::MeetingPoint,
            P::Transport,
            P::Other,
        ]);
        use SessionKind as S;
        round_trip(&[S::Talk, S::Work, S::Break, S::Meal, S::Social, S::Arrival]);
        round_trip(&[Tentative::Start, Tentative::End, Tentative::Both]);
        round_trip(&[Severity::Error, Severity::Warning]);
    }

    #[test]
    fn another_word_or_type_is_named_with_the_words_allowed() {
        let wrong = |json: &str| {
            serde_json::from_str::<PlaceKind>(json)
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default()
        };
        assert!(
            wrong("\"hall\"")
                .starts_with("unknown variant `hall`, expected one of `venue`, `hotel`"),
            "{}",
            wrong("\"hall\"")
        );
        assert!(
            wrong("3").starts_with("invalid type: integer `3`, expected one of: venue, hotel"),
            "{}",
            wrong("3")
        );
    }
}
