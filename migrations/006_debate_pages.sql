-- The debate's web page: links are an HMAC of (debate, version) under the server secret.
-- Revoking a debate's links bumps its version; a debate with no row is at version 1.
CREATE TABLE debate_pages (
  debate_id  INTEGER PRIMARY KEY REFERENCES debates (id) ON DELETE CASCADE,
  version    INTEGER NOT NULL CHECK (version >= 1)
) STRICT;
