// Long reads on their own thread: the event loop keeps turning while they run, they see what the
// bot committed, an error is the caller's to handle, and closing the store ends the thread.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../../src/store/sqlite/migrate.ts';
import { openDatabase } from '../../src/store/sqlite/open-database.ts';
import { readerOf } from '../../src/store/sqlite/reader.ts';
import { SqliteDebateStore } from '../../src/store/sqlite/store.ts';

// Counting to two million in SQL: long enough that a timer would fire many times meanwhile.
const LONG = {
  sql: 'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000000) SELECT count(*) AS c FROM n',
};

let dir: string;
let store: SqliteDebateStore;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'debat-reader-'));
  const db = openDatabase(join(dir, 'debat.sqlite'));
  migrate(db);
  store = new SqliteDebateStore(db);
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the reading thread of a SQLite file', () => {
  it('reads while the event loop keeps turning', async () => {
    const reader = readerOf(store.db)!;
    let turns = 0;
    const ticker = setInterval(() => turns++, 1);
    const [rows] = await reader.read([LONG]);
    clearInterval(ticker);
    expect(rows).toEqual([{ c: 2_000_000 }]);
    expect(turns).toBeGreaterThan(0);

    // The same read on the bot's own connection blocks the loop from start to end.
    turns = 0;
    const blocked = setInterval(() => turns++, 1);
    store.db.prepare(LONG.sql).get();
    await new Promise((resolve) => setImmediate(resolve));
    clearInterval(blocked);
    expect(turns).toBe(0);
  });

  it('sees what the bot committed, in one transaction per read', async () => {
    const reader = readerOf(store.db)!;
    store.db.exec(`INSERT INTO channels (platform, workspace_id, channel_id) VALUES ('slack', 'T', 'C1')`);
    const [before, same] = await reader.read([
      { sql: 'SELECT channel_id FROM channels ORDER BY channel_id' },
      { sql: 'SELECT count(*) AS n FROM channels WHERE platform = ?', params: ['slack'] },
    ]);
    expect(before).toEqual([{ channel_id: 'C1' }]);
    expect(same).toEqual([{ n: 1 }]);
    store.db.exec(`INSERT INTO channels (platform, workspace_id, channel_id) VALUES ('slack', 'T', 'C2')`);
    const [after] = await reader.read([{ sql: 'SELECT count(*) AS n FROM channels' }]);
    expect(after).toEqual([{ n: 2 }]);
  });

  it('answers a failing read with its error and keeps serving, and never writes', async () => {
    const reader = readerOf(store.db)!;
    await expect(reader.read([{ sql: 'SELECT * FROM no_such_table' }])).rejects.toThrow(
      'no such table: no_such_table',
    );
    await expect(
      reader.read([
        {
          sql: `INSERT INTO channels (platform, workspace_id, channel_id) VALUES ('slack', 'T', 'C') RETURNING channel_id`,
        },
      ]),
    ).rejects.toThrow(/query_only|readonly|read-only|attempt to write/);
    expect(await reader.read([{ sql: 'SELECT count(*) AS n FROM channels' }])).toEqual([[{ n: 0 }]]);
  });

  it('answers reads asked together, each whole and in its own order, across many parts', async () => {
    const reader = readerOf(store.db)!;
    // 12,000 rows with a name, a null and a text each: several parts of the thread's messages.
    const numbers = (last: number, label: string) => ({
      sql: `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
        SELECT i, NULL AS absent, ? || i AS label FROM n`,
      params: [last, label],
    });
    const [first, failing, second] = [
      reader.read([numbers(12_000, 'a'), { sql: 'SELECT 1 AS one' }]),
      reader.read([numbers(10, 'b'), { sql: 'SELECT * FROM no_such_table' }]),
      reader.read([numbers(7_000, 'c')]),
    ];
    const [rows, one] = await first;
    expect(rows).toHaveLength(12_000);
    expect(
      rows!.every(
        (row, k) => JSON.stringify(row) === JSON.stringify({ i: k + 1, absent: null, label: `a${k + 1}` }),
      ),
    ).toBe(true);
    expect(one).toEqual([{ one: 1 }]);
    await expect(failing).rejects.toThrow('no such table');
    const [third] = await second;
    expect(third).toHaveLength(7_000);
    expect(third!.at(-1)).toEqual({ i: 7_000, absent: null, label: 'c7000' });
  });

  it('ends with the store: a read in flight is answered with an error', async () => {
    const reader = readerOf(store.db)!;
    const inFlight = reader.read([LONG]);
    await store.close();
    await expect(inFlight).rejects.toThrow('the database is closed');
  });

  it('is none for a database in memory: its reads stay on its connection', () => {
    const memory = openDatabase(':memory:');
    expect(readerOf(memory)).toBeUndefined();
    memory.close();
  });
});
