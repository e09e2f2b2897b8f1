import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { openPool } from '../../src/store/postgres/pool.ts';
import { createTestDatabase, databaseUrl } from '../postgres/databases.ts';
import { BIN } from '../reliability/support/processes.ts';
import { removeTempDirs, tempDir } from '../reliability/support/temp.ts';

afterEach(removeTempDirs);

const withPassword = (url: string, password: string) => {
  const changed = new URL(url);
  changed.password = password;
  return changed.toString();
};

/** A port on 127.0.0.1 where nothing listens any more. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const problemOf = async (url: string): Promise<string> => {
  const error = await openPool({ url, poolSize: 1 }).then(
    () => undefined,
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(ConfigError);
  const message = (error as ConfigError).message;
  expect(message.split('\n')).toHaveLength(1);
  return message;
};

describe('DATABASE_URL', () => {
  it('is read with its pool size; without it, the store stays SQLite', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://debat:pw@db.example:5433/debat?sslmode=require' });
    expect(config.DATABASE_URL).toBe('postgres://debat:pw@db.example:5433/debat?sslmode=require');
    expect(config.DATABASE_POOL_SIZE).toBe(10);
    expect(loadConfig({ DATABASE_POOL_SIZE: '25' }).DATABASE_POOL_SIZE).toBe(25);
    expect(loadConfig({}).DATABASE_URL).toBeUndefined();
  });

  it('refuses a URL that is not PostgreSQL’s, or a bad sslmode, in one line that hides the password', () => {
    for (const [url, problem] of [
      ['mysql://debat:s3cret@db/debat', /^Invalid configuration: DATABASE_URL: must be a PostgreSQL URL/],
      ['not a url s3cret', /^Invalid configuration: DATABASE_URL: must be a PostgreSQL URL/],
      ['postgres://debat:s3cret@db/debat?sslmode=sometimes', /DATABASE_URL: sslmode must be one of disable/],
    ] as const) {
      const error = (() => {
        try {
          loadConfig({ DATABASE_URL: url });
        } catch (failure) {
          return failure as Error;
        }
      })();
      expect(error?.message).toMatch(problem);
      expect(error?.message).not.toContain('s3cret');
      expect(error?.message.split('\n')).toHaveLength(1);
    }
    expect(() => loadConfig({ DATABASE_POOL_SIZE: '0' })).toThrow(/DATABASE_POOL_SIZE/);
  });

  it('names an unreachable server, a refused password and a missing database', async () => {
    const port = await closedPort();
    expect(await problemOf(`postgres://debat:s3cret@127.0.0.1:${port}/debat`)).toBe(
      `Invalid configuration: DATABASE_URL: cannot reach PostgreSQL at 127.0.0.1:${port} (ECONNREFUSED)`,
    );
    const database = await createTestDatabase();
    try {
      const refused = await problemOf(withPassword(database.url, 's3cret-wrong'));
      expect(refused).toMatch(
        /^Invalid configuration: DATABASE_URL: the server at 127\.0\.0\.1:\d+ refused the password of user "postgres"$/,
      );
      expect(refused).not.toContain('s3cret');
    } finally {
      await database.drop();
    }
    expect(await problemOf(databaseUrl('debat_nowhere'))).toMatch(
      /DATABASE_URL: database "debat_nowhere" does not exist on 127\.0\.0\.1:\d+$/,
    );
  });

  it('stops `debat migrate` with that one line on stderr and exit code 1', () => {
    const dir = tempDir('debat-pgurl-');
    const result = spawnSync(process.execPath, [BIN, 'migrate'], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 20_000,
      env: {
        PATH: process.env.PATH,
        HOME: dir,
        DATABASE_URL: withPassword(databaseUrl('postgres'), 'wrong-one'),
      },
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /^Invalid configuration: DATABASE_URL: the server at 127\.0\.0\.1:\d+ refused the password of user "postgres"\n$/,
    );
  });
});
