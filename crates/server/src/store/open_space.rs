//! The open-space marketplace in SQLite: proposals (propose, edit, withdraw, moderate) and the
//! board's cells (place, move, clear), each one step on the single writer, so the cap and "one
//! topic per cell" hold under any number of phones at once. Tables: `migrations/0002_open_space.sql`.
//!
//! Every function here takes the writer's connection inside a savepoint and returns what it
//! changed, like the sign-up functions in [`super::sqlite`].

use chrono::{DateTime, Utc};
use event_model::open_space::{proposal_topic_id, Cell, Proposal};
use rusqlite::{params, Connection, OptionalExtension};
use subtle::ConstantTimeEq;

use super::{Credential, LeaveRefusal};

/// A proposal as the API has checked it: texts valid, the event's board and window open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewProposal {
    pub event: String,
    pub text: ProposalText,
    /// The event's cap from its file.
    pub cap: u32,
    pub ends_at: DateTime<Utc>,
    pub token_hash: [u8; 32],
    pub proposed_at: DateTime<Utc>,
}

/// The parts of a proposal its proposer writes (and may edit).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProposalText {
    pub title: String,
    pub description: String,
    pub name: String,
    pub builds_on: Option<String>,
    pub capacity: Option<u32>,
}

/// Why a proposal was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProposeRefusal {
    /// The event has `cap` proposals that are not withdrawn.
    Full,
}

/// What an organizer does to a proposal, as the store applies it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Moderate {
    Hide,
    Show,
    /// Its sign-ups move to this topic (names already there stay once), its cell is freed.
    MergeInto(String),
}

/// A placement as the API has checked it: the cell is on the board, the topic exists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPlacement {
    pub event: String,
    pub room: String,
    pub slot: String,
    /// `None` clears the cell.
    pub topic: Option<String>,
    /// The topic the event file puts in this cell, if any: the cell counts as taken by it unless
    /// organizers have set the cell or moved that topic elsewhere.
    pub file_topic: Option<String>,
    pub ends_at: DateTime<Utc>,
    pub at: DateTime<Utc>,
}

/// Why a placement was refused: the cell holds this other topic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Taken(pub String);

/// One proposal for the organizers' export, in whatever state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProposalRow {
    pub id: i64,
    pub text: ProposalText,
    pub state: String,
    pub merged_into: Option<String>,
    pub proposed_at: DateTime<Utc>,
}

type Changed<T> = rusqlite::Result<(T, Vec<String>)>;

pub(super) fn propose(
    conn: &Connection,
    new: &NewProposal,
) -> Changed<Result<i64, ProposeRefusal>> {
    let count: i64 = conn
        .prepare_cached(
            "SELECT count(*) FROM proposals WHERE event = ?1 AND state IN ('live', 'hidden')",
        )?
        .query_row(params![new.event], |row| row.get(0))?;
    if count >= i64::from(new.cap) {
        return Ok((Err(ProposeRefusal::Full), Vec::new()));
    }
    super::sqlite::upsert_event(conn, &new.event, new.ends_at)?;
    let t = &new.text;
    conn.prepare_cached(
        "INSERT INTO proposals (event, title, description, name, builds_on, capacity, state,
                                token_hash, proposed_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'live', ?7, ?8)",
    )?
    .execute(params![
        new.event,
        t.title,
        t.description,
        t.name,
        t.builds_on,
        t.capacity,
        new.token_hash,
        new.proposed_at.timestamp_millis(),
    ])?;
    Ok((Ok(conn.last_insert_rowid()), vec![new.event.clone()]))
}

/// The event of a proposal that is not withdrawn or merged, if `credential` may change it.
fn owned(
    conn: &Connection,
    event: &str,
    id: i64,
    credential: Credential,
) -> rusqlite::Result<Result<(), LeaveRefusal>> {
    let found: Option<[u8; 32]> = conn
        .prepare_cached(
            "SELECT token_hash FROM proposals
             WHERE id = ?1 AND event = ?2 AND state IN ('live', 'hidden')",
        )?
        .query_row(params![id, event], |row| row.get(0))
        .optional()?;
    let Some(stored) = found else {
        return Ok(Err(LeaveRefusal::NotFound));
    };
    let allowed = match credential {
        Credential::Organizer => true,
        Credential::Token(presented) => bool::from(stored.ct_eq(&presented)),
    };
    Ok(if allowed {
        Ok(())
    } else {
        Err(LeaveRefusal::WrongToken)
    })
}

