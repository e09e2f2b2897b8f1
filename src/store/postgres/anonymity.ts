// What PostgreSQL keeps of an anonymous debate's people and order (README, "Privacy"): rows
// rewritten in key order (a dump lists them so, all with one transaction's number), and, once the
// debate can no longer be reopened, every key replaced by a random one and the tables rewritten so
// that no older version of a row keeps the old keys.
import { vacuum } from './purge.ts';
import type { PostgresSession, Query } from './session.ts';

/** One statement per table: the debates' rows taken out and put back in key order. */
const REORDER = [
  `WITH gone AS (DELETE FROM votes WHERE debate_id = ANY($1::bigint[]) RETURNING *)
   INSERT INTO votes SELECT * FROM gone ORDER BY debate_id, voter_key`,
  `WITH gone AS (DELETE FROM vote_events WHERE debate_id = ANY($1::bigint[]) RETURNING *)
   INSERT INTO vote_events SELECT * FROM gone ORDER BY id`,
  `WITH gone AS (DELETE FROM endorsements WHERE argument_id IN
     (SELECT id FROM arguments WHERE debate_id = ANY($1::bigint[])) RETURNING *)
   INSERT INTO endorsements SELECT * FROM gone ORDER BY argument_id, endorser_key`,
];

const RANDOM_KEY = "replace(gen_random_uuid()::text, '-', '')";

const UNLINK = [
  'UPDATE debates SET opener_key = NULL, unlinked = true WHERE id = ANY($1::bigint[])',
  'UPDATE arguments SET author_key = NULL WHERE debate_id = ANY($1::bigint[])',
  `UPDATE votes SET voter_key = ${RANDOM_KEY} WHERE debate_id = ANY($1::bigint[])`,
  `UPDATE vote_events SET voter_key = ${RANDOM_KEY} WHERE debate_id = ANY($1::bigint[])`,
  `UPDATE endorsements SET endorser_key = ${RANDOM_KEY}
   WHERE argument_id IN (SELECT id FROM arguments WHERE debate_id = ANY($1::bigint[]))`,
];

/**
 * Vote events are written with the sequence's next ids, which count up: each one not yet
 * renumbered gets a random negative id (53 bits), and the vote that points to it follows.
 */
const RENUMBER = `WITH renumbered AS MATERIALIZED (
    SELECT id AS old, -1 - floor(random() * 9007199254740991)::bigint AS new FROM vote_events
    WHERE debate_id = ANY($1::bigint[]) AND id > 0),
  pointed AS (UPDATE votes v SET last_event = r.new FROM renumbered r WHERE v.last_event = r.old RETURNING 1)
  UPDATE vote_events e SET id = r.new FROM renumbered r WHERE e.id = r.old`;

/** The debates' rows held (votes wait, as for a close), renumbered, then put in key order. */
async function reorder(query: Query, ids: readonly number[]): Promise<void> {
  await query('SELECT id FROM debates WHERE id = ANY($1::bigint[]) ORDER BY id FOR UPDATE', [ids]);
  await query(RENUMBER, [ids]);
  for (const sql of REORDER) await query(sql, [ids]);
}

export class PostgresAnonymity {
  /** Anonymous debates this instance wrote to since their rows were last put in key order. */
  private readonly written = new Set<number>();

  constructor(private readonly db: PostgresSession) {}

  wrote(debateId: number): void {
    this.written.add(debateId);
  }

  async scrubOrder(): Promise<number> {
    const ids = [...this.written].sort((a, b) => a - b);
    this.written.clear();
    if (ids.length === 0) return 0;
    await this.db.transaction(({ query }) => reorder(query, ids));
    return ids.length;
  }

  async unlinkEnded(before: number): Promise<number[]> {
    const ids = await this.db.transaction(async ({ query }) => {
      const due = (
        await query<{ id: number }>(
          `SELECT id FROM debates WHERE anonymous AND NOT unlinked AND status = 'closed' AND closed_at < $1
           ORDER BY id FOR UPDATE SKIP LOCKED`,
          [before],
        )
      ).map((row) => row.id);
      if (due.length === 0) return due;
      for (const sql of UNLINK) await query(sql, [due]);
      await reorder(query, due);
      return due;
    });
    for (const id of ids) this.written.delete(id);
    // The rows' older versions, with the old keys, must not stay in the tables' files.
    if (ids.length > 0)
      await vacuum(this.db, ['debates', 'arguments', 'votes', 'vote_events', 'endorsements']);
    return ids;
  }
}
