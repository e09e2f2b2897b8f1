// The PostgreSQL side of closing notes, common ground and two-round debates
// (src/store/ports/endings.ts), as src/store/sqlite/endings.ts does it on SQLite.
import type { CommonGroundRecord, Counts, DebateRecord, RoundsRecord } from '../../domain/records.ts';
import type { Result } from '../../domain/result.ts';
import type { ChannelScope } from '../../domain/types.ts';
import type { ClosingNoteInput, EndingStore, Round2Input } from '../ports/endings.ts';
import type { ReminderClaimInput } from '../ports/keep-alive.ts';
import { claimIsFree } from '../shared/claims.ts';
import { ARGUMENT_SELECT, type ArgumentRow, type DebateRow, toArgument, toDebate } from '../shared/rows.ts';
import { changeDebate } from './debate-write.ts';
import type { PostgresSession, Query } from './session.ts';

const ENDORSER_SIDES = `WITH sides AS (
    SELECT e.argument_id, count(*) FILTER (WHERE v.side = 'pro') AS pro,
      count(*) FILTER (WHERE v.side = 'con') AS con
    FROM arguments a0 JOIN endorsements e ON e.argument_id = a0.id
    JOIN votes v ON v.debate_id = a0.debate_id AND v.voter_key = e.endorser_key AND v.side <> 'neutral'
    WHERE a0.debate_id = $1 AND a0.withdrawn_at IS NULL GROUP BY e.argument_id)
  SELECT s.*, sides.pro AS endorsers_pro, sides.con AS endorsers_con
  FROM (${ARGUMENT_SELECT} WHERE a.debate_id = $1 AND a.withdrawn_at IS NULL) s
  JOIN sides ON sides.argument_id = s.id ORDER BY s.number`;

/** Keeps the first round's votes and marks the second round open, inside the caller's transaction. */
async function openRound2(query: Query, debateId: number, at: number): Promise<void> {
  const [row] = await query<{ round2_started_at: number | null }>(
    'SELECT round2_started_at FROM debates WHERE id = $1 FOR UPDATE',
    [debateId],
  );
  if (!row || row.round2_started_at !== null) return;
  await query(
    `INSERT INTO first_round_votes (debate_id, voter_key, side)
     SELECT debate_id, voter_key, side FROM votes WHERE debate_id = $1 ON CONFLICT DO NOTHING`,
    [debateId],
  );
  await query('UPDATE debates SET round2_started_at = $2 WHERE id = $1', [debateId, at]);
}

export class PostgresEndings implements EndingStore {
  constructor(private readonly db: PostgresSession) {}

  async lastClosedDebate(scope: ChannelScope): Promise<DebateRecord | undefined> {
    const [row] = await this.db.query<DebateRow>(
      `SELECT * FROM debates WHERE platform = $1 AND workspace_id = $2 AND channel_id = $3 AND status = 'closed'
       ORDER BY closed_at DESC, id DESC LIMIT 1`,
      [scope.platform, scope.workspaceId, scope.channelId],
    );
    return row && toDebate(row);
  }

  setClosingNote(input: ClosingNoteInput): Promise<Result<{ debate: DebateRecord; duplicate: boolean }>> {
    return changeDebate(this.db, input, async (query) => {
      const [after] = await query<DebateRow>(
        'UPDATE debates SET closing_note = $2 WHERE id = $1 RETURNING *',
        [input.debateId, input.note],
      );
      return after;
    });
  }

  endorserSides(debateId: number): Promise<CommonGroundRecord[]> {
    return readEndorserSides(this.db.query.bind(this.db), debateId);
  }

  startRound2(input: Round2Input): Promise<Result<{ debate: DebateRecord; duplicate: boolean }>> {
    return changeDebate(this.db, input, async (query) => {
      await openRound2(query, input.debateId, input.at);
      const [after] = await query<DebateRow>(
        `UPDATE debates SET round2_at = $2, halftime_claimed_at = $2, halftime_posted_at = $2
         WHERE id = $1 RETURNING *`,
        [input.debateId, input.at],
      );
      return after;
    });
  }

