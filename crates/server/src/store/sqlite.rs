//! The sign-up store on one SQLite file, `{data}/signups.sqlite3`, that loses nothing it has
//! acknowledged.
//!
//! - Durable: `journal_mode=WAL` with `synchronous=FULL`, read back at start — a file system that
//!   refuses either makes [`open`] fail rather than run with weaker promises.
//! - One writer: a thread owns the only writing connection. Requests come over a channel, each
//!   with a oneshot for its answer. Group commit: the writer blocks for one request, takes what
//!   else is queued (up to [`MAX_BATCH`]), runs them in one `BEGIN IMMEDIATE` transaction — each
//!   in its own savepoint, so one failing request does not undo the others — commits, and only
//!   then answers. A `201` therefore means the sign-up is on disk, and since the checks and the
//!   insert run on the single writer, no two joins race for the last seat.
//! - Reads go to a few read-only connections (WAL readers never wait for the writer), and the
//!   public list is served from [`ListCache`], which the writer invalidates after each commit.
//! - Migrations are `migrations/NNNN_*.sql`, applied in order at open, tracked by
//!   `PRAGMA user_version`.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::Duration;

use chrono::{DateTime, Utc};
use event_model::signup::SignupList;
use rusqlite::{params, Connection, OpenFlags, OptionalExtension, TransactionBehavior};
use subtle::ConstantTimeEq;
use tokio::sync::{broadcast, mpsc, oneshot};

use super::cache::{ListCache, Listing};
use super::open_space;
use super::{
    signup_list, Credential, ExportRow, JoinRefusal, LeaveRefusal, Moderate, NewPlacement,
    NewProposal, NewSignup, ProposalRow, ProposalText, ProposeRefusal, Reply, SignupStore,
    StoreError, Taken,
};

/// The database's file name inside the data directory.
pub const FILE_NAME: &str = "signups.sqlite3";

/// The most requests one transaction takes: enough to spread one `fsync` over a burst, few
/// enough that the first of them does not wait long for the last.
pub const MAX_BATCH: usize = 256;

/// How long a connection waits for a lock (a backup, a second process) before failing.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// How many idle read connections are kept.
const IDLE_READERS: usize = 8;

/// The schema, in order; the database's `user_version` is how many have been applied.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_signups.sql"),
    include_str!("migrations/0002_open_space.sql"),
];

/// Why the database could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("cannot open the sign-up database {}: {source}", .path.display())]
    Open {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error(
        "the sign-up database {} is not durable: `PRAGMA {pragma}` is {found}, the hub needs {wanted} \
         (a file system without shared-memory locking, such as some network shares, cannot hold it)",
        .path.display()
    )]
    NotDurable {
        path: PathBuf,
        pragma: &'static str,
        wanted: &'static str,
        found: String,
    },
    #[error(
        "the sign-up database {} has schema version {found}, newer than this hub's {known}: \
         it was written by a newer hub",
        .path.display()
    )]
    TooNew {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    #[error("cannot start the database writer: {0}")]
    Thread(std::io::Error),
}

/// [`SignupStore`] on SQLite.
pub struct SqliteStore {
    ops: mpsc::Sender<Op>,
    readers: Arc<Readers>,
    cache: Arc<ListCache>,
    changes: broadcast::Sender<Arc<str>>,
    writer: Mutex<Option<JoinHandle<()>>>,
}

/// Opens (creating when missing) `{data_dir}/signups.sqlite3`, checks that it is durable,
/// migrates it and starts its writer thread.
pub fn open(data_dir: &Path) -> Result<SqliteStore, OpenError> {
    let path = data_dir.join(FILE_NAME);
    let failed = |source| OpenError::Open {
        path: path.clone(),
        source,
    };
    let mut conn = Connection::open(&path).map_err(failed)?;
    configure_writer(&conn, &path)?;
    migrate(&mut conn, &path)?;

    let (ops, queue) = mpsc::channel(4 * MAX_BATCH);
    let cache = Arc::new(ListCache::default());
    let (changes, _) = broadcast::channel(1024);
    let writer = Writer {
        conn,
        cache: Arc::clone(&cache),
        changes: changes.clone(),
    };
    let handle = std::thread::Builder::new()
        .name("signup-writer".to_owned())
        .spawn(move || writer.run(queue))
        .map_err(OpenError::Thread)?;
    Ok(SqliteStore {
        ops,
        readers: Arc::new(Readers {
            path,
            idle: Mutex::new(Vec::new()),
        }),
        cache,
        changes,
        writer: Mutex::new(Some(handle)),
    })
}

