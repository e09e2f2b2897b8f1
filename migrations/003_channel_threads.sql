-- A channel setting: open a thread under each new debate's scoreboard (where the platform has threads).
ALTER TABLE channels ADD COLUMN threads INTEGER NOT NULL DEFAULT 0;
