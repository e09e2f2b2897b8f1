// `debat copy-to --database-url postgres://…`: the SQLite database (DEBAT_DB_PATH) copied into an
// empty PostgreSQL database, then every table compared. Stop the bot first: what it writes
// after the copy's snapshot stays behind.
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { keyFileOf } from '../src/anonymity-secret.ts';
import { type Config, ConfigError, loadConfig } from '../src/config.ts';
import { copyToPostgres } from '../src/store/copy-to-postgres.ts';
import { openPool } from '../src/store/postgres/pool.ts';
import { openDatabase } from '../src/store/sqlite/open-database.ts';

import { COPY_TO_USAGE } from './cli-options.ts';

/** The flag's URL, checked as DATABASE_URL is, its problems named after the flag. */
function targetUrl(given: string | undefined): string {
  if (!given) throw new ConfigError([`--database-url: required (${COPY_TO_USAGE})`]);
  try {
    return loadConfig({ DATABASE_URL: given }).DATABASE_URL!;
  } catch (error) {
    if (error instanceof ConfigError)
      throw new ConfigError(
        error.problems.map((problem) => problem.replace('DATABASE_URL', '--database-url')),
      );
    throw error;
  }
}

export async function copyToCli(args: string[], config: Pick<Config, 'DEBAT_DB_PATH'>): Promise<number> {
  const { values } = parseArgs({ args, options: { 'database-url': { type: 'string' } }, strict: true });
  const url = targetUrl(values['database-url']);
  const pool = await openPool({ url, poolSize: 2, applicationName: 'debat copy-to' }).catch(
    (error: unknown) => {
      if (error instanceof ConfigError)
        throw new ConfigError(
          error.problems.map((problem) => problem.replace('DATABASE_URL', '--database-url')),
        );
      throw error;
    },
  );
  const sqlite = openDatabase(config.DEBAT_DB_PATH);
  try {
    const tables = await copyToPostgres(sqlite, pool);
    for (const { table, rows } of tables) process.stdout.write(`${table}: ${rows} row(s)\n`);
    const server = new URL(url);
    process.stdout.write(
      `Copied ${config.DEBAT_DB_PATH} into PostgreSQL ${server.hostname}:${server.port || 5432}${server.pathname}; every table compared, row for row: identical\n`,
    );
    const keyFile = keyFileOf(config.DEBAT_DB_PATH);
    if (keyFile && existsSync(keyFile))
      process.stdout.write(
        `The anonymity key was not copied (it never is): give every instance DEBAT_SECRET set to the content of ${keyFile}\n`,
      );
    return 0;
  } finally {
    sqlite.close();
    await pool.end();
  }
}
