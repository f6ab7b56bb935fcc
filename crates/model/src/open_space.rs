//! The open-space marketplace: the board the event file may declare (`open_space`: rooms ×
//! slots, when proposals are taken, how many), the bodies of the proposals and board API between
//! `hub serve` and the page, what a proposal's texts may be, and the board as people read it (a
//! list by slot on a phone, a grid on a laptop, "now" per room).
//!
//! One definition for the checker, the server and the page, so a proposal the page refuses is
//! refused for the same reason the server would, and a cell the file declares is one both know.

use serde::{Deserialize, Serialize};

use crate::time::LocalDateTime;

/// The longest proposal title, in characters.
pub const TITLE_MAX_CHARS: usize = 120;
/// The longest proposal description, in characters.
pub const DESCRIPTION_MAX_CHARS: usize = 1000;
/// How many proposals an event takes unless its file says otherwise.
pub const DEFAULT_MAX_PROPOSALS: u32 = 100;

/// The event file's `open_space`: the marketplace's board and its proposal window.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct OpenSpace {
    /// The board's columns: the ids of the `places` where groups meet (rooms), in the order the
    /// board shows them.
    #[cfg_attr(feature = "schema", schemars(example = &["venue"]))]
    pub rooms: Vec<String>,
    /// The board's rows: the ids of the `sessions` during which groups meet (the work phases), in
    /// time order. A cell is one room in one slot and holds one topic.
    #[cfg_attr(feature = "schema", schemars(example = &["work-1", "work-2"]))]
    pub slots: Vec<String>,
    /// From when people may propose sessions on the page, written like the event's `start`;
    /// default: the start of the event's first day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(example = &"2023-11-08T09:30"))]
    pub proposals_open: Option<LocalDateTime>,
    /// Until when proposals are taken; default: the end of the event's last day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(example = &"2023-11-08T16:00"))]
    pub proposals_close: Option<LocalDateTime>,
    /// The most proposals the event takes (withdrawn ones do not count); default 100.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "schema",
        schemars(range(min = 1, max = 10000), example = 40)
    )]
    pub max_proposals: Option<u32>,
}

impl OpenSpace {
    /// The proposal cap in force.
    pub fn cap(&self) -> u32 {
        self.max_proposals.unwrap_or(DEFAULT_MAX_PROPOSALS)
    }

    /// Whether `room` × `slot` is a cell of this board.
    pub fn has_cell(&self, room: &str, slot: &str) -> bool {
        self.rooms.iter().any(|r| r == room) && self.slots.iter().any(|s| s == slot)
    }
}

/// The proposal window: midnight before the event's first day to midnight after its last, in
/// local time, unless the file sets either end.
pub fn proposal_window(event: &crate::Event, space: &OpenSpace) -> (LocalDateTime, LocalDateTime) {
    let open = space.proposals_open.unwrap_or_else(|| LocalDateTime {
        local: event.start.local.date().and_time(chrono::NaiveTime::MIN),
        offset: None,
    });
    let close = space.proposals_close.unwrap_or_else(|| LocalDateTime {
        local: event
            .end
            .local
            .date()
            .succ_opt()
            .unwrap_or(event.end.local.date())
            .and_time(chrono::NaiveTime::MIN),
        offset: None,
    });
    (open, close)
}

/// Why a proposal's text is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextProblem {
    /// The title is empty.
    TitleEmpty,
    /// The title is longer than [`TITLE_MAX_CHARS`].
    TitleTooLong,
    /// The description is longer than [`DESCRIPTION_MAX_CHARS`].
    DescriptionTooLong,
    /// A control character (other than a line break in the description) or an invisible one.
    Invisible,
}

/// The proposal as stored: title and description trimmed, or why they cannot be.
pub fn proposal_text<'a>(
    title: &'a str,
    description: &'a str,
) -> Result<(&'a str, &'a str), TextProblem> {
    let (title, description) = (title.trim(), description.trim());
    if title.is_empty() {
        return Err(TextProblem::TitleEmpty);
    }
    if title.chars().count() > TITLE_MAX_CHARS {
        return Err(TextProblem::TitleTooLong);
    }
    if description.chars().count() > DESCRIPTION_MAX_CHARS {
        return Err(TextProblem::DescriptionTooLong);
    }
    let invisible = |c: char, breaks: bool| {
        (c.is_control() && !(breaks && c == '\n'))
            || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
    };
    if title.chars().any(|c| invisible(c, false)) || description.chars().any(|c| invisible(c, true))
    {
        return Err(TextProblem::Invisible);
    }
    Ok((title, description))
}

