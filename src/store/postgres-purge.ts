import type { PostgresSession } from './postgres-session.ts';

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
] as const;

export type ErasureTable = (typeof ERASURE_TABLES)[number] | 'server_settings';

/**
 * After an erasure: the dead row versions PostgreSQL keeps until a vacuum are removed from the
 * touched tables now (VACUUM runs outside a transaction, on its own connection). What stays
 * elsewhere (the write-ahead log until recycled, base backups, replicas) is the README's to say.
 * `full` rewrites the table into a new file (an exclusive lock: small tables only).
 */
export async function vacuum(
  db: PostgresSession,
  tables: readonly ErasureTable[],
  full = false,
): Promise<void> {
  if (tables.length === 0) return;
  // The simple protocol: VACUUM refuses to run as a prepared statement's part of a pipeline.
  await db.pool.query(`VACUUM ${full ? '(FULL) ' : ''}${[...new Set(tables)].join(', ')}`);
}
