-- The debate of the week: a channel's queue of proposed topics, their endorsements, and the
-- channel's rhythm (weekday, local time, duration; `rhythm_since`: slots before it are not due).
CREATE TABLE topics (
  id             INTEGER PRIMARY KEY,
  platform       TEXT NOT NULL,
  workspace_id   TEXT NOT NULL,
  channel_id     TEXT NOT NULL,
  number         INTEGER NOT NULL,
  text           TEXT NOT NULL,
  proposer_key   TEXT,
  proposer_name  TEXT,
  proposed_at    INTEGER NOT NULL,
  withdrawn_at   INTEGER,
  -- The debate it became (the weekly opening), after which it leaves the queue.
  debate_id      INTEGER REFERENCES debates (id),
  UNIQUE (platform, workspace_id, channel_id, number)
) STRICT;
CREATE TABLE topic_endorsements (
  topic_id      INTEGER NOT NULL REFERENCES topics (id) ON DELETE CASCADE,
  endorser_key  TEXT NOT NULL,
  at            INTEGER NOT NULL,
  PRIMARY KEY (topic_id, endorser_key)
) STRICT, WITHOUT ROWID;
-- Each weekly slot of a channel is taken once, whatever happens: the claim is the row.
CREATE TABLE weekly_openings (
  platform      TEXT NOT NULL,
  workspace_id  TEXT NOT NULL,
  channel_id    TEXT NOT NULL,
  slot_at       INTEGER NOT NULL,
  debate_id     INTEGER REFERENCES debates (id),
  at            INTEGER NOT NULL,
  PRIMARY KEY (platform, workspace_id, channel_id, slot_at)
) STRICT, WITHOUT ROWID;
ALTER TABLE channels ADD COLUMN rhythm_day INTEGER;
ALTER TABLE channels ADD COLUMN rhythm_time TEXT;
ALTER TABLE channels ADD COLUMN rhythm_duration_ms INTEGER;
ALTER TABLE channels ADD COLUMN rhythm_since INTEGER;
