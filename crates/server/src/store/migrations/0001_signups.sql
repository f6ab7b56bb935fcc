-- The sign-up sheets. Applied once, in a transaction, when `PRAGMA user_version` is below 1.

-- Every event the hub has taken sign-ups for, with its end (Unix seconds, UTC): sign-ups are
-- deleted `retention_days` after it, even when the event's file has since been removed.
CREATE TABLE events (
    id      TEXT PRIMARY KEY NOT NULL,
    ends_at INTEGER NOT NULL
) STRICT;

-- One row per person on a topic. No address or other trace of the client is kept: the name as
-- typed, whether to show it, when, and the SHA-256 of the token that removes it.
-- AUTOINCREMENT: an id is never handed out twice, so an old link never names a new sign-up.
CREATE TABLE signups (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    event      TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    topic      TEXT NOT NULL,
    name       TEXT NOT NULL,
    name_key   TEXT NOT NULL,
    hidden     INTEGER NOT NULL CHECK (hidden IN (0, 1)),
    token_hash BLOB NOT NULL CHECK (length(token_hash) = 32),
    joined_at  INTEGER NOT NULL -- Unix milliseconds, UTC
) STRICT;

-- One name once per topic; also the index behind the per-topic and per-event counts.
CREATE UNIQUE INDEX signups_by_name ON signups (event, topic, name_key);
