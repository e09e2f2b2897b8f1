// The tests' own PostgreSQL: it runs wherever the clone is (as root, the server's user may not
// enter the clone's folder), and a server that cannot start says why in one line.
import { readdirSync, readlinkSync, statSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { startTestServer, TestServerError } from './server.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const serverFolders = () => readdirSync(tmpdir()).filter((name) => name.startsWith('debat-pg-'));

describe("the tests' PostgreSQL", () => {
  it.runIf(userInfo().uid === 0 && !process.env.DATABASE_URL)(
    'run as root, runs binaries outside the clone, in folders every user may enter',
    async () => {
      const client = new pg.Client({ connectionString: inject('postgresAdminUrl') });
      await client.connect();
      const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      const backend = rows[0]!.pid;
      const exe = readlinkSync(`/proc/${backend}/exe`);
      const owner = statSync(`/proc/${backend}`).uid;
      await client.end();
      expect(exe.startsWith(`${ROOT}/`)).toBe(false);
      expect(owner).not.toBe(0);
      for (let folder = dirname(exe); folder !== '/'; folder = dirname(folder))
        expect(statSync(folder).mode & 0o001, folder).toBe(0o001);
    },
  );

  it('that cannot start says why in one line, and leaves no folder behind', async () => {
    const before = serverFolders();
    const failed = await startTestServer({ max_connections: 'lots' }).catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(TestServerError);
    expect(String((failed as Error).stack)).toBe(
      `The tests' PostgreSQL could not start: postgres exited (1): FATAL:  invalid value for parameter "max_connections": "lots"`,
    );
    expect(serverFolders().filter((name) => !before.includes(name))).toEqual([]);
  });
});
