-- An anonymous debate whose reopening window has passed has its links destroyed: who cast which
-- vote, endorsement or argument can no longer be told, even with the anonymity key. Set once done.
ALTER TABLE debates ADD COLUMN unlinked INTEGER NOT NULL DEFAULT 0;
-- The sweep finds the anonymous debates still to unlink among the closed ones.
CREATE INDEX debates_to_unlink ON debates (closed_at) WHERE anonymous = 1 AND unlinked = 0 AND status = 'closed';
