import type Database from 'better-sqlite3';

const ATTEMPTS = 5;

/**
 * After an erasure: every frame of the write-ahead log is copied into the main file (where
 * `secure_delete` has zeroed what was erased) and the log is cut to zero bytes, so no older copy
 * of an erased page stays in `-wal`. A reader holding an old snapshot makes SQLite answer "busy";
 * it is tried again a few times, then reported (false) rather than waited for.
 */
export function truncateWal(db: Database.Database): boolean {
  if (!db.open || db.memory) return true;
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number }[];
    if (result && result.busy === 0 && result.log <= 0) return true;
  }
  return false;
}
