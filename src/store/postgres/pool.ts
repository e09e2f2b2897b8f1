import pg from 'pg';
import { ConfigError } from '../../config.ts';

export interface PostgresOptions {
  /** DATABASE_URL; TLS follows its `sslmode`. */
  url: string;
  poolSize: number;
  /** Told to the server (pg_stat_activity), to tell instances apart. */
  applicationName?: string;
  /** Errors of idle connections (a server restart): logged, the pool replaces them. */
  onIdleError?: (error: Error) => void;
}

const INT8 = 20;

/** bigint columns hold milliseconds, ids and counts, all far below 2^53: numbers, not strings. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8 && format !== 'binary'
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'EAI_AGAIN',
]);

/** What an operator reads when the server cannot be used: one line naming DATABASE_URL, no password. */
export function connectionProblem(error: unknown, url: string): string {
  const where = new URL(url);
  const server = `${where.hostname || where.searchParams.get('host')}:${where.port || 5432}`;
  const user = decodeURIComponent(where.username) || 'the default user';
  const database = decodeURIComponent(where.pathname.slice(1)) || user;
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
  if (code === '28P01') return `DATABASE_URL: the server at ${server} refused the password of user "${user}"`;
  if (code === '28000') return `DATABASE_URL: the server at ${server} refused user "${user}" (${message})`;
  if (code === '3D000') return `DATABASE_URL: database "${database}" does not exist on ${server}`;
  if (code && UNREACHABLE.has(code)) return `DATABASE_URL: cannot reach PostgreSQL at ${server} (${code})`;
  if (/timeout/i.test(message)) return `DATABASE_URL: PostgreSQL at ${server} did not answer in time`;
  return `DATABASE_URL: could not use PostgreSQL at ${server} (${message})`;
}

/** A pool, checked with one query: an unusable server stops the start with a ConfigError. */
export async function openPool(options: PostgresOptions): Promise<pg.Pool> {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize,
    types,
    application_name: options.applicationName ?? 'debat',
    connectionTimeoutMillis: 10_000,
    // Statements sent one after the other on a connection do not wait for each other's answers:
    // a vote is two round trips, not one per statement (bench/pg-drivers.ts).
    pipeline: true,
  });
  pool.on('error', (error) => options.onIdleError?.(error));
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    await pool.end().catch(() => {});
    throw new ConfigError([connectionProblem(error, options.url)]);
  }
  return pool;
}
