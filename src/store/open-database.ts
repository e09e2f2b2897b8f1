import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

export type Synchronous = 'NORMAL' | 'FULL';

/** Opens (creating its folder) a SQLite file with the pragmas the store relies on. */
export function openDatabase(path: string, synchronous: Synchronous = 'NORMAL'): Database.Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path, { timeout: 5000 });
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  db.pragma('foreign_keys = ON');
  // Deleted rows are overwritten, so `oublier-moi` leaves nothing readable in free pages.
  db.pragma('secure_delete = ON');
  db.pragma('busy_timeout = 5000');
  return db;
}
