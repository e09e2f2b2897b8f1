// Server settings (one value per name, shared by every process on the file) and channel settings.
import type Database from 'better-sqlite3';
import type { ChannelSettings } from '../../domain/records.ts';
import type { SettingChange } from '../../domain/settings.ts';
import type { ChannelScope } from '../../domain/types.ts';
import type { ServerSettingName } from '../ports/settings.ts';
import { type ChannelRow, toChannelSettings } from '../shared/rows.ts';
import type { GroupCommit } from './group-commit.ts';
import { truncateWal } from './purge.ts';
import { statementCache } from './statement-cache.ts';

export class SqliteSettings {
  private readonly stmt: (sql: string) => Database.Statement;

  constructor(
    private readonly db: Database.Database,
    private readonly commits: GroupCommit,
  ) {
    this.stmt = statementCache(db);
  }

  async serverSetting(name: ServerSettingName): Promise<string | undefined> {
    return (
      this.stmt('SELECT value FROM server_settings WHERE name = ?').get(name) as { value: string } | undefined
    )?.value;
  }

  async keepServerSetting(name: ServerSettingName, value: string): Promise<string> {
    return this.commits.write(() => {
      this.stmt('INSERT INTO server_settings (name, value) VALUES (?, ?) ON CONFLICT DO NOTHING').run(
        name,
        value,
      );
      return (this.stmt('SELECT value FROM server_settings WHERE name = ?').get(name) as { value: string })
        .value;
    });
  }

  async changeServerSettings(changes: Partial<Record<ServerSettingName, string | null>>): Promise<void> {
    await this.commits.write(() => {
      for (const [name, value] of Object.entries(changes)) {
        if (value === null || value === undefined)
          this.stmt('DELETE FROM server_settings WHERE name = ?').run(name);
        else
          this.stmt(
            'INSERT INTO server_settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value',
          ).run(name, value);
      }
    });
    truncateWal(this.db);
  }

  async channelSettings(scope: ChannelScope): Promise<ChannelSettings> {
    const row = this.stmt(
      `SELECT timezone, summary_day, summary_time, summary_off, language, threads, open_admins,
         reminders_off, nudges_off, rhythm_day, rhythm_time, rhythm_duration_ms, rhythm_since FROM channels
       WHERE platform = ? AND workspace_id = ? AND channel_id = ?`,
    ).get(scope.platform, scope.workspaceId, scope.channelId) as ChannelRow | undefined;
    return toChannelSettings(row);
  }

  async saveChannelSetting(scope: ChannelScope, change: SettingChange): Promise<ChannelSettings> {
    const keys = [scope.platform, scope.workspaceId, scope.channelId];
    await this.commits.write(() => {
      this.stmt(
        'INSERT INTO channels (platform, workspace_id, channel_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
      ).run(...keys);
      const where = 'WHERE platform = ? AND workspace_id = ? AND channel_id = ?';
      if (change.setting === 'timezone')
        this.stmt(`UPDATE channels SET timezone = ? ${where}`).run(change.zone, ...keys);
      else if (change.setting === 'language')
        this.stmt(`UPDATE channels SET language = ? ${where}`).run(change.language, ...keys);
      else if (change.setting === 'summaryOff')
        this.stmt(`UPDATE channels SET summary_off = 1 ${where}`).run(...keys);
      else if (change.setting === 'threads')
        this.stmt(`UPDATE channels SET threads = ? ${where}`).run(change.enabled ? 1 : 0, ...keys);
      else if (change.setting === 'rhythm')
        this.stmt(
          `UPDATE channels SET rhythm_day = ?, rhythm_time = ?, rhythm_duration_ms = ?, rhythm_since = ? ${where}`,
        ).run(change.day, change.time, change.durationMs, change.since, ...keys);
      else if (change.setting === 'rhythmOff')
        this.stmt(
          `UPDATE channels SET rhythm_day = NULL, rhythm_time = NULL, rhythm_duration_ms = NULL, rhythm_since = NULL ${where}`,
        ).run(...keys);
      else if (change.setting === 'reminders')
        this.stmt(`UPDATE channels SET reminders_off = ? ${where}`).run(change.enabled ? 0 : 1, ...keys);
      else if (change.setting === 'nudges')
        this.stmt(`UPDATE channels SET nudges_off = ? ${where}`).run(change.enabled ? 0 : 1, ...keys);
      else if (change.setting === 'openers')
        this.stmt(`UPDATE channels SET open_admins = ? ${where}`).run(
          change.openers === 'admins' ? 1 : 0,
          ...keys,
        );
      else
        this.stmt(`UPDATE channels SET summary_day = ?, summary_time = ?, summary_off = 0 ${where}`).run(
          change.day,
          change.time,
          ...keys,
        );
    });
    return this.channelSettings(scope);
  }
}
