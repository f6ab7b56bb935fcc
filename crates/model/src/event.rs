//! The event file contract (schema version 1): the serde types organizers write by hand.
//!
//! Every struct denies unknown fields, so a typo such as `"titel"` is an error rather than a
//! silently missing title. Times are kept as written ([`LocalDateTime`]) and resolved against the
//! event's zone by [`crate::zone`]; ids are plain strings checked by [`crate::validate`].

use serde::{Deserialize, Serialize};

use crate::text::Text;
use crate::time::LocalDateTime;

/// The schema version this hub understands.
pub const SCHEMA_VERSION: u32 = 1;

/// One event file: everything the event's page shows. Times are wall-clock times in `time_zone`;
/// unknown fields are errors, so a typo never silently drops information.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// Editor hint: where this file's JSON Schema is, so editors complete and check fields. The
    /// hub ignores it.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(example = &"../schema/event.schema.json"))]
    pub schema: Option<String>,
    /// The version of the file format. This hub understands version 1.
    #[cfg_attr(feature = "schema", schemars(extend("const" = 1), example = 1))]
    pub schema_version: u32,
    /// The event's id: its address is `/events/{id}` and its file `events/{id}.json`. 1–80
    /// characters of a–z, 0–9, `-` and `_`, starting with a letter or digit.
    #[cfg_attr(feature = "schema", schemars(regex(pattern = crate::schema::ID_PATTERN), example = &"scs-hackathon-3"))]
    pub id: String,
    /// The event's name, as the page's heading (plain text, at most 200 characters).
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::TitleText"))]
    #[cfg_attr(feature = "schema", schemars(example = &"Third SCS Community Hackathon"))]
    pub title: Text,
    /// A short introduction under the heading (Markdown; HTML in it is shown as text).
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::MarkdownText"))]
    pub summary: Text,
    /// The IANA time zone of the event, such as `Europe/Berlin`. Every time in the file is a
    /// wall-clock time in this zone; the page also shows the agenda in the visitor's own zone.
    #[cfg_attr(
        feature = "schema",
        schemars(
            extend("enum" = crate::schema::zone_names()),
            example = &"Europe/Berlin",
            example = &"America/New_York",
            example = &"UTC"
        )
    )]
    pub time_zone: String,
    /// The language of the file's plain-string texts, and the one shown to a reader whose
    /// language a text object lacks (`en`, `de`, …). Leave it out and such readers get each
    /// text's first language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(regex(pattern = crate::schema::LANGUAGE_PATTERN), example = &"en"))]
    pub default_language: Option<String>,
    /// When the main event starts: a wall-clock time in `time_zone`, written `YYYY-MM-DDTHH:MM`.
    /// Seconds (`:SS`) are optional; an offset such as `+01:00` is optional and must agree with
    /// the zone (it picks one side of a fall-back fold).
    #[cfg_attr(
        feature = "schema",
        schemars(example = &"2023-11-08T10:00", example = &"2024-10-27T02:30+01:00")
    )]
    pub start: LocalDateTime,
    /// When the main event ends (after `start`), written like `start`.
    #[cfg_attr(feature = "schema", schemars(example = &"2023-11-08T19:00"))]
    pub end: LocalDateTime,
    /// Links about the event. One with `"kind": "registration"` becomes the *Register* button.
    #[serde(default)]
    pub links: Vec<Link>,
    /// The event's own page, where calendar entries lead (`https:` or `http:`). Leave it out and
    /// they lead to the hub's page for the event: the address the page was opened at, or the
    /// one `hub serve` publishes at `/events/{id}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(regex(pattern = crate::schema::URL_PATTERN), example = &"https://scs.community/hackathon-3"))]
    pub url: Option<String>,
    /// Venue, hotel, restaurant, meeting points. Sessions refer to them by `id`.
    #[serde(default)]
    pub places: Vec<Place>,
    /// The agenda. Sessions may lie outside `start`–`end`, e.g. a get-together the evening before.
    #[serde(default)]
    pub sessions: Vec<Session>,
    /// Open-space topics people can sign up for.
    #[serde(default)]
    pub topics: Vec<Topic>,
    /// Where shared topic sign-ups are stored.
    #[serde(default)]
    pub signups: Signups,
    /// The map's tile source; leave it out for OpenStreetMap's standard tiles.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub map: Option<MapTiles>,
    /// The open-space board: its rooms and slots, and when sessions may be proposed on the day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub open_space: Option<crate::open_space::OpenSpace>,
    /// People attendees can ask.
    #[serde(default)]
    pub contacts: Vec<Contact>,
    /// Free-text sections such as food or data protection.
    #[serde(default)]
    pub sections: Vec<Section>,
    /// Organizations that host or support the event.
    #[serde(default)]
    pub hosts: Vec<Host>,
}