/// Sets the writer's pragmas and reads back the two that durability rests on.
fn configure_writer(conn: &Connection, path: &Path) -> Result<(), OpenError> {
    let failed = |source| OpenError::Open {
        path: path.to_owned(),
        source,
    };
    conn.busy_timeout(BUSY_TIMEOUT).map_err(failed)?;
    conn.pragma_update(None, "foreign_keys", true)
        .map_err(failed)?;
    let journal: String = conn
        .query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))
        .map_err(failed)?;
    if !journal.eq_ignore_ascii_case("wal") {
        return Err(OpenError::NotDurable {
            path: path.to_owned(),
            pragma: "journal_mode",
            wanted: "wal",
            found: journal,
        });
    }
    conn.pragma_update(None, "synchronous", "FULL")
        .map_err(failed)?;
    let synchronous: i64 = conn
        .query_row("PRAGMA synchronous", [], |row| row.get(0))
        .map_err(failed)?;
    // 2 is FULL, 3 EXTRA (stronger still).
    if synchronous < 2 {
        return Err(OpenError::NotDurable {
            path: path.to_owned(),
            pragma: "synchronous",
            wanted: "2 (FULL)",
            found: synchronous.to_string(),
        });
    }
    Ok(())
}

/// Applies the migrations the database has not seen, each with its `user_version` in one
/// transaction, so a crash mid-way leaves the previous version intact.
fn migrate(conn: &mut Connection, path: &Path) -> Result<(), OpenError> {
    let failed = |source| OpenError::Open {
        path: path.to_owned(),
        source,
    };
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |row| row.get(0))
        .map_err(failed)?;
    let known = MIGRATIONS.len() as i64;
    if version > known {
        return Err(OpenError::TooNew {
            path: path.to_owned(),
            found: version,
            known,
        });
    }
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(failed)?;
        tx.execute_batch(sql).map_err(failed)?;
        tx.pragma_update(None, "user_version", index as i64 + 1)
            .map_err(failed)?;
        tx.commit().map_err(failed)?;
        tracing::info!("sign-up database: migration {} applied", index + 1);
    }
    Ok(())
}

/// A request to the writer, with where its answer goes.
enum Op {
    Join(Box<NewSignup>, Answer<Result<i64, JoinRefusal>>),
    Leave(i64, Credential, Answer<Result<(), LeaveRefusal>>),
    EventEnds(Vec<(String, DateTime<Utc>)>, Answer<()>),
    Purge(DateTime<Utc>, u32, Answer<u64>),
    /// Any other write (the open space's): run in its savepoint, or told why the transaction
    /// did not start.
    Write(Write),
    /// Stop after this batch; the writer answers once its connection is closed.
    Stop(Answer<()>),
}

type Write = Box<
    dyn for<'t, 'c> FnOnce(Result<&'t mut rusqlite::Transaction<'c>, &rusqlite::Error>) -> Applied
        + Send,
>;

type Answer<T> = oneshot::Sender<Result<T, StoreError>>;

/// Sends a request's answer, given how its transaction ended.
type AnswerOnCommit = Box<dyn FnOnce(Result<(), &rusqlite::Error>) + Send>;

/// An answer that is `error`, whatever happens to the transaction.
fn failed<T: Send + 'static>(answer: Answer<T>, error: StoreError) -> AnswerOnCommit {
    Box::new(move |_| {
        // A requester that gave up (a closed connection) needs no answer.
        let _ = answer.send(Err(error));
    })
}

/// What a request did inside the transaction: the events it changed, and how to answer it once
/// the transaction's fate is known.
struct Applied {
    changed: Vec<String>,
    answer: AnswerOnCommit,
}

