// The write-ahead log's checkpoints run on the reading thread, never inside a commit on the event
// loop: the bot's own connection stops checkpointing, yet what it commits still reaches the main
// file, and the log does not keep growing.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../src/domain/logger.ts';
import { type OpenedStore, openStore } from '../../src/open-store.ts';
import { SqliteReader } from '../../src/store/sqlite/reader.ts';

let dir: string;
let file: string;
let opened: OpenedStore;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'debat-checkpoints-'));
  file = join(dir, 'debat.sqlite');
  opened = await openStore(
    { DATABASE_URL: undefined, DATABASE_POOL_SIZE: 1, DEBAT_DB_PATH: file, DEBAT_SYNCHRONOUS: 'NORMAL' },
    silentLogger,
  );
});
afterEach(async () => {
  await opened.store.close();
  rmSync(dir, { recursive: true, force: true });
});

const size = (path: string) => statSync(path).size;

describe('checkpoints of the SQLite log', () => {
  it('are taken by the reading thread: what the bot commits reaches the main file without its connection checkpointing', async () => {
    const db = opened.sqlite!;
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    db.exec('CREATE TABLE filler (x BLOB)');
    const before = size(file);
    // About 2,000 pages in the log: past the 1,000 at which a commit would checkpoint itself.
    const insert = db.prepare('INSERT INTO filler VALUES (randomblob(4000))');
    db.transaction(() => {
      for (let i = 0; i < 2000; i++) insert.run();
    })();
    expect(size(`${file}-wal`)).toBeGreaterThan(2000 * 4096);
    // The main file grows as the thread copies the pages in.
    await vi.waitFor(() => expect(size(file)).toBeGreaterThan(before + 1500 * 4096), {
      timeout: 15_000,
      interval: 50,
    });
    expect(db.prepare('SELECT count(*) AS n FROM filler').get()).toEqual({ n: 2000 });
  });

  it('keep the log from growing across many commits', async () => {
    const db = opened.sqlite!;
    db.exec('CREATE TABLE filler (x BLOB)');
    const insert = db.prepare('INSERT INTO filler VALUES (randomblob(4000))');
    // Four rounds of 500 pages: with nobody checkpointing, the log would reach 2,000 pages (8 MB).
    for (let round = 1; round <= 4; round++) {
      db.transaction(() => {
        for (let i = 0; i < 500; i++) insert.run();
      })();
      // The thread copies the round into the main file; the next commit then starts the log over.
      await vi.waitFor(() => expect(size(file)).toBeGreaterThan(round * 500 * 4096), {
        timeout: 15_000,
        interval: 50,
      });
    }
    // At most one round of frames, in a file cut back to 4 MiB when it starts over.
    expect(size(`${file}-wal`)).toBeLessThan(4 * 1024 * 1024 + 600 * 4120);
  });

  it('go back to the bot’s connection when the thread cannot run', async () => {
    const db = opened.sqlite!;
    // A thread pointed at a file that is not there fails as it starts.
    const reader = new SqliteReader(join(dir, 'gone.sqlite'), db);
    reader.takeCheckpoints();
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    await vi.waitFor(() => expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000), {
      timeout: 15_000,
      interval: 20,
    });
    await reader.close();
  });
});
