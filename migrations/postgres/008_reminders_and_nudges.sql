-- Reminders before a debate's end and balance nudges. Mirrors 008_reminders_and_nudges.sql.
ALTER TABLE debates ADD COLUMN remind_at bigint;
ALTER TABLE debates ADD COLUMN reminder_claimed_at bigint;
ALTER TABLE debates ADD COLUMN reminded_at bigint;
ALTER TABLE debates ADD COLUMN nudged_at bigint;
CREATE INDEX debates_by_reminder ON debates (remind_at)
  WHERE status = 'open' AND remind_at IS NOT NULL AND reminded_at IS NULL;
ALTER TABLE channels ADD COLUMN reminders_off boolean NOT NULL DEFAULT false;
ALTER TABLE channels ADD COLUMN nudges_off boolean NOT NULL DEFAULT false;