impl Applied {
    /// A request whose result stands once the transaction commits.
    fn pending<T: Send + 'static>(
        result: rusqlite::Result<(T, Vec<String>)>,
        answer: Answer<T>,
    ) -> Applied {
        match result {
            Ok((value, changed)) => Applied {
                changed,
                answer: Box::new(move |commit| {
                    let reply = match commit {
                        Ok(()) => Ok(value),
                        Err(error) => Err(StoreError::Commit(error.to_string())),
                    };
                    // A requester that gave up (a closed connection) needs no answer.
                    let _ = answer.send(reply);
                }),
            },
            // Its savepoint was rolled back: it fails whatever happens to the others.
            Err(error) => Applied {
                changed: Vec::new(),
                answer: failed(answer, StoreError::Database(error)),
            },
        }
    }
}

struct Writer {
    conn: Connection,
    cache: Arc<ListCache>,
    changes: broadcast::Sender<Arc<str>>,
}

impl Writer {
    fn run(mut self, mut queue: mpsc::Receiver<Op>) {
        let mut stop = None;
        while stop.is_none() {
            let Some(first) = queue.blocking_recv() else {
                break;
            };
            let mut batch = vec![first];
            while batch.len() < MAX_BATCH {
                match queue.try_recv() {
                    Ok(op) => batch.push(op),
                    Err(_) => break,
                }
            }
            if let Some(index) = batch.iter().position(|op| matches!(op, Op::Stop(_))) {
                // Later requests are left unanswered: their senders see the writer gone.
                for op in batch.drain(index..) {
                    if let Op::Stop(answer) = op {
                        stop.get_or_insert(answer);
                    }
                }
            }
            if !batch.is_empty() {
                self.run_batch(batch);
            }
        }
        let closed = self.conn.close().map_err(|(_, error)| error);
        if let Err(error) = &closed {
            tracing::error!("closing the sign-up database: {error}");
        }
        if let Some(answer) = stop {
            let _ = answer.send(closed.map_err(StoreError::Database));
        }
    }

    /// One transaction for the whole batch; answers go out after the commit.
    fn run_batch(&mut self, batch: Vec<Op>) {
        let mut applied = Vec::with_capacity(batch.len());
        let commit = match self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
        {
            Ok(mut tx) => {
                for op in batch {
                    applied.push(apply(&mut tx, op));
                }
                tx.commit()
            }
            Err(error) => {
                for op in batch {
                    applied.push(refuse(op, &error));
                }
                Err(error)
            }
        };
        if let Err(error) = &commit {
            tracing::error!("sign-up transaction failed: {error}");
        }
        let mut changed: Vec<&str> = applied
            .iter()
            .flat_map(|applied| applied.changed.iter().map(String::as_str))
            .collect();
        changed.sort_unstable();
        changed.dedup();
        // Invalidate before answering, so a client that got its 201 reads the new list.
        for event in &changed {
            self.cache.invalidate(event);
        }
        if commit.is_ok() {
            for event in changed {
                // No subscriber is not an error: nobody has the page open.
                let _ = self.changes.send(Arc::from(event));
            }
        }
        for Applied { answer, .. } in applied {
            answer(commit.as_ref().map(|_| ()));
        }
    }
}

/// Runs `body` in its own savepoint of `tx`.
fn in_savepoint<T>(
    tx: &mut rusqlite::Transaction<'_>,
    body: impl FnOnce(&Connection) -> rusqlite::Result<(T, Vec<String>)>,
) -> rusqlite::Result<(T, Vec<String>)> {
    // Dropped without `commit` (on error) it rolls back to where it started.
    let savepoint = tx.savepoint()?;
    let result = body(&savepoint)?;
    savepoint.commit()?;
    Ok(result)
}

/// Runs `op` in its own savepoint of `tx`.
fn apply(tx: &mut rusqlite::Transaction<'_>, op: Op) -> Applied {
    match op {
        Op::Write(write) => write(Ok(tx)),
        Op::Join(join, answer) => Applied::pending(in_savepoint(tx, |c| insert(c, &join)), answer),
        Op::Leave(id, credential, answer) => {
            Applied::pending(in_savepoint(tx, |c| delete(c, id, credential)), answer)
        }
        Op::EventEnds(events, answer) => {
            Applied::pending(in_savepoint(tx, |c| record_ends(c, &events)), answer)
        }
        Op::Purge(now, days, answer) => {
            Applied::pending(in_savepoint(tx, |c| purge(c, now, days)), answer)
        }
        Op::Stop(answer) => Applied::pending(Ok(((), Vec::new())), answer),
    }
}

