//! How dates and times read on the page (English, 24-hour clock, day before month).

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};

const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
/// English month names, January first.
pub(crate) const MONTHS: [&str; 12] = [
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

/// `10:00`.
pub fn clock(time: NaiveDateTime) -> String {
    format!("{:02}:{:02}", time.hour(), time.minute())
}

fn weekday(date: NaiveDate) -> &'static str {
    WEEKDAYS[date.weekday().num_days_from_monday() as usize]
}

fn month(date: NaiveDate) -> &'static str {
    MONTHS[date.month0() as usize]
}

/// `Wednesday, 8 November 2023`.
pub fn long_date(date: NaiveDate) -> String {
    format!(
        "{}, {} {} {}",
        weekday(date),
        date.day(),
        month(date),
        date.year()
    )
}

/// `Wed 8 Nov`.
pub fn short_date(date: NaiveDate) -> String {
    format!(
        "{} {} {}",
        &weekday(date)[..3],
        date.day(),
        &month(date)[..3]
    )
}

/// A date range that does not repeat itself: `Wednesday, 8 November 2023`,
/// `7–8 November 2023`, `30 October – 2 November 2023`.
pub fn date_range(start: NaiveDate, end: NaiveDate) -> String {
    if start == end {
        long_date(start)
    } else if (start.year(), start.month()) == (end.year(), end.month()) {
        format!(
            "{}–{} {} {}",
            start.day(),
            end.day(),
            month(end),
            end.year()
        )
    } else if start.year() == end.year() {
        format!(
            "{} {} – {} {} {}",
            start.day(),
            month(start),
            end.day(),
            month(end),
            end.year()
        )
    } else {
        format!(
            "{} {} {} – {} {} {}",
            start.day(),
            month(start),
            start.year(),
            end.day(),
            month(end),
            end.year()
        )
    }
}

/// `in 25 min`, `in 2 h 5 min`, `in 3 days`.
pub fn until(minutes: i64) -> String {
    match minutes {
        m if m < 1 => "now".to_owned(),
        m if m < 60 => format!("in {m} min"),
        m if m < 24 * 60 && m % 60 == 0 => format!("in {} h", m / 60),
        m if m < 24 * 60 => format!("in {} h {} min", m / 60, m % 60),
        m if m < 48 * 60 => "tomorrow".to_owned(),
        m => format!("in {} days", m / (24 * 60)),
    }
}

/// "1 problem", "2 problems": a count with its noun in the right number (English plurals in -s).
pub fn counted(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// A problem message cut at its backticks: `(is_code, text)` pieces, so a page can show
/// `` `titel` `` as code. An unpaired backtick stays text.
pub fn code_spans(message: &str) -> Vec<(bool, String)> {
    let mut pieces: Vec<String> = message.split('`').map(str::to_owned).collect();
    if pieces.len().is_multiple_of(2) {
        // An odd number of backticks: the last one has no partner, so it and the rest stay text.
        if let Some(rest) = pieces.pop() {
            if let Some(before) = pieces.last_mut() {
                before.push('`');
                before.push_str(&rest);
            }
        }
    }
    pieces
        .into_iter()
        .enumerate()
        .map(|(i, piece)| (i % 2 == 1, piece))
        .filter(|(_, piece)| !piece.is_empty())
        .collect()
}

/// Appends `text` to `out`, safe inside HTML text and inside a quoted attribute value. For the
/// few places that write HTML as text (Markdown's `to_html`, `hub serve`'s page shell); the app
/// itself only ever makes text nodes.
pub fn push_escaped_html(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// `text` safe inside HTML text and inside a quoted attribute value.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_escaped_html(&mut out, text);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
    }

    #[test]
    fn dates_read_naturally() {
        assert_eq!(long_date(date(2023, 11, 8)), "Wednesday, 8 November 2023");
        assert_eq!(short_date(date(2023, 11, 7)), "Tue 7 Nov");
        assert_eq!(
            date_range(date(2023, 11, 7), date(2023, 11, 8)),
            "7–8 November 2023"
        );
        assert_eq!(
            date_range(date(2023, 10, 30), date(2023, 11, 2)),
            "30 October – 2 November 2023"
        );
        assert_eq!(
            date_range(date(2023, 12, 31), date(2024, 1, 1)),
            "31 December 2023 – 1 January 2024"
        );
    }

    #[test]
    fn durations_read_naturally() {
        assert_eq!(until(25), "in 25 min");
        assert_eq!(until(125), "in 2 h 5 min");
        assert_eq!(until(120), "in 2 h");
        assert_eq!(until(60 * 24 * 3), "in 3 days");
    }

    #[test]
    fn counts_have_their_noun_in_the_right_number() {
        assert_eq!(counted(0, "problem"), "0 problems");
        assert_eq!(counted(1, "problem"), "1 problem");
        assert_eq!(counted(2, "warning"), "2 warnings");
    }

    #[test]
    fn backticks_mark_code_in_problem_messages() {
        let spans = |message: &str| -> Vec<(bool, String)> { code_spans(message) };
        let expect = |pairs: &[(bool, &str)]| -> Vec<(bool, String)> {
            pairs
                .iter()
                .map(|(code, text)| (*code, (*text).to_owned()))
                .collect()
        };
        assert_eq!(
            spans("unknown field `titel` — did you mean `title`?"),
            expect(&[
                (false, "unknown field "),
                (true, "titel"),
                (false, " — did you mean "),
                (true, "title"),
                (false, "?"),
            ])
        );
        assert_eq!(spans("no code here"), expect(&[(false, "no code here")]));
        assert_eq!(
            spans("`a` and ` alone"),
            expect(&[(true, "a"), (false, " and ` alone")])
        );
        assert_eq!(spans("a`b"), expect(&[(false, "a`b")]));
        assert!(spans("").is_empty());
    }
}
