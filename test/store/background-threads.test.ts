// The bot's own threads (the SQLite reading thread, the chart thread) run below the event loop's
// priority: on a core they share, clicks are acknowledged first. Read from /proc, as the kernel
// schedules them.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/domain/logger.ts';
import { type OpenedStore, openStore } from '../../src/open-store.ts';
import { readerOf } from '../../src/store/sqlite/reader.ts';
import { renderOnThread } from '../../src/summary/chart-thread.ts';

/** Each thread of this process and its nice value (field 19 of its stat line). */
const threads = (): Map<string, number> =>
  new Map(
    readdirSync('/proc/self/task').map((tid) => {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      return [tid, Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16])];
    }),
  );

let dir: string;
let opened: OpenedStore;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'debat-threads-'));
  opened = await openStore(
    {
      DATABASE_URL: undefined,
      DATABASE_POOL_SIZE: 1,
      DEBAT_DB_PATH: join(dir, 'debat.sqlite'),
      DEBAT_SYNCHRONOUS: 'NORMAL',
    },
    silentLogger,
  );
});
afterEach(async () => {
  await opened.store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe.runIf(process.platform === 'linux')('the bot’s background threads', () => {
  it('run below the event loop’s priority, which stays the process’s own', async () => {
    const before = threads();
    const own = before.get(String(process.pid));
    await readerOf(opened.sqlite!)!.read([{ sql: 'SELECT 1 AS one', params: [] }]);
    const png = await renderOnThread(
      '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><rect width="4" height="4"/></svg>',
      {},
    );
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    const started = [...threads()].filter(([tid]) => !before.has(tid));
    // Both threads (and any they start) 10 below the event loop's thread (src/background-thread.mjs),
    // as far as nice values go; the event loop's thread as it was.
    expect(started.length).toBeGreaterThanOrEqual(2);
    for (const [tid, nice] of started) expect(nice, `thread ${tid}`).toBe(Math.min(19, own! + 10));
    expect(threads().get(String(process.pid))).toBe(own);
  });
});