/// Answers `op` with the error that kept its transaction from starting.
fn refuse(op: Op, error: &rusqlite::Error) -> Applied {
    let failure = || StoreError::Commit(error.to_string());
    let answer = match op {
        Op::Write(write) => return write(Err(error)),
        Op::Join(_, answer) => failed(answer, failure()),
        Op::Leave(_, _, answer) => failed(answer, failure()),
        Op::EventEnds(_, answer) | Op::Stop(answer) => failed(answer, failure()),
        Op::Purge(_, _, answer) => failed(answer, failure()),
    };
    Applied {
        changed: Vec::new(),
        answer,
    }
}

pub(super) fn upsert_event(
    conn: &Connection,
    event: &str,
    ends_at: DateTime<Utc>,
) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO events (id, ends_at) VALUES (?1, ?2)
         ON CONFLICT (id) DO UPDATE SET ends_at = excluded.ends_at
         WHERE ends_at <> excluded.ends_at",
    )?
    .execute(params![event, ends_at.timestamp()])?;
    Ok(())
}

/// The checks and the insert of a join; the single writer makes them one atomic step.
fn insert(
    conn: &Connection,
    join: &NewSignup,
) -> rusqlite::Result<(Result<i64, JoinRefusal>, Vec<String>)> {
    let refused = |why| Ok((Err(why), Vec::new()));
    let there: Option<i64> = conn
        .prepare_cached("SELECT 1 FROM signups WHERE event = ?1 AND topic = ?2 AND name_key = ?3")?
        .query_row(params![join.event, join.topic, join.name_key], |row| {
            row.get(0)
        })
        .optional()?;
    if there.is_some() {
        return refused(JoinRefusal::AlreadyThere);
    }
    if let Some(capacity) = join.capacity {
        let taken: i64 = conn
            .prepare_cached("SELECT count(*) FROM signups WHERE event = ?1 AND topic = ?2")?
            .query_row(params![join.event, join.topic], |row| row.get(0))?;
        if taken >= i64::from(capacity) {
            return refused(JoinRefusal::Full);
        }
    }
    if join.event_cap > 0 {
        let taken: i64 = conn
            .prepare_cached("SELECT count(*) FROM signups WHERE event = ?1")?
            .query_row(params![join.event], |row| row.get(0))?;
        if taken >= i64::from(join.event_cap) {
            return refused(JoinRefusal::EventFull);
        }
    }
    upsert_event(conn, &join.event, join.ends_at)?;
    conn.prepare_cached(
        "INSERT INTO signups (event, topic, name, name_key, hidden, token_hash, joined_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        join.event,
        join.topic,
        join.name,
        join.name_key,
        join.hidden,
        join.token_hash,
        join.joined_at.timestamp_millis(),
    ])?;
    Ok((Ok(conn.last_insert_rowid()), vec![join.event.clone()]))
}

fn delete(
    conn: &Connection,
    id: i64,
    credential: Credential,
) -> rusqlite::Result<(Result<(), LeaveRefusal>, Vec<String>)> {
    let found: Option<(String, [u8; 32])> = conn
        .prepare_cached("SELECT event, token_hash FROM signups WHERE id = ?1")?
        .query_row(params![id], |row| Ok((row.get(0)?, row.get(1)?)))
        .optional()?;
    let Some((event, stored)) = found else {
        return Ok((Err(LeaveRefusal::NotFound), Vec::new()));
    };
    let allowed = match credential {
        Credential::Organizer => true,
        Credential::Token(presented) => bool::from(stored.ct_eq(&presented)),
    };
    if !allowed {
        return Ok((Err(LeaveRefusal::WrongToken), Vec::new()));
    }
    conn.prepare_cached("DELETE FROM signups WHERE id = ?1")?
        .execute(params![id])?;
    Ok((Ok(()), vec![event]))
}

fn record_ends(
    conn: &Connection,
    events: &[(String, DateTime<Utc>)],
) -> rusqlite::Result<((), Vec<String>)> {
    for (event, ends_at) in events {
        upsert_event(conn, event, *ends_at)?;
    }
    Ok(((), Vec::new()))
}

