import type Database from 'better-sqlite3';
import type { ChannelScope, Platform } from '../../domain/types.ts';
import type {
  ClaimInput,
  ClaimOutcome,
  CompleteInput,
  LedgerEntry,
  SummaryChannel,
  SummaryStore,
  TimeWindow,
  WeekDebateActivity,
} from '../ports/summary.ts';
import { claimIsFree } from '../shared/claims.ts';
import { type ChannelRow, type LedgerRow, toChannelSettings, toLedger } from '../shared/rows.ts';
import { readerOf } from './reader.ts';
import { statementCache } from './statement-cache.ts';
import { assembleWeekActivities, readWeekActivities, WEEK_STATEMENTS, weekParams } from './week-activity.ts';

const KEY = 'platform = ? AND workspace_id = ? AND channel_id = ? AND week_start = ?';
const keyOf = (scope: ChannelScope, weekStart: string) => [
  scope.platform,
  scope.workspaceId,
  scope.channelId,
  weekStart,
];

/** The summary side of the SQLite store: ledger, snapshots and the week's activity. */
export class SqliteSummaryStore implements SummaryStore {
  private readonly stmt: (sql: string) => Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.stmt = statementCache(db);
    this.inTransaction = db.transaction((work: () => unknown) => work());
  }

  /** One transaction wrapper for every call (building one per call costs more than the statements). */
  private readonly inTransaction: Database.Transaction<(work: () => unknown) => unknown>;

  private write<T>(work: () => T): T {
    return this.inTransaction.immediate(work) as T;
  }

  /** A read transaction: one consistent picture across the statements. */
  private read<T>(work: () => T): T {
    return this.inTransaction.deferred(work) as T;
  }

  async summaryChannels(closedSince: number): Promise<SummaryChannel[]> {
    // Every column of the channel's row, so each setting reads as channelSettings reads it.
    const rows = (await this.readAll(
      `SELECT c.*, d.platform AS scope_platform, d.workspace_id AS scope_workspace, d.channel_id AS scope_channel
       FROM (SELECT DISTINCT platform, workspace_id, channel_id FROM debates
             WHERE status = 'open' OR closed_at >= ?) d
       LEFT JOIN channels c USING (platform, workspace_id, channel_id)
       ORDER BY d.platform, d.workspace_id, d.channel_id`,
      [closedSince],
    )) as (ChannelRow & {
      scope_platform: string;
      scope_workspace: string;
      scope_channel: string;
    })[];
    return rows.map((row) => ({
      scope: {
        platform: row.scope_platform as Platform,
        workspaceId: row.scope_workspace,
        channelId: row.scope_channel,
      },
      settings: toChannelSettings(row),
    }));
  }

  /** One statement's rows: on the reading thread when there is a file (thousands of channels). */
  private async readAll(sql: string, params: unknown[]): Promise<unknown[]> {
    const reader = readerOf(this.db);
    if (!reader) return this.stmt(sql).all(...params);
    return (await reader.read([{ sql, params }]))[0] ?? [];
  }

  async weekActivity(scope: ChannelScope, window: TimeWindow): Promise<WeekDebateActivity[]> {
    return (await this.weekActivities([scope], window))[0]!;
  }

  async weekActivities(scopes: readonly ChannelScope[], window: TimeWindow): Promise<WeekDebateActivity[][]> {
    // A pass over thousands of channels reads for seconds: off the event loop when there is a file.
    const reader = readerOf(this.db);
    if (!reader) return this.read(() => readWeekActivities((sql) => this.stmt(sql), scopes, window));
    const params = weekParams(scopes, window);
    const rows = await reader.read(WEEK_STATEMENTS.map((sql) => ({ sql, params })));
    return assembleWeekActivities(rows, scopes, window);
  }

  async ledgerSince(weekStart: string): Promise<LedgerEntry[]> {
    return (
      (await this.readAll('SELECT * FROM summary_ledger WHERE week_start >= ?', [weekStart])) as LedgerRow[]
    ).map(toLedger);
  }

  async ledgerEntry(scope: ChannelScope, weekStart: string): Promise<LedgerEntry | undefined> {
    const row = this.stmt(`SELECT * FROM summary_ledger WHERE ${KEY}`).get(...keyOf(scope, weekStart)) as
      | LedgerRow
      | undefined;
    return row && toLedger(row);
  }

  async claimSummary(input: ClaimInput): Promise<ClaimOutcome> {
    const key = keyOf(input.scope, input.weekStart);
    return this.write((): ClaimOutcome => {
      const inserted = this.stmt(
        `INSERT INTO summary_ledger (platform, workspace_id, channel_id, week_start, status, claim_token,
           claimed_at, attempts, scheduled_at, claimed_by)
         VALUES (?, ?, ?, ?, 'claimed', ?, ?, 1, ?, ?) ON CONFLICT DO NOTHING`,
      ).run(...key, input.token, input.at, input.scheduledAt, input.instance);
      if (inserted.changes === 1) return { claimed: true, attempts: 1, retaken: false };
      const row = this.stmt(
        `SELECT *, ${claimIsFree('claimed_at', 'claimed_by', '?', '?')} AS free FROM summary_ledger WHERE ${KEY}`,
      ).get(input.staleBefore, input.aliveSince, ...key) as LedgerRow & { free: number };
      const abandoned = row.status === 'claimed' && row.free === 1;
      const retry = row.status === 'failed' && row.attempts < input.maxAttempts;
      if (!abandoned && !retry) return { claimed: false, entry: toLedger(row) };
      this.stmt(
        `UPDATE summary_ledger SET status = 'claimed', claim_token = ?, claimed_at = ?, claimed_by = ?,
           attempts = attempts + 1
         WHERE ${KEY}`,
      ).run(input.token, input.at, input.instance, ...key);
      return { claimed: true, attempts: row.attempts + 1, retaken: true };
    });
  }

  async completeSummary(input: CompleteInput): Promise<boolean> {
    return this.write(() => {
      const done = this.stmt(
        `UPDATE summary_ledger SET status = ?, message_ref = ?, completed_at = ?
         WHERE ${KEY} AND status = 'claimed' AND claim_token = ?`,
      ).run(input.status, input.messageRef, input.at, ...keyOf(input.scope, input.weekStart), input.token);
      if (done.changes !== 1) return false;
      const keep = this.stmt(
        `INSERT INTO summary_snapshots (debate_id, week_start, as_of, taken_at, pro, con, neutral, common_ground)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (debate_id, week_start) DO UPDATE SET as_of = excluded.as_of, taken_at = excluded.taken_at,
           pro = excluded.pro, con = excluded.con, neutral = excluded.neutral, common_ground = excluded.common_ground`,
      );
      for (const s of input.snapshots)
        keep.run(
          s.debateId,
          input.weekStart,
          s.asOf,
          input.at,
          s.counts.pro,
          s.counts.con,
          s.counts.neutral,
          s.commonGround === undefined ? null : JSON.stringify(s.commonGround),
        );
      return true;
    });
  }

  async failSummary(scope: ChannelScope, weekStart: string, token: string, note: string): Promise<boolean> {
    return this.write(
      () =>
        this.stmt(
          `UPDATE summary_ledger SET status = 'failed', note = ? WHERE ${KEY} AND status = 'claimed' AND claim_token = ?`,
        ).run(note.slice(0, 500), ...keyOf(scope, weekStart), token).changes === 1,
    );
  }

  async skipSummary(
    scope: ChannelScope,
    weekStart: string,
    scheduledAt: number,
    at: number,
    note: string,
  ): Promise<boolean> {
    return this.write(
      () =>
        this.stmt(
          `INSERT INTO summary_ledger (platform, workspace_id, channel_id, week_start, status, claimed_at,
             scheduled_at, completed_at, note)
           VALUES (?, ?, ?, ?, 'skipped', ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
        ).run(...keyOf(scope, weekStart), at, scheduledAt, at, note).changes === 1,
    );
  }
}
