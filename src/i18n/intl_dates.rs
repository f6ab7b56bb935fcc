//! Dates and waits in a language from the browser's `Intl`: `DateTimeFormat` for
//! "Mittwoch, 8. November 2023" and date ranges, `RelativeTimeFormat` and `NumberFormat` for
//! "in 2 Std. 50 Min.". The browser carries every locale's names, so the wasm carries none; the
//! browser tests check that the words are the ones the model writes natively for `hub serve`.
//!
//! Dates are formatted at noon UTC in UTC: a calendar date, with no zone to shift it to another
//! day.

use std::cell::RefCell;

use chrono::NaiveDate;
use event_model::language::{german_zone_abbreviation, Wait};
use event_model::Language;
use js_sys::Intl::{DateTimeFormat, NumberFormat, RelativeTimeFormat};
use js_sys::{Array, Date, Object, Reflect};
use wasm_bindgen::prelude::*;

/// The ways this module formats, each a formatter built once per language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Weekday, day, month and year, all long.
    Long,
    /// Short weekday, day and short month.
    Short,
    /// Day, long month and year: what a range is written with.
    Range,
}

thread_local! {
    static DATE_FORMATS: RefCell<Vec<(Language, Kind, DateTimeFormat)>> = const { RefCell::new(Vec::new()) };
    static WAIT_FORMATS: RefCell<Vec<(Language, RelativeTimeFormat, NumberFormat)>> = const { RefCell::new(Vec::new()) };
}

fn options(pairs: &[(&str, &str)]) -> Object {
    let object = Object::new();
    for (key, value) in pairs {
        // Setting a property on a fresh plain object cannot fail.
        let _ = Reflect::set(&object, &JsValue::from_str(key), &JsValue::from_str(value));
    }
    object
}

fn locales(language: Language) -> Array {
    Array::of1(&JsValue::from_str(language.code()))
}

fn date_format(language: Language, kind: Kind) -> DateTimeFormat {
    DATE_FORMATS.with(|formats| {
        let mut formats = formats.borrow_mut();
        if let Some((_, _, format)) = formats
            .iter()
            .find(|(l, k, _)| *l == language && *k == kind)
        {
            return format.clone();
        }
        let fields: &[(&str, &str)] = match kind {
            Kind::Long => &[
                ("weekday", "long"),
                ("day", "numeric"),
                ("month", "long"),
                ("year", "numeric"),
            ],
            Kind::Short => &[("weekday", "short"), ("day", "numeric"), ("month", "short")],
            Kind::Range => &[("day", "numeric"), ("month", "long"), ("year", "numeric")],
        };
        let mut pairs = vec![("timeZone", "UTC")];
        pairs.extend_from_slice(fields);
        let format = DateTimeFormat::new(&locales(language), &options(&pairs));
        formats.push((language, kind, format.clone()));
        format
    })
}

/// `date` at noon UTC.
fn noon(date: NaiveDate) -> Date {
    let millis = date
        .and_hms_opt(12, 0, 0)
        .map(|time| time.and_utc().timestamp_millis())
        .unwrap_or_default();
    Date::new(&JsValue::from_f64(millis as f64))
}

fn format(language: Language, kind: Kind, date: NaiveDate) -> String {
    date_format(language, kind)
        .format()
        .call1(&JsValue::UNDEFINED, &noon(date))
        .ok()
        .and_then(|text| text.as_string())
        // A browser without Intl's dates still gets the date, as ISO writes it.
        .unwrap_or_else(|| date.to_string())
}

/// "Mittwoch, 8. November 2023".
pub fn long_date(language: Language, date: NaiveDate) -> String {
    format(language, Kind::Long, date)
}

/// "Mi., 8. Nov.".
pub fn short_date(language: Language, date: NaiveDate) -> String {
    format(language, Kind::Short, date)
}

/// "7.–8. November 2023": `Intl`'s own range, which leaves out what the two dates share.
pub fn date_range(language: Language, start: NaiveDate, end: NaiveDate) -> String {
    if start == end {
        return long_date(language, start);
    }
    date_format(language, Kind::Range)
        .format_range(&noon(start), &noon(end))
        .ok()
        .map(String::from)
        .unwrap_or_else(|| format!("{start} – {end}"))
}

/// "in 25 Min.", "in 2 Std. 50 Min.", "morgen", "in 3 Tagen".
pub fn wait(language: Language, wait: Wait) -> String {
    let (relative, minutes) = WAIT_FORMATS.with(|formats| {
        let mut formats = formats.borrow_mut();
        if let Some((_, relative, minutes)) = formats.iter().find(|(l, _, _)| *l == language) {
            return (relative.clone(), minutes.clone());
        }
        let relative = RelativeTimeFormat::new(
            &locales(language),
            &options(&[("style", "short"), ("numeric", "auto")]),
        );
        let minutes = NumberFormat::new(
            &locales(language),
            &options(&[
                ("style", "unit"),
                ("unit", "minute"),
                ("unitDisplay", "short"),
            ]),
        );
        formats.push((language, relative.clone(), minutes.clone()));
        (relative, minutes)
    });
    let relative = |value: i64, unit: &str| String::from(relative.format(value as f64, unit));
    match wait {
        Wait::Now => relative(0, "second"),
        Wait::Minutes(m) => relative(m, "minute"),
        Wait::Hours(h, 0) => relative(h, "hour"),
        // No `Intl` writes "in 2 h 50 min" in one go: the hours as a relative time, then the
        // minutes as a quantity.
        Wait::Hours(h, m) => {
            let rest = minutes
                .format()
                .call1(&JsValue::UNDEFINED, &JsValue::from_f64(m as f64))
                .ok()
                .and_then(|text| text.as_string())
                .unwrap_or_default();
            format!("{} {rest}", relative(h, "hour"))
        }
        Wait::Tomorrow => relative(1, "day"),
        Wait::Days(d) => relative(d, "day"),
    }
}

/// A zone's abbreviation in German: the European zones have German names ("MEZ"), the rest
/// keep the English abbreviation, as `Intl` writes them in `de`.
pub fn zone_abbreviation(english: &str) -> String {
    german_zone_abbreviation(english)
        .unwrap_or(english)
        .to_owned()
}
