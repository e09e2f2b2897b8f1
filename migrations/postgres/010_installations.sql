-- Apps installed by workspaces (Slack OAuth), as migrations/010_installations.sql (SQLite): tokens
-- sealed with AES-256-GCM (key_id names the key), never in clear.
CREATE TABLE installations (
  platform       text NOT NULL,
  key            text NOT NULL,
  enterprise_id  text,
  team_id        text,
  key_id         text NOT NULL,
  sealed         text NOT NULL,
  expires_at     bigint,
  version        integer NOT NULL DEFAULT 1,
  refresh_owner  text,
  refresh_until  bigint,
  installed_at   bigint NOT NULL,
  PRIMARY KEY (platform, key)
);
CREATE INDEX installations_by_key_id ON installations (key_id);

CREATE TABLE installation_teams (
  platform          text NOT NULL,
  team_id           text NOT NULL,
  installation_key  text NOT NULL,
  PRIMARY KEY (platform, team_id)
);

CREATE TABLE installation_removals (
  platform    text NOT NULL,
  key         text NOT NULL,
  removed_at  bigint NOT NULL,
  PRIMARY KEY (platform, key)
);
