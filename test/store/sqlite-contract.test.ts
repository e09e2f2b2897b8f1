import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { migrate } from '../../src/store/sqlite/migrate.ts';
import { openDatabase } from '../../src/store/sqlite/open-database.ts';
import { SqlitePageStore } from '../../src/store/sqlite/page-store.ts';
import { SqliteDebateStore } from '../../src/store/sqlite/store.ts';
import { describeStoreContract } from './contract.ts';

// Migrated once; each case opens its own copy, a fresh database file (migrating a file per case
// cost 80 ms of the suite's time, copying it well under one).
const dir = mkdtempSync(join(tmpdir(), 'debat-store-'));
const migrated = join(dir, 'migrated.sqlite');
const template = openDatabase(migrated);
migrate(template);
template.close();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
describeStoreContract('SQLite file', async () => {
  const path = join(dir, `store-${++files}.sqlite`);
  copyFileSync(migrated, path);
  const db = openDatabase(path);
  const store = new SqliteDebateStore(db);
  return {
    store,
    pages: new SqlitePageStore(db),
    async dispose() {
      await store.close();
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
    },
  };
});

describeStoreContract('SQLite in memory', async () => {
  const db = openDatabase(':memory:');
  migrate(db);
  const store = new SqliteDebateStore(db);
  return { store, pages: new SqlitePageStore(db), dispose: () => store.close() };
});
