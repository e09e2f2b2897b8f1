// The PostgreSQL side of reminders and balance nudges (src/store/ports/keep-alive.ts).
import type { DebateRecord } from '../../domain/records.ts';
import type { KeepAliveStore, NudgeCandidate, NudgeQuery, ReminderClaimInput } from '../ports/keep-alive.ts';
import type { ClaimWindow } from '../ports/leases.ts';
import { claimIsFree } from '../shared/claims.ts';
import { type DebateRow, toDebate } from '../shared/rows.ts';
import type { PostgresSession } from './session.ts';

export class PostgresKeepAlive implements KeepAliveStore {
  constructor(private readonly db: PostgresSession) {}

  async claimReminders(input: ReminderClaimInput): Promise<DebateRecord[]> {
    // Rows locked and skipped by a concurrent claim on another instance go to that instance.
    const rows = await this.db.query<DebateRow>(
      `UPDATE debates SET reminder_claimed_at = $1, reminder_claimed_by = $5
       WHERE id IN (
         SELECT id FROM debates
         WHERE status = 'open' AND remind_at IS NOT NULL AND reminded_at IS NULL
           AND remind_at <= $1 AND closes_at > $1
           AND ${claimIsFree('reminder_claimed_at', 'reminder_claimed_by', '$2', '$6')}
           AND platform = ANY($3::text[])
         ORDER BY remind_at LIMIT $4
         FOR UPDATE SKIP LOCKED)
       RETURNING *`,
      [input.at, input.staleBefore, [...input.platforms], input.limit, input.instance, input.aliveSince],
    );
    return rows.map(toDebate);
  }

  async completeReminder(debateId: number, at: number): Promise<void> {
    await this.db.query('UPDATE debates SET reminded_at = $2 WHERE id = $1 AND reminded_at IS NULL', [
      debateId,
      at,
    ]);
  }

  async nudgeCandidates(query: NudgeQuery): Promise<NudgeCandidate[]> {
    const rows = await this.db.query<
      DebateRow & { pro_count: number; con_count: number; last_argument_at: number }
    >(
      `WITH needing AS (
         SELECT d.*, count(*) FILTER (WHERE a.side = 'pro')::int AS pro_count,
           count(*) FILTER (WHERE a.side = 'con')::int AS con_count, max(a.created_at) AS last_argument_at
         FROM debates d JOIN arguments a ON a.debate_id = d.id AND a.withdrawn_at IS NULL
         WHERE d.status = 'open' AND d.nudged_at IS NULL AND d.platform = ANY($1::text[])
           AND ${claimIsFree('d.nudge_claimed_at', 'd.nudge_claimed_by', '$5', '$6')}
         GROUP BY d.id
         HAVING max(a.created_at) <= $3
           AND ((count(*) FILTER (WHERE a.side = 'pro') >= $2 AND count(*) FILTER (WHERE a.side = 'con') = 0)
             OR (count(*) FILTER (WHERE a.side = 'con') >= $2 AND count(*) FILTER (WHERE a.side = 'pro') = 0))),
       turns AS (
         SELECT *, row_number() OVER (PARTITION BY platform, workspace_id ORDER BY id) AS turn FROM needing)
       SELECT * FROM turns ORDER BY turn, id LIMIT $4`,
      [
        [...query.platforms],
        query.minArguments,
        query.quietSince,
        query.limit,
        query.staleBefore,
        query.aliveSince,
      ],
    );
    return rows.map((row) => ({
      debate: toDebate(row),
      pro: Number(row.pro_count),
      con: Number(row.con_count),
      lastArgumentAt: Number(row.last_argument_at),
    }));
  }

  async claimNudge(debateId: number, window: ClaimWindow): Promise<boolean> {
    const rows = await this.db.query(
      `UPDATE debates SET nudge_claimed_at = $2, nudge_claimed_by = $4
       WHERE id = $1 AND nudged_at IS NULL AND status = 'open'
         AND ${claimIsFree('nudge_claimed_at', 'nudge_claimed_by', '$3', '$5')}
       RETURNING id`,
      [debateId, window.at, window.staleBefore, window.instance, window.aliveSince],
    );
    return rows.length === 1;
  }

  async completeNudge(debateId: number, at: number): Promise<void> {
    await this.db.query('UPDATE debates SET nudged_at = $2 WHERE id = $1 AND nudged_at IS NULL', [
      debateId,
      at,
    ]);
  }
}
