-- An edited argument is marked; who may open debates per channel. Mirrors 007_edits_and_openers.sql.
ALTER TABLE arguments ADD COLUMN edited_at bigint;
ALTER TABLE channels ADD COLUMN open_admins boolean NOT NULL DEFAULT false;
