-- Apps installed by workspaces (Slack OAuth): tokens sealed with AES-256-GCM (key_id names the key),
-- never in clear. key = the enterprise id of an org-wide install, the team id otherwise.
CREATE TABLE installations (
  platform       TEXT NOT NULL,
  key            TEXT NOT NULL,
  enterprise_id  TEXT,
  team_id        TEXT,
  key_id         TEXT NOT NULL,
  sealed         TEXT NOT NULL,
  expires_at     INTEGER,
  version        INTEGER NOT NULL DEFAULT 1,
  -- One instance at a time refreshes rotating tokens (a refresh token works once).
  refresh_owner  TEXT,
  refresh_until  INTEGER,
  installed_at   INTEGER NOT NULL,
  PRIMARY KEY (platform, key)
) STRICT, WITHOUT ROWID;
CREATE INDEX installations_by_key_id ON installations (key_id);

-- The workspaces of an org-wide installation, as requests from them arrive.
CREATE TABLE installation_teams (
  platform          TEXT NOT NULL,
  team_id           TEXT NOT NULL,
  installation_key  TEXT NOT NULL,
  PRIMARY KEY (platform, team_id)
) STRICT, WITHOUT ROWID;

-- Removed installations: their workspaces' debates are erased after the retention period.
CREATE TABLE installation_removals (
  platform    TEXT NOT NULL,
  key         TEXT NOT NULL,
  removed_at  INTEGER NOT NULL,
  PRIMARY KEY (platform, key)
) STRICT, WITHOUT ROWID;
