import type Database from 'better-sqlite3';
import type { Platform, WorkspaceScope } from '../../domain/types.ts';
import type { Sealed } from '../../secrets/sealer.ts';
import type {
  InstallationKey,
  InstallationRow,
  InstallationStore,
  SaveInstallationInput,
} from '../ports/installations.ts';
import { type InstallationTableRow, toInstallation } from '../shared/rows.ts';
import { truncateWal } from './purge.ts';
import { statementCache } from './statement-cache.ts';

/** Installations on the bot's SQLite database (migration 010). */
export class SqliteInstallationStore implements InstallationStore {
  private readonly stmt: (sql: string) => Database.Statement;
  private readonly save: (input: SaveInstallationInput) => void;
  private readonly remove: (which: InstallationKey, at: number) => boolean;
  private readonly drop: (which: InstallationKey) => void;
  private readonly erase: (scope: WorkspaceScope) => number;

  constructor(db: Database.Database) {
    this.stmt = statementCache(db);
    const save = db.transaction((i: SaveInstallationInput) => {
      this.stmt(
        `INSERT INTO installations (platform, key, enterprise_id, team_id, key_id, sealed, expires_at, installed_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (platform, key) DO UPDATE SET enterprise_id = excluded.enterprise_id,
           team_id = excluded.team_id, key_id = excluded.key_id, sealed = excluded.sealed,
           expires_at = excluded.expires_at, version = version + 1, refresh_owner = NULL, refresh_until = NULL`,
      ).run(i.platform, i.key, i.enterpriseId, i.teamId, i.sealed.keyId, i.sealed.box, i.expiresAt, i.at);
      this.stmt('DELETE FROM installation_removals WHERE platform = ? AND key = ?').run(i.platform, i.key);
    });
    this.save = (input) => save.immediate(input);
    const remove = db.transaction((w: InstallationKey, at: number) => {
      const deleted = this.stmt('DELETE FROM installations WHERE platform = ? AND key = ?').run(
        w.platform,
        w.key,
      );
      this.stmt(
        `INSERT INTO installation_removals (platform, key, removed_at) VALUES (?, ?, ?)
         ON CONFLICT (platform, key) DO NOTHING`,
      ).run(w.platform, w.key, at);
      return deleted.changes > 0;
    });
    this.remove = (which, at) => remove.immediate(which, at);
    const drop = db.transaction((w: InstallationKey) => {
      this.stmt('DELETE FROM installations WHERE platform = ? AND key = ?').run(w.platform, w.key);
      this.stmt('DELETE FROM installation_removals WHERE platform = ? AND key = ?').run(w.platform, w.key);
      this.stmt(
        'DELETE FROM installation_teams WHERE platform = ? AND (installation_key = ? OR team_id = ?)',
      ).run(w.platform, w.key, w.key);
    });
    this.drop = (which) => {
      drop.immediate(which);
      truncateWal(db);
    };
    const erase = db.transaction((s: WorkspaceScope) => {
      // The debate of the week's queue and slots go with the workspace (their endorsements cascade).
      this.stmt('DELETE FROM weekly_openings WHERE platform = ? AND workspace_id = ?').run(
        s.platform,
        s.workspaceId,
      );
      this.stmt('DELETE FROM topics WHERE platform = ? AND workspace_id = ?').run(s.platform, s.workspaceId);
      const debates = this.stmt('DELETE FROM debates WHERE platform = ? AND workspace_id = ?').run(
        s.platform,
        s.workspaceId,
      );
      this.stmt('DELETE FROM channels WHERE platform = ? AND workspace_id = ?').run(
        s.platform,
        s.workspaceId,
      );
      this.stmt('DELETE FROM summary_ledger WHERE platform = ? AND workspace_id = ?').run(
        s.platform,
        s.workspaceId,
      );
      return debates.changes;
    });
    this.erase = (scope) => {
      const erased = erase.immediate(scope);
      // What secure_delete zeroed in the main file must not stay in older frames of the log.
      truncateWal(db);
      return erased;
    };
  }

  async saveInstallation(input: SaveInstallationInput): Promise<void> {
    this.save(input);
  }

  async installation(w: InstallationKey): Promise<InstallationRow | undefined> {
    const row = this.stmt('SELECT * FROM installations WHERE platform = ? AND key = ?').get(
      w.platform,
      w.key,
    ) as InstallationTableRow | undefined;
    return row && toInstallation(row);
  }

