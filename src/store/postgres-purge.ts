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
  'installations',
  'installation_teams',
  'installation_removals',
] as const;

export type ErasureTable = (typeof ERASURE_TABLES)[number] | 'server_settings';

/**
 * After an erasure: PostgreSQL keeps the erased row versions in the table's and its indexes'
 * pages (a plain VACUUM only marks their space free, the bytes stay until overwritten), so the
 * touched tables are rewritten into new files (VACUUM FULL), which holds each one, exclusively,
 * for the time of its copy. What stays elsewhere (the write-ahead log until recycled, base
 * backups, replicas, the blocks the old files freed on disk) is the README's to say.
 */
export async function vacuum(db: PostgresSession, tables: readonly ErasureTable[]): Promise<void> {
  if (tables.length === 0) return;
  // The simple protocol: VACUUM refuses to run as a prepared statement's part of a pipeline.
  await db.pool.query(`VACUUM (FULL) ${[...new Set(tables)].join(', ')}`);
}
