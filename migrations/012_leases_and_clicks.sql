-- Work claimed by an instance (a reminder, a nudge, a weekly opening, a summary, an end
-- announcement) lives as long as that instance's lease: a live instance renews it every few
-- seconds, so the claims of a killed one are taken over within a minute, not after their retry
-- window. Each claim names its instance.
CREATE TABLE instance_leases (
  instance    TEXT PRIMARY KEY,
  renewed_at  INTEGER NOT NULL
) WITHOUT ROWID;
ALTER TABLE debates ADD COLUMN reminder_claimed_by TEXT;
ALTER TABLE debates ADD COLUMN nudge_claimed_by TEXT;
ALTER TABLE weekly_openings ADD COLUMN post_claimed_by TEXT;
ALTER TABLE summary_ledger ADD COLUMN claimed_by TEXT;
-- A debate closed by its duration is announced in its channel once, retried until posted.
ALTER TABLE debates ADD COLUMN end_announce_due INTEGER;
ALTER TABLE debates ADD COLUMN end_claimed_at INTEGER;
ALTER TABLE debates ADD COLUMN end_claimed_by TEXT;
ALTER TABLE debates ADD COLUMN end_attempts INTEGER NOT NULL DEFAULT 0;
CREATE INDEX debates_by_end_announcement ON debates (end_announce_due) WHERE end_announce_due IS NOT NULL;
-- Repeated clicks (one person, one button, one message, moments apart) are decided here, so two
-- clicks that reach two instances act once. Rows live a minute.
CREATE TABLE clicks (
  click_key  TEXT PRIMARY KEY,
  at         INTEGER NOT NULL,
  prev_at    INTEGER,
  delivery       TEXT,
  prev_delivery  TEXT
) WITHOUT ROWID;