/// What a link is for: `registration` becomes the header's *Register* button; `website`,
/// `chat`, `video`, `code`, `documentation` get an icon; `other` (the default) none.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Link {
    /// What the link is for.
    #[serde(default)]
    pub kind: LinkKind,
    /// The link's text (plain text); without it the page shows the URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::schema::TitleText>")
    )]
    #[cfg_attr(feature = "schema", schemars(example = &"Register"))]
    pub title: Option<Text>,
    /// An absolute URL starting with `https:`, `http:`, `mailto:`, `tel:` or `geo:`.
    #[cfg_attr(feature = "schema", schemars(regex(pattern = crate::schema::URL_PATTERN), example = &"https://events.scs.community/hackathon-3/"))]
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

/// What kind of place: `venue`, `hotel`, `restaurant`, `meeting_point`, `transport` or `other`.
/// Decides the icon and the order on the page; the first `venue` is the event's main place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
    pub fn label(self) -> crate::messages::Message {
        use crate::messages::Message;
        match self {
            PlaceKind::Venue => Message::Venue,
            PlaceKind::Hotel => Message::Hotel,
            PlaceKind::Restaurant => Message::Restaurant,
            PlaceKind::MeetingPoint => Message::MeetingPoint,
            PlaceKind::Transport => Message::Transport,
            PlaceKind::Other => Message::Place,
        }
    }
}

/// A venue, hotel, restaurant or meeting point.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Place {
    /// The place's id, unique among places; sessions name it in their `place`.
    #[cfg_attr(feature = "schema", schemars(regex(pattern = crate::schema::ID_PATTERN), example = &"venue"))]
    pub id: String,
    /// What kind of place.
    pub kind: PlaceKind,
    /// The place's name (plain text).
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::TitleText"))]
    #[cfg_attr(feature = "schema", schemars(example = &"CLOUD&HEAT"))]
    pub name: Text,
    /// The postal address (plain text), as people type it into a maps app.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::schema::TitleText>")
    )]
    #[cfg_attr(feature = "schema", schemars(example = &"Königsbrücker Straße 96, 01099 Dresden"))]
    pub address: Option<Text>,
    /// Latitude in decimal degrees (−90 to 90); give `lon` too. With both the page links to maps.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(range(min = -90.0, max = 90.0), example = 51.08017))]
    pub lat: Option<f64>,
    /// Longitude in decimal degrees (−180 to 180); give `lat` too.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(range(min = -180.0, max = 180.0), example = 13.76214))]
    pub lon: Option<f64>,
    /// How to get in, when to be there, what to bring (Markdown).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::schema::MarkdownText>")
    )]
    pub notes: Option<Text>,
    /// The place's website: an absolute `https:` or `http:` URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(regex(pattern = crate::schema::URL_PATTERN), example = &"https://www.cloudandheat.com/"))]
    pub url: Option<String>,
    /// A picture that helps people find their way: the entrance, a floor plan.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<PlaceImage>,
    /// A note for the organizers ("coordinates are approximate"), never shown to attendees. The
    /// event file itself is public: nothing secret goes here.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::schema::MarkdownText>")
    )]
    pub internal_notes: Option<Text>,
}

/// A place's picture, with the words that say what it shows for those who cannot see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PlaceImage {
    /// The image: a path on the hub's own host (`/images/entrance.jpg`) or an `https:` URL.
    #[cfg_attr(feature = "schema", schemars(regex(pattern = crate::schema::IMAGE_PATTERN), example = &"/images/cloudandheat-entrance.jpg"))]
    pub src: String,
    /// What the picture shows, for screen readers and when it does not load (plain text).
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::TitleText"))]
    #[cfg_attr(feature = "schema", schemars(example = &"The entrance of Halle 15, with the CLOUD&HEAT sign above the door"))]
    pub alt: Text,
}

/// What kind of session: `talk` (the default), `work`, `break`, `meal`, `social` or `arrival`.
/// Decides its styling in the agenda.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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

/// Which of a session's times the organizers have not fixed yet: `"start"`, `"end"` or `"both"`.
/// The page shows such a time as "≈ 16:00", calendars get `STATUS:TENTATIVE`, and "now / next"
/// never announces it as certain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Tentative {
    Start,
    End,
    Both,
}