fn purge(
    conn: &Connection,
    now: DateTime<Utc>,
    retention_days: u32,
) -> rusqlite::Result<(u64, Vec<String>)> {
    let cutoff = now.timestamp() - i64::from(retention_days) * 86_400;
    let expired: Vec<String> = conn
        .prepare_cached("SELECT id FROM events WHERE ends_at <= ?1")?
        .query_map(params![cutoff], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut deleted = 0;
    let mut changed = Vec::new();
    for event in expired {
        let rows = conn
            .prepare_cached("DELETE FROM signups WHERE event = ?1")?
            .execute(params![event])?;
        conn.prepare_cached("DELETE FROM events WHERE id = ?1")?
            .execute(params![event])?;
        if rows > 0 {
            deleted += rows as u64;
            changed.push(event);
        }
    }
    Ok((deleted, changed))
}

/// Idle read connections, opened as needed.
struct Readers {
    path: PathBuf,
    idle: Mutex<Vec<Connection>>,
}

impl Readers {
    fn with<T>(
        &self,
        read: impl FnOnce(&Connection) -> rusqlite::Result<T>,
    ) -> Result<T, StoreError> {
        let idle = self
            .idle
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .pop();
        let conn = match idle {
            Some(conn) => conn,
            None => open_reader(&self.path)?,
        };
        let result = read(&conn);
        let mut idle = self.idle.lock().unwrap_or_else(PoisonError::into_inner);
        if idle.len() < IDLE_READERS {
            idle.push(conn);
        }
        Ok(result?)
    }
}

fn open_reader(path: &Path) -> rusqlite::Result<Connection> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.pragma_update(None, "query_only", true)?;
    Ok(conn)
}

