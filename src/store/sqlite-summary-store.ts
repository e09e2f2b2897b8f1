import type Database from 'better-sqlite3';
import type { ChannelScope, Platform, VoteSide } from '../engine/types.ts';
import type { Counts } from './ports.ts';
import {
  type ArgumentRow,
  type ChannelRow,
  type DebateRow,
  toArgument,
  toChannelSettings,
  toDebate,
} from './sqlite-rows.ts';
import type {
  ClaimInput,
  ClaimOutcome,
  CompleteInput,
  DebateSnapshot,
  LedgerEntry,
  LedgerStatus,
  SummaryChannel,
  SummaryStore,
  TimeWindow,
  WeekDebateActivity,
} from './summary-ports.ts';

interface LedgerRow {
  platform: string;
  workspace_id: string;
  channel_id: string;
  week_start: string;
  status: string;
  claim_token: string | null;
  claimed_at: number;
  attempts: number;
  scheduled_at: number;
  completed_at: number | null;
  message_ref: string | null;
  note: string | null;
}

interface EventRow {
  voter_key: string;
  old_side: VoteSide | null;
  new_side: VoteSide | null;
  at: number;
  persuaded_by: number | null;
}

const toLedger = (row: LedgerRow): LedgerEntry => ({
  scope: { platform: row.platform as Platform, workspaceId: row.workspace_id, channelId: row.channel_id },
  weekStart: row.week_start,
  status: row.status as LedgerStatus,
  claimToken: row.claim_token,
  claimedAt: row.claimed_at,
  attempts: row.attempts,
  scheduledAt: row.scheduled_at,
  completedAt: row.completed_at,
  messageRef: row.message_ref,
  note: row.note,
});

const KEY = 'platform = ? AND workspace_id = ? AND channel_id = ? AND week_start = ?';
const keyOf = (scope: ChannelScope, weekStart: string) => [
  scope.platform,
  scope.workspaceId,
  scope.channelId,
  weekStart,
];

/** The summary side of the SQLite store: ledger, snapshots and the week's activity. */
export class SqliteSummaryStore implements SummaryStore {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {}

