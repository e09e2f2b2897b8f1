import type Database from 'better-sqlite3';
import { loadMigrations } from '../shared/migration-files.ts';

export { loadMigrations, MIGRATIONS_DIR, type Migration } from '../shared/migration-files.ts';

/**
 * Applies pending migrations, each in one IMMEDIATE transaction with its `user_version` bump,
 * so a process killed mid-migration leaves the database at the previous version.
 */
export function migrate(db: Database.Database, migrations = loadMigrations()): number[] {
  const applied: number[] = [];
  for (const migration of migrations) {
    const apply = db.transaction(() => {
      const current = db.pragma('user_version', { simple: true }) as number;
      if (migration.version <= current) return false;
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
      return true;
    });
    if (apply.immediate()) applied.push(migration.version);
  }
  return applied;
}

export const schemaVersion = (db: Database.Database): number =>
  db.pragma('user_version', { simple: true }) as number;
