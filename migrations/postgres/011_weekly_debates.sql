-- As migrations/011_weekly_debates.sql (SQLite): a debate opened by the channel's rhythm is the
-- topic it came from, looked up on every edit of its live scoreboard; posting its scoreboard is
-- claimed, and a post that failed is taken over once the claim is old.
CREATE INDEX topics_by_debate ON topics (debate_id) WHERE debate_id IS NOT NULL;
ALTER TABLE weekly_openings ADD COLUMN post_claimed_at bigint;
-- A balance nudge is claimed, then marked done once posted: a post that failed is tried again
-- once its claim is old, by whichever instance sweeps first.
ALTER TABLE debates ADD COLUMN nudge_claimed_at bigint;
