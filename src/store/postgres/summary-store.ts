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
import type { PostgresSession } from './session.ts';
import { readPostgresWeekActivities } from './week-activity.ts';

const KEY = 'platform = $1 AND workspace_id = $2 AND channel_id = $3 AND week_start = $4';
const keyOf = (scope: ChannelScope, weekStart: string) => [
  scope.platform,
  scope.workspaceId,
  scope.channelId,
  weekStart,
];

/** Parts of a batch of channels read at once, and the fewest channels worth a part of their own. */
const PARTS = 2;
const PART_MIN = 10;

/** The summary side of the PostgreSQL store: ledger, snapshots and the week's activity. */
export class PostgresSummaryStore implements SummaryStore {
  constructor(private readonly db: PostgresSession) {}

  async summaryChannels(closedSince: number): Promise<SummaryChannel[]> {
    const rows = await this.db.query<
      ChannelRow & { platform: string; workspace_id: string; channel_id: string }
    >(
      `SELECT d.platform, d.workspace_id, d.channel_id,
         c.timezone, c.summary_day, c.summary_time, c.summary_off, c.language, c.threads, c.open_admins,
         c.reminders_off, c.nudges_off, c.rhythm_day, c.rhythm_time, c.rhythm_duration_ms, c.rhythm_since
       FROM (SELECT DISTINCT platform, workspace_id, channel_id FROM debates
             WHERE status = 'open' OR closed_at >= $1) d
       LEFT JOIN channels c USING (platform, workspace_id, channel_id)
       ORDER BY d.platform, d.workspace_id, d.channel_id`,
      [closedSince],
    );
    return rows.map((row) => ({
      scope: { platform: row.platform as Platform, workspaceId: row.workspace_id, channelId: row.channel_id },
      settings: toChannelSettings(row),
    }));
  }

  async weekActivity(scope: ChannelScope, window: TimeWindow): Promise<WeekDebateActivity[]> {
    return (await this.weekActivities([scope], window))[0]!;
  }

  async weekActivities(scopes: readonly ChannelScope[], window: TimeWindow): Promise<WeekDebateActivity[][]> {
    // A large batch is read in parts on as many connections at once, so the server counts on
    // several cores; each channel stays within one snapshot.
    const size = Math.max(PART_MIN, Math.ceil(scopes.length / PARTS));
    const parts: ChannelScope[][] = [];
    for (let first = 0; first < scopes.length; first += size) parts.push(scopes.slice(first, first + size));
    const read = await Promise.all(
      parts.map((part) => this.db.read((query) => readPostgresWeekActivities(query, part, window))),
    );
    return read.flat();
  }

  async ledgerSince(weekStart: string): Promise<LedgerEntry[]> {
    return (
      await this.db.query<LedgerRow>('SELECT * FROM summary_ledger WHERE week_start >= $1', [weekStart])
    ).map(toLedger);
  }

  async ledgerEntry(scope: ChannelScope, weekStart: string): Promise<LedgerEntry | undefined> {
    const [row] = await this.db.query<LedgerRow>(
      `SELECT * FROM summary_ledger WHERE ${KEY}`,
      keyOf(scope, weekStart),
    );
    return row && toLedger(row);
  }

  /** One winner across the fleet: the insert, or the row lock of a retake. */
  async claimSummary(input: ClaimInput): Promise<ClaimOutcome> {
    const key = keyOf(input.scope, input.weekStart);
    return this.db.transaction(async ({ query }): Promise<ClaimOutcome> => {
      const inserted = await query(
        `INSERT INTO summary_ledger (platform, workspace_id, channel_id, week_start, status, claim_token,
           claimed_at, attempts, scheduled_at, claimed_by)
         VALUES ($1, $2, $3, $4, 'claimed', $5, $6, 1, $7, $8) ON CONFLICT DO NOTHING RETURNING 1`,
        [...key, input.token, input.at, input.scheduledAt, input.instance],
      );
      if (inserted.length === 1) return { claimed: true, attempts: 1, retaken: false };
      const [row] = await query<LedgerRow & { free: boolean }>(
        `SELECT *, ${claimIsFree('claimed_at', 'claimed_by', '$5', '$6')} AS free
         FROM summary_ledger WHERE ${KEY} FOR UPDATE`,
        [...key, input.staleBefore, input.aliveSince],
      );
      if (!row) throw new Error('summary ledger: a conflicting row vanished');
      const abandoned = row.status === 'claimed' && row.free;
      const retry = row.status === 'failed' && row.attempts < input.maxAttempts;
      if (!abandoned && !retry) return { claimed: false, entry: toLedger(row) };
      await query(
        `UPDATE summary_ledger SET status = 'claimed', claim_token = $5, claimed_at = $6, claimed_by = $7,
           attempts = attempts + 1
         WHERE ${KEY}`,
        [...key, input.token, input.at, input.instance],
      );
      return { claimed: true, attempts: row.attempts + 1, retaken: true };
    });
  }

  async completeSummary(input: CompleteInput): Promise<boolean> {
    return this.db.transaction(async ({ query }) => {
      const done = await query(
        `UPDATE summary_ledger SET status = $5, message_ref = $6, completed_at = $7
         WHERE ${KEY} AND status = 'claimed' AND claim_token = $8 RETURNING 1`,
        [...keyOf(input.scope, input.weekStart), input.status, input.messageRef, input.at, input.token],
      );
      if (done.length !== 1) return false;
      if (input.snapshots.length > 0)
        await query(
          `INSERT INTO summary_snapshots (debate_id, week_start, as_of, taken_at, pro, con, neutral, common_ground)
           SELECT s.debate_id, $1, s.as_of, $2, s.pro, s.con, s.neutral, s.common_ground
           FROM unnest($3::bigint[], $4::bigint[], $5::int[], $6::int[], $7::int[], $8::text[])
             AS s (debate_id, as_of, pro, con, neutral, common_ground)
           ON CONFLICT (debate_id, week_start) DO UPDATE SET as_of = excluded.as_of, taken_at = excluded.taken_at,
             pro = excluded.pro, con = excluded.con, neutral = excluded.neutral,
             common_ground = excluded.common_ground`,
          [
            input.weekStart,
            input.at,
            input.snapshots.map((s) => s.debateId),
            input.snapshots.map((s) => s.asOf),
            input.snapshots.map((s) => s.counts.pro),
            input.snapshots.map((s) => s.counts.con),
            input.snapshots.map((s) => s.counts.neutral),
            input.snapshots.map((s) =>
              s.commonGround === undefined ? null : JSON.stringify(s.commonGround),
            ),
          ],
        );
      return true;
    });
  }

  async failSummary(scope: ChannelScope, weekStart: string, token: string, note: string): Promise<boolean> {
    const rows = await this.db.query(
      `UPDATE summary_ledger SET status = 'failed', note = $5
       WHERE ${KEY} AND status = 'claimed' AND claim_token = $6 RETURNING 1`,
      [...keyOf(scope, weekStart), note.slice(0, 500), token],
    );
    return rows.length === 1;
  }

  async skipSummary(
    scope: ChannelScope,
    weekStart: string,
    scheduledAt: number,
    at: number,
    note: string,
  ): Promise<boolean> {
    const rows = await this.db.query(
      `INSERT INTO summary_ledger (platform, workspace_id, channel_id, week_start, status, claimed_at,
         scheduled_at, completed_at, note)
       VALUES ($1, $2, $3, $4, 'skipped', $5, $6, $5, $7) ON CONFLICT DO NOTHING RETURNING 1`,
      [...keyOf(scope, weekStart), at, scheduledAt, note],
    );
    return rows.length === 1;
  }
}
