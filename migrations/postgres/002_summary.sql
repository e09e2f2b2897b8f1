-- Weekly summaries: the sent-ledger (exactly one summary per channel and week) and per-debate
-- snapshots of the tally at each summary. Mirrors migrations/002_summary.sql.

CREATE TABLE summary_ledger (
  platform      text NOT NULL,
  workspace_id  text NOT NULL,
  channel_id    text NOT NULL,
  week_start    text NOT NULL,
  status        text NOT NULL CHECK (status IN ('claimed', 'posted', 'empty', 'skipped', 'failed')),
  claim_token   text,
  claimed_at    bigint NOT NULL,
  attempts      integer NOT NULL DEFAULT 0,
  scheduled_at  bigint NOT NULL,
  completed_at  bigint,
  message_ref   text,
  note          text,
  UNIQUE (platform, workspace_id, channel_id, week_start)
);
CREATE INDEX summary_ledger_by_week ON summary_ledger (week_start);

CREATE TABLE summary_snapshots (
  debate_id   bigint NOT NULL REFERENCES debates (id) ON DELETE CASCADE,
  week_start  text NOT NULL,
  as_of       bigint NOT NULL,
  taken_at    bigint NOT NULL,
  pro         integer NOT NULL,
  con         integer NOT NULL,
  neutral     integer NOT NULL,
  PRIMARY KEY (debate_id, week_start)
);
CREATE INDEX summary_snapshots_by_time ON summary_snapshots (debate_id, as_of);

CREATE INDEX vote_events_by_debate_time ON vote_events (debate_id, at);
CREATE INDEX vote_events_by_persuasion ON vote_events (persuaded_by) WHERE persuaded_by IS NOT NULL;
CREATE INDEX debates_by_closing ON debates (closed_at) WHERE closed_at IS NOT NULL;
