import Database from 'better-sqlite3';
import { databaseProblem, prepareDatabaseFile } from './database-file.ts';

export type Synchronous = 'NORMAL' | 'FULL';

/**
 * Opens (creating its folder) a SQLite file with the pragmas the store relies on. A path that
 * cannot hold the database throws a DatabaseFileError with one sentence saying why.
 */
export function openDatabase(path: string, synchronous: Synchronous = 'NORMAL'): Database.Database {
  if (path !== ':memory:') prepareDatabaseFile(path);
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { timeout: 5000 });
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${synchronous}`);
    db.pragma('foreign_keys = ON');
    // Deleted rows are overwritten, so `oublier-moi` leaves nothing readable in free pages; an
    // erasure then folds the log into the main file and cuts it (src/store/sqlite/purge.ts).
    db.pragma('secure_delete = ON');
    // A log that grew in a burst is cut back to 4 MiB once checkpointed: older frames don't linger.
    db.pragma('journal_size_limit = 4194304');
    db.pragma('busy_timeout = 5000');
    return db;
  } catch (error) {
    db?.close();
    throw databaseProblem(path, error) ?? error;
  }
}
