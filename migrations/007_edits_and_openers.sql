-- An argument edited by its author is marked so; its text is the edited one.
ALTER TABLE arguments ADD COLUMN edited_at INTEGER;
-- Who may open debates in a channel: 0 everyone (the default), 1 admins only.
ALTER TABLE channels ADD COLUMN open_admins INTEGER NOT NULL DEFAULT 0;
