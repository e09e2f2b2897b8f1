import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { GroupCommit } from '../../src/store/sqlite/group-commit.ts';
import { openDatabase } from '../../src/store/sqlite/open-database.ts';

const setup = () => {
  const db = openDatabase(':memory:');
  db.exec('CREATE TABLE t (k TEXT PRIMARY KEY, v INTEGER NOT NULL)');
  return { db, commits: new GroupCommit(db), insert: db.prepare('INSERT INTO t (k, v) VALUES (?, ?)') };
};

describe('group commit', () => {
  it('runs concurrent writes in order, each answered with its own result', async () => {
    const { commits, insert, db } = setup();
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) => commits.write(() => insert.run(`k${i}`, i).changes)),
    );
    expect(results).toEqual(Array(100).fill(1));
    expect(db.prepare('SELECT count(*) AS n, sum(v) AS s FROM t').get()).toEqual({ n: 100, s: 4950 });
  });

  it('undoes only the write that failed, and rejects only its caller', async () => {
    const { commits, insert, db } = setup();
    const outcomes = await Promise.allSettled([
      commits.write(() => insert.run('a', 1)),
      commits.write(() => {
        insert.run('b', 2);
        insert.run('a', 3); // duplicate key: this whole write is undone, 'b' included
      }),
      commits.write(() => insert.run('c', 4)),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(db.prepare('SELECT k, v FROM t ORDER BY k').all()).toEqual([
      { k: 'a', v: 1 },
      { k: 'c', v: 4 },
    ]);
  });

  it('shares one commit among the writes of one turn of the event loop', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'debat-group-'));
    const path = join(dir, 'g.sqlite');
    const db = openDatabase(path);
    db.exec('CREATE TABLE t (k TEXT PRIMARY KEY, v INTEGER NOT NULL)');
    const commits = new GroupCommit(db);
    const insert = db.prepare('INSERT INTO t (k, v) VALUES (?, ?)');
    const reader = new Database(path, { readonly: true });
    try {
      // Another connection sees nothing while the batch runs: no write was committed on its own.
      const seenByOthers = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          commits.write(() => {
            insert.run(`k${i}`, i);
            return (reader.prepare('SELECT count(*) AS n FROM t').get() as { n: number }).n;
          }),
        ),
      );
      expect(seenByOthers).toEqual(Array(10).fill(0));
      expect(reader.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 10 });
    } finally {
      reader.close();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
