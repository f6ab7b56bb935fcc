//! How times and problem messages read: the 24-hour clock both interface languages use, code in
//! problem messages, HTML escaping. Dates are a language's ([`crate::language::DateWords`]).

use chrono::{NaiveDateTime, Timelike};

/// `10:00`.
pub fn clock(time: NaiveDateTime) -> String {
    format!("{:02}:{:02}", time.hour(), time.minute())
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
