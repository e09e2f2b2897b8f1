-- A debate opened by the channel's rhythm is the topic it came from: the live scoreboard looks it
-- up on every edit, to keep its "debate of the week" heading.
CREATE INDEX topics_by_debate ON topics (debate_id) WHERE debate_id IS NOT NULL;
