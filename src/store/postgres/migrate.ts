import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { loadMigrations, type Migration } from '../shared/migration-files.ts';

export const POSTGRES_MIGRATIONS_DIR = fileURLToPath(
  new URL('../../../migrations/postgres/', import.meta.url),
);

/** The advisory lock every instance takes to migrate: one migrates, the others wait and find it done. */
const MIGRATION_LOCK = 0x6465626174; // "debat"

export const loadPostgresMigrations = (dir = POSTGRES_MIGRATIONS_DIR): Migration[] => loadMigrations(dir);

/**
 * Applies pending migrations under a session advisory lock, each in one transaction with its row
 * in schema_migrations: ten instances starting at once migrate once, and a failed file leaves the
 * database at the previous version.
 */
export async function migratePostgres(
  pool: pg.Pool,
  migrations = loadPostgresMigrations(),
): Promise<number[]> {
  const client = await pool.connect();
  const applied: number[] = [];
  let broken: Error | undefined;
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await client.query(
        `CREATE TABLE IF NOT EXISTS schema_migrations (
           version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
      );
      const done = new Set(
        (await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map(
          (row) => row.version,
        ),
      );
      for (const migration of migrations) {
        if (done.has(migration.version)) continue;
        await client.query('BEGIN');
        try {
          await client.query(migration.sql);
          await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
            migration.version,
            migration.name,
          ]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw new Error(`Migration ${migration.name} failed: ${(error as Error).message}`);
        }
        applied.push(migration.version);
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } catch (error) {
    broken = error as Error;
    throw error;
  } finally {
    // A connection that failed is closed, not pooled: its session (and any lock) ends with it.
    client.release(broken);
  }
  return applied;
}

export async function postgresSchemaVersion(pool: pg.Pool): Promise<number> {
  const { rows } = await pool.query<{ version: number | null }>(
    "SELECT CASE WHEN to_regclass('schema_migrations') IS NULL THEN 0 END AS version",
  );
  if (rows[0]?.version === 0) return 0;
  return (
    await pool.query<{ version: number }>(
      'SELECT coalesce(max(version), 0) AS version FROM schema_migrations',
    )
  ).rows[0]!.version;
}
