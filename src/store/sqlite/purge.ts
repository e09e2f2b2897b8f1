import type Database from 'better-sqlite3';

/**
 * After an erasure: every frame of the write-ahead log is copied into the main file (where
 * `secure_delete` has zeroed what was erased) and the log is cut to zero bytes, so no older copy
 * of an erased page stays in `-wal`. A reader holding an old snapshot (an export on the reading
 * thread, another process) makes SQLite answer "busy": the cut is not waited for, since SQLite
 * would wait on the event loop for the busy timeout, once per try (25 s were measured with a
 * reader left open); it is reported (false) and tried again by the next sweep.
 */
export function truncateWal(db: Database.Database): boolean {
  if (!db.open || db.memory) return true;
  const timeout = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma('busy_timeout = 0');
  try {
    const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number }[];
    if (result && result.busy === 0 && result.log <= 0) {
      uncut.delete(db);
      return true;
    }
  } finally {
    db.pragma(`busy_timeout = ${timeout}`);
  }
  uncut.add(db);
  return false;
}

/** Databases whose log could not be cut after an erasure: tried again by each sweep. */
const uncut = new WeakSet<Database.Database>();

/** The log cut put off by a reader, tried once more; true when none is left to do. */
export function finishTruncation(db: Database.Database): boolean {
  return !uncut.has(db) || truncateWal(db);
}