fn read_list(conn: &Connection, event: &str) -> rusqlite::Result<SignupList> {
    let mut statement = conn
        .prepare_cached("SELECT topic, name, hidden FROM signups WHERE event = ?1 ORDER BY id")?;
    let rows: Vec<(String, String, bool)> = statement
        .query_map(params![event], |row| {
            Ok((row.get(0)?, row.get(1)?, row.get(2)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut list = signup_list(
        rows.iter()
            .map(|(topic, name, hidden)| (topic.as_str(), name.as_str(), *hidden)),
    );
    list.proposals = super::open_space::read_proposals(conn, event)?;
    list.board = super::open_space::read_cells(conn, event)?;
    Ok(list)
}

fn read_export(conn: &Connection, event: &str) -> rusqlite::Result<Vec<ExportRow>> {
    let mut statement = conn.prepare_cached(
        "SELECT id, topic, name, hidden, joined_at FROM signups WHERE event = ?1 ORDER BY id",
    )?;
    let rows = statement
        .query_map(params![event], |row| {
            let millis: i64 = row.get(4)?;
            Ok(ExportRow {
                id: row.get(0)?,
                topic: row.get(1)?,
                name: row.get(2)?,
                hidden: row.get(3)?,
                joined_at: DateTime::from_timestamp_millis(millis).unwrap_or_default(),
            })
        })?
        .collect();
    rows
}

impl SqliteStore {
    async fn ask<T>(&self, op: impl FnOnce(Answer<T>) -> Op) -> Result<T, StoreError> {
        let (answer, reply) = oneshot::channel();
        self.ops
            .send(op(answer))
            .await
            .map_err(|_| StoreError::WriterGone)?;
        reply.await.map_err(|_| StoreError::WriterGone)?
    }

    /// Runs `body` on the writer, in its own savepoint of the next batch.
    async fn write<T: Send + 'static>(
        &self,
        body: impl FnOnce(&Connection) -> rusqlite::Result<(T, Vec<String>)> + Send + 'static,
    ) -> Result<T, StoreError> {
        self.ask(move |answer| {
            Op::Write(Box::new(move |tx| match tx {
                Ok(tx) => Applied::pending(in_savepoint(tx, body), answer),
                Err(error) => Applied {
                    changed: Vec::new(),
                    answer: failed(answer, StoreError::Commit(error.to_string())),
                },
            }))
        })
        .await
    }

    async fn read<T: Send + 'static>(
        &self,
        read: impl FnOnce(&Connection) -> rusqlite::Result<T> + Send + 'static,
    ) -> Result<T, StoreError> {
        let readers = Arc::clone(&self.readers);
        tokio::task::spawn_blocking(move || readers.with(read))
            .await
            .map_err(|error| StoreError::Task(error.to_string()))?
    }
}

impl SignupStore for SqliteStore {
    fn join(&self, join: NewSignup) -> Reply<'_, Result<i64, JoinRefusal>> {
        Box::pin(self.ask(|answer| Op::Join(Box::new(join), answer)))
    }

    fn leave(&self, id: i64, credential: Credential) -> Reply<'_, Result<(), LeaveRefusal>> {
        Box::pin(self.ask(move |answer| Op::Leave(id, credential, answer)))
    }

    fn list(&self, event: &str) -> Reply<'_, Arc<Listing>> {
        let event = event.to_owned();
        Box::pin(async move {
            let generation = match self.cache.get(&event) {
                Ok(listing) => return Ok(listing),
                Err(generation) => generation,
            };
            let key = event.clone();
            let list = self.read(move |conn| read_list(conn, &key)).await?;
            let listing = Arc::new(Listing::of(&list)?);
            self.cache.fill(&event, generation, Arc::clone(&listing));
            Ok(listing)
        })
    }

    fn export(&self, event: &str) -> Reply<'_, Vec<ExportRow>> {
        let event = event.to_owned();
        Box::pin(self.read(move |conn| read_export(conn, &event)))
    }

    fn record_event_ends(&self, events: Vec<(String, DateTime<Utc>)>) -> Reply<'_, ()> {
        Box::pin(self.ask(move |answer| Op::EventEnds(events, answer)))
    }

    fn purge(&self, now: DateTime<Utc>, retention_days: u32) -> Reply<'_, u64> {
        Box::pin(self.ask(move |answer| Op::Purge(now, retention_days, answer)))
    }

    fn propose(&self, proposal: NewProposal) -> Reply<'_, Result<i64, ProposeRefusal>> {
        Box::pin(self.write(move |c| open_space::propose(c, &proposal)))
    }

    fn edit_proposal(
        &self,
        event: &str,
        id: i64,
        credential: Credential,
        text: ProposalText,
    ) -> Reply<'_, Result<(), LeaveRefusal>> {
        let event = event.to_owned();
        Box::pin(self.write(move |c| open_space::edit(c, &event, id, credential, &text)))
    }

    fn withdraw(
        &self,
        event: &str,
        id: i64,
        credential: Credential,
    ) -> Reply<'_, Result<(), LeaveRefusal>> {
        let event = event.to_owned();
        Box::pin(self.write(move |c| open_space::withdraw(c, &event, id, credential)))
    }

    fn moderate(
        &self,
        event: &str,
        id: i64,
        action: Moderate,
    ) -> Reply<'_, Result<(), LeaveRefusal>> {
        let event = event.to_owned();
        Box::pin(self.write(move |c| open_space::moderate(c, &event, id, &action)))
    }

    fn place(&self, placement: NewPlacement) -> Reply<'_, Result<(), Taken>> {
        Box::pin(self.write(move |c| open_space::place(c, &placement)))
    }

    fn proposals(&self, event: &str) -> Reply<'_, Vec<ProposalRow>> {
        let event = event.to_owned();
        Box::pin(self.read(move |conn| open_space::read_all(conn, &event)))
    }

    fn proposal_capacity(&self, event: &str, id: i64) -> Reply<'_, Option<Option<u32>>> {
        let event = event.to_owned();
        Box::pin(self.read(move |conn| open_space::read_capacity(conn, &event, id)))
    }

    fn changes(&self) -> broadcast::Receiver<Arc<str>> {
        self.changes.subscribe()
    }

    fn close(&self) -> Reply<'_, ()> {
        Box::pin(async move {
            let stopped = self.ask(Op::Stop).await;
            let handle = self
                .writer
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .take();
            if let Some(handle) = handle {
                tokio::task::spawn_blocking(move || handle.join())
                    .await
                    .map_err(|error| StoreError::Task(error.to_string()))?
                    .map_err(|_| StoreError::Task("the writer panicked".to_owned()))?;
            }
            stopped
        })
    }
}

