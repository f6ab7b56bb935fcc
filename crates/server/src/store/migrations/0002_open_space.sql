-- The open-space marketplace. Applied once, in a transaction, when `PRAGMA user_version` is 1.

-- One row per session proposed on the day. Its topic id is `proposal-{id}`; sign-ups for it are
-- in `signups` under that id. `state`: `live` (on every page), `hidden` (by an organizer; kept
-- for the export), `withdrawn` (by its proposer or an organizer), `merged` (into `merged_into`).
-- Only the SHA-256 of the token that edits it is kept, as for sign-ups.
CREATE TABLE proposals (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    event       TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    title       TEXT NOT NULL,
    description TEXT NOT NULL,
    name        TEXT NOT NULL,
    builds_on   TEXT,
    capacity    INTEGER CHECK (capacity IS NULL OR capacity > 0),
    state       TEXT NOT NULL CHECK (state IN ('live', 'hidden', 'withdrawn', 'merged')),
    merged_into TEXT,
    token_hash  BLOB NOT NULL CHECK (length(token_hash) = 32),
    proposed_at INTEGER NOT NULL -- Unix milliseconds, UTC
) STRICT;

CREATE INDEX proposals_by_event ON proposals (event, state);

-- The cells organizers set on the board: one topic per cell (the primary key), one cell per
-- topic (the partial index). A row without a topic is a cell cleared over the file's placement.
CREATE TABLE placements (
    event     TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    room      TEXT NOT NULL,
    slot      TEXT NOT NULL,
    topic     TEXT,
    placed_at INTEGER NOT NULL, -- Unix milliseconds, UTC
    PRIMARY KEY (event, room, slot)
) STRICT;

CREATE UNIQUE INDEX placements_by_topic ON placements (event, topic) WHERE topic IS NOT NULL;
