//! Where sign-ups are kept: the small interface the API uses ([`SignupStore`]: join, leave, list,
//! export, purge) and its one implementation today, SQLite ([`sqlite`]). The API knows nothing
//! of SQL, so a hub serving many large events can later put PostgreSQL behind the same trait.
//!
//! What every implementation promises: a join or leave is answered only once it is durable; the
//! capacity and per-event checks and the insert are one atomic step, so a topic is never
//! overbooked; a [`Listing`] read after an answered write already shows it; and every committed
//! change is announced on [`SignupStore::changes`].
//!
//! May use: `event_model::signup` (the list's shape), never `axum`.

pub mod cache;
pub mod open_space;
pub mod sqlite;

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use event_model::signup::SignupList;
use tokio::sync::broadcast;

pub use cache::{etag, Listing};
pub use open_space::{
    Moderate, NewPlacement, NewProposal, ProposalRow, ProposalText, ProposeRefusal, Taken,
};

/// A store's answer, boxed so the trait can stand behind `Arc<dyn SignupStore>`.
pub type Reply<'a, T> = Pin<Box<dyn Future<Output = Result<T, StoreError>> + Send + 'a>>;

/// The storage behind the sign-up API.
pub trait SignupStore: Send + Sync + 'static {
    /// Adds a sign-up, unless the topic or the event is full or the name is already there.
    fn join(&self, join: NewSignup) -> Reply<'_, Result<i64, JoinRefusal>>;
    /// Removes sign-up `id` when `credential` allows it.
    fn leave(&self, id: i64, credential: Credential) -> Reply<'_, Result<(), LeaveRefusal>>;
    /// The public list of `event`'s sign-ups, serialized, with its ETag.
    fn list(&self, event: &str) -> Reply<'_, Arc<Listing>>;
    /// Every sign-up of `event`, hidden ones included, in join order (for organizers).
    fn export(&self, event: &str) -> Reply<'_, Vec<ExportRow>>;
    /// Records when events end, so their sign-ups expire even after their files are gone.
    fn record_event_ends(&self, events: Vec<(String, DateTime<Utc>)>) -> Reply<'_, ()>;
    /// Deletes the sign-ups of every event that ended more than `retention_days` before `now`;
    /// returns how many were deleted.
    fn purge(&self, now: DateTime<Utc>, retention_days: u32) -> Reply<'_, u64>;
    /// Adds a proposal, unless the event has its cap of them.
    fn propose(&self, proposal: NewProposal) -> Reply<'_, Result<i64, ProposeRefusal>>;
    /// Rewrites proposal `id` of `event` when `credential` allows it.
    fn edit_proposal(
        &self,
        event: &str,
        id: i64,
        credential: Credential,
        text: ProposalText,
    ) -> Reply<'_, Result<(), LeaveRefusal>>;
    /// Withdraws proposal `id` of `event` (off the board, its sign-ups gone).
    fn withdraw(
        &self,
        event: &str,
        id: i64,
        credential: Credential,
    ) -> Reply<'_, Result<(), LeaveRefusal>>;
    /// An organizer's hide, show or merge of proposal `id` (the caller checked the token).
    fn moderate(
        &self,
        event: &str,
        id: i64,
        action: Moderate,
    ) -> Reply<'_, Result<(), LeaveRefusal>>;
    /// Puts a topic into a board cell (moving it from its old one), or clears the cell.
    fn place(&self, placement: NewPlacement) -> Reply<'_, Result<(), Taken>>;
    /// Every proposal of `event`, whatever its state (for organizers).
    fn proposals(&self, event: &str) -> Reply<'_, Vec<ProposalRow>>;
    /// The capacity of live proposal `id` of `event`; `None` when there is none.
    fn proposal_capacity(&self, event: &str, id: i64) -> Reply<'_, Option<Option<u32>>>;
    /// The ids of events whose sign-ups changed, sent after each commit.
    fn changes(&self) -> broadcast::Receiver<Arc<str>>;
    /// Finishes what was asked so far and closes the database; later requests fail.
    fn close(&self) -> Reply<'_, ()>;
}

/// A join as the API has checked it: the name is a valid display name, the topic exists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSignup {
    pub event: String,
    pub topic: String,
    /// The display name, trimmed.
    pub name: String,
    /// `event_model::signup::name_key(name)`: what "the same name" means.
    pub name_key: String,
    pub hidden: bool,
    /// The topic's capacity from the event file; `None` for no limit.
    pub capacity: Option<u32>,
    /// The most sign-ups one event takes; 0 for no limit.
    pub event_cap: u32,
    /// When the event ends, for the retention rule.
    pub ends_at: DateTime<Utc>,
    /// SHA-256 of the token handed out; the token itself is never stored.
    pub token_hash: [u8; 32],
    pub joined_at: DateTime<Utc>,
}

/// Why a join was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JoinRefusal {
    /// The topic has `capacity` sign-ups.
    Full,
    /// Someone with the same name key is on the topic.
    AlreadyThere,
    /// The event has `event_cap` sign-ups.
    EventFull,
}

/// Who asks to remove a sign-up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Credential {
    /// The SHA-256 of the token presented; it must be the sign-up's own.
    Token([u8; 32]),
    /// The organizer token was presented (checked by the caller); removes anyone.
    Organizer,
}

/// Why a leave was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeaveRefusal {
    NotFound,
    WrongToken,
}

/// One line of the organizers' export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportRow {
    pub id: i64,
    pub topic: String,
    pub name: String,
    pub hidden: bool,
    pub joined_at: DateTime<Utc>,
}

/// The storage failed; the request gets a 500 and the details go to the log only.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database: {0}")]
    Database(#[from] rusqlite::Error),
    #[error("the transaction failed: {0}")]
    Commit(String),
    #[error("cannot encode the list: {0}")]
    Encode(#[from] serde_json::Error),
    #[error("the database writer has stopped")]
    WriterGone,
    #[error("a database task failed: {0}")]
    Task(String),
}

/// The public list from the rows of one event, in join order: hidden names count, unlisted.
pub fn signup_list<'a>(rows: impl IntoIterator<Item = (&'a str, &'a str, bool)>) -> SignupList {
    let mut list = SignupList::default();
    for (topic, name, hidden) in rows {
        let sheet = list.topics.entry(topic.to_owned()).or_default();
        sheet.count += 1;
        if !hidden {
            sheet.names.push(name.to_owned());
        }
    }
    list
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_names_count_but_are_not_listed_and_order_is_kept() {
        let list = signup_list([
            ("a", "Zoe", false),
            ("a", "Secret", true),
            ("a", "Anna", false),
            ("b", "Bo", false),
        ]);
        let a = &list.topics["a"];
        assert_eq!(a.count, 3);
        assert_eq!(a.names, ["Zoe", "Anna"]);
        assert_eq!(list.topics["b"].count, 1);
        assert!(!list.topics.contains_key("c"));
    }
}
