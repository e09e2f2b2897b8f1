// Debian's PostgreSQL 15 (/usr/lib/postgresql/15/bin), started for one test in a folder of its
// own: its pg_dump can dump only a server of its own version or older, so a test that reads a
// dump runs its store on this server. Run as root, the server runs as the `postgres` user.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from './server.ts';

export const DEBIAN_POSTGRES_BIN = '/usr/lib/postgresql/15/bin';

export interface DebianServer {
  url: string;
  /** pg_dump of the database, as SQL text (data as COPY, in the tables' own order). */
  dump(): string;
  stop(): Promise<void>;
}

export const debianPostgresAvailable = (): boolean => existsSync(join(DEBIAN_POSTGRES_BIN, 'pg_dump'));

function owner(): { uid: number; gid: number } | undefined {
  if (userInfo().uid !== 0) return undefined;
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

export async function startDebianPostgres(): Promise<DebianServer> {
  const dir = mkdtempSync(join(tmpdir(), 'debat-pg15-'));
  const data = join(dir, 'data');
  const as = owner();
  if (as) chownSync(dir, as.uid, as.gid);
  chmodSync(dir, 0o700);
  const ids = as ? { uid: as.uid, gid: as.gid } : {};
  execFileSync(
    join(DEBIAN_POSTGRES_BIN, 'initdb'),
    ['-D', data, '-U', 'debat', '--auth=trust', '-E', 'UTF8', '--no-sync'],
    {
      ...ids,
      stdio: 'ignore',
    },
  );
  const port = await freePort();
  const server: ChildProcess = spawn(
    join(DEBIAN_POSTGRES_BIN, 'postgres'),
    [
      '-D',
      data,
      '-p',
      String(port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      `unix_socket_directories=${dir}`,
      '-c',
      'fsync=off',
    ],
    { ...ids, stdio: 'ignore' },
  );
  const url = `postgres://debat@127.0.0.1:${port}/postgres`;
  const stop = async () => {
    if (server.exitCode === null) {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGINT');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  for (let attempt = 0; ; attempt += 1) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      break;
    } catch (error) {
      await client.end().catch(() => {});
      if (attempt === 100) {
        await stop();
        throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return {
    url,
    dump: () =>
      execFileSync(join(DEBIAN_POSTGRES_BIN, 'pg_dump'), ['--no-owner', '-d', url], {
        encoding: 'latin1',
        maxBuffer: 256 * 1024 * 1024,
      }),
    stop,
  };
}
