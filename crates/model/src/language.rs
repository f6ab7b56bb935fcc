//! The interface languages, which one a reader gets, and how each writes dates and waits.
//!
//! Dates go through the [`DateWords`] trait: [`English`] and [`German`] here write them out for
//! `hub serve` (the page it sends before the app runs, calendar files) and for the native tests;
//! the browser app asks its own `Intl` for German instead (no month names in the wasm) and the
//! browser tests check that both say the same.

use chrono::{Datelike, NaiveDate};

/// A language the interface speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Language {
    #[default]
    En,
    De,
}

impl Language {
    /// Every interface language, in the order the switch shows them.
    pub const ALL: [Language; 2] = [Language::En, Language::De];

    /// The language code: `en`, `de`.
    pub fn code(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::De => "de",
        }
    }

    /// The language's name in itself, for the switch's screen-reader label.
    pub fn name(self) -> &'static str {
        match self {
            Language::En => "English",
            Language::De => "Deutsch",
        }
    }

    /// The interface language for a code such as `de`, `de-AT` or `EN`, if we speak it.
    pub fn from_code(code: &str) -> Option<Language> {
        Language::ALL
            .into_iter()
            .find(|language| crate::text::same_language(code, language.code()))
    }

    /// Which language a reader gets: the address's `?lang=`, else the one they chose on this
    /// device, else the host page's (`data-lang` on the mount element), else the first of the
    /// browser's languages we speak, else English. The reader's own choices come before the
    /// host's: someone who switched an embedded German page to English keeps English.
    pub fn choose(
        query: Option<&str>,
        stored: Option<&str>,
        host: Option<&str>,
        browser: &[String],
    ) -> Language {
        [query, stored, host]
            .into_iter()
            .flatten()
            .chain(browser.iter().map(String::as_str))
            .find_map(Language::from_code)
            .unwrap_or_default()
    }
}

/// How long until something starts, as the page says it: the logic of "in 2 h 5 min", apart
/// from its words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wait {
    /// It starts now (or has).
    Now,
    Minutes(i64),
    /// Whole hours and the minutes beyond them (zero for "in 2 h").
    Hours(i64, i64),
    /// Between 24 and 48 hours.
    Tomorrow,
    Days(i64),
}

impl Wait {
    /// The wait for `minutes` (rounded up by the caller).
    pub fn of(minutes: i64) -> Wait {
        match minutes {
            m if m < 1 => Wait::Now,
            m if m < 60 => Wait::Minutes(m),
            m if m < 24 * 60 => Wait::Hours(m / 60, m % 60),
            m if m < 48 * 60 => Wait::Tomorrow,
            m => Wait::Days(m / (24 * 60)),
        }
    }
}

/// How a language writes dates and waits.
pub trait DateWords {
    /// `Wednesday, 8 November 2023` / `Mittwoch, 8. November 2023`.
    fn long_date(&self, date: NaiveDate) -> String;
    /// `Wed 8 Nov` / `Mi., 8. Nov.`.
    fn short_date(&self, date: NaiveDate) -> String;
    /// Two dates without repeating themselves: `7–8 November 2023` / `7.–8. November 2023`.
    fn date_range(&self, start: NaiveDate, end: NaiveDate) -> String;
    /// `in 2 h 5 min` / `in 2 Std. 5 Min.`.
    fn wait(&self, wait: Wait) -> String;
    /// A zone's abbreviation as this language writes it: `CET` is `MEZ` in German.
    fn zone_abbreviation(&self, english: &str) -> String {
        english.to_owned()
    }
}

/// The words for `language`, written out (for the server and native code).
pub fn words(language: Language) -> &'static dyn DateWords {
    match language {
        Language::En => &English,
        Language::De => &German,
    }
}

/// English, 24-hour clock, day before month.
#[derive(Debug, Clone, Copy, Default)]
pub struct English;

const WEEKDAYS_EN: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
/// English month names, January first.
pub(crate) const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn weekday_index(date: NaiveDate) -> usize {
    date.weekday().num_days_from_monday() as usize
}