impl Tentative {
    /// Whether the start is not fixed.
    pub fn start(self) -> bool {
        matches!(self, Tentative::Start | Tentative::Both)
    }

    /// Whether the end is not fixed.
    pub fn end(self) -> bool {
        matches!(self, Tentative::End | Tentative::Both)
    }
}

/// One slot of the agenda.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Session {
    /// The session's id, unique among sessions.
    #[cfg_attr(feature = "schema", schemars(regex(pattern = crate::schema::ID_PATTERN), example = &"welcome"))]
    pub id: String,
    /// The session's title (plain text).
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::TitleText"))]
    #[cfg_attr(feature = "schema", schemars(example = &"Welcome"))]
    pub title: Text,
    /// What kind of session.
    #[serde(default)]
    pub kind: SessionKind,
    /// When the session starts: a wall-clock time in the event's `time_zone`, written
    /// `YYYY-MM-DDTHH:MM` (optionally with `:SS` and an offset such as `+01:00`).
    #[cfg_attr(feature = "schema", schemars(example = &"2023-11-08T10:00"))]
    pub start: LocalDateTime,
    /// When the session ends (after `start`), written like `start`.
    #[cfg_attr(feature = "schema", schemars(example = &"2023-11-08T10:30"))]
    pub end: LocalDateTime,
    /// Where it happens: the `id` of one of the event's `places`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(regex(pattern = crate::schema::ID_PATTERN), example = &"venue"))]
    pub place: Option<String>,
    /// More about the session (Markdown).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::schema::MarkdownText>")
    )]
    pub description: Option<Text>,
    /// Which times are not fixed yet (`"start"`, `"end"` or `"both"`); leave it out when both are.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(example = &"both"))]
    pub tentative: Option<Tentative>,
    /// What the organizers said about a time not fixed yet, shown beside it (plain text), e.g.
    /// "before dinner".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::schema::TitleText>")
    )]
    #[cfg_attr(feature = "schema", schemars(example = &"before dinner"))]
    pub time_note: Option<Text>,
}

impl Session {
    /// Whether the start time is not fixed yet.
    pub fn tentative_start(&self) -> bool {
        self.tentative.is_some_and(Tentative::start)
    }

    /// Whether the end time is not fixed yet.
    pub fn tentative_end(&self) -> bool {
        self.tentative.is_some_and(Tentative::end)
    }
}

/// An open-space topic people can sign up for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Topic {
    /// The topic's id, unique among topics; sign-ups are stored under it, so keep it once people
    /// have signed up.
    #[cfg_attr(feature = "schema", schemars(regex(pattern = crate::schema::ID_PATTERN), example = &"central-api"))]
    pub id: String,
    /// The topic's title (plain text).
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::TitleText"))]
    #[cfg_attr(feature = "schema", schemars(example = &"Continuing on the central API"))]
    pub title: Text,
    /// What the topic is about (Markdown).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::schema::MarkdownText>")
    )]
    pub description: Option<Text>,
    /// Short bullet points (plain text, each at most 200 characters).
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Vec<crate::schema::TitleText>"))]
    pub points: Vec<Text>,
    /// Links for the topic: repositories, pads, issues.
    #[serde(default)]
    pub links: Vec<Link>,
    /// Names of the people who proposed or lead the topic (plain text).
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Vec<crate::schema::TitleText>"))]
    pub hosts: Vec<Text>,
    /// When the group works on it: the `id` of one of the event's `sessions`, such as a work phase.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(regex(pattern = crate::schema::ID_PATTERN), example = &"work-1"))]
    pub session: Option<String>,
    /// Where the group meets: the `id` of one of the event's `places`, such as a room.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(regex(pattern = crate::schema::ID_PATTERN), example = &"venue"))]
    pub place: Option<String>,
    /// The most people who can sign up; leave it out or write `null` for no limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(range(min = 1), example = 12))]
    pub capacity: Option<u32>,
}

/// Where shared sign-ups are stored; `"api": null` keeps sign-ups on each visitor's device only.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Signups {
    /// The sign-up API: a path on the hub that serves the page (`/api`) or an `https:` URL;
    /// `null` for sign-ups on the device only.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(regex(pattern = crate::schema::SIGNUPS_API_PATTERN), example = &"/api"))]
    pub api: Option<String>,
    /// A sign-up sheet elsewhere (a pad, a form) that the page offers when there is no shared
    /// API, or when it cannot be reached.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(regex(pattern = crate::schema::URL_PATTERN), example = &"https://pad.example.org/hackathon-topics"))]
    pub url: Option<String>,
}

