// A fresh database per test on the run's PostgreSQL: nothing shared, dropped afterwards.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, inject } from 'vitest';
import { migratePostgres } from '../../src/store/postgres/migrate.ts';
import { openPool } from '../../src/store/postgres/pool.ts';

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

const adminUrl = (): string => inject('postgresAdminUrl');

async function asAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The URL of database `name` on the test server, as the same superuser. */
export function databaseUrl(name: string): string {
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

/** An empty database; `drop()` ends its connections and removes it. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `debat_test_${randomBytes(6).toString('hex')}`;
  await asAdmin((client) => client.query(`CREATE DATABASE ${name}`));
  return {
    url: databaseUrl(name),
    name,
    drop: () =>
      asAdmin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => {}),
  };
}

/** A database at the latest schema, with a pool on it; `dispose()` closes the pool and drops it. */
export async function migratedTestDatabase(poolSize = 5) {
  const database = await createTestDatabase();
  const pool = await openPool({ url: database.url, poolSize });
  await migratePostgres(pool);
  return {
    ...database,
    pool,
    async dispose() {
      if (!pool.ended) await pool.end();
      await database.drop();
    },
  };
}

/**
 * For suites with many short tests: one migrated database per test file, emptied (every table,
 * ids restarting at 1) before each use: as fresh as a new database, at a fraction of its cost.
 * Call at the top of a file; each call of the returned function gives a pool on the emptied
 * database (the caller ends it).
 */
export function emptiedDatabase(poolSize = 5): () => Promise<{ url: string; pool: pg.Pool }> {
  let made: Promise<TestDatabase> | undefined;
  afterAll(async () => {
    await (await made)?.drop();
  });
  return async () => {
    made ??= createTestDatabase().then(async (database) => {
      const pool = await openPool({ url: database.url, poolSize: 1 });
      await migratePostgres(pool).finally(() => pool.end());
      return database;
    });
    const database = await made;
    const pool = await openPool({ url: database.url, poolSize });
    const { rows } = await pool.query<{ name: string }>(
      "SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations'",
    );
    await pool.query(`TRUNCATE ${rows.map((row) => row.name).join(', ')} RESTART IDENTITY CASCADE`);
    return { url: database.url, pool };
  };
}
