import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadMigrations, MIGRATIONS_DIR, migrate, schemaVersion } from '../../src/store/sqlite/migrate.ts';
import { openDatabase } from '../../src/store/sqlite/open-database.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'debat-migrate-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('migrations', () => {
  it('bring an empty database to the latest version, then apply nothing twice', () => {
    const db = openDatabase(join(dir, 'a.sqlite'));
    const all = loadMigrations();
    expect(migrate(db)).toEqual(all.map((migration) => migration.version));
    expect(schemaVersion(db)).toBe(all.length);
    expect(migrate(db)).toEqual([]);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all();
    expect(tables).toEqual(
      expect.arrayContaining([{ name: 'debates' }, { name: 'votes' }, { name: 'vote_events' }]),
    );
    db.close();
  });

  it('apply a failing migration not at all, and leave the version where it was', () => {
    const migrations = join(dir, 'migrations');
    mkdirSync(migrations);
    // The SQL files only: migrations/postgres/ is PostgreSQL's.
    for (const file of readdirSync(MIGRATIONS_DIR).filter((name) => name.endsWith('.sql')))
      copyFileSync(join(MIGRATIONS_DIR, file), join(migrations, file));
    const next = String(loadMigrations().length + 1).padStart(3, '0');
    writeFileSync(join(migrations, `${next}_broken.sql`), 'CREATE TABLE half_done (x);\nTHIS IS NOT SQL;');
    const db = openDatabase(join(dir, 'b.sqlite'));
    expect(() => migrate(db, loadMigrations(migrations))).toThrow();
    expect(schemaVersion(db)).toBe(loadMigrations().length);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half_done'").get()).toBeUndefined();
    db.close();
  });
});