/// Where the map's tiles come from. A template on the page's own host (starting with `/`) loads
/// at once; any other host only after the reader agrees, since it learns their IP address and
/// the area they look at.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct MapTiles {
    /// The tiles' address with `{z}`, `{x}` and `{y}` (and optionally `{r}`, replaced by `@2x`
    /// on high-DPI screens): a path on this host (`/tiles/{z}/{x}/{y}.png`) or an `https:` URL.
    #[cfg_attr(feature = "schema", schemars(regex(pattern = crate::schema::TILES_PATTERN), example = &"https://tile.openstreetmap.org/{z}/{x}/{y}.png"))]
    pub tiles: String,
    /// The credit the tiles' licence asks for, shown on the map at all times (plain text).
    #[cfg_attr(feature = "schema", schemars(example = &"© OpenStreetMap contributors"))]
    pub attribution: String,
    /// Where the credit links to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(regex(pattern = crate::schema::URL_PATTERN), example = &"https://www.openstreetmap.org/copyright"))]
    pub attribution_url: Option<String>,
    /// The closest zoom level the source has (default 19).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(range(min = 1, max = 22), example = 19))]
    pub max_zoom: Option<u8>,
    /// The tile provider's privacy policy, linked where the page asks before loading tiles.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(regex(pattern = crate::schema::URL_PATTERN), example = &"https://osmfoundation.org/wiki/Privacy_Policy"))]
    pub privacy_url: Option<String>,
}

/// Someone attendees can ask.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// The person's name (plain text).
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::TitleText"))]
    #[cfg_attr(feature = "schema", schemars(example = &"Friederike"))]
    pub name: Text,
    /// What they do at the event (plain text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::schema::TitleText>")
    )]
    #[cfg_attr(feature = "schema", schemars(example = &"Organizer"))]
    pub role: Option<Text>,
    /// A page about them or a way to reach them: `https:`, `mailto:`, `tel:` and so on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(regex(pattern = crate::schema::URL_PATTERN), example = &"https://scs.community/zelke"))]
    pub url: Option<String>,
    /// An e-mail address, without `mailto:`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(regex(pattern = crate::schema::EMAIL_PATTERN), example = &"events@example.org"))]
    pub email: Option<String>,
}

/// A free text section such as "Food" or "Data protection".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// The section's id, unique among sections; the page links to it as `#{id}`.
    #[cfg_attr(feature = "schema", schemars(regex(pattern = crate::schema::ID_PATTERN), example = &"privacy"))]
    pub id: String,
    /// The section's heading (plain text).
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::TitleText"))]
    #[cfg_attr(feature = "schema", schemars(example = &"Data protection and notices"))]
    pub title: Text,
    /// The section's text (Markdown).
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::MarkdownText"))]
    pub body: Text,
}

