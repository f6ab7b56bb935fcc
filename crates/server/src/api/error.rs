//! Every way the sign-up API says no, and how each becomes a response: the status, the
//! machine-readable [`Refusal`] code and a human message in the reader's language (English or
//! German, from [`ApiMessage`]), always as `event_model::signup::ApiError` JSON — never axum's
//! plain-text rejections, which the page could not read.
//!
//! The messages live here, not in the model's `Message` table: that one ships to the browser,
//! and the page words its own explanations from the `code`.

use std::fmt::Display;

use axum::extract::FromRequestParts;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, RETRY_AFTER, VARY, WWW_AUTHENTICATE};
use axum::http::request::Parts;
use axum::http::{HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use event_model::signup::{ApiError, NameProblem, Refusal, NAME_MAX_CHARS};
use event_model::Language;

use crate::reader_language::{reader_language, VARY as LANGUAGE_VARY};

event_model::messages! {
    ApiMessage;
    EventNotFound => ("There is no event “{}” on this hub.", "Auf diesem Hub gibt es keine Veranstaltung „{}“."),
    TopicNotFound => ("This event has no topic “{}”.", "Diese Veranstaltung hat kein Thema „{}“."),
    SignupNotFound => ("There is no sign-up {}; it may have been removed already.", "Es gibt keine Eintragung {}; vielleicht wurde sie schon entfernt."),
    RouteNotFound => ("The sign-up API has nothing at this address.", "Die Eintragungs-API hat unter dieser Adresse nichts."),
    MethodNotAllowed => ("This address does not take {} requests.", "Diese Adresse nimmt keine {}-Anfragen an."),
    Full => ("This topic is full.", "Dieses Thema ist voll."),
    AlreadyThere => ("“{}” is already on this topic.", "„{}“ steht schon auf dieser Liste."),
    EventFull => ("This event takes no more sign-ups: it has {}, the most this hub takes for one event.", "Diese Veranstaltung hat schon {} Eintragungen; mehr nimmt dieser Hub für eine Veranstaltung nicht an."),
    NameEmpty => ("The name is empty; type a name.", "Der Name ist leer; gib einen Namen ein."),
    NameTooLong => ("The name is longer than {} characters.", "Der Name ist länger als {} Zeichen."),
    NameInvisible => ("The name contains control or invisible characters.", "Der Name enthält Steuerzeichen oder unsichtbare Zeichen."),
    TooMany => ("Too many requests from your network; try again in {} s.", "Zu viele Anfragen aus deinem Netz; versuch es in {} s noch einmal."),
    NoToken => ("This needs a token: send `Authorization: Bearer <token>`.", "Dafür braucht es einen Token: Schick `Authorization: Bearer <Token>` mit."),
    WrongToken => ("This token does not remove this sign-up.", "Dieser Token entfernt diese Eintragung nicht."),
    NoOrganizerToken => ("This hub has no organizer token (HUB_ORGANIZER_TOKEN), so nobody can export its sign-ups.", "Dieser Hub hat keinen Orga-Token (HUB_ORGANIZER_TOKEN), darum kann niemand die Eintragungen exportieren."),
    NotOrganizer => ("The export needs the organizer token: send `Authorization: Bearer <organizer token>`.", "Der Export braucht den Orga-Token: Schick `Authorization: Bearer <Orga-Token>` mit."),
    BadBody => ("The body is not a sign-up: {}", "Der Inhalt ist keine Eintragung: {}"),
    BadAddress => ("The address is not valid: {}", "Die Adresse ist ungültig: {}"),
    TooLarge => ("The body is larger than {} bytes.", "Der Inhalt ist größer als {} Bytes."),
    WrongContentType => ("The body must be JSON, sent with `Content-Type: application/json`.", "Der Inhalt muss JSON sein, geschickt mit `Content-Type: application/json`."),
    ProposalNotFound => ("There is no proposal {} on this event; it may have been withdrawn.", "Diese Veranstaltung hat keinen Vorschlag {}; vielleicht wurde er zurückgezogen."),
    NoBoard => ("This event has no open-space board.", "Diese Veranstaltung hat keine Open-Space-Tafel."),
    CellNotFound => ("The board has no cell “{}”.", "Die Tafel hat kein Feld „{}“."),
    Taken => ("This cell already holds “{}”: clear it first or choose another cell.", "In diesem Feld steht schon „{}“: leere es zuerst oder wähle ein anderes Feld."),
    Closed => ("Proposals are taken from {} to {} (event time), not now.", "Vorschläge gehen von {} bis {} (Ortszeit), nicht jetzt."),
    ProposalsFull => ("This event takes no more proposals: it has {}, the most its organizers allow.", "Diese Veranstaltung nimmt keine Vorschläge mehr an: Es gibt schon {}, mehr erlaubt die Orga nicht."),
    TitleEmpty => ("The title is empty; type a title.", "Der Titel ist leer; gib einen Titel ein."),
    TitleTooLong => ("The title is longer than {} characters.", "Der Titel ist länger als {} Zeichen."),
    DescriptionTooLong => ("The description is longer than {} characters.", "Die Beschreibung ist länger als {} Zeichen."),
    TextInvisible => ("The text contains control or invisible characters.", "Der Text enthält Steuerzeichen oder unsichtbare Zeichen."),
    OrganizersOnly => ("Only organizers can do this: send `Authorization: Bearer <organizer token>`.", "Das kann nur die Orga: Schick `Authorization: Bearer <Orga-Token>` mit."),
    Internal => ("Something failed on the hub; it has been logged. Nothing changed; try again.", "Auf dem Hub ist etwas schiefgegangen; es wurde protokolliert. Nichts wurde geändert; versuch es noch einmal."),
}

/// The largest request body the API reads.
pub const BODY_LIMIT: usize = 4096;

/// Why a request was refused. The status each maps to:
///
/// | variant | status | code |
/// |---|---|---|
/// | `EventNotFound`, `TopicNotFound`, `SignupNotFound`, `RouteNotFound` | 404 | `not_found` |
/// | `MethodNotAllowed` | 405 | `bad_request` |
/// | `Full`, `AlreadyThere`, `EventFull` | 409 | `full`, `already_there`, `event_full` |
/// | `InvalidName` | 422 | `invalid_name` |
/// | `TooMany` | 429, with `Retry-After` | `too_many` |
/// | `NoToken` | 401, with `WWW-Authenticate: Bearer` | `wrong_token` |
/// | `WrongToken`, `NoOrganizerToken`, `NotOrganizer` | 403 | `wrong_token` |
/// | `BadBody`, `BadAddress` | 400 | `bad_request` |
/// | `TooLarge` | 413 | `bad_request` |
/// | `WrongContentType` | 415 | `bad_request` |
/// | `Internal` | 500 (the cause is logged, never sent) | `internal` |
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    EventNotFound(String),
    TopicNotFound(String),
    SignupNotFound(String),
    RouteNotFound,
    MethodNotAllowed(Method),
    Full,
    AlreadyThere(String),
    EventFull(u32),
    InvalidName(NameProblem),
    /// Seconds until a request would be let through again (at least 1).
    TooMany(u64),
    NoToken,
    WrongToken,
    NoOrganizerToken,
    NotOrganizer,
    /// Malformed JSON or an unknown field, with serde's description.
    BadBody(String),
    /// A path parameter that is not text.
    BadAddress(String),
    TooLarge,
    WrongContentType,
    Internal,
    ProposalNotFound(String),
    NoBoard,
    /// `room × slot`.
    CellNotFound(String),
    /// The topic in the cell.
    Taken(String),
    /// The window as the file's local times.
    Closed(String, String),
    ProposalsFull(u32),
    InvalidText(event_model::open_space::TextProblem),
    OrganizersOnly,
}

