-- A channel setting: open a thread under each new debate's scoreboard. Mirrors 003_channel_threads.sql.
ALTER TABLE channels ADD COLUMN threads boolean NOT NULL DEFAULT false;
