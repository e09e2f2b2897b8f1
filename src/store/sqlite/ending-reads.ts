// Common ground and the two rounds as statements and the records made of their rows: read on
// the event loop by src/store/sqlite/endings.ts, and with the page's other reads on the reading
// thread (src/store/sqlite/page-store.ts), so both read them the same way.
import type { CommonGroundRecord, Counts, RoundsRecord } from '../../domain/records.ts';
import { ARGUMENT_SELECT, type ArgumentRow, toArgument } from '../shared/rows.ts';
import type { ReadStatement } from './reader.ts';

/** Live arguments with their endorsers' current votes, pour and contre (neutral ones not counted). */
export const ENDORSER_SIDES_SQL = `WITH sides AS (
    SELECT e.argument_id, sum(v.side = 'pro') AS pro, sum(v.side = 'con') AS con
    FROM arguments a0 JOIN endorsements e ON e.argument_id = a0.id
    JOIN votes v ON v.debate_id = a0.debate_id AND v.voter_key = e.endorser_key AND v.side <> 'neutral'
    WHERE a0.debate_id = ? AND a0.withdrawn_at IS NULL GROUP BY e.argument_id)
  SELECT s.*, sides.pro AS endorsers_pro, sides.con AS endorsers_con
  FROM (${ARGUMENT_SELECT} WHERE a.debate_id = ? AND a.withdrawn_at IS NULL) s
  JOIN sides ON sides.argument_id = s.id ORDER BY s.number`;

export const endorserSidesStatement = (debateId: number): ReadStatement => ({
  sql: ENDORSER_SIDES_SQL,
  params: [debateId, debateId],
});

export const toEndorserSides = (rows: readonly unknown[]): CommonGroundRecord[] =>
  (rows as (ArgumentRow & { endorsers_pro: number; endorsers_con: number })[]).map((row) => ({
    argument: toArgument(row),
    pro: row.endorsers_pro,
    con: row.endorsers_con,
  }));

/** The rounds' four reads, in the order `toRounds` takes their rows (to be read together). */
export const roundsStatements = (debateId: number): ReadStatement[] => [
  { sql: 'SELECT round2_started_at FROM debates WHERE id = ?', params: [debateId] },
  {
    sql: 'SELECT side, count(*) AS n FROM first_round_votes WHERE debate_id = ? GROUP BY side',
    params: [debateId],
  },
  {
    sql: `SELECT count(*) AS changed FROM first_round_votes f
       JOIN votes v ON v.debate_id = f.debate_id AND v.voter_key = f.voter_key
       WHERE f.debate_id = ? AND v.side <> f.side`,
    params: [debateId],
  },
  {
    sql: `SELECT a.number, count(*) AS count FROM first_round_votes f
       JOIN debates d ON d.id = f.debate_id
       JOIN votes v ON v.debate_id = f.debate_id AND v.voter_key = f.voter_key AND v.side <> f.side
       JOIN vote_events e ON e.debate_id = f.debate_id AND e.voter_key = f.voter_key
       JOIN arguments a ON a.id = e.persuaded_by
       WHERE f.debate_id = ? AND e.at >= d.round2_started_at GROUP BY a.number ORDER BY count(*) DESC, a.number`,
    params: [debateId],
  },
];

/** The rounds from the rows of `roundsStatements`; none before the second round opens. */
export function toRounds(rows: readonly (readonly unknown[])[]): RoundsRecord | undefined {
  const [debates, sides, changed, deltas] = rows;
  const debate = debates?.[0] as { round2_started_at: number | null } | undefined;
  if (!debate || debate.round2_started_at === null) return undefined;
  const first: Counts = { pro: 0, con: 0, neutral: 0 };
  for (const row of (sides ?? []) as { side: keyof Counts; n: number }[]) first[row.side] = row.n;
  return {
    first,
    changed: (changed?.[0] as { changed: number } | undefined)?.changed ?? 0,
    deltas: (deltas ?? []) as { number: number; count: number }[],
  };
}