  async installationVersion(w: InstallationKey): Promise<number | undefined> {
    const row = this.stmt('SELECT version FROM installations WHERE platform = ? AND key = ?').get(
      w.platform,
      w.key,
    ) as { version: number } | undefined;
    return row?.version;
  }

  async removeInstallation(which: InstallationKey, at: number): Promise<boolean> {
    return this.remove(which, at);
  }

  async claimRefresh(w: InstallationKey, owner: string, now: number, until: number) {
    const row = this.stmt(
      `UPDATE installations SET refresh_owner = ?, refresh_until = ?
       WHERE platform = ? AND key = ? AND (refresh_until IS NULL OR refresh_until <= ?) RETURNING *`,
    ).get(owner, until, w.platform, w.key, now) as InstallationTableRow | undefined;
    return row && toInstallation(row);
  }

  async completeRefresh(
    w: InstallationKey,
    owner: string,
    sealed: Sealed,
    expiresAt: number | null,
    _at: number,
  ) {
    const done = this.stmt(
      `UPDATE installations SET key_id = ?, sealed = ?, expires_at = ?, version = version + 1,
         refresh_owner = NULL, refresh_until = NULL
       WHERE platform = ? AND key = ? AND refresh_owner = ?`,
    ).run(sealed.keyId, sealed.box, expiresAt, w.platform, w.key, owner);
    return done.changes > 0;
  }

  async releaseRefresh(w: InstallationKey, owner: string): Promise<void> {
    this.stmt(
      `UPDATE installations SET refresh_owner = NULL, refresh_until = NULL
       WHERE platform = ? AND key = ? AND refresh_owner = ?`,
    ).run(w.platform, w.key, owner);
  }

  async installationsNotSealedWith(keyId: string): Promise<InstallationRow[]> {
    return (
      this.stmt('SELECT * FROM installations WHERE key_id <> ?').all(keyId) as InstallationTableRow[]
    ).map(toInstallation);
  }

  async reseal(w: InstallationKey, version: number, sealed: Sealed): Promise<boolean> {
    const done = this.stmt(
      `UPDATE installations SET key_id = ?, sealed = ?, version = version + 1
       WHERE platform = ? AND key = ? AND version = ?`,
    ).run(sealed.keyId, sealed.box, w.platform, w.key, version);
    return done.changes > 0;
  }

  async rememberTeam(platform: Platform, teamId: string, key: string): Promise<void> {
    this.stmt(
      `INSERT INTO installation_teams (platform, team_id, installation_key) VALUES (?, ?, ?)
       ON CONFLICT (platform, team_id) DO UPDATE SET installation_key = excluded.installation_key
       WHERE installation_key <> excluded.installation_key`,
    ).run(platform, teamId, key);
  }

  async installationKeyOfTeam(platform: Platform, teamId: string): Promise<string | undefined> {
    const own = this.stmt('SELECT key FROM installations WHERE platform = ? AND key = ?').get(
      platform,
      teamId,
    ) as { key: string } | undefined;
    if (own) return own.key;
    const org = this.stmt(
      'SELECT installation_key AS key FROM installation_teams WHERE platform = ? AND team_id = ?',
    ).get(platform, teamId) as { key: string } | undefined;
    return org?.key;
  }

  async removedBefore(platform: Platform, before: number): Promise<string[]> {
    const rows = this.stmt(
      'SELECT key FROM installation_removals WHERE platform = ? AND removed_at < ? ORDER BY removed_at',
    ).all(platform, before) as { key: string }[];
    return rows.map((row) => row.key);
  }

  async teamsOf(w: InstallationKey): Promise<string[]> {
    const rows = this.stmt(
      'SELECT team_id FROM installation_teams WHERE platform = ? AND installation_key = ? ORDER BY team_id',
    ).all(w.platform, w.key) as { team_id: string }[];
    const teams = new Set(rows.map((row) => row.team_id));
    // A team's own install serves the team; an org's key (E…) is no workspace of its own.
    if (!w.key.startsWith('E')) teams.add(w.key);
    return [...teams];
  }

  async dropInstallation(which: InstallationKey): Promise<void> {
    this.drop(which);
  }

  async eraseWorkspace(scope: WorkspaceScope): Promise<number> {
    return this.erase(scope);
  }
}
