//! What a topic's sheet says, as plain functions: how full it is, and what a refused request
//! means for the person who tapped — so the components only lay it out.

use event_model::signup::{NameProblem, Refusal, NAME_MAX_CHARS};
use event_model::Message;

use crate::i18n::Words;

/// How many more people a topic takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seats {
    /// No capacity was set.
    Unlimited,
    /// This many seats are free (at least one).
    Left(u32),
    /// Every seat is taken.
    Full,
}

impl Seats {
    /// The seats of a topic with `capacity` and `count` sign-ups.
    pub fn of(capacity: Option<u32>, count: u32) -> Seats {
        match capacity {
            None => Seats::Unlimited,
            Some(capacity) if count >= capacity => Seats::Full,
            Some(capacity) => Seats::Left(capacity - count),
        }
    }
}

/// The sheet's summary line: "3 people signed up · 2 seats left", "Nobody has signed up yet. · 12
/// seats left", "10 people signed up · full".
pub fn count_line(words: Words, capacity: Option<u32>, count: u32) -> String {
    let people = match count {
        0 => words.say(Message::NobodyYet).to_owned(),
        1 => words.say(Message::SignedUpOne).to_owned(),
        n => words.fill(Message::SignedUpOther, &[&n.to_string()]),
    };
    let seats = match (Seats::of(capacity, count), count) {
        (Seats::Unlimited, _) => return people,
        (Seats::Full, _) => words.say(Message::TopicFull).to_owned(),
        (Seats::Left(1), _) => words.say(Message::SeatsLeftOne).to_owned(),
        (Seats::Left(left), _) => words.fill(Message::SeatsLeftOther, &[&left.to_string()]),
    };
    format!("{people} · {seats}")
}

/// "and 2 more": the people who count but asked not to be listed.
pub fn hidden_line(words: Words, count: u32, listed: usize) -> Option<String> {
    match count.saturating_sub(u32::try_from(listed).unwrap_or(u32::MAX)) {
        0 => None,
        1 => Some(words.say(Message::HiddenOne).to_owned()),
        n => Some(words.fill(Message::HiddenOther, &[&n.to_string()])),
    }
}

/// Why a join or a leave did not happen, as the person who tapped needs to hear it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Trouble {
    Name(NameProblem),
    Full,
    AlreadyThere(String),
    EventFull,
    TooMany {
        retry_after: u32,
    },
    Offline,
    /// Anything else: the status or the browser's reason.
    Failed(String),
}

impl Trouble {
    /// What an answer with `status` and the API's `code` means; `name` is the name sent.
    pub fn of_answer(
        status: u16,
        code: Option<Refusal>,
        retry_after: Option<u32>,
        name: &str,
    ) -> Trouble {
        match (status, code) {
            (_, Some(Refusal::Full)) => Trouble::Full,
            (_, Some(Refusal::AlreadyThere)) => Trouble::AlreadyThere(name.to_owned()),
            (_, Some(Refusal::EventFull)) => Trouble::EventFull,
            (_, Some(Refusal::InvalidName)) | (422, None) => {
                match event_model::signup::display_name(name) {
                    Err(problem) => Trouble::Name(problem),
                    Ok(_) => Trouble::Failed(format!("HTTP {status}")),
                }
            }
            (429, _) | (_, Some(Refusal::TooMany)) => Trouble::TooMany {
                retry_after: retry_after.unwrap_or(10).max(1),
            },
            _ => Trouble::Failed(format!("HTTP {status}")),
        }
    }

    /// The explanation shown in place, in `words`' language.
    pub fn explain(&self, words: Words) -> String {
        match self {
            Trouble::Name(NameProblem::Empty) => words.say(Message::NameEmpty).to_owned(),
            Trouble::Name(NameProblem::TooLong) => {
                words.fill(Message::NameTooLong, &[&NAME_MAX_CHARS.to_string()])
            }
            Trouble::Name(NameProblem::Invisible) => words.say(Message::NameInvisible).to_owned(),
            Trouble::Full => words.say(Message::FullNow).to_owned(),
            Trouble::AlreadyThere(name) => words.fill(Message::AlreadyThere, &[name]),
            Trouble::EventFull => words.say(Message::EventFull).to_owned(),
            Trouble::TooMany { retry_after } => {
                words.fill(Message::TooManyWait, &[&retry_after.to_string()])
            }
            Trouble::Offline => words.say(Message::OfflineNotJoined).to_owned(),
            Trouble::Failed(reason) => words.fill(Message::SheetFailed, &[reason]),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use event_model::Language;

    const EN: Words = Words(Language::En);
    const DE: Words = Words(Language::De);

    #[test]
    fn seats_count_down_to_full() {
        assert_eq!(Seats::of(None, 40), Seats::Unlimited);
        assert_eq!(Seats::of(Some(3), 1), Seats::Left(2));
        assert_eq!(Seats::of(Some(3), 3), Seats::Full);
        // A capacity lowered below the sign-ups already there is full, not negative.
        assert_eq!(Seats::of(Some(3), 5), Seats::Full);
    }

    #[test]
    fn the_count_line_reads_naturally_in_both_languages() {
        assert_eq!(count_line(EN, None, 0), "Nobody has signed up yet.");
        assert_eq!(count_line(EN, None, 1), "1 person signed up");
        assert_eq!(
            count_line(EN, Some(12), 0),
            "Nobody has signed up yet. · 12 seats left"
        );
        assert_eq!(
            count_line(EN, Some(1), 0),
            "Nobody has signed up yet. · 1 seat left"
        );
        assert_eq!(
            count_line(EN, Some(3), 2),
            "2 people signed up · 1 seat left"
        );
        assert_eq!(count_line(EN, Some(10), 10), "10 people signed up · full");
        assert_eq!(
            count_line(DE, Some(5), 2),
            "2 Personen eingetragen · noch 3 Plätze frei"
        );
        assert_eq!(count_line(DE, Some(2), 2), "2 Personen eingetragen · voll");
    }

    #[test]
    fn hidden_names_are_counted_as_more() {
        assert_eq!(hidden_line(EN, 3, 3), None);
        assert_eq!(hidden_line(EN, 3, 2).as_deref(), Some("and 1 more"));
        assert_eq!(hidden_line(DE, 5, 2).as_deref(), Some("und 3 weitere"));
    }

    #[test]
    fn refusals_are_explained_in_place() {
        let full = Trouble::of_answer(409, Some(Refusal::Full), None, "Anna");
        assert_eq!(full, Trouble::Full);
        let there = Trouble::of_answer(409, Some(Refusal::AlreadyThere), None, "Anna");
        assert!(there
            .explain(EN)
            .contains("“Anna” is already on this topic"));
        let busy = Trouble::of_answer(429, None, Some(7), "Anna");
        assert_eq!(
            busy.explain(EN),
            "Too many sign-ups from your network right now. Try again in 7 s."
        );
        assert_eq!(
            Trouble::of_answer(422, Some(Refusal::InvalidName), None, &"x".repeat(41)),
            Trouble::Name(NameProblem::TooLong)
        );
        assert_eq!(
            Trouble::of_answer(500, Some(Refusal::Internal), None, "Anna").explain(DE),
            "Die Eintragungsliste hat nicht geantwortet (HTTP 500). Nichts geändert; bitte noch einmal versuchen."
        );
    }
}