/// An organization that hosts or supports the event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Host {
    /// The organization's name (plain text).
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::TitleText"))]
    #[cfg_attr(feature = "schema", schemars(example = &"CLOUD&HEAT"))]
    pub name: Text,
    /// The organization's website.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(regex(pattern = crate::schema::URL_PATTERN), example = &"https://www.cloudandheat.com/"))]
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

    /// Calls `visit` with every text of the event and where it is in the file, in file order:
    /// for choosing the reader's language and for checking that every language is given. The
    /// place is a [`TextAt`], not a string, so choosing a language builds no paths.
    pub fn each_text(&mut self, visit: &mut dyn FnMut(TextAt, &mut Text)) {
        let at = |list: &'static str, index: usize, field: &'static str| TextAt {
            list,
            index,
            field,
            item: None,
        };
        visit(at("", 0, "title"), &mut self.title);
        visit(at("", 0, "summary"), &mut self.summary);
        for (i, link) in self.links.iter_mut().enumerate() {
            if let Some(title) = &mut link.title {
                visit(at("links", i, "title"), title);
            }
        }
        for (i, place) in self.places.iter_mut().enumerate() {
            visit(at("places", i, "name"), &mut place.name);
            if let Some(text) = &mut place.address {
                visit(at("places", i, "address"), text);
            }
            if let Some(text) = &mut place.notes {
                visit(at("places", i, "notes"), text);
            }
            if let Some(image) = &mut place.image {
                visit(at("places", i, "image.alt"), &mut image.alt);
            }
        }
        for (i, session) in self.sessions.iter_mut().enumerate() {
            visit(at("sessions", i, "title"), &mut session.title);
            if let Some(text) = &mut session.description {
                visit(at("sessions", i, "description"), text);
            }
            if let Some(text) = &mut session.time_note {
                visit(at("sessions", i, "time_note"), text);
            }
        }
        for (i, topic) in self.topics.iter_mut().enumerate() {
            visit(at("topics", i, "title"), &mut topic.title);
            if let Some(text) = &mut topic.description {
                visit(at("topics", i, "description"), text);
            }
            for (j, point) in topic.points.iter_mut().enumerate() {
                visit(
                    TextAt {
                        item: Some(j),
                        ..at("topics", i, "points")
                    },
                    point,
                );
            }
            for (j, link) in topic.links.iter_mut().enumerate() {
                if let Some(title) = &mut link.title {
                    visit(
                        TextAt {
                            item: Some(j),
                            ..at("topics", i, "links")
                        },
                        title,
                    );
                }
            }
            for (j, host) in topic.hosts.iter_mut().enumerate() {
                visit(
                    TextAt {
                        item: Some(j),
                        ..at("topics", i, "hosts")
                    },
                    host,
                );
            }
        }
        for (i, contact) in self.contacts.iter_mut().enumerate() {
            visit(at("contacts", i, "name"), &mut contact.name);
            if let Some(text) = &mut contact.role {
                visit(at("contacts", i, "role"), text);
            }
        }
        for (i, section) in self.sections.iter_mut().enumerate() {
            visit(at("sections", i, "title"), &mut section.title);
            visit(at("sections", i, "body"), &mut section.body);
        }
        for (i, host) in self.hosts.iter_mut().enumerate() {
            visit(at("hosts", i, "name"), &mut host.name);
        }
    }

    /// Shows every text in `reader`'s language where the file gives it (see [`Text::choose`]).
    pub fn localize(&mut self, reader: &str) {
        let default = self.default_language.clone();
        self.each_text(&mut |_, text| text.choose(reader, default.as_deref()));
    }

    /// Takes `page` (an `http:`/`https:` address) as the event's own page unless the file names
    /// one, so the calendar entries made from this event lead back to where it was read.
    pub fn fill_in_page(&mut self, page: &str) {
        let is_web = page.starts_with("https://") || page.starts_with("http://");
        if self.url.is_none() && is_web && crate::safe_url::is_safe_url(page) {
            self.url = Some(page.to_owned());
        }
    }
}

/// One entry of `events/index.json`: what the list of events shows before opening the file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct IndexEntry {
    /// The event's id, as in its file.
    #[cfg_attr(feature = "schema", schemars(regex(pattern = crate::schema::ID_PATTERN), example = &"scs-hackathon-3"))]
    pub id: String,
    /// The event's name (plain text).
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::TitleText"))]
    #[cfg_attr(feature = "schema", schemars(example = &"Third SCS Community Hackathon"))]
    pub title: Text,
    /// The event file, relative to the index.
    #[cfg_attr(feature = "schema", schemars(example = &"scs-hackathon-3.json"))]
    pub file: String,
    /// The event's IANA time zone, as in its file.
    #[cfg_attr(
        feature = "schema",
        schemars(extend("enum" = crate::schema::zone_names()), example = &"Europe/Berlin")
    )]
    pub time_zone: String,
    /// When the event starts, as in its file.
    #[cfg_attr(feature = "schema", schemars(example = &"2023-11-08T10:00"))]
    pub start: LocalDateTime,
    /// When the event ends, as in its file.
    #[cfg_attr(feature = "schema", schemars(example = &"2023-11-08T19:00"))]
    pub end: LocalDateTime,
    /// Where, in a few words (plain text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(example = &"CLOUD&HEAT, Dresden"))]
    pub place: Option<Text>,
}

/// Where a text is in the event file: `title`, `sessions[2].title`, `topics[0].points[1]`,
/// `topics[0].links[1].title` (see [`Event::each_text`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextAt {
    /// The list the item is in (`sessions`), or empty for a field of the event itself.
    pub list: &'static str,
    pub index: usize,
    /// The field of the item; for a topic's `points`, `links` and `hosts` the list within it.
    pub field: &'static str,
    /// The place within the item's own list.
    pub item: Option<usize>,
}

