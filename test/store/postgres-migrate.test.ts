import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import {
  loadPostgresMigrations,
  migratePostgres,
  POSTGRES_MIGRATIONS_DIR,
  postgresSchemaVersion,
} from '../../src/store/postgres/migrate.ts';
import { openPool } from '../../src/store/postgres/pool.ts';
import { loadMigrations, migrate } from '../../src/store/sqlite/migrate.ts';
import { openDatabase } from '../../src/store/sqlite/open-database.ts';
import { createTestDatabase, type TestDatabase } from '../postgres/databases.ts';
import { killAll, startDebat } from '../reliability/support/processes.ts';
import { removeTempDirs, tempDir } from '../reliability/support/temp.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await killAll();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  removeTempDirs();
});

async function database(): Promise<TestDatabase & { pool: pg.Pool }> {
  const made = await createTestDatabase();
  const pool = await openPool({ url: made.url, poolSize: 3 });
  cleanups.push(async () => {
    await pool.end();
    await made.drop();
  });
  return { ...made, pool };
}

/** Tables and their columns, as the store sees them (the migration bookkeeping aside). */
function sqliteColumns(): Record<string, string[]> {
  const db = openDatabase(':memory:');
  migrate(db);
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .pluck()
    .all() as string[];
  const columns = Object.fromEntries(
    tables.map((table) => [
      table,
      (db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(table) as string[]).sort(),
    ]),
  );
  db.close();
  return columns;
}

async function postgresColumns(pool: pg.Pool): Promise<Record<string, string[]>> {
  const { rows } = await pool.query<{ table_name: string; column_name: string }>(
    `SELECT table_name, column_name FROM information_schema.columns
     WHERE table_schema = 'public' AND table_name <> 'schema_migrations'`,
  );
  const columns: Record<string, string[]> = {};
  for (const row of rows) columns[row.table_name] = [...(columns[row.table_name] ?? []), row.column_name];
  for (const list of Object.values(columns)) list.sort();
  return columns;
}

describe('PostgreSQL migrations', () => {
  it('mirror every SQLite migration, number for number, table for table and column for column', async () => {
    expect(loadPostgresMigrations().map((migration) => migration.version)).toEqual(
      loadMigrations().map((migration) => migration.version),
    );
    const { pool } = await database();
    await migratePostgres(pool);
    expect(await postgresColumns(pool)).toEqual(sqliteColumns());
  });

  it('bring an empty database to the latest version, then apply nothing twice', async () => {
    const { pool } = await database();
    const all = loadPostgresMigrations().map((migration) => migration.version);
    expect(await postgresSchemaVersion(pool)).toBe(0);
    expect(await migratePostgres(pool)).toEqual(all);
    expect(await postgresSchemaVersion(pool)).toBe(all.length);
    expect(await migratePostgres(pool)).toEqual([]);
  });

  it('apply a failing migration not at all, and leave the version where it was', async () => {
    const dir = tempDir('debat-pgmig-');
    const folder = join(dir, 'migrations');
    mkdirSync(folder);
    for (const file of readdirSync(POSTGRES_MIGRATIONS_DIR))
      copyFileSync(join(POSTGRES_MIGRATIONS_DIR, file), join(folder, file));
    const next = String(loadPostgresMigrations().length + 1).padStart(3, '0');
    writeFileSync(
      join(folder, `${next}_broken.sql`),
      'CREATE TABLE half_done (x integer);\nTHIS IS NOT SQL;',
    );
    const { pool } = await database();
    await expect(migratePostgres(pool, loadPostgresMigrations(folder))).rejects.toThrow(
      new RegExp(`Migration ${next}_broken.sql failed`),
    );
    expect(await postgresSchemaVersion(pool)).toBe(loadPostgresMigrations().length);
    expect((await pool.query("SELECT to_regclass('half_done') AS t")).rows[0].t).toBeNull();
    // The pool still works and the lock was let go: migrating again finds nothing to do.
    expect(await migratePostgres(pool)).toEqual([]);
  });

  it('ten `debat migrate` processes started at once: exactly one migrates, the nine others find it done', async () => {
    const { url, pool } = await database();
    // Hold the migration lock until all ten wait for it, so they really race.
    const holder = await pool.connect();
    await holder.query('SELECT pg_advisory_lock($1)', [0x6465626174]);
    const dir = tempDir('debat-pgmig-');
    const children = Array.from({ length: 10 }, () => startDebat(['migrate'], { DATABASE_URL: url }, dir));
    const waiting = async () =>
      Number(
        (
          await pool.query(
            "SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
          )
        ).rows[0].n,
      );
    for (let round = 0; (await waiting()) < 10; round++) {
      if (round > 600) throw new Error(`only ${await waiting()} of 10 processes reached the lock`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await holder.query('SELECT pg_advisory_unlock($1)', [0x6465626174]);
    holder.release();
    const exits = await Promise.all(children.map((child) => child.exited));
    expect(exits.map((exit) => exit.code)).toEqual(Array(10).fill(0));
    const all = loadPostgresMigrations().map((migration) => migration.version);
    const outputs = children.map((child) => child.stdout);
    expect(
      outputs.filter((out) => out.includes(`Applied ${all.join(', ')}; schema version ${all.length}`)),
    ).toHaveLength(1);
    expect(
      outputs.filter((out) => out.includes(`Nothing to apply; schema version ${all.length}`)),
    ).toHaveLength(9);
    const { rows } = await pool.query('SELECT version FROM schema_migrations ORDER BY version');
    expect(rows.map((row) => row.version)).toEqual(all);
  }, 60_000);
});