impl Problem {
    /// An internal failure: `cause` goes to the log, the client gets [`Problem::Internal`].
    pub fn internal(cause: impl Display) -> Problem {
        tracing::error!("sign-up API: {cause}");
        Problem::Internal
    }

    pub fn status(&self) -> StatusCode {
        match self {
            Problem::EventNotFound(_)
            | Problem::TopicNotFound(_)
            | Problem::SignupNotFound(_)
            | Problem::RouteNotFound
            | Problem::ProposalNotFound(_)
            | Problem::NoBoard
            | Problem::CellNotFound(_) => StatusCode::NOT_FOUND,
            Problem::Taken(_) | Problem::ProposalsFull(_) => StatusCode::CONFLICT,
            Problem::Closed(..) | Problem::OrganizersOnly => StatusCode::FORBIDDEN,
            Problem::InvalidText(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Problem::MethodNotAllowed(_) => StatusCode::METHOD_NOT_ALLOWED,
            Problem::Full | Problem::AlreadyThere(_) | Problem::EventFull(_) => {
                StatusCode::CONFLICT
            }
            Problem::InvalidName(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Problem::TooMany(_) => StatusCode::TOO_MANY_REQUESTS,
            Problem::NoToken => StatusCode::UNAUTHORIZED,
            Problem::WrongToken | Problem::NoOrganizerToken | Problem::NotOrganizer => {
                StatusCode::FORBIDDEN
            }
            Problem::BadBody(_) | Problem::BadAddress(_) => StatusCode::BAD_REQUEST,
            Problem::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Problem::WrongContentType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Problem::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    pub fn code(&self) -> Refusal {
        match self {
            Problem::EventNotFound(_)
            | Problem::TopicNotFound(_)
            | Problem::SignupNotFound(_)
            | Problem::RouteNotFound
            | Problem::ProposalNotFound(_)
            | Problem::NoBoard
            | Problem::CellNotFound(_) => Refusal::NotFound,
            Problem::Taken(_) => Refusal::Taken,
            Problem::Closed(..) => Refusal::Closed,
            Problem::ProposalsFull(_) => Refusal::ProposalsFull,
            Problem::InvalidText(_) => Refusal::InvalidText,
            Problem::OrganizersOnly => Refusal::WrongToken,
            Problem::Full => Refusal::Full,
            Problem::AlreadyThere(_) => Refusal::AlreadyThere,
            Problem::EventFull(_) => Refusal::EventFull,
            Problem::InvalidName(_) => Refusal::InvalidName,
            Problem::TooMany(_) => Refusal::TooMany,
            Problem::NoToken
            | Problem::WrongToken
            | Problem::NoOrganizerToken
            | Problem::NotOrganizer => Refusal::WrongToken,
            Problem::MethodNotAllowed(_)
            | Problem::BadBody(_)
            | Problem::BadAddress(_)
            | Problem::TooLarge
            | Problem::WrongContentType => Refusal::BadRequest,
            Problem::Internal => Refusal::Internal,
        }
    }

    /// The human message in `language`.
    pub fn message(&self, language: Language) -> String {
        let say = |message: ApiMessage, values: &[&str]| message.fill(language, values);
        match self {
            Problem::EventNotFound(id) => say(ApiMessage::EventNotFound, &[id]),
            Problem::TopicNotFound(id) => say(ApiMessage::TopicNotFound, &[id]),
            Problem::SignupNotFound(id) => say(ApiMessage::SignupNotFound, &[id]),
            Problem::RouteNotFound => say(ApiMessage::RouteNotFound, &[]),
            Problem::MethodNotAllowed(method) => {
                say(ApiMessage::MethodNotAllowed, &[method.as_str()])
            }
            Problem::Full => say(ApiMessage::Full, &[]),
            Problem::AlreadyThere(name) => say(ApiMessage::AlreadyThere, &[name]),
            Problem::EventFull(cap) => say(ApiMessage::EventFull, &[&cap.to_string()]),
            Problem::InvalidName(NameProblem::Empty) => say(ApiMessage::NameEmpty, &[]),
            Problem::InvalidName(NameProblem::TooLong) => {
                say(ApiMessage::NameTooLong, &[&NAME_MAX_CHARS.to_string()])
            }
            Problem::InvalidName(NameProblem::Invisible) => say(ApiMessage::NameInvisible, &[]),
            Problem::TooMany(seconds) => say(ApiMessage::TooMany, &[&seconds.to_string()]),
            Problem::NoToken => say(ApiMessage::NoToken, &[]),
            Problem::WrongToken => say(ApiMessage::WrongToken, &[]),
            Problem::NoOrganizerToken => say(ApiMessage::NoOrganizerToken, &[]),
            Problem::NotOrganizer => say(ApiMessage::NotOrganizer, &[]),
            Problem::BadBody(detail) => say(ApiMessage::BadBody, &[detail]),
            Problem::BadAddress(detail) => say(ApiMessage::BadAddress, &[detail]),
            Problem::TooLarge => say(ApiMessage::TooLarge, &[&BODY_LIMIT.to_string()]),
            Problem::WrongContentType => say(ApiMessage::WrongContentType, &[]),
            Problem::Internal => say(ApiMessage::Internal, &[]),
            Problem::ProposalNotFound(id) => say(ApiMessage::ProposalNotFound, &[id]),
            Problem::NoBoard => say(ApiMessage::NoBoard, &[]),
            Problem::CellNotFound(cell) => say(ApiMessage::CellNotFound, &[cell]),
            Problem::Taken(topic) => say(ApiMessage::Taken, &[topic]),
            Problem::Closed(open, close) => say(ApiMessage::Closed, &[open, close]),
            Problem::ProposalsFull(cap) => say(ApiMessage::ProposalsFull, &[&cap.to_string()]),
            Problem::InvalidText(problem) => {
                use event_model::open_space::{
                    TextProblem, DESCRIPTION_MAX_CHARS, TITLE_MAX_CHARS,
                };
                match problem {
                    TextProblem::TitleEmpty => say(ApiMessage::TitleEmpty, &[]),
                    TextProblem::TitleTooLong => {
                        say(ApiMessage::TitleTooLong, &[&TITLE_MAX_CHARS.to_string()])
                    }
                    TextProblem::DescriptionTooLong => say(
                        ApiMessage::DescriptionTooLong,
                        &[&DESCRIPTION_MAX_CHARS.to_string()],
                    ),
                    TextProblem::Invisible => say(ApiMessage::TextInvisible, &[]),
                }
            }
            Problem::OrganizersOnly => say(ApiMessage::OrganizersOnly, &[]),
        }
    }

    /// This problem as answered to a reader of `language`.
    pub fn to(self, language: Language) -> Refused {
        Refused {
            problem: self,
            language,
        }
    }
}

/// A [`Problem`] with the language its message is to be written in: what handlers return.
#[derive(Debug)]
pub struct Refused {
    pub problem: Problem,
    pub language: Language,
}

impl IntoResponse for Refused {
    fn into_response(self) -> Response {
        let body = ApiError {
            error: self.problem.message(self.language),
            code: self.problem.code(),
        };
        let json = serde_json::to_vec(&body).unwrap_or_else(|_| {
            br#"{"error":"Something failed on the hub.","code":"internal"}"#.to_vec()
        });
        let mut response = (self.problem.status(), json).into_response();
        let headers = response.headers_mut();
        headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
        headers.insert(VARY, HeaderValue::from_static(LANGUAGE_VARY));
        match self.problem {
            Problem::TooMany(seconds) => {
                headers.insert(RETRY_AFTER, HeaderValue::from(seconds.max(1)));
            }
            Problem::NoToken => {
                headers.insert(WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
            }
            _ => {}
        }
        response
    }
}

/// The reader's language ([`reader_language`]) as an extractor that never fails.
#[derive(Debug, Clone, Copy)]
pub struct Reader(pub Language);

impl<S: Send + Sync> FromRequestParts<S> for Reader {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Reader(reader_language(parts.uri.query(), &parts.headers)))
    }
}

impl Reader {
    /// `problem`, refused in this reader's language.
    pub fn refuse(self, problem: Problem) -> Refused {
        problem.to(self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_has_english_and_german_and_german_says_du() {
        for message in ApiMessage::ALL {
            let (en, de) = (message.text(Language::En), message.text(Language::De));
            assert!(!en.is_empty() && !de.is_empty(), "{message:?}");
            assert_eq!(
                en.matches("{}").count(),
                de.matches("{}").count(),
                "{message:?}"
            );
            // "Sie" as a capitalised pronoun mid-sentence would be the formal address.
            assert!(
                !de.contains(" Ihr ") && !de.contains(" Ihnen "),
                "{message:?}: {de}"
            );
        }
    }

    #[test]
    fn each_problem_maps_to_its_documented_status_and_code() {
        let cases = [
            (Problem::EventNotFound("x".into()), 404, Refusal::NotFound),
            (Problem::Full, 409, Refusal::Full),
            (
                Problem::AlreadyThere("A".into()),
                409,
                Refusal::AlreadyThere,
            ),
            (Problem::EventFull(5), 409, Refusal::EventFull),
            (
                Problem::InvalidName(NameProblem::TooLong),
                422,
                Refusal::InvalidName,
            ),
            (Problem::TooMany(3), 429, Refusal::TooMany),
            (Problem::NoToken, 401, Refusal::WrongToken),
            (Problem::WrongToken, 403, Refusal::WrongToken),
            (Problem::BadBody("x".into()), 400, Refusal::BadRequest),
            (Problem::TooLarge, 413, Refusal::BadRequest),
            (Problem::WrongContentType, 415, Refusal::BadRequest),
            (Problem::Internal, 500, Refusal::Internal),
        ];
        for (problem, status, code) in cases {
            assert_eq!(problem.status().as_u16(), status, "{problem:?}");
            assert_eq!(problem.code(), code, "{problem:?}");
        }
    }

    #[test]
    fn a_name_problem_says_which_rule_it_broke() {
        let long = Problem::InvalidName(NameProblem::TooLong);
        assert_eq!(
            long.message(Language::En),
            "The name is longer than 40 characters."
        );
        assert_eq!(
            long.message(Language::De),
            "Der Name ist länger als 40 Zeichen."
        );
    }
}
