import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../src/store/sqlite/migrate.ts';
import { openDatabase } from '../../src/store/sqlite/open-database.ts';
import { SqliteDebateStore } from '../../src/store/sqlite/store.ts';

const WORKER = new URL('../helpers/vote-worker.ts', import.meta.url).pathname;
let dir: string;

/** A voting child process: `ready` once its engine is open, votes on `go()`, then reports. */
function voteWorker(path: string, prefix: string, count: number) {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER, path, prefix, String(count)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let out = '';
  let readySignal: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    readySignal = resolve;
  });
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    if (out.startsWith('ready\n')) readySignal();
  });
  const result = new Promise<unknown>((resolve, reject) =>
    child.once('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(out.slice('ready\n'.length)))
        : reject(new Error(`worker exited ${code}`)),
    ),
  );
  return { ready, result, go: () => child.stdin.end('go\n') };
}
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('two processes on one database file', () => {
  it('lose no vote when voting at the same time', async () => {
    dir = mkdtempSync(join(tmpdir(), 'debat-two-'));
    const path = join(dir, 'shared.sqlite');
    const db = openDatabase(path);
    migrate(db);
    const store = new SqliteDebateStore(db);
    await store.openDebate({
      scope: { platform: 'slack', workspaceId: 'T1', channelId: 'C1' },
      uid: 'u1',
      topic: 'Concurrence',
      openerKey: 'O',
      openerName: 'O',
      anonymous: false,
      hidden: false,
      at: 0,
      closesAt: null,
    });
    const perProcess = 3000;
    const workers = ['a', 'b'].map((prefix) => voteWorker(path, prefix, perProcess));
    await Promise.all(workers.map((w) => w.ready));
    for (const w of workers) w.go();
    for (const result of await Promise.all(workers.map((w) => w.result)))
      expect(result).toEqual({ failures: 0 });
    const debate = await store.findDebate({ platform: 'slack', workspaceId: 'T1' }, 1);
    expect(await store.tally(debate!.id)).toEqual({ pro: perProcess, con: perProcess, neutral: 0 });
    const voters = db.prepare('SELECT voter_key FROM vote_events ORDER BY id').all() as {
      voter_key: string;
    }[];
    expect(voters).toHaveLength(2 * perProcess);
    // The writes did overlap: the log switches from one process to the other many times.
    const switches = voters.filter(
      (row, i) => i > 0 && row.voter_key[0] !== voters[i - 1]!.voter_key[0],
    ).length;
    expect(switches).toBeGreaterThan(10);
    await store.close();
  });
});
