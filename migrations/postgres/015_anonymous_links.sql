-- As migrations/012_anonymous_links.sql (SQLite): an anonymous debate whose reopening window has
-- passed has its links destroyed (who cast which vote, endorsement or argument), set once done.
ALTER TABLE debates ADD COLUMN unlinked boolean NOT NULL DEFAULT false;
CREATE INDEX debates_to_unlink ON debates (closed_at) WHERE anonymous AND NOT unlinked AND status = 'closed';