/// A date range from three ways of writing a date: the day alone, day and month, and all of it;
/// `between` goes between the start and the end.
fn range(
    start: NaiveDate,
    end: NaiveDate,
    long: impl Fn(NaiveDate) -> String,
    day: impl Fn(NaiveDate) -> String,
    day_month: impl Fn(NaiveDate) -> String,
    full: impl Fn(NaiveDate) -> String,
    tight: &str,
) -> String {
    if start == end {
        long(start)
    } else if (start.year(), start.month()) == (end.year(), end.month()) {
        format!("{}{tight}{}", day(start), full(end))
    } else if start.year() == end.year() {
        format!("{} – {}", day_month(start), full(end))
    } else {
        format!("{} – {}", full(start), full(end))
    }
}

impl DateWords for English {
    fn long_date(&self, date: NaiveDate) -> String {
        format!(
            "{}, {} {} {}",
            WEEKDAYS_EN[weekday_index(date)],
            date.day(),
            MONTHS_EN[date.month0() as usize],
            date.year()
        )
    }

    fn short_date(&self, date: NaiveDate) -> String {
        format!(
            "{} {} {}",
            &WEEKDAYS_EN[weekday_index(date)][..3],
            date.day(),
            &MONTHS_EN[date.month0() as usize][..3]
        )
    }

    fn date_range(&self, start: NaiveDate, end: NaiveDate) -> String {
        let month = |d: NaiveDate| MONTHS_EN[d.month0() as usize];
        range(
            start,
            end,
            |d| self.long_date(d),
            |d| d.day().to_string(),
            |d| format!("{} {}", d.day(), month(d)),
            |d| format!("{} {} {}", d.day(), month(d), d.year()),
            "–",
        )
    }

    fn wait(&self, wait: Wait) -> String {
        match wait {
            Wait::Now => "now".to_owned(),
            Wait::Minutes(m) => format!("in {m} min"),
            Wait::Hours(h, 0) => format!("in {h} h"),
            Wait::Hours(h, m) => format!("in {h} h {m} min"),
            Wait::Tomorrow => "tomorrow".to_owned(),
            Wait::Days(d) => format!("in {d} days"),
        }
    }
}

/// German as `Intl` writes it in `de-DE` (the browser tests compare the two).
#[derive(Debug, Clone, Copy, Default)]
pub struct German;

const WEEKDAYS_DE: [&str; 7] = [
    "Montag",
    "Dienstag",
    "Mittwoch",
    "Donnerstag",
    "Freitag",
    "Samstag",
    "Sonntag",
];
pub(crate) const MONTHS_DE: [&str; 12] = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
];

impl DateWords for German {
    fn long_date(&self, date: NaiveDate) -> String {
        format!(
            "{}, {}. {} {}",
            WEEKDAYS_DE[weekday_index(date)],
            date.day(),
            MONTHS_DE[date.month0() as usize],
            date.year()
        )
    }

    fn short_date(&self, date: NaiveDate) -> String {
        // CLDR's abbreviations: "Mai" and "Juni" are short enough already, "März" stays.
        let month = MONTHS_DE[date.month0() as usize];
        let month = match month.chars().count() {
            0..=4 => month.to_owned(),
            _ if month == "September" => "Sept.".to_owned(),
            _ => format!("{}.", month.chars().take(3).collect::<String>()),
        };
        format!(
            "{}., {}. {month}",
            &WEEKDAYS_DE[weekday_index(date)][..2],
            date.day()
        )
    }

    fn date_range(&self, start: NaiveDate, end: NaiveDate) -> String {
        let month = |d: NaiveDate| MONTHS_DE[d.month0() as usize];
        range(
            start,
            end,
            |d| self.long_date(d),
            |d| format!("{}.", d.day()),
            |d| format!("{}. {}", d.day(), month(d)),
            |d| format!("{}. {} {}", d.day(), month(d), d.year()),
            "–",
        )
    }

    fn wait(&self, wait: Wait) -> String {
        match wait {
            Wait::Now => "jetzt".to_owned(),
            Wait::Minutes(m) => format!("in {m} Min."),
            Wait::Hours(h, 0) => format!("in {h} Std."),
            Wait::Hours(h, m) => format!("in {h} Std. {m} Min."),
            Wait::Tomorrow => "morgen".to_owned(),
            Wait::Days(1) => "in 1 Tag".to_owned(),
            Wait::Days(d) => format!("in {d} Tagen"),
        }
    }

