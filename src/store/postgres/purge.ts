import type { PostgresSession } from './session.ts';

/** The tables an erasure may touch (of a person, a workspace, the links of an ended debate). */
export const ERASURE_TABLES = [
  'votes',
  'vote_events',
  'endorsements',
  'arguments',
  'debates',
  'topics',
  'topic_endorsements',
  'channels',
  'summary_ledger',
  'summary_snapshots',
  'debate_pages',
  'weekly_openings',
  'deliveries',
  'installations',
  'installation_teams',
  'installation_removals',
] as const;

export type ErasureTable = (typeof ERASURE_TABLES)[number] | 'server_settings';

const SNAPSHOT_WAIT_MS = 5_000;
const SNAPSHOT_POLL_MS = 50;
/** A rewrite never queues behind a long lock (a pg_dump's): the votes would queue behind it. */
const LOCK_TIMEOUT = '1s';
const LOCK_NOT_AVAILABLE = '55P03';

/**
 * A rewrite keeps the erased rows that a transaction begun before the erasure may still see (a
 * running query, a pg_dump, an autovacuum's analyze, another instance's open transaction): it
 * waits, for a few seconds at most, until no backend of the database holds a snapshot or a
 * transaction id older than now. Between its statements a transaction that has written holds no
 * snapshot, only its id, and that id holds the rows back just the same. A transaction with an id
 * in another database of the server counts too: while it runs, every new snapshot (the rewrite's
 * own among them) starts at or before it, so the server's oldest running id must be past now.
 * False when one still runs at the deadline.
 */
async function olderSnapshotsEnded(db: PostgresSession, waitMs: number): Promise<boolean> {
  const [now] = await db.query<{ xid: string }>('SELECT pg_current_xact_id()::text AS xid');
  const deadline = Date.now() + waitMs;
  for (;;) {
    const [older] = await db.query<{ n: number; running: boolean }>(
      `SELECT count(*)::int AS n,
         pg_snapshot_xmin(pg_current_snapshot()) <= $2::xid8 AS running
       FROM pg_stat_activity
       WHERE datname = current_database() AND pid <> pg_backend_pid()
         AND (age(backend_xmin) > age($1::text::xid) OR age(backend_xid) > age($1::text::xid))`,
      [now!.xid, now!.xid],
    );
    if (older?.n === 0 && !older.running) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, SNAPSHOT_POLL_MS));
  }
}

/**
 * Tables erased from whose rewrite is still to do, per database, each with the number of the
 * latest erasure in it: a rewrite done for an earlier one does not settle a later one.
 */
const unwritten = new WeakMap<PostgresSession, Map<ErasureTable, number>>();
let erasures = 0;

/**
 * After an erasure: PostgreSQL keeps the erased row versions in the table's and its indexes'
 * pages (a plain VACUUM only marks their space free, the bytes stay until overwritten), so the
 * touched tables are rewritten into new files (VACUUM FULL), which holds each one, exclusively,
 * for the time of its copy. When an older transaction still sees the erased rows, or another
 * holds a lock on a table for longer than the lock timeout, the rewrite waits for the next sweep
 * (`rewriteErased`). What stays elsewhere (the write-ahead log until recycled, base backups,
 * replicas, the blocks the old files freed on disk) is the README's to say.
 */
export async function vacuum(db: PostgresSession, tables: readonly ErasureTable[]): Promise<void> {
  if (tables.length === 0) return;
  const pending = unwritten.get(db) ?? new Map<ErasureTable, number>();
  const erasure = ++erasures;
  for (const table of tables) pending.set(table, erasure);
  unwritten.set(db, pending);
  await rewrite(db, SNAPSHOT_WAIT_MS);
}

/** The rewrites put off by an older transaction or a lock, tried once more; true when none is left. */
export function rewriteErased(db: PostgresSession): Promise<boolean> {
  return rewrite(db, 0);
}

async function rewrite(db: PostgresSession, waitMs: number): Promise<boolean> {
  const pending = unwritten.get(db);
  if (!pending || pending.size === 0) return true;
  const tables = [...pending];
  if (!(await olderSnapshotsEnded(db, waitMs))) return false;
  const client = await db.pool.connect();
  let failed: Error | undefined;
  try {
    await client.query(`SET lock_timeout = '${LOCK_TIMEOUT}'`);
    // The simple protocol: VACUUM refuses to run as a prepared statement's part of a pipeline.
    await client.query(`VACUUM (FULL) ${tables.map(([table]) => table).join(', ')}`);
    await client.query('RESET lock_timeout');
  } catch (error) {
    failed = error as Error;
  } finally {
    // A connection left in an unknown state is closed rather than handed to the next query.
    client.release(failed);
  }
  if ((failed as { code?: unknown } | undefined)?.code === LOCK_NOT_AVAILABLE) return false;
  if (failed) throw failed;
  for (const [table, erasure] of tables) if (pending.get(table) === erasure) pending.delete(table);
  return pending.size === 0;
}
