import type { PacingSlot, ScoreboardPacing } from '../ports/pacing.ts';
import type { PostgresSession } from './session.ts';

/** A slot left held by an instance that died mid-edit is free again after this. */
const LEASE_MS = 15_000;

/** The database's clock in milliseconds: every instance measures intervals on the same one. */
const NOW = '(extract(epoch FROM clock_timestamp()) * 1000)::bigint';

/**
 * Scoreboard edit slots in PostgreSQL, one row per scoreboard: a claim is one conditional upsert
 * (granted when the interval since the last edit ended has passed and no edit holds the slot), timed
 * by the database's clock. Coordination state, not data: an unlogged table, made by the
 * instances themselves (a crash empties it, which costs at most one early edit), never copied.
 */
export class PostgresScoreboardPacing implements ScoreboardPacing {
  private ready: Promise<void> | undefined;

  constructor(private readonly db: PostgresSession) {}

  private ensure(): Promise<void> {
    this.ready ??= this.db
      .transaction(async ({ query }) => {
        // Instances starting together: one creates the table, the others find it.
        await query("SELECT pg_advisory_xact_lock(hashtext('debat scoreboard_pacing'))");
        await query(
          `CREATE UNLOGGED TABLE IF NOT EXISTS scoreboard_pacing (
             key text PRIMARY KEY, next_at bigint NOT NULL, held_until bigint NOT NULL)`,
        );
      })
      .catch((error: unknown) => {
        this.ready = undefined;
        throw error;
      });
    return this.ready;
  }

  async claim(scoreboard: string, intervalMs: number): Promise<PacingSlot> {
    await this.ensure();
    // PostgreSQL's text holds no NUL: the key is written as a JSON string (the same one each time).
    const key = JSON.stringify(scoreboard);
    const [row] = await this.db.query<{ granted: boolean; at: number | null; wait_ms: number | null }>(
      `WITH claimed AS (
         INSERT INTO scoreboard_pacing AS p (key, next_at, held_until) VALUES ($1, ${NOW} + $2, ${NOW} + $3)
         ON CONFLICT (key) DO UPDATE SET next_at = ${NOW} + $2, held_until = ${NOW} + $3
           WHERE p.next_at <= ${NOW} AND p.held_until <= ${NOW}
         RETURNING next_at - $2 AS at)
       SELECT EXISTS (SELECT 1 FROM claimed) AS granted, (SELECT at FROM claimed) AS at,
         -- Until the interval is over; an edit in progress is asked again sooner (it ends soon).
         (SELECT greatest(next_at - ${NOW}, CASE WHEN held_until > ${NOW} THEN least(held_until - ${NOW}, $2) ELSE 0 END)
          FROM scoreboard_pacing WHERE key = $1) AS wait_ms`,
      [key, intervalMs, LEASE_MS],
    );
    if (!row?.granted) return { granted: false, waitMs: Math.max(1, row?.wait_ms ?? intervalMs) };
    return {
      granted: true,
      at: row.at!,
      // The interval runs from when the platform had the edit, not from the claim: however slow
      // a send was, the next edit reaches the platform at least an interval after it.
      release: async () => {
        await this.db.query(
          `UPDATE scoreboard_pacing SET held_until = 0, next_at = greatest(next_at, ${NOW} + $2) WHERE key = $1`,
          [key, intervalMs],
        );
      },
    };
  }
}
