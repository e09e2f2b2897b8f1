import type { Platform, WorkspaceScope } from '../../domain/types.ts';
import type { Sealed } from '../../secrets/sealer.ts';
import type {
  InstallationKey,
  InstallationRow,
  InstallationStore,
  SaveInstallationInput,
} from '../ports/installations.ts';
import { type InstallationTableRow, toInstallation } from '../shared/rows.ts';
import { ERASURE_TABLES, vacuum } from './purge.ts';
import type { PostgresSession } from './session.ts';

/** Installations on PostgreSQL (migration 010), shared by every instance. */
export class PostgresInstallationStore implements InstallationStore {
  constructor(private readonly db: PostgresSession) {}

  async saveInstallation(i: SaveInstallationInput): Promise<void> {
    await this.db.transaction(async ({ query }) => {
      await query(
        `INSERT INTO installations (platform, key, enterprise_id, team_id, key_id, sealed, expires_at, installed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (platform, key) DO UPDATE SET enterprise_id = excluded.enterprise_id,
           team_id = excluded.team_id, key_id = excluded.key_id, sealed = excluded.sealed,
           expires_at = excluded.expires_at, version = installations.version + 1,
           refresh_owner = NULL, refresh_until = NULL`,
        [i.platform, i.key, i.enterpriseId, i.teamId, i.sealed.keyId, i.sealed.box, i.expiresAt, i.at],
      );
      await query('DELETE FROM installation_removals WHERE platform = $1 AND key = $2', [i.platform, i.key]);
    });
  }

  async installation(w: InstallationKey): Promise<InstallationRow | undefined> {
    const [row] = await this.db.query<InstallationTableRow>(
      'SELECT * FROM installations WHERE platform = $1 AND key = $2',
      [w.platform, w.key],
    );
    return row && toInstallation(row);
  }

  async installationVersion(w: InstallationKey): Promise<number | undefined> {
    const [row] = await this.db.query<{ version: number }>(
      'SELECT version FROM installations WHERE platform = $1 AND key = $2',
      [w.platform, w.key],
    );
    return row?.version;
  }

  async removeInstallation(w: InstallationKey, at: number): Promise<boolean> {
    return this.db.transaction(async ({ query }) => {
      const deleted = await query(
        'DELETE FROM installations WHERE platform = $1 AND key = $2 RETURNING key',
        [w.platform, w.key],
      );
      await query(
        `INSERT INTO installation_removals (platform, key, removed_at) VALUES ($1, $2, $3)
         ON CONFLICT (platform, key) DO NOTHING`,
        [w.platform, w.key, at],
      );
      return deleted.length > 0;
    });
  }

  async claimRefresh(w: InstallationKey, owner: string, now: number, until: number) {
    const [row] = await this.db.query<InstallationTableRow>(
      `UPDATE installations SET refresh_owner = $1, refresh_until = $2
       WHERE platform = $3 AND key = $4 AND (refresh_until IS NULL OR refresh_until <= $5) RETURNING *`,
      [owner, until, w.platform, w.key, now],
    );
    return row && toInstallation(row);
  }

  async completeRefresh(w: InstallationKey, owner: string, sealed: Sealed, expiresAt: number | null) {
    const done = await this.db.query(
      `UPDATE installations SET key_id = $1, sealed = $2, expires_at = $3, version = version + 1,
         refresh_owner = NULL, refresh_until = NULL
       WHERE platform = $4 AND key = $5 AND refresh_owner = $6 RETURNING key`,
      [sealed.keyId, sealed.box, expiresAt, w.platform, w.key, owner],
    );
    return done.length > 0;
  }

  async releaseRefresh(w: InstallationKey, owner: string): Promise<void> {
    await this.db.query(
      `UPDATE installations SET refresh_owner = NULL, refresh_until = NULL
       WHERE platform = $1 AND key = $2 AND refresh_owner = $3`,
      [w.platform, w.key, owner],
    );
  }

