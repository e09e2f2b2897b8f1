// The SQLite side of reminders and balance nudges (src/store/ports/keep-alive.ts).
import type Database from 'better-sqlite3';
import type { DebateRecord } from '../../domain/records.ts';
import type { KeepAliveStore, NudgeCandidate, NudgeQuery, ReminderClaimInput } from '../ports/keep-alive.ts';
import type { ClaimWindow } from '../ports/leases.ts';
import { claimIsFree } from '../shared/claims.ts';
import { type DebateRow, toDebate } from '../shared/rows.ts';
import { statementCache } from './statement-cache.ts';

export class SqliteKeepAlive implements KeepAliveStore {
  private readonly stmt: (sql: string) => Database.Statement;

  constructor(db: Database.Database) {
    this.stmt = statementCache(db);
  }

  async claimReminders(input: ReminderClaimInput): Promise<DebateRecord[]> {
    // One statement: two instances sweeping at once never claim the same reminder.
    const rows = this.stmt(
      `UPDATE debates SET reminder_claimed_at = :at, reminder_claimed_by = :instance
       WHERE id IN (
         SELECT id FROM debates
         WHERE status = 'open' AND remind_at IS NOT NULL AND reminded_at IS NULL
           AND remind_at <= :at AND closes_at > :at
           AND ${claimIsFree('reminder_claimed_at', 'reminder_claimed_by', ':stale', ':alive')}
           AND platform IN (SELECT value FROM json_each(:platforms))
         ORDER BY remind_at LIMIT :limit)
       RETURNING *`,
    ).all({
      at: input.at,
      stale: input.staleBefore,
      alive: input.aliveSince,
      instance: input.instance,
      platforms: JSON.stringify(input.platforms),
      limit: input.limit,
    }) as DebateRow[];
    return rows.map(toDebate);
  }

  async completeReminder(debateId: number, at: number): Promise<void> {
    this.stmt('UPDATE debates SET reminded_at = ? WHERE id = ? AND reminded_at IS NULL').run(at, debateId);
  }

  async nudgeCandidates(query: NudgeQuery): Promise<NudgeCandidate[]> {
    const rows = this.stmt(
      `WITH needing AS (
         SELECT d.*, sum(a.side = 'pro') AS pro_count, sum(a.side = 'con') AS con_count,
           max(a.created_at) AS last_argument_at
         FROM debates d JOIN arguments a ON a.debate_id = d.id AND a.withdrawn_at IS NULL
         WHERE d.status = 'open' AND d.nudged_at IS NULL
           AND ${claimIsFree('d.nudge_claimed_at', 'd.nudge_claimed_by', ':stale', ':alive')}
           AND d.platform IN (SELECT value FROM json_each(:platforms))
         GROUP BY d.id
         HAVING max(a.created_at) <= :quiet
           AND ((pro_count >= :min AND con_count = 0) OR (con_count >= :min AND pro_count = 0))),
       turns AS (
         SELECT *, row_number() OVER (PARTITION BY platform, workspace_id ORDER BY id) AS turn FROM needing)
       SELECT * FROM turns ORDER BY turn, id LIMIT :limit`,
    ).all({
      platforms: JSON.stringify(query.platforms),
      min: query.minArguments,
      quiet: query.quietSince,
      stale: query.staleBefore,
      alive: query.aliveSince,
      limit: query.limit,
    }) as (DebateRow & { pro_count: number; con_count: number; last_argument_at: number })[];
    return rows.map((row) => ({
      debate: toDebate(row),
      pro: row.pro_count,
      con: row.con_count,
      lastArgumentAt: row.last_argument_at,
    }));
  }

  async claimNudge(debateId: number, window: ClaimWindow): Promise<boolean> {
    return (
      this.stmt(
        `UPDATE debates SET nudge_claimed_at = :at, nudge_claimed_by = :instance
         WHERE id = :id AND nudged_at IS NULL AND status = 'open'
           AND ${claimIsFree('nudge_claimed_at', 'nudge_claimed_by', ':stale', ':alive')}`,
      ).run({
        at: window.at,
        instance: window.instance,
        id: debateId,
        stale: window.staleBefore,
        alive: window.aliveSince,
      }).changes === 1
    );
  }

  async completeNudge(debateId: number, at: number): Promise<void> {
    this.stmt('UPDATE debates SET nudged_at = ? WHERE id = ? AND nudged_at IS NULL').run(at, debateId);
  }
}