    fn zone_abbreviation(&self, english: &str) -> String {
        german_zone_abbreviation(english)
            .unwrap_or(english)
            .to_owned()
    }
}

/// The European zones German names itself (Mitteleuropäische Zeit and so on); elsewhere German
/// uses the English abbreviation or the offset.
pub fn german_zone_abbreviation(english: &str) -> Option<&'static str> {
    Some(match english {
        "CET" => "MEZ",
        "CEST" => "MESZ",
        "WET" => "WEZ",
        "WEST" => "WESZ",
        "EET" => "OEZ",
        "EEST" => "OESZ",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
    }

    #[test]
    fn a_reader_gets_the_address_then_their_choice_then_the_host_then_the_browser() {
        let browser = ["fr-FR".to_owned(), "de-DE".to_owned(), "en".to_owned()];
        assert_eq!(Language::choose(None, None, None, &browser), Language::De);
        assert_eq!(
            Language::choose(None, None, Some("en"), &browser),
            Language::En
        );
        assert_eq!(
            Language::choose(None, Some("de"), Some("en"), &browser),
            Language::De
        );
        assert_eq!(
            Language::choose(Some("en"), Some("de"), Some("de"), &browser),
            Language::En
        );
        assert_eq!(
            Language::choose(Some("klingon"), None, None, &["ja".to_owned()]),
            Language::En,
            "nothing we speak: English"
        );
        assert_eq!(Language::from_code("DE-at"), Some(Language::De));
    }

    #[test]
    fn english_dates_read_naturally() {
        let en = English;
        assert_eq!(
            en.long_date(date(2023, 11, 8)),
            "Wednesday, 8 November 2023"
        );
        assert_eq!(en.short_date(date(2023, 11, 7)), "Tue 7 Nov");
        assert_eq!(
            en.date_range(date(2023, 11, 7), date(2023, 11, 8)),
            "7–8 November 2023"
        );
        assert_eq!(
            en.date_range(date(2023, 10, 30), date(2023, 11, 2)),
            "30 October – 2 November 2023"
        );
        assert_eq!(
            en.date_range(date(2023, 12, 31), date(2024, 1, 1)),
            "31 December 2023 – 1 January 2024"
        );
    }

    #[test]
    fn german_dates_read_as_germans_write_them() {
        let de = German;
        assert_eq!(
            de.long_date(date(2023, 11, 8)),
            "Mittwoch, 8. November 2023"
        );
        assert_eq!(de.short_date(date(2023, 11, 7)), "Di., 7. Nov.");
        assert_eq!(de.short_date(date(2024, 5, 7)), "Di., 7. Mai");
        assert_eq!(de.short_date(date(2024, 3, 7)), "Do., 7. März");
        assert_eq!(de.short_date(date(2024, 9, 7)), "Sa., 7. Sept.");
        assert_eq!(
            de.date_range(date(2023, 11, 7), date(2023, 11, 8)),
            "7.–8. November 2023"
        );
        assert_eq!(
            de.date_range(date(2023, 10, 30), date(2023, 11, 2)),
            "30. Oktober – 2. November 2023"
        );
        assert_eq!(de.zone_abbreviation("CET"), "MEZ");
        assert_eq!(de.zone_abbreviation("EST"), "EST");
    }

    #[test]
    fn waits_read_naturally_in_both_languages() {
        let cases = [
            (0, "now", "jetzt"),
            (25, "in 25 min", "in 25 Min."),
            (125, "in 2 h 5 min", "in 2 Std. 5 Min."),
            (120, "in 2 h", "in 2 Std."),
            (170, "in 2 h 50 min", "in 2 Std. 50 Min."),
            (60 * 30, "tomorrow", "morgen"),
            (60 * 24 * 3, "in 3 days", "in 3 Tagen"),
        ];
        for (minutes, en, de) in cases {
            assert_eq!(English.wait(Wait::of(minutes)), en);
            assert_eq!(German.wait(Wait::of(minutes)), de);
        }
    }
}