pub(super) fn edit(
    conn: &Connection,
    event: &str,
    id: i64,
    credential: Credential,
    text: &ProposalText,
) -> Changed<Result<(), LeaveRefusal>> {
    if let Err(why) = owned(conn, event, id, credential)? {
        return Ok((Err(why), Vec::new()));
    }
    conn.prepare_cached(
        "UPDATE proposals SET title = ?2, description = ?3, name = ?4, builds_on = ?5,
                              capacity = ?6
         WHERE id = ?1",
    )?
    .execute(params![
        id,
        text.title,
        text.description,
        text.name,
        text.builds_on,
        text.capacity
    ])?;
    Ok((Ok(()), vec![event.to_owned()]))
}

/// Takes the proposal's topic off the board; its cell stays empty (not back to the file's).
fn unplace(conn: &Connection, event: &str, id: i64) -> rusqlite::Result<()> {
    conn.prepare_cached("UPDATE placements SET topic = NULL WHERE event = ?1 AND topic = ?2")?
        .execute(params![event, proposal_topic_id(id)])?;
    Ok(())
}

pub(super) fn withdraw(
    conn: &Connection,
    event: &str,
    id: i64,
    credential: Credential,
) -> Changed<Result<(), LeaveRefusal>> {
    if let Err(why) = owned(conn, event, id, credential)? {
        return Ok((Err(why), Vec::new()));
    }
    conn.prepare_cached("UPDATE proposals SET state = 'withdrawn' WHERE id = ?1")?
        .execute(params![id])?;
    unplace(conn, event, id)?;
    conn.prepare_cached("DELETE FROM signups WHERE event = ?1 AND topic = ?2")?
        .execute(params![event, proposal_topic_id(id)])?;
    Ok((Ok(()), vec![event.to_owned()]))
}

pub(super) fn moderate(
    conn: &Connection,
    event: &str,
    id: i64,
    action: &Moderate,
) -> Changed<Result<(), LeaveRefusal>> {
    if let Err(why) = owned(conn, event, id, Credential::Organizer)? {
        return Ok((Err(why), Vec::new()));
    }
    let topic = proposal_topic_id(id);
    match action {
        Moderate::Hide => {
            conn.prepare_cached("UPDATE proposals SET state = 'hidden' WHERE id = ?1")?
                .execute(params![id])?;
            unplace(conn, event, id)?;
        }
        Moderate::Show => {
            conn.prepare_cached("UPDATE proposals SET state = 'live' WHERE id = ?1")?
                .execute(params![id])?;
        }
        Moderate::MergeInto(target) => {
            conn.prepare_cached(
                "UPDATE proposals SET state = 'merged', merged_into = ?2 WHERE id = ?1",
            )?
            .execute(params![id, target])?;
            unplace(conn, event, id)?;
            // Sign-ups follow the proposal; a name already on the target stays there once.
            conn.prepare_cached(
                "UPDATE OR IGNORE signups SET topic = ?3 WHERE event = ?1 AND topic = ?2",
            )?
            .execute(params![event, topic, target])?;
            conn.prepare_cached("DELETE FROM signups WHERE event = ?1 AND topic = ?2")?
                .execute(params![event, topic])?;
        }
    }
    Ok((Ok(()), vec![event.to_owned()]))
}

