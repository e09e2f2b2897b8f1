-- Mirrors 006_debate_pages.sql: the version of a debate's page links (none: version 1).
CREATE TABLE debate_pages (
  debate_id  bigint PRIMARY KEY REFERENCES debates (id) ON DELETE CASCADE,
  version    integer NOT NULL CHECK (version >= 1)
);