  async installationsNotSealedWith(keyId: string): Promise<InstallationRow[]> {
    return (
      await this.db.query<InstallationTableRow>('SELECT * FROM installations WHERE key_id <> $1', [keyId])
    ).map(toInstallation);
  }

  async reseal(w: InstallationKey, version: number, sealed: Sealed): Promise<boolean> {
    const done = await this.db.query(
      `UPDATE installations SET key_id = $1, sealed = $2, version = version + 1
       WHERE platform = $3 AND key = $4 AND version = $5 RETURNING key`,
      [sealed.keyId, sealed.box, w.platform, w.key, version],
    );
    return done.length > 0;
  }

  async rememberTeam(platform: Platform, teamId: string, key: string): Promise<void> {
    await this.db.query(
      `INSERT INTO installation_teams (platform, team_id, installation_key) VALUES ($1, $2, $3)
       ON CONFLICT (platform, team_id) DO UPDATE SET installation_key = excluded.installation_key
       WHERE installation_teams.installation_key <> excluded.installation_key`,
      [platform, teamId, key],
    );
  }

  async installationKeyOfTeam(platform: Platform, teamId: string): Promise<string | undefined> {
    const [row] = await this.db.query<{ key: string }>(
      `SELECT key FROM installations WHERE platform = $1 AND key = $2
       UNION ALL
       SELECT installation_key FROM installation_teams WHERE platform = $1 AND team_id = $2
       LIMIT 1`,
      [platform, teamId],
    );
    return row?.key;
  }

  async removedBefore(platform: Platform, before: number): Promise<string[]> {
    const rows = await this.db.query<{ key: string }>(
      'SELECT key FROM installation_removals WHERE platform = $1 AND removed_at < $2 ORDER BY removed_at',
      [platform, before],
    );
    return rows.map((row) => row.key);
  }

  async teamsOf(w: InstallationKey): Promise<string[]> {
    const rows = await this.db.query<{ team_id: string }>(
      'SELECT team_id FROM installation_teams WHERE platform = $1 AND installation_key = $2 ORDER BY team_id',
      [w.platform, w.key],
    );
    const teams = new Set(rows.map((row) => row.team_id));
    // A team's own install serves the team; an org's key (E…) is no workspace of its own.
    if (!w.key.startsWith('E')) teams.add(w.key);
    return [...teams];
  }

  async dropInstallation(w: InstallationKey): Promise<void> {
    await this.db.transaction(async ({ query }) => {
      await query('DELETE FROM installations WHERE platform = $1 AND key = $2', [w.platform, w.key]);
      await query('DELETE FROM installation_removals WHERE platform = $1 AND key = $2', [w.platform, w.key]);
      await query(
        'DELETE FROM installation_teams WHERE platform = $1 AND (installation_key = $2 OR team_id = $2)',
        [w.platform, w.key],
      );
    });
    await vacuum(this.db, ['installations', 'installation_removals', 'installation_teams']);
  }

  async eraseWorkspace(s: WorkspaceScope): Promise<number> {
    const erased = await this.db.transaction(async ({ query }) => {
      // The debate of the week's queue and slots go with the workspace (their endorsements cascade).
      await query('DELETE FROM weekly_openings WHERE platform = $1 AND workspace_id = $2', [
        s.platform,
        s.workspaceId,
      ]);
      await query('DELETE FROM topics WHERE platform = $1 AND workspace_id = $2', [
        s.platform,
        s.workspaceId,
      ]);
      const debates = await query(
        'DELETE FROM debates WHERE platform = $1 AND workspace_id = $2 RETURNING id',
        [s.platform, s.workspaceId],
      );
      await query('DELETE FROM channels WHERE platform = $1 AND workspace_id = $2', [
        s.platform,
        s.workspaceId,
      ]);
      await query('DELETE FROM summary_ledger WHERE platform = $1 AND workspace_id = $2', [
        s.platform,
        s.workspaceId,
      ]);
      return debates.length;
    });
    // Their arguments, votes, pages, snapshots… went with the debates (cascades): all rewritten.
    await vacuum(this.db, ERASURE_TABLES);
    return erased;
  }
}
