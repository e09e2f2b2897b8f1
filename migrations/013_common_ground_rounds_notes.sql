-- A closing note on a debate; two-round debates (a blind first round, revealed at half-time);
-- the common ground each weekly summary showed, for next week's "new common ground".
ALTER TABLE debates ADD COLUMN closing_note TEXT;
ALTER TABLE debates ADD COLUMN two_rounds INTEGER NOT NULL DEFAULT 0;
-- When the second round opens (half the duration; `tour2` brings it forward).
ALTER TABLE debates ADD COLUMN round2_at INTEGER;
-- When it did open: the first round's votes were kept then, and results show from then on.
ALTER TABLE debates ADD COLUMN round2_started_at INTEGER;
-- The half-time post is claimed, then marked done once posted, like a reminder.
ALTER TABLE debates ADD COLUMN halftime_claimed_at INTEGER;
ALTER TABLE debates ADD COLUMN halftime_claimed_by TEXT;
ALTER TABLE debates ADD COLUMN halftime_posted_at INTEGER;
CREATE INDEX debates_at_halftime ON debates (round2_at)
  WHERE two_rounds = 1 AND status = 'open' AND halftime_posted_at IS NULL;

-- Each voter's vote when the second round opened.
CREATE TABLE first_round_votes (
  debate_id  INTEGER NOT NULL REFERENCES debates (id) ON DELETE CASCADE,
  voter_key  TEXT NOT NULL,
  side       TEXT NOT NULL CHECK (side IN ('pro', 'con', 'neutral')),
  PRIMARY KEY (debate_id, voter_key)
) STRICT, WITHOUT ROWID;

-- The ids of the arguments that were common ground in that summary (JSON array; NULL: not kept).
ALTER TABLE summary_snapshots ADD COLUMN common_ground TEXT;
