//! Local wall-clock times as organizers write them: `2023-11-08T10:00`, optionally with seconds and
//! an explicit UTC offset (`2023-11-08T10:00+01:00`, `…Z`) that picks one side of a DST fold.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Timelike};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A wall-clock time in the event's zone, as written in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct LocalDateTime {
    /// The date and time on the clock.
    pub local: NaiveDateTime,
    /// Seconds east of UTC, when the organizer wrote an offset.
    pub offset: Option<i32>,
}

/// Why a text is not a [`LocalDateTime`]: its shape, or which field is out of range — so the
/// organizer reads "the hour is 00–23" for `25:00`, not a format they already followed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalDateTimeError {
    text: String,
    wrong: Wrong,
}

/// What is wrong with a text that has, or lacks, the shape of a date and time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Wrong {
    Shape,
    Month,
    Day { year: i32, month: u32 },
    Hour,
    Minute,
    Second,
    Offset,
}

/// The number of days of `month` (1–12) in `year`.
fn days_in_month(year: i32, month: u32) -> u32 {
    (28..=31)
        .rev()
        .find(|day| NaiveDate::from_ymd_opt(year, month, *day).is_some())
        .unwrap_or(28)
}

impl fmt::Display for LocalDateTimeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = &self.text;
        match self.wrong {
            Wrong::Shape => write!(
                f,
                "`{text}` is not a date and time: write it as YYYY-MM-DDTHH:MM in the event's time zone, e.g. 2023-11-08T10:00"
            ),
            Wrong::Month => write!(f, "`{text}`: the month is 01–12"),
            Wrong::Day { year, month } => write!(
                f,
                "`{text}`: {} {year} has {} days",
                crate::language::MONTHS_EN[(month as usize).saturating_sub(1) % 12],
                days_in_month(year, month)
            ),
            Wrong::Hour => write!(f, "`{text}`: the hour is 00–23"),
            Wrong::Minute => write!(f, "`{text}`: the minutes are 00–59"),
            Wrong::Second => write!(f, "`{text}`: the seconds are 00–59"),
            Wrong::Offset => write!(
                f,
                "`{text}`: the offset is written +HH:MM or -HH:MM (at most 18:00), or Z for UTC"
            ),
        }
    }
}

impl std::error::Error for LocalDateTimeError {}

impl FromStr for LocalDateTime {
    type Err = LocalDateTimeError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let wrong = |wrong: Wrong| LocalDateTimeError {
            text: text.chars().take(40).collect(),
            wrong,
        };
        let bad = || wrong(Wrong::Shape);
        let (date, rest) = text.split_once('T').ok_or_else(bad)?;
        // Exactly YYYY-MM-DD: chrono's `%Y` also takes signs and six-digit years, whose arithmetic
        // can overflow near the ends of its range.
        let shape_ok = date.len() == 10
            && date.bytes().enumerate().all(|(i, b)| {
                if i == 4 || i == 7 {
                    b == b'-'
                } else {
                    b.is_ascii_digit()
                }
            });
        if !shape_ok {
            return Err(bad());
        }
        // The shape is checked, so the fields are digits; chrono's own parser (strftime
        // patterns) would cost the attendee's wasm more than these few lines.
        let number = |digits: &str| digits.parse::<u32>().map_err(|_| bad());
        let year = i32::try_from(number(&date[..4])?).map_err(|_| bad())?;
        let month = number(&date[5..7])?;
        if !(1..=12).contains(&month) {
            return Err(wrong(Wrong::Month));
        }
        let date = NaiveDate::from_ymd_opt(year, month, number(&date[8..10])?)
            .ok_or_else(|| wrong(Wrong::Day { year, month }))?;
        let (time, offset) = split_offset(rest).ok_or_else(|| wrong(Wrong::Offset))?;
        // Exactly HH:MM or HH:MM:SS: chrono also takes `9:5`, which the JSON Schema's pattern
        // (and so the organizer's editor) would flag.
        let time_shape_ok = (time.len() == 5 || time.len() == 8)
            && time.bytes().enumerate().all(|(i, b)| {
                if i == 2 || i == 5 {
                    b == b':'
                } else {
                    b.is_ascii_digit()
                }
            });
        if !time_shape_ok {
            return Err(bad());
        }
        let seconds = if time.len() == 8 {
            number(&time[6..8])?
        } else {
            0
        };
        let (hour, minute) = (number(&time[..2])?, number(&time[3..5])?);
        // `:60` would be a leap second, which no schedule means.
        let field = [
            (hour, 23, Wrong::Hour),
            (minute, 59, Wrong::Minute),
            (seconds, 59, Wrong::Second),
        ];
        if let Some((_, _, why)) = field.iter().find(|(value, max, _)| value > max) {
            return Err(wrong(*why));
        }
        let time = NaiveTime::from_hms_opt(hour, minute, seconds).ok_or_else(bad)?;
        Ok(LocalDateTime {
            local: date.and_time(time),
            offset,
        })
    }
}

/// Splits `10:00+01:00` into `("10:00", Some(3600))`; `Z` is offset zero.
fn split_offset(rest: &str) -> Option<(&str, Option<i32>)> {
    if let Some(time) = rest.strip_suffix('Z') {
        return Some((time, Some(0)));
    }
    let Some(at) = rest.rfind(['+', '-']) else {
        return Some((rest, None));
    };
    let (time, offset) = rest.split_at(at);
    let sign = if offset.starts_with('-') { -1 } else { 1 };
    let (hours, minutes) = offset[1..].split_once(':')?;
    if hours.len() != 2 || minutes.len() != 2 {
        return None;
    }
    let hours: i32 = hours.parse().ok()?;
    let minutes: i32 = minutes.parse().ok()?;
    if hours > 18 || minutes > 59 {
        return None;
    }
    Some((time, Some(sign * (hours * 3600 + minutes * 60))))
}

