//! The sign-up sheet's contract between `hub serve` and the page: what a display name may be, the
//! bodies of the sign-up API, and the reasons a join is refused. One definition, so the page
//! refuses a name before it is sent for the same reason the server would.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The longest display name, in characters.
pub const NAME_MAX_CHARS: usize = 40;

/// Why a display name is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameProblem {
    /// Nothing but spaces.
    Empty,
    /// More than [`NAME_MAX_CHARS`] characters.
    TooLong,
    /// A control character or an invisible direction override (which would make the names after
    /// it on the sheet read backwards).
    Invisible,
}

/// The display name as stored and shown: `raw` trimmed, or why it cannot be one.
pub fn display_name(raw: &str) -> Result<&str, NameProblem> {
    let name = raw.trim();
    if name.is_empty() {
        return Err(NameProblem::Empty);
    }
    if name.chars().count() > NAME_MAX_CHARS {
        return Err(NameProblem::TooLong);
    }
    if name.chars().any(is_invisible) {
        return Err(NameProblem::Invisible);
    }
    Ok(name)
}

/// Control characters, zero-width characters and the bidirectional embeddings, overrides and
/// isolates (U+200B–U+200F, U+202A–U+202E, U+2066–U+2069, U+FEFF).
fn is_invisible(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// The form two names are compared in: "Anna" and " anna " are the same person on one topic.
pub fn name_key(name: &str) -> String {
    name.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// `GET /api/events/{event}/signups`: every topic with sign-ups, by topic id.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SignupList {
    pub topics: BTreeMap<String, TopicSignups>,
    /// The sessions proposed on the day that every page shows, in the order they came.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub proposals: Vec<crate::open_space::Proposal>,
    /// The cells organizers have set on the open-space board (a cleared cell has no topic); the
    /// rest of the board is as the event file has it ([`crate::open_space::board`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub board: Vec<crate::open_space::Cell>,
}

/// One topic's sheet: how many seats are taken, and the names that may be shown (hidden names
/// count but are not listed), in the order people joined.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct TopicSignups {
    pub count: u32,
    pub names: Vec<String>,
}

/// The body of a join.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JoinRequest {
    pub name: String,
    /// Count me, but do not publish my name.
    #[serde(default)]
    pub hidden: bool,
}

/// The answer to a join: the sign-up's id and the token that removes it again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Joined {
    pub id: i64,
    pub token: String,
}

/// Why the API refused a request, as the `code` beside its human `error` message, so the page can
/// explain it in the reader's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Refusal {
    /// The topic has no seat left.
    Full,
    /// This name is already on the topic.
    AlreadyThere,
    /// The event has as many sign-ups as the hub takes for one event.
    EventFull,
    /// The name is empty, too long or has invisible characters.
    InvalidName,
    /// Too many requests from this address; try again after `Retry-After`.
    TooMany,
    /// The event or topic is not on this hub.
    NotFound,
    /// The token does not remove this sign-up.
    WrongToken,
    /// The request itself is malformed (bad JSON, too large).
    BadRequest,
    /// Something failed on the hub; it was logged.
    Internal,
    /// The open-space cell already holds another topic.
    Taken,
    /// Proposals are not taken now (before or after the event file's window).
    Closed,
    /// The event has as many proposals as its file allows.
    ProposalsFull,
    /// A proposal's title or description is empty, too long or has invisible characters.
    InvalidText,
}

impl Refusal {
    /// Every refusal, for the test that reads each code back.
    pub const ALL: [Refusal; 13] = [
        Refusal::Full,
        Refusal::AlreadyThere,
        Refusal::EventFull,
        Refusal::InvalidName,
        Refusal::TooMany,
        Refusal::NotFound,
        Refusal::WrongToken,
        Refusal::BadRequest,
        Refusal::Internal,
        Refusal::Taken,
        Refusal::Closed,
        Refusal::ProposalsFull,
        Refusal::InvalidText,
    ];

    /// The code as the API writes it.
    pub fn code(self) -> &'static str {
        match self {
            Refusal::Full => "full",
            Refusal::AlreadyThere => "already_there",
            Refusal::EventFull => "event_full",
            Refusal::InvalidName => "invalid_name",
            Refusal::TooMany => "too_many",
            Refusal::NotFound => "not_found",
            Refusal::WrongToken => "wrong_token",
            Refusal::BadRequest => "bad_request",
            Refusal::Internal => "internal",
            Refusal::Taken => "taken",
            Refusal::Closed => "closed",
            Refusal::ProposalsFull => "proposals_full",
            Refusal::InvalidText => "invalid_text",
        }
    }

    /// The refusal a code names (the page reads codes without serde).
    pub fn from_code(code: &str) -> Option<Refusal> {
        Refusal::ALL
            .into_iter()
            .find(|refusal| refusal.code() == code)
    }
}

/// An API error body: `{ "error": "…", "code": "full" }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiError {
    pub error: String,
    pub code: Refusal,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_trimmed_and_kept_as_typed() {
        assert_eq!(display_name("  Anna Müller "), Ok("Anna Müller"));
        assert_eq!(display_name("李小龍"), Ok("李小龍"));
    }

    #[test]
    fn empty_long_and_invisible_names_are_refused() {
        assert_eq!(display_name(" \t "), Err(NameProblem::Empty));
        assert_eq!(display_name(&"a".repeat(40)), Ok("a".repeat(40).as_str()));
        assert_eq!(display_name(&"a".repeat(41)), Err(NameProblem::TooLong));
        // Forty characters of two bytes each are still forty characters.
        assert_eq!(display_name(&"ä".repeat(40)).map(str::len), Ok(80));
        assert_eq!(display_name("An\nna"), Err(NameProblem::Invisible));
        assert_eq!(
            display_name("Anna\u{202E}nimda"),
            Err(NameProblem::Invisible)
        );
        assert_eq!(display_name("An\u{200B}na"), Err(NameProblem::Invisible));
    }

    #[test]
    fn names_that_differ_in_case_or_spacing_are_the_same_person() {
        assert_eq!(name_key("Anna  Müller"), name_key(" anna MÜLLER"));
        assert_ne!(name_key("Anna"), name_key("Anne"));
    }

    #[test]
    fn a_refusal_code_reads_as_its_snake_case_name() {
        let body = ApiError {
            error: "This topic is full.".to_owned(),
            code: Refusal::AlreadyThere,
        };
        let json = serde_json::to_string(&body).unwrap_or_default();
        assert_eq!(
            json,
            r#"{"error":"This topic is full.","code":"already_there"}"#
        );
        assert_eq!(serde_json::from_str::<ApiError>(&json).ok(), Some(body));
    }

    #[test]
    fn every_refusal_code_reads_back_and_matches_serde() {
        for refusal in Refusal::ALL {
            assert_eq!(Refusal::from_code(refusal.code()), Some(refusal));
            let json = serde_json::to_string(&refusal).unwrap_or_default();
            assert_eq!(json, format!("\"{}\"", refusal.code()));
        }
        assert_eq!(Refusal::from_code("Full"), None);
    }

    #[test]
    fn a_join_body_may_leave_out_hidden_but_nothing_unknown() {
        let join: Result<JoinRequest, _> = serde_json::from_str(r#"{"name":"Anna"}"#);
        assert_eq!(join.ok().map(|join| join.hidden), Some(false));
        assert!(serde_json::from_str::<JoinRequest>(r#"{"name":"A","admin":true}"#).is_err());
    }
}
