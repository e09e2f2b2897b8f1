-- As migrations/012_leases_and_clicks.sql (SQLite): claims live as long as their instance's
-- lease; an end announcement is claimed and retried; repeated clicks are decided in the store.
CREATE TABLE instance_leases (
  instance    text PRIMARY KEY,
  renewed_at  bigint NOT NULL
);
ALTER TABLE debates ADD COLUMN reminder_claimed_by text;
ALTER TABLE debates ADD COLUMN nudge_claimed_by text;
ALTER TABLE weekly_openings ADD COLUMN post_claimed_by text;
ALTER TABLE summary_ledger ADD COLUMN claimed_by text;
ALTER TABLE debates ADD COLUMN end_announce_due bigint;
ALTER TABLE debates ADD COLUMN end_claimed_at bigint;
ALTER TABLE debates ADD COLUMN end_claimed_by text;
ALTER TABLE debates ADD COLUMN end_attempts integer NOT NULL DEFAULT 0;
CREATE INDEX debates_by_end_announcement ON debates (end_announce_due) WHERE end_announce_due IS NOT NULL;
CREATE TABLE clicks (
  click_key  text PRIMARY KEY,
  at         bigint NOT NULL,
  prev_at    bigint,
  delivery       text,
  prev_delivery  text
);