  private stmt(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  private write<T>(work: () => T): T {
    return this.db.transaction(work).immediate();
  }

  async summaryChannels(closedSince: number): Promise<SummaryChannel[]> {
    const rows = this.stmt(
      `SELECT d.platform, d.workspace_id, d.channel_id,
         c.timezone, c.summary_day, c.summary_time, coalesce(c.summary_off, 0) AS summary_off, c.language
       FROM (SELECT DISTINCT platform, workspace_id, channel_id FROM debates
             WHERE status = 'open' OR closed_at >= ?) d
       LEFT JOIN channels c USING (platform, workspace_id, channel_id)
       ORDER BY d.platform, d.workspace_id, d.channel_id`,
    ).all(closedSince) as (ChannelRow & { platform: string; workspace_id: string; channel_id: string })[];
    return rows.map((row) => ({
      scope: { platform: row.platform as Platform, workspaceId: row.workspace_id, channelId: row.channel_id },
      settings: toChannelSettings(row),
    }));
  }

  async weekActivity(scope: ChannelScope, window: TimeWindow): Promise<WeekDebateActivity[]> {
    const read = this.db.transaction(() => {
      const debates = this.stmt(
        `SELECT * FROM debates WHERE platform = ? AND workspace_id = ? AND channel_id = ?
           AND opened_at < ? AND (closed_at IS NULL OR closed_at >= ?)
         ORDER BY id`,
      ).all(scope.platform, scope.workspaceId, scope.channelId, window.to, window.from) as DebateRow[];
      return debates.map((row) => this.debateWeek(row, window));
    });
    return read();
  }

  private debateWeek(row: DebateRow, window: TimeWindow): WeekDebateActivity {
    const { from, to } = window;
    const counts = this.countsNow(row.id);
    const events = this.stmt(
      `SELECT voter_key, old_side, new_side, at, persuaded_by FROM vote_events
       WHERE debate_id = ? AND at >= ? ORDER BY id`,
    ).all(row.id, from) as EventRow[];
    const people = new Set<string>();
    const deltas = new Map<number, number>();
    const firstAfter = new Map<string, EventRow>();
    const lastAfter = new Map<string, EventRow>();
    let voteEvents = 0;
    let opinionChanges = 0;
    for (const e of events) {
      if (e.at >= to) {
        if (!firstAfter.has(e.voter_key)) firstAfter.set(e.voter_key, e);
        lastAfter.set(e.voter_key, e);
        continue;
      }
      voteEvents++;
      people.add(e.voter_key);
      if (e.old_side !== null && e.new_side !== null && e.old_side !== e.new_side) opinionChanges++;
      if (e.persuaded_by !== null) deltas.set(e.persuaded_by, (deltas.get(e.persuaded_by) ?? 0) + 1);
    }
    // The tally as of `to`: undo, voter by voter, what changed after it.
    for (const [voter, first] of firstAfter) {
      const now = lastAfter.get(voter)!.new_side;
      if (now !== null) counts[now]--;
      if (first.old_side !== null) counts[first.old_side]++;
    }
    const args = (
      this.stmt(
        `SELECT a.id, a.number, a.side, a.text, a.author_key, a.author_name, a.created_at, a.withdrawn_at,
           (SELECT count(*) FROM endorsements e WHERE e.argument_id = a.id AND e.at < @to) AS endorsements,
           (SELECT count(*) FROM vote_events v WHERE v.persuaded_by = a.id AND v.at < @to) AS deltas
         FROM arguments a
         WHERE a.debate_id = @debate AND a.created_at < @to AND (a.withdrawn_at IS NULL OR a.withdrawn_at >= @to)
         ORDER BY a.number`,
      ).all({ to, debate: row.id }) as ArgumentRow[]
    ).map(toArgument);
    for (const a of args) if (a.createdAt >= from && a.authorKey !== null) people.add(a.authorKey);
    const endorsers = this.stmt(
      `SELECT e.endorser_key FROM endorsements e JOIN arguments a ON a.id = e.argument_id
       WHERE a.debate_id = ? AND e.at >= ? AND e.at < ?`,
    )
      .pluck()
      .all(row.id, from, to) as string[];
    for (const key of endorsers) people.add(key);
    return {
      debate: toDebate(row),
      counts,
      baseline: this.baseline(row.id, from),
      arguments: args,
      voteEvents,
      opinionChanges,
      windowDeltas: [...deltas].map(([argumentId, count]) => ({ argumentId, count })),
      endorsements: endorsers.length,
      participants: people.size,
    };
  }

  private countsNow(debateId: number): Counts {
    const counts: Counts = { pro: 0, con: 0, neutral: 0 };
    const rows = this.stmt('SELECT side, count(*) AS n FROM votes WHERE debate_id = ? GROUP BY side').all(
      debateId,
    ) as { side: VoteSide; n: number }[];
    for (const r of rows) counts[r.side] = r.n;
    return counts;
  }

  private baseline(debateId: number, asOfAtMost: number): DebateSnapshot | null {
    const row = this.stmt(
      `SELECT week_start, as_of, taken_at, pro, con, neutral FROM summary_snapshots
       WHERE debate_id = ? AND as_of <= ? ORDER BY as_of DESC LIMIT 1`,
    ).get(debateId, asOfAtMost) as
      | { week_start: string; as_of: number; taken_at: number; pro: number; con: number; neutral: number }
      | undefined;
    return row
      ? {
          debateId,
          weekStart: row.week_start,
          asOf: row.as_of,
          takenAt: row.taken_at,
          counts: { pro: row.pro, con: row.con, neutral: row.neutral },
        }
      : null;
  }

  async ledgerSince(weekStart: string): Promise<LedgerEntry[]> {
    return (
      this.stmt('SELECT * FROM summary_ledger WHERE week_start >= ?').all(weekStart) as LedgerRow[]
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
           claimed_at, attempts, scheduled_at)
         VALUES (?, ?, ?, ?, 'claimed', ?, ?, 1, ?) ON CONFLICT DO NOTHING`,
      ).run(...key, input.token, input.at, input.scheduledAt);
      if (inserted.changes === 1) return { claimed: true, attempts: 1, retaken: false };
      const row = this.stmt(`SELECT * FROM summary_ledger WHERE ${KEY}`).get(...key) as LedgerRow;
      const abandoned = row.status === 'claimed' && row.claimed_at < input.staleBefore;
      const retry = row.status === 'failed' && row.attempts < input.maxAttempts;
      if (!abandoned && !retry) return { claimed: false, entry: toLedger(row) };
      this.stmt(
        `UPDATE summary_ledger SET status = 'claimed', claim_token = ?, claimed_at = ?, attempts = attempts + 1
         WHERE ${KEY}`,
      ).run(input.token, input.at, ...key);
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
        `INSERT INTO summary_snapshots (debate_id, week_start, as_of, taken_at, pro, con, neutral)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (debate_id, week_start) DO UPDATE SET as_of = excluded.as_of, taken_at = excluded.taken_at,
           pro = excluded.pro, con = excluded.con, neutral = excluded.neutral`,
      );
      for (const s of input.snapshots)
        keep.run(s.debateId, input.weekStart, s.asOf, input.at, s.counts.pro, s.counts.con, s.counts.neutral);
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