pub(super) fn place(conn: &Connection, new: &NewPlacement) -> Changed<Result<(), Taken>> {
    let stored: Option<Option<String>> = conn
        .prepare_cached(
            "SELECT topic FROM placements WHERE event = ?1 AND room = ?2 AND slot = ?3",
        )?
        .query_row(params![new.event, new.room, new.slot], |row| row.get(0))
        .optional()?;
    let holder = match stored {
        Some(topic) => topic,
        // A cell organizers never set holds the file's topic, unless they moved it elsewhere.
        None => match &new.file_topic {
            Some(file_topic) => {
                let moved: Option<i64> = conn
                    .prepare_cached("SELECT 1 FROM placements WHERE event = ?1 AND topic = ?2")?
                    .query_row(params![new.event, file_topic], |row| row.get(0))
                    .optional()?;
                moved.is_none().then(|| file_topic.clone())
            }
            None => None,
        },
    };
    if let (Some(holder), Some(topic)) = (&holder, &new.topic) {
        if holder != topic {
            return Ok((Err(Taken(holder.clone())), Vec::new()));
        }
    }
    super::sqlite::upsert_event(conn, &new.event, new.ends_at)?;
    if let Some(topic) = &new.topic {
        // Moving: the topic leaves its old cell (which then shows nothing, not the file's topic).
        conn.prepare_cached(
            "UPDATE placements SET topic = NULL, placed_at = ?3 WHERE event = ?1 AND topic = ?2",
        )?
        .execute(params![new.event, topic, new.at.timestamp_millis()])?;
    }
    conn.prepare_cached(
        "INSERT INTO placements (event, room, slot, topic, placed_at) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (event, room, slot) DO UPDATE SET topic = excluded.topic,
                                                       placed_at = excluded.placed_at",
    )?
    .execute(params![
        new.event,
        new.room,
        new.slot,
        new.topic,
        new.at.timestamp_millis()
    ])?;
    Ok((Ok(()), vec![new.event.clone()]))
}

/// The live proposals of `event`, in the order they came.
pub(super) fn read_proposals(conn: &Connection, event: &str) -> rusqlite::Result<Vec<Proposal>> {
    conn.prepare_cached(
        "SELECT id, title, description, name, builds_on, capacity FROM proposals
         WHERE event = ?1 AND state = 'live' ORDER BY id",
    )?
    .query_map(params![event], |row| {
        Ok(Proposal {
            topic: proposal_topic_id(row.get(0)?),
            title: row.get(1)?,
            description: row.get(2)?,
            name: row.get(3)?,
            builds_on: row.get(4)?,
            capacity: row.get(5)?,
        })
    })?
    .collect()
}

/// The cells organizers set, slot by slot.
pub(super) fn read_cells(conn: &Connection, event: &str) -> rusqlite::Result<Vec<Cell>> {
    conn.prepare_cached(
        "SELECT room, slot, topic FROM placements WHERE event = ?1 ORDER BY slot, room",
    )?
    .query_map(params![event], |row| {
        Ok(Cell {
            room: row.get(0)?,
            slot: row.get(1)?,
            topic: row.get(2)?,
        })
    })?
    .collect()
}

/// Every proposal of `event`, whatever its state, for the organizers.
pub(super) fn read_all(conn: &Connection, event: &str) -> rusqlite::Result<Vec<ProposalRow>> {
    conn.prepare_cached(
        "SELECT id, title, description, name, builds_on, capacity, state, merged_into,
                proposed_at
         FROM proposals WHERE event = ?1 ORDER BY id",
    )?
    .query_map(params![event], |row| {
        let millis: i64 = row.get(8)?;
        Ok(ProposalRow {
            id: row.get(0)?,
            text: ProposalText {
                title: row.get(1)?,
                description: row.get(2)?,
                name: row.get(3)?,
                builds_on: row.get(4)?,
                capacity: row.get(5)?,
            },
            state: row.get(6)?,
            merged_into: row.get(7)?,
            proposed_at: DateTime::from_timestamp_millis(millis).unwrap_or_default(),
        })
    })?
    .collect()
}

/// The capacity of live proposal `id` of `event` (`Some(None)`: no limit), or `None` when there
/// is no such live proposal: what a join needs to know.
pub(super) fn read_capacity(
    conn: &Connection,
    event: &str,
    id: i64,
) -> rusqlite::Result<Option<Option<u32>>> {
    conn.prepare_cached(
        "SELECT capacity FROM proposals WHERE id = ?1 AND event = ?2 AND state = 'live'",
    )?
    .query_row(params![id, event], |row| row.get(0))
    .optional()
}