  async claimHalftimes(input: ReminderClaimInput): Promise<DebateRecord[]> {
    return this.db.transaction(async ({ query }) => {
      // Rows locked and skipped by a concurrent claim on another instance go to that instance.
      const claimed = await query<{ id: number }>(
        `UPDATE debates SET halftime_claimed_at = $1, halftime_claimed_by = $5
         WHERE id IN (
           SELECT id FROM debates
           WHERE two_rounds AND status = 'open' AND halftime_posted_at IS NULL AND round2_at <= $1
             AND ${claimIsFree('halftime_claimed_at', 'halftime_claimed_by', '$2', '$6')}
             AND platform = ANY($3::text[])
           ORDER BY round2_at LIMIT $4
           FOR UPDATE SKIP LOCKED)
         RETURNING id`,
        [input.at, input.staleBefore, [...input.platforms], input.limit, input.instance, input.aliveSince],
      );
      const debates: DebateRecord[] = [];
      for (const { id } of claimed) {
        await openRound2(query, id, input.at);
        const [row] = await query<DebateRow>('SELECT * FROM debates WHERE id = $1', [id]);
        debates.push(toDebate(row!));
      }
      return debates;
    });
  }

  async completeHalftime(debateId: number, at: number): Promise<void> {
    await this.db.query(
      'UPDATE debates SET halftime_posted_at = $2 WHERE id = $1 AND halftime_posted_at IS NULL',
      [debateId, at],
    );
  }

  rounds(debateId: number): Promise<RoundsRecord | undefined> {
    return this.db.read((query) => readRounds(query, debateId));
  }
}

/** Live arguments with their endorsers' current sides, in the caller's transaction (or none). */
export async function readEndorserSides(query: Query, debateId: number): Promise<CommonGroundRecord[]> {
  const rows = await query<ArgumentRow & { endorsers_pro: number; endorsers_con: number }>(ENDORSER_SIDES, [
    debateId,
  ]);
  return rows.map((row) => ({ argument: toArgument(row), pro: row.endorsers_pro, con: row.endorsers_con }));
}

/** The first round next to now, read in the caller's snapshot: every statement leaves at once. */
export async function readRounds(query: Query, debateId: number): Promise<RoundsRecord | undefined> {
  const [debate, sides, changed, deltas] = await Promise.all([
    query<{ round2_started_at: number | null }>('SELECT round2_started_at FROM debates WHERE id = $1', [
      debateId,
    ]),
    query<{ side: keyof Counts; n: number }>(
      'SELECT side, count(*) AS n FROM first_round_votes WHERE debate_id = $1 GROUP BY side',
      [debateId],
    ),
    query<{ n: number }>(
      `SELECT count(*) AS n FROM first_round_votes f
       JOIN votes v ON v.debate_id = f.debate_id AND v.voter_key = f.voter_key
       WHERE f.debate_id = $1 AND v.side <> f.side`,
      [debateId],
    ),
    query<{ number: number; count: number }>(
      `SELECT a.number, count(*) AS count FROM first_round_votes f
       JOIN debates d ON d.id = f.debate_id
       JOIN votes v ON v.debate_id = f.debate_id AND v.voter_key = f.voter_key AND v.side <> f.side
       JOIN vote_events e ON e.debate_id = f.debate_id AND e.voter_key = f.voter_key
       JOIN arguments a ON a.id = e.persuaded_by
       WHERE f.debate_id = $1 AND e.at >= d.round2_started_at
       GROUP BY a.number ORDER BY count(*) DESC, a.number`,
      [debateId],
    ),
  ]);
  if (!debate[0] || debate[0].round2_started_at === null) return undefined;
  const first: Counts = { pro: 0, con: 0, neutral: 0 };
  for (const row of sides) first[row.side] = row.n;
  return { first, changed: changed[0]!.n, deltas };
}
