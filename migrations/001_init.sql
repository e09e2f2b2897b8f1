-- Débat: debates, arguments, votes with their history, endorsements, channel settings.
-- Times are milliseconds since the epoch (UTC). Keys of people are platform user ids, or for
-- anonymous debates an HMAC-SHA256 of (platform, workspace, debate uid, user) that names nobody.

CREATE TABLE server_settings (
  name  TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE channels (
  platform      TEXT NOT NULL,
  workspace_id  TEXT NOT NULL,
  channel_id    TEXT NOT NULL,
  timezone      TEXT,
  summary_day   INTEGER CHECK (summary_day BETWEEN 0 AND 6),
  summary_time  TEXT,
  summary_off   INTEGER NOT NULL DEFAULT 0,
  language      TEXT CHECK (language IN ('fr', 'en')),
  PRIMARY KEY (platform, workspace_id, channel_id)
) STRICT;

CREATE TABLE debates (
  id             INTEGER PRIMARY KEY,
  uid            TEXT NOT NULL UNIQUE,
  platform       TEXT NOT NULL,
  workspace_id   TEXT NOT NULL,
  channel_id     TEXT NOT NULL,
  number         INTEGER NOT NULL,
  topic          TEXT NOT NULL,
  opener_key     TEXT,
  opener_name    TEXT,
  anonymous      INTEGER NOT NULL DEFAULT 0,
  hidden         INTEGER NOT NULL DEFAULT 0,
  status         TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  opened_at      INTEGER NOT NULL,
  closes_at      INTEGER,
  closed_at      INTEGER,
  scoreboard_ref TEXT,
  next_argument  INTEGER NOT NULL DEFAULT 1,
  UNIQUE (platform, workspace_id, number)
) STRICT;
CREATE INDEX debates_by_channel ON debates (platform, workspace_id, channel_id, status, id);
CREATE INDEX debates_to_expire ON debates (closes_at) WHERE status = 'open' AND closes_at IS NOT NULL;

CREATE TABLE arguments (
  id            INTEGER PRIMARY KEY,
  debate_id     INTEGER NOT NULL REFERENCES debates (id) ON DELETE CASCADE,
  number        INTEGER NOT NULL,
  side          TEXT NOT NULL CHECK (side IN ('pro', 'con')),
  text          TEXT NOT NULL,
  author_key    TEXT,
  author_name   TEXT,
  created_at    INTEGER NOT NULL,
  withdrawn_at  INTEGER,
  UNIQUE (debate_id, number)
) STRICT;
CREATE INDEX arguments_by_author ON arguments (author_key);

-- The latest vote of each voter: the tally is a count over this table.
CREATE TABLE votes (
  debate_id   INTEGER NOT NULL REFERENCES debates (id) ON DELETE CASCADE,
  voter_key   TEXT NOT NULL,
  voter_name  TEXT,
  side        TEXT NOT NULL CHECK (side IN ('pro', 'con', 'neutral')),
  voted_at    INTEGER NOT NULL,
  -- The vote_events row of this vote: where a ∆ is recorded after a switch.
  last_event  INTEGER,
  PRIMARY KEY (debate_id, voter_key)
) STRICT, WITHOUT ROWID;

-- Every change of a vote; old_side NULL is a first vote, new_side NULL a withdrawal.
CREATE TABLE vote_events (
  id               INTEGER PRIMARY KEY,
  debate_id        INTEGER NOT NULL REFERENCES debates (id) ON DELETE CASCADE,
  voter_key        TEXT NOT NULL,
  old_side         TEXT CHECK (old_side IN ('pro', 'con', 'neutral')),
  new_side         TEXT CHECK (new_side IN ('pro', 'con', 'neutral')),
  at               INTEGER NOT NULL,
  persuaded_by     INTEGER REFERENCES arguments (id) ON DELETE SET NULL
) STRICT;
-- Few indexes on purpose: every vote writes this table, and each index is one more page per commit.

CREATE TABLE endorsements (
  argument_id   INTEGER NOT NULL REFERENCES arguments (id) ON DELETE CASCADE,
  endorser_key  TEXT NOT NULL,
  at            INTEGER NOT NULL,
  PRIMARY KEY (argument_id, endorser_key)
) STRICT, WITHOUT ROWID;
CREATE INDEX endorsements_by_endorser ON endorsements (endorser_key);

-- Platform deliveries already handled (event ids, action ids): a redelivery never acts twice.
CREATE TABLE deliveries (
  key  TEXT PRIMARY KEY,
  at   INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX deliveries_by_time ON deliveries (at);
