import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { loadMigrations, MIGRATIONS_DIR } from '../../src/store/sqlite/migrate.ts';
import { person, testEngine } from '../helpers/engine.ts';
import { figure } from './support/figures.ts';
import { killAll, startScript } from './support/processes.ts';
import { removeTempDirs, tempDir } from './support/temp.ts';

let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await killAll();
  for (const cleanup of cleanups) await cleanup();
  cleanups = [];
  removeTempDirs();
});

// A long migration made for this test: a new table filled with many rows (they spill into the WAL
// before the commit), then a change to an existing table. `kill_point` lets the child process stop
// at a named point inside the migration's transaction (see child/migrate.ts).
const LONG_MIGRATION = `
CREATE TABLE filler (n INTEGER PRIMARY KEY, pad BLOB NOT NULL) STRICT;
SELECT kill_point('table created');
WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 200000)
INSERT INTO filler (n, pad) SELECT n, randomblob(64) FROM c;
SELECT kill_point('200,000 rows written');
ALTER TABLE debates ADD COLUMN migrated INTEGER NOT NULL DEFAULT 0;
UPDATE debates SET migrated = 1;
SELECT kill_point('existing table altered, before the commit');
`;
const KILL_POINTS = ['table created', '200,000 rows written', 'existing table altered, before the commit'];

/** True while another connection holds the database's write lock (the migration's transaction). */
function writeLocked(path: string): boolean {
  const probe = new Database(path, { timeout: 0 });
  try {
    probe.exec('BEGIN IMMEDIATE');
    probe.exec('ROLLBACK');
    return false;
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_BUSY') return true;
    throw error;
  } finally {
    probe.close();
  }
}

const walSize = (path: string): number => (existsSync(`${path}-wal`) ? statSync(`${path}-wal`).size : 0);

interface Snapshot {
  version: number;
  tables: string[];
  debateColumns: string[];
  debates: unknown[];
  votes: unknown[];
  integrity: unknown;
}

function snapshot(path: string): Snapshot {
  const db = new Database(path, { readonly: true });
  const result = {
    version: db.pragma('user_version', { simple: true }) as number,
    tables: (
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as {
        name: string;
      }[]
    ).map((row) => row.name),
    debateColumns: (db.pragma('table_info(debates)') as { name: string }[]).map((column) => column.name),
    debates: db.prepare('SELECT number, topic, status FROM debates ORDER BY id').all(),
    votes: db.prepare('SELECT voter_key, side FROM votes ORDER BY voter_key').all(),
    integrity: db.pragma('integrity_check', { simple: true }),
  };
  db.close();
  return result;
}

describe('a process killed in the middle of a migration', () => {
  it('leaves the database at the previous version, and the next start completes the migration', async () => {
    // A database in use: the current schema, a debate, votes.
    const bed = await testEngine();
    cleanups.push(bed.cleanup);
    await bed.engine.run(person('o'), 'lancer Avant la migration');
    for (const [id, side] of [
      ['a', 'pour'],
      ['b', 'contre'],
      ['c', 'neutre'],
    ])
      await bed.engine.run(person(id!), `voter ${side}`);
    await bed.store.close();
    const path = bed.path;

    const dir = tempDir();
    const migrations = join(dir, 'migrations');
    mkdirSync(migrations);
    // The SQL files only: migrations/postgres/ is PostgreSQL's.
    for (const file of readdirSync(MIGRATIONS_DIR).filter((name) => name.endsWith('.sql')))
      copyFileSync(join(MIGRATIONS_DIR, file), join(migrations, file));
    const previous = loadMigrations().length;
    writeFileSync(join(migrations, `${String(previous + 1).padStart(3, '0')}_long.sql`), LONG_MIGRATION);
    const before = snapshot(path);
    expect(before.version).toBe(previous);

    const walAtKill: number[] = [];
    for (const point of KILL_POINTS) {
      const child = startScript('migrate.ts', [path, migrations], { KILL_AT: point }, dir);
      await child.waitForOutput(`at kill point ${point}`);
      // Inside the migration's transaction: it holds the write lock.
      expect(writeLocked(path)).toBe(true);
      walAtKill.push(walSize(path));
      expect(await child.kill('SIGKILL')).toEqual({ code: null, signal: 'SIGKILL' });
      // Applied not at all: the same version, tables, columns and data as before, and a sound file.
      expect(snapshot(path)).toEqual(before);
    }

    const next = startScript('migrate.ts', [path, migrations], {}, dir);
    expect(await next.exited).toEqual({ code: 0, signal: null });
    expect(next.stdout).toBe(`applied [${previous + 1}] version ${previous + 1}\n`);
    const after = snapshot(path);
    expect(after.version).toBe(previous + 1);
    expect(after.tables).toEqual([...before.tables, 'filler'].sort());
    expect(after.debateColumns).toEqual([...before.debateColumns, 'migrated']);
    expect(after.votes).toEqual(before.votes);
    expect(after.integrity).toBe('ok');
    const db = new Database(path, { readonly: true });
    expect(db.prepare('SELECT count(*) AS n FROM filler').get()).toEqual({ n: 200_000 });
    expect(db.prepare('SELECT DISTINCT migrated FROM debates').all()).toEqual([{ migrated: 1 }]);
    db.close();
    figure('migration kill', {
      killPoints: KILL_POINTS,
      walBytesAtKill: walAtKill,
      versionAfterEachKill: before.version,
      finalVersion: after.version,
    });
  });
});