impl std::fmt::Display for TextAt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if !self.list.is_empty() {
            write!(f, "{}[{}].", self.list, self.index)?;
        }
        f.write_str(self.field)?;
        match (self.item, self.field) {
            (Some(j), "links") => write!(f, "[{j}].title"),
            (Some(j), _) => write!(f, "[{j}]"),
            (None, _) => Ok(()),
        }
    }
}

impl IndexEntry {
    /// Shows the entry's texts in `reader`'s language where the index gives it.
    pub fn localize(&mut self, reader: &str) {
        self.title.choose(reader, None);
        if let Some(place) = &mut self.place {
            place.choose(reader, None);
        }
    }
}

/// `events/index.json`: the events a standalone hub lists on its home page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct EventIndex {
    /// Editor hint: where this file's JSON Schema is. The hub ignores it.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(example = &"../schema/index.schema.json"))]
    pub schema: Option<String>,
    /// The events, in any order: the hub sorts them (upcoming first, then past).
    pub events: Vec<IndexEntry>,
}

#[cfg(test)]
mod tests {
    use super::{Event, SessionKind, Tentative};

    #[test]
    fn every_text_is_visited_with_its_json_path_and_localized() {
        let mut event: Event = serde_json::from_str(
            r#"{"schema_version": 1, "id": "x", "title": {"en": "Third", "de": "Dritter"},
                "default_language": "en", "time_zone": "UTC",
                "start": "2023-11-08T10:00", "end": "2023-11-08T19:00",
                "topics": [{"id": "t", "title": "Cluster stacks", "points": ["a", {"de": "b"}],
                            "links": [{"url": "https://x.example", "title": "Repo"}]}]}"#,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let mut paths = Vec::new();
        event.each_text(&mut |at, _| paths.push(at.to_string()));
        assert_eq!(
            paths,
            [
                "title",
                "summary",
                "topics[0].title",
                "topics[0].points[0]",
                "topics[0].points[1]",
                "topics[0].links[0].title"
            ]
        );
        event.localize("de");
        assert_eq!(event.title, "Dritter");
        assert_eq!(
            event.topics[0].title.other_language().as_deref(),
            Some("en")
        );
        assert_eq!(event.topics[0].points[1], "b");
        event.localize("en");
        assert_eq!(
            (event.title.as_str(), event.title.other_language()),
            ("Third", None)
        );
    }

    #[test]
    fn tentative_names_are_the_file_format_names_and_say_which_time_is_open() {
        use Tentative::*;
        for tentative in [Start, End, Both] {
            let written = serde_json::to_string(&tentative).unwrap_or_default();
            assert_eq!(written, format!("\"{}\"", tentative.name()));
        }
        assert_eq!((Start.start(), Start.end()), (true, false));
        assert_eq!((End.start(), End.end()), (false, true));
        assert_eq!((Both.start(), Both.end()), (true, true));
    }

    #[test]
    fn session_kind_names_are_the_file_format_names() {
        use SessionKind::*;
        for kind in [Talk, Work, Break, Meal, Social, Arrival] {
            let written = serde_json::to_string(&kind).unwrap_or_default();
            assert_eq!(written, format!("\"{}\"", kind.name()));
        }
    }
}

// What the file writes for each kind, as `rename_all = "snake_case"` spells it for `Serialize` and
// the schema (`crate::word`: one small reader for all of them, and each kind's `name()`, which
// for a session is also the page's CSS modifier).
crate::word::deserialize_words!(LinkKind {
    LinkKind::Registration => "registration",
    LinkKind::Website => "website",
    LinkKind::Chat => "chat",
    LinkKind::Video => "video",
    LinkKind::Code => "code",
    LinkKind::Documentation => "documentation",
    LinkKind::Other => "other",
});
crate::word::deserialize_words!(PlaceKind {
    PlaceKind::Venue => "venue",
    PlaceKind::Hotel => "hotel",
    PlaceKind::Restaurant => "restaurant",
    PlaceKind::MeetingPoint => "meeting_point",
    PlaceKind::Transport => "transport",
    PlaceKind::Other => "other",
});
crate::word::deserialize_words!(SessionKind {
    SessionKind::Talk => "talk",
    SessionKind::Work => "work",
    SessionKind::Break => "break",
    SessionKind::Meal => "meal",
    SessionKind::Social => "social",
    SessionKind::Arrival => "arrival",
});
crate::word::deserialize_words!(Tentative {
    Tentative::Start => "start",
    Tentative::End => "end",
    Tentative::Both => "both",
});