/// Why `hub backup` failed.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("no sign-up database at {}", .0.display())]
    Missing(PathBuf),
    #[error("{}: {source}", .path.display())]
    Database {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error("the copy {} failed its integrity check: {found}", .path.display())]
    Corrupt { path: PathBuf, found: String },
    #[error("cannot move the copy into place at {}: {source}", .path.display())]
    Rename {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Copies `{data_dir}/signups.sqlite3` to `file` with SQLite's online backup, safe while the
/// hub runs: the copy is one consistent snapshot. It is written beside `file` and renamed into
/// place only once complete and checked, as a single file (journal mode DELETE, no `-wal`).
/// Returns the number of sign-ups in the copy.
pub fn backup(data_dir: &Path, file: &Path) -> Result<u64, BackupError> {
    let source_path = data_dir.join(FILE_NAME);
    if !source_path.is_file() {
        return Err(BackupError::Missing(source_path));
    }
    let at = |path: &Path| {
        let path = path.to_owned();
        move |source| BackupError::Database { path, source }
    };
    let source = Connection::open_with_flags(&source_path, OpenFlags::SQLITE_OPEN_READ_WRITE)
        .map_err(at(&source_path))?;
    source
        .busy_timeout(BUSY_TIMEOUT)
        .map_err(at(&source_path))?;

    let mut partial = file.as_os_str().to_owned();
    partial.push(".partial");
    let partial = PathBuf::from(partial);
    // A copy left by an interrupted run is not a backup.
    let _ = std::fs::remove_file(&partial);
    let mut copy = Connection::open(&partial).map_err(at(&partial))?;
    {
        let backup = rusqlite::backup::Backup::new(&source, &mut copy).map_err(at(&partial))?;
        // All pages in one step: one read snapshot, which a concurrent commit cannot restart
        // (in WAL mode the writer does not wait for it either).
        loop {
            match backup.step(-1).map_err(at(&partial))? {
                rusqlite::backup::StepResult::Done => break,
                _ => std::thread::sleep(Duration::from_millis(20)),
            }
        }
    }
    let _: String = copy
        .query_row("PRAGMA journal_mode = DELETE", [], |row| row.get(0))
        .map_err(at(&partial))?;
    let check: String = copy
        .query_row("PRAGMA integrity_check", [], |row| row.get(0))
        .map_err(at(&partial))?;
    if check != "ok" {
        return Err(BackupError::Corrupt {
            path: partial,
            found: check,
        });
    }
    let count: i64 = copy
        .query_row("SELECT count(*) FROM signups", [], |row| row.get(0))
        .map_err(at(&partial))?;
    copy.close().map_err(|(_, source)| BackupError::Database {
        path: partial.clone(),
        source,
    })?;
    std::fs::rename(&partial, file).map_err(|source| BackupError::Rename {
        path: file.to_owned(),
        source,
    })?;
    Ok(count.max(0) as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_database_without_wal_is_refused_as_not_durable() {
        // An in-memory database cannot journal to a write-ahead log: a stand-in for a file
        // system that refuses WAL.
        let conn = Connection::open_in_memory().map_err(|e| e.to_string());
        let Ok(conn) = conn else {
            panic!("an in-memory database: {conn:?}");
        };
        match configure_writer(&conn, Path::new(":memory:")) {
            Err(OpenError::NotDurable { pragma, found, .. }) => {
                assert_eq!(pragma, "journal_mode");
                assert_eq!(found, "memory");
            }
            other => panic!("expected NotDurable, got {other:?}"),
        }
    }

    #[tokio::test]
    async fn migrations_run_once_and_a_newer_schema_is_refused(
    ) -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let store = open(dir.path())?;
        store.close().await?;
        // Opening again applies nothing and keeps the version.
        let store = open(dir.path())?;
        store.close().await?;
        let conn = Connection::open(dir.path().join(FILE_NAME))?;
        let version: i64 = conn.query_row("PRAGMA user_version", [], |row| row.get(0))?;
        assert_eq!(version, MIGRATIONS.len() as i64);
        conn.pragma_update(None, "user_version", 99)?;
        drop(conn);
        match open(dir.path()) {
            Err(OpenError::TooNew { found: 99, .. }) => Ok(()),
            Err(other) => panic!("expected TooNew, got {other}"),
            Ok(_) => panic!("a newer schema was opened"),
        }
    }

    #[tokio::test]
    async fn a_closed_store_refuses_further_writes() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let store = open(dir.path())?;
        store.close().await?;
        let result = store.purge(Utc::now(), 30).await;
        assert!(matches!(result, Err(StoreError::WriterGone)), "{result:?}");
        Ok(())
    }
}
