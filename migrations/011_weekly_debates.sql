-- A debate opened by the channel's rhythm is the topic it came from: the live scoreboard looks it
-- up on every edit, to keep its "debate of the week" heading.
CREATE INDEX topics_by_debate ON topics (debate_id) WHERE debate_id IS NOT NULL;
-- Posting a weekly debate's scoreboard is claimed (by the instance that opened it, at first): a
-- post that failed is taken over once the claim is old, by whichever instance sweeps first.
ALTER TABLE weekly_openings ADD COLUMN post_claimed_at INTEGER;
-- A balance nudge is claimed, then marked done once posted: a post that failed is tried again
-- once its claim is old, by whichever instance sweeps first.
ALTER TABLE debates ADD COLUMN nudge_claimed_at INTEGER;