/// The id a proposal has as a topic (on sign-up sheets, on the board, in the export).
pub fn proposal_topic_id(id: i64) -> String {
    format!("proposal-{id}")
}

/// The proposal number in a topic id made by [`proposal_topic_id`].
pub fn proposal_number(topic: &str) -> Option<i64> {
    topic
        .strip_prefix("proposal-")?
        .parse()
        .ok()
        .filter(|n| *n > 0)
}

/// The body of a new proposal, and of its edit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProposalRequest {
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// The proposer's display name (as on a sign-up sheet).
    pub name: String,
    /// "Builds on": the id of a topic of the file or another proposal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub builds_on: Option<String>,
    /// The most people who can sign up; `None` for no limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity: Option<u32>,
}

/// What an organizer does to a proposal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
pub enum Moderation {
    /// Take it off every page (it stays in the database and the CSV, marked hidden).
    Hide,
    /// Show a hidden proposal again.
    Show,
    /// Fold it into another topic: it disappears, its place on the board goes to nobody.
    MergeInto(String),
}

/// One proposal as every page sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Proposal {
    /// Its topic id ([`proposal_topic_id`]).
    pub topic: String,
    pub title: String,
    pub description: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub builds_on: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity: Option<u32>,
}

/// One filled cell of the board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Placement {
    pub room: String,
    pub slot: String,
    /// A topic id of the file or of a proposal.
    pub topic: String,
}

/// One cell as organizers set it on the hub: the topic in it, or none when they cleared a cell
/// the event file had filled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cell {
    pub room: String,
    pub slot: String,
    pub topic: Option<String>,
}

/// The board as everyone sees it: the cells organizers set on the hub, then each of the file's
/// placements whose cell they left alone and whose topic they did not place elsewhere.
pub fn board(file: &[Placement], stored: &[Cell]) -> Vec<Placement> {
    let mut placed: Vec<Placement> = stored
        .iter()
        .filter_map(|cell| {
            Some(Placement {
                room: cell.room.clone(),
                slot: cell.slot.clone(),
                topic: cell.topic.clone()?,
            })
        })
        .collect();
    for p in file {
        let cell_set = stored.iter().any(|c| c.room == p.room && c.slot == p.slot);
        let moved = placed.iter().any(|q| q.topic == p.topic);
        if !cell_set && !moved {
            placed.push(p.clone());
        }
    }
    placed
}

/// The body that places a topic into a cell (or moves it there).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlaceRequest {
    pub topic: String,
}

/// The answer to a new proposal: its number, topic id and the token that edits or withdraws it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Proposed {
    pub id: i64,
    pub topic: String,
    pub token: String,
}

/// The placements the event file itself declares: each topic with both a `session` that is a
/// slot and a `place` that is a room of the board, the first one per cell. A static deployment
/// shows these alone.
pub fn file_placements(event: &crate::Event) -> Vec<Placement> {
    let Some(space) = &event.open_space else {
        return Vec::new();
    };
    let mut cells: Vec<Placement> = Vec::new();
    for topic in &event.topics {
        if let (Some(slot), Some(room)) = (&topic.session, &topic.place) {
            let taken = cells.iter().any(|c| &c.room == room && &c.slot == slot);
            if space.has_cell(room, slot) && !taken {
                cells.push(Placement {
                    room: room.clone(),
                    slot: slot.clone(),
                    topic: topic.id.clone(),
                });
            }
        }
    }
    cells
}