impl fmt::Display for LocalDateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (date, time) = (self.local.date(), self.local.time());
        write!(
            f,
            "{:04}-{:02}-{:02}T{:02}:{:02}",
            date.year(),
            date.month(),
            date.day(),
            time.hour(),
            time.minute()
        )?;
        if time.second() != 0 {
            write!(f, ":{:02}", time.second())?;
        }
        if let Some(offset) = self.offset {
            write!(f, "{}", format_offset(offset, ":"))?;
        }
        Ok(())
    }
}

/// `+01:00` style (with `separator` ":") or `+0100` (with "").
pub fn format_offset(seconds: i32, separator: &str) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let minutes = seconds.abs() / 60;
    format!("{sign}{:02}{separator}{:02}", minutes / 60, minutes % 60)
}

/// `UTC+1`, `UTC+5:30`, `UTC−3`, `UTC` — how the page labels an offset.
pub fn utc_label(seconds: i32) -> String {
    if seconds == 0 {
        return "UTC".to_owned();
    }
    let sign = if seconds < 0 { '−' } else { '+' };
    let minutes = seconds.abs() / 60;
    match minutes % 60 {
        0 => format!("UTC{sign}{}", minutes / 60),
        m => format!("UTC{sign}{}:{m:02}", minutes / 60),
    }
}

impl Serialize for LocalDateTime {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for LocalDateTime {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(LocalDateTimeVisitor)
    }
}

/// A visitor rather than `String::deserialize`, so a number or `null` in a time field is told
/// what belongs there instead of "expected a string".
struct LocalDateTimeVisitor;

/// What a time field takes, in serde's "expected …" (the checker says it in German too).
pub(crate) const EXPECTING: &str = "a date and time in double quotes, e.g. \"2023-11-08T10:00\"";

impl serde::de::Visitor<'_> for LocalDateTimeVisitor {
    type Value = LocalDateTime;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(EXPECTING)
    }

    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<LocalDateTime, E> {
        text.parse().map_err(E::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> LocalDateTime {
        text.parse().expect("valid")
    }

    fn message(text: &str) -> String {
        text.parse::<LocalDateTime>()
            .map(|t| format!("parsed as {t}"))
            .unwrap_or_else(|e| e.to_string())
    }

    /// A value that already has the shape is told which field is out of range; `hub check` once
    /// answered "write it as YYYY-MM-DDTHH:MM" to all of these.
    #[test]
    fn messages_say_what_is_wrong_with_the_value_as_written() {
        assert_eq!(
            message("2023-11-08T25:00"),
            "`2023-11-08T25:00`: the hour is 00–23"
        );
        assert_eq!(
            message("2023-11-08T10:60"),
            "`2023-11-08T10:60`: the minutes are 00–59"
        );
        assert_eq!(
            message("2023-11-08T10:00:60"),
            "`2023-11-08T10:00:60`: the seconds are 00–59"
        );
        assert_eq!(
            message("2024-02-30T10:00"),
            "`2024-02-30T10:00`: February 2024 has 29 days"
        );
        assert_eq!(
            message("2023-02-29T10:00"),
            "`2023-02-29T10:00`: February 2023 has 28 days"
        );
        assert_eq!(
            message("2023-04-31T10:00"),
            "`2023-04-31T10:00`: April 2023 has 30 days"
        );
        assert_eq!(
            message("2023-13-01T10:00"),
            "`2023-13-01T10:00`: the month is 01–12"
        );
        assert!(message("2023-11-08T10:00+25:00").contains("the offset is written +HH:MM"));
        assert!(message("8.11.2023 10:00").contains("write it as YYYY-MM-DDTHH:MM"));
        assert!(message("2023-11-08T9:00").contains("write it as YYYY-MM-DDTHH:MM"));
    }

    #[test]
    fn parses_minutes_seconds_and_offsets() {
        assert_eq!(parse("2023-11-08T10:00").offset, None);
        assert_eq!(
            parse("2023-11-08T10:00:30").to_string(),
            "2023-11-08T10:00:30"
        );
        assert_eq!(parse("2023-11-08T10:00+01:00").offset, Some(3600));
        assert_eq!(parse("2023-11-08T10:00-05:30").offset, Some(-19800));
        assert_eq!(parse("2023-11-08T10:00Z").offset, Some(0));
        assert_eq!(
            parse("2023-11-08T10:00+01:00").to_string(),
            "2023-11-08T10:00+01:00"
        );
    }

    #[test]
    fn rejects_what_is_not_a_time() {
        for bad in [
            "",
            "2023-11-08",
            "2023-11-31T10:00",
            "2023-11-08T25:00",
            "10:00",
            "2023-11-08T10:00+1",
            "2023-11-08 10:00",
            "+262142-12-31T23:00",
            "-0001-01-01T00:00",
            "99999-01-01T00:00",
            "2023-1-8T10:00",
            "2023-11-08T9:00",
            "2023-11-08T09:0",
            "2023-11-08T 9:00",
            "2023-11-08T10:00:60",
            "2023-11-08T10:00:00.5",
        ] {
            assert!(
                bad.parse::<LocalDateTime>().is_err(),
                "{bad:?} should be rejected"
            );
        }
    }

    #[test]
    fn labels_offsets_like_people_read_them() {
        assert_eq!(utc_label(3600), "UTC+1");
        assert_eq!(utc_label(19800), "UTC+5:30");
        assert_eq!(utc_label(-18000), "UTC−5");
        assert_eq!(utc_label(0), "UTC");
        assert_eq!(format_offset(20700, ":"), "+05:45");
    }
}
