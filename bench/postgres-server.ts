// The PostgreSQL a benchmark runs on: DATABASE_URL's server when given (a database is created
// and dropped there), else a throwaway server started for the run, as the tests do.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migratePostgres } from '../src/store/postgres/migrate.ts';
import { openPool } from '../src/store/postgres/pool.ts';
import { startTestServer } from '../test/postgres/server.ts';

export interface BenchServer {
  /** A fresh, migrated database; dropped by `stop()`. */
  freshDatabase(): Promise<string>;
  stop(): Promise<void>;
}

export async function benchServer(): Promise<BenchServer> {
  const given = process.env.DATABASE_URL;
  const server = given ? undefined : await startTestServer();
  const adminUrl = given ?? server!.adminUrl;
  const made: string[] = [];
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    await client.query(sql).finally(() => client.end());
  };
  return {
    async freshDatabase() {
      const name = `debat_bench_${randomBytes(5).toString('hex')}`;
      await admin(`CREATE DATABASE ${name}`);
      made.push(name);
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      const pool = await openPool({ url: url.toString(), poolSize: 1 });
      await migratePostgres(pool);
      await pool.end();
      return url.toString();
    },
    async stop() {
      for (const name of made) await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await server?.stop();
    },
  };
}