/// The board's cells in reading order (slot by slot, room by room), with the topic in each.
pub fn cells<'a>(
    space: &'a OpenSpace,
    placements: &'a [Placement],
) -> impl Iterator<Item = (&'a str, &'a str, Option<&'a str>)> + 'a {
    space.slots.iter().flat_map(move |slot| {
        space.rooms.iter().map(move |room| {
            let topic = placements
                .iter()
                .find(|p| &p.slot == slot && &p.room == room)
                .map(|p| p.topic.as_str());
            (slot.as_str(), room.as_str(), topic)
        })
    })
}

/// Where and when `topic` meets on the board: its (room, slot), if placed.
pub fn meeting<'a>(placements: &'a [Placement], topic: &str) -> Option<(&'a str, &'a str)> {
    placements
        .iter()
        .find(|p| p.topic == topic)
        .map(|p| (p.room.as_str(), p.slot.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn space() -> OpenSpace {
        OpenSpace {
            rooms: vec!["r1".into(), "r2".into()],
            slots: vec!["s1".into(), "s2".into()],
            proposals_open: None,
            proposals_close: None,
            max_proposals: None,
        }
    }

    #[test]
    fn a_proposal_title_is_trimmed_and_limited_and_never_invisible() {
        assert_eq!(proposal_text("  Rust ", " x "), Ok(("Rust", "x")));
        assert_eq!(proposal_text(" ", ""), Err(TextProblem::TitleEmpty));
        let long = "a".repeat(TITLE_MAX_CHARS + 1);
        assert_eq!(proposal_text(&long, ""), Err(TextProblem::TitleTooLong));
        let long = "a".repeat(DESCRIPTION_MAX_CHARS + 1);
        assert_eq!(
            proposal_text("t", &long),
            Err(TextProblem::DescriptionTooLong)
        );
        assert_eq!(proposal_text("a\nb", ""), Err(TextProblem::Invisible));
        assert_eq!(proposal_text("a", "line\nline"), Ok(("a", "line\nline")));
        assert_eq!(proposal_text("a\u{202E}b", ""), Err(TextProblem::Invisible));
        // Markup is text: it is kept as typed and shown as text.
        assert_eq!(
            proposal_text("<script>alert(1)</script>", ""),
            Ok(("<script>alert(1)</script>", ""))
        );
    }

    #[test]
    fn proposal_topic_ids_read_back() {
        assert_eq!(proposal_topic_id(7), "proposal-7");
        assert_eq!(proposal_number("proposal-7"), Some(7));
        assert_eq!(proposal_number("proposal-0"), None);
        assert_eq!(proposal_number("central-api"), None);
    }

    #[test]
    fn cells_come_slot_by_slot_with_their_topics() {
        let placed = [Placement {
            room: "r2".into(),
            slot: "s1".into(),
            topic: "t".into(),
        }];
        let space = space();
        let all: Vec<_> = cells(&space, &placed).collect();
        assert_eq!(
            all,
            [
                ("s1", "r1", None),
                ("s1", "r2", Some("t")),
                ("s2", "r1", None),
                ("s2", "r2", None)
            ]
        );
        assert_eq!(meeting(&placed, "t"), Some(("r2", "s1")));
        assert_eq!(meeting(&placed, "u"), None);
        assert!(space.has_cell("r1", "s2") && !space.has_cell("r3", "s1"));
    }

    #[test]
    fn the_hub_s_cells_win_over_the_file_s_and_a_moved_topic_is_shown_once() {
        let at = |room: &str, slot: &str, topic: &str| Placement {
            room: room.into(),
            slot: slot.into(),
            topic: topic.into(),
        };
        let file = [
            at("r1", "s1", "a"),
            at("r2", "s1", "b"),
            at("r1", "s2", "c"),
        ];
        let stored = [
            // Cleared.
            Cell {
                room: "r1".into(),
                slot: "s1".into(),
                topic: None,
            },
            // `b` moved to r2 × s2.
            Cell {
                room: "r2".into(),
                slot: "s2".into(),
                topic: Some("b".into()),
            },
        ];
        assert_eq!(
            board(&file, &stored),
            [at("r2", "s2", "b"), at("r1", "s2", "c")]
        );
        assert_eq!(board(&file, &[]), file);
    }

    #[test]
    fn a_moderation_is_written_in_snake_case() {
        let merge = Moderation::MergeInto("central-api".into());
        let json = serde_json::to_string(&merge).unwrap_or_default();
        assert_eq!(json, r#"{"merge_into":"central-api"}"#);
        assert_eq!(
            serde_json::to_string(&Moderation::Hide).ok().as_deref(),
            Some("\"hide\"")
        );
    }
}
