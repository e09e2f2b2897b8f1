-- As migrations/012_common_ground_rounds_notes.sql (SQLite): a closing note, two-round debates
-- with their first round's votes, and the common ground each weekly summary showed.
ALTER TABLE debates ADD COLUMN closing_note text;
ALTER TABLE debates ADD COLUMN two_rounds boolean NOT NULL DEFAULT false;
ALTER TABLE debates ADD COLUMN round2_at bigint;
ALTER TABLE debates ADD COLUMN round2_started_at bigint;
ALTER TABLE debates ADD COLUMN halftime_claimed_at bigint;
ALTER TABLE debates ADD COLUMN halftime_claimed_by text;
ALTER TABLE debates ADD COLUMN halftime_posted_at bigint;
CREATE INDEX debates_at_halftime ON debates (round2_at)
  WHERE two_rounds AND status = 'open' AND halftime_posted_at IS NULL;

CREATE TABLE first_round_votes (
  debate_id  bigint NOT NULL REFERENCES debates (id) ON DELETE CASCADE,
  voter_key  text NOT NULL,
  side       text NOT NULL CHECK (side IN ('pro', 'con', 'neutral')),
  PRIMARY KEY (debate_id, voter_key)
);

ALTER TABLE summary_snapshots ADD COLUMN common_ground text;
