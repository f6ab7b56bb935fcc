//! The event file contract (schema version 1): the serde types organizers write by hand.
//!
//! Every struct denies unknown fields, so a typo such as `"titel"` is an error rather than a
//! silently missing title. Times are kept as written ([`LocalDateTime`]) and resolved against the
//! event's zone by [`crate::zone`]; ids are plain strings checked by [`crate::validate`].

use serde::{Deserialize, Serialize};

use crate::time::LocalDateTime;

/// The schema version this hub understands.
pub const SCHEMA_VERSION: u32 = 1;

/// One event: everything the page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// Editor hint pointing at the JSON Schema; ignored by the hub.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    pub schema_version: u32,
    pub id: String,
    pub title: String,
    /// Markdown.
    #[serde(default)]
    pub summary: String,
    /// IANA zone name, e.g. `Europe/Berlin`; all local times in the file are in this zone.
    pub time_zone: String,
    pub start: LocalDateTime,
    pub end: LocalDateTime,
    #[serde(default)]
    pub links: Vec<Link>,
    #[serde(default)]
    pub places: Vec<Place>,
    #[serde(default)]
    pub sessions: Vec<Session>,
    #[serde(default)]
    pub topics: Vec<Topic>,
    #[serde(default)]
    pub signups: Signups,
    #[serde(default)]
    pub contacts: Vec<Contact>,
    #[serde(default)]
    pub sections: Vec<Section>,
    #[serde(default)]
    pub hosts: Vec<Host>,
}

/// What a link is for; the page gives some kinds a prominent place (registration → "Register").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkKind {
    Registration,
    Website,
    Chat,
    Video,
    Code,
    Documentation,
    #[default]
    Other,
}

/// A link with an optional title (the URL is shown when there is none).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Link {
    #[serde(default)]
    pub kind: LinkKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    pub url: String,
}

impl Link {
    /// The text to show for the link: its title, or the URL without the scheme.
    pub fn label(&self) -> &str {
        match &self.title {
            Some(title) if !title.trim().is_empty() => title,
            _ => self
                .url
                .split_once("://")
                .map_or(self.url.as_str(), |(_, rest)| rest.trim_end_matches('/')),
        }
    }
}

/// What kind of place; decides the icon and the order on the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlaceKind {
    Venue,
    Hotel,
    Restaurant,
    MeetingPoint,
    Transport,
    Other,
}

impl PlaceKind {
    /// A short human label.
    pub fn label(self) -> &'static str {
        match self {
            PlaceKind::Venue => "Venue",
            PlaceKind::Hotel => "Hotel",
            PlaceKind::Restaurant => "Restaurant",
            PlaceKind::MeetingPoint => "Meeting point",
            PlaceKind::Transport => "Transport",
            PlaceKind::Other => "Place",
        }
    }
}

/// A venue, hotel, restaurant or meeting point.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Place {
    pub id: String,
    pub kind: PlaceKind,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lat: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lon: Option<f64>,
    /// Markdown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// What kind of session; decides its styling in the agenda.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SessionKind {
    #[default]
    Talk,
    Work,
    Break,
    Meal,
    Social,
    Arrival,
}

/// One slot of the agenda.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Session {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub kind: SessionKind,
    pub start: LocalDateTime,
    pub end: LocalDateTime,
    /// Id of a place in `places`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// Markdown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// An open-space topic people can sign up for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Topic {
    pub id: String,
    pub title: String,
    /// Markdown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Short bullet points (plain text).
    #[serde(default)]
    pub points: Vec<String>,
    #[serde(default)]
    pub links: Vec<Link>,
    /// People who proposed or lead the topic.
    #[serde(default)]
    pub hosts: Vec<String>,
    /// Maximum number of sign-ups; `null` for unlimited.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity: Option<u32>,
}

/// Where shared sign-ups are stored; `api: null` keeps sign-ups on the device only.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Signups {
    #[serde(default)]
    pub api: Option<String>,
}

/// Someone attendees can ask.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

/// A free text section such as "Food" or "Data protection".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub id: String,
    pub title: String,
    /// Markdown.
    pub body: String,
}

/// An organization that hosts or supports the event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Host {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

impl Event {
    /// The registration link, shown as the header's main action.
    pub fn registration(&self) -> Option<&Link> {
        self.links.iter().find(|l| l.kind == LinkKind::Registration)
    }

    /// The place with this id.
    pub fn place(&self, id: &str) -> Option<&Place> {
        self.places.iter().find(|p| p.id == id)
    }

    /// The main venue: the first place of kind `venue`.
    pub fn venue(&self) -> Option<&Place> {
        self.places.iter().find(|p| p.kind == PlaceKind::Venue)
    }
}

/// One entry of `events/index.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndexEntry {
    pub id: String,
    pub title: String,
    /// Event file, relative to the index (e.g. `scs-hackathon-3.json`).
    pub file: String,
    pub time_zone: String,
    pub start: LocalDateTime,
    pub end: LocalDateTime,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
}

/// `events/index.json`: the events a standalone hub lists.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventIndex {
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    pub events: Vec<IndexEntry>,
}
