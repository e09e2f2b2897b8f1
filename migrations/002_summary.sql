-- Weekly summaries: the sent-ledger (exactly one summary per channel and week) and per-debate
-- snapshots of the tally at each summary (the "change since the last summary").
-- week_start is the local date of the Monday that starts the week in the channel's time zone.

CREATE TABLE summary_ledger (
  platform      TEXT NOT NULL,
  workspace_id  TEXT NOT NULL,
  channel_id    TEXT NOT NULL,
  week_start    TEXT NOT NULL,
  -- claimed: someone is posting it; posted: done, message_ref set; empty: nothing to say, not
  -- posted; skipped: missed while down and the week had ended; failed: the post threw, retried.
  status        TEXT NOT NULL CHECK (status IN ('claimed', 'posted', 'empty', 'skipped', 'failed')),
  claim_token   TEXT,
  claimed_at    INTEGER NOT NULL,
  attempts      INTEGER NOT NULL DEFAULT 0,
  scheduled_at  INTEGER NOT NULL,
  completed_at  INTEGER,
  message_ref   TEXT,
  note          TEXT,
  UNIQUE (platform, workspace_id, channel_id, week_start)
) STRICT;
CREATE INDEX summary_ledger_by_week ON summary_ledger (week_start);

CREATE TABLE summary_snapshots (
  debate_id   INTEGER NOT NULL REFERENCES debates (id) ON DELETE CASCADE,
  week_start  TEXT NOT NULL,
  -- The instant the summary's tally is as of (the end of its window), and when it was written.
  as_of       INTEGER NOT NULL,
  taken_at    INTEGER NOT NULL,
  pro         INTEGER NOT NULL,
  con         INTEGER NOT NULL,
  neutral     INTEGER NOT NULL,
  PRIMARY KEY (debate_id, week_start)
) STRICT, WITHOUT ROWID;
CREATE INDEX summary_snapshots_by_time ON summary_snapshots (debate_id, as_of);

-- The summary reads a debate's vote events by time and counts ∆ per argument.
CREATE INDEX vote_events_by_debate_time ON vote_events (debate_id, at);
CREATE INDEX vote_events_by_persuasion ON vote_events (persuaded_by) WHERE persuaded_by IS NOT NULL;
CREATE INDEX debates_by_closing ON debates (closed_at) WHERE closed_at IS NOT NULL;
