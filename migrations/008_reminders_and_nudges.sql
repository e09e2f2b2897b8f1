-- Reminders before a debate's end: when (decided by the core at opening; null: none), and the
-- claim of the instance posting it (a lease: a claim older than a few minutes is taken over) and
-- when it was posted. Balance nudges: when the one nudge of the debate was claimed.
ALTER TABLE debates ADD COLUMN remind_at INTEGER;
ALTER TABLE debates ADD COLUMN reminder_claimed_at INTEGER;
ALTER TABLE debates ADD COLUMN reminded_at INTEGER;
ALTER TABLE debates ADD COLUMN nudged_at INTEGER;
-- The sweep looks only at open debates whose reminder is still due.
CREATE INDEX debates_by_reminder ON debates (remind_at)
  WHERE status = 'open' AND remind_at IS NOT NULL AND reminded_at IS NULL;
-- Channel switches: `config rappel off`, `config relances off` (both on by default).
ALTER TABLE channels ADD COLUMN reminders_off INTEGER NOT NULL DEFAULT 0;
ALTER TABLE channels ADD COLUMN nudges_off INTEGER NOT NULL DEFAULT 0;
