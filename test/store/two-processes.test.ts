import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../src/store/migrate.ts';
import { openDatabase } from '../../src/store/open-database.ts';
import { SqliteDebateStore } from '../../src/store/sqlite-store.ts';

const run = promisify(execFile);
const WORKER = new URL('../helpers/vote-worker.ts', import.meta.url).pathname;
let dir: string;
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
    const startAt = String(Date.now() + 2500);
    const results = await Promise.all(
      ['a', 'b'].map((prefix) =>
        run(process.execPath, ['--import', 'tsx', WORKER, path, prefix, String(perProcess), startAt]),
      ),
    );
    for (const { stdout } of results) expect(JSON.parse(stdout)).toEqual({ failures: 0 });
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
