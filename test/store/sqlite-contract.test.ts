import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate } from '../../src/store/migrate.ts';
import { openDatabase } from '../../src/store/open-database.ts';
import { SqlitePageStore } from '../../src/store/sqlite-page-store.ts';
import { SqliteDebateStore } from '../../src/store/sqlite-store.ts';
import { describeStoreContract } from './contract.ts';

describeStoreContract('SQLite file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'debat-store-'));
  const db = openDatabase(join(dir, 'store.sqlite'));
  migrate(db);
  const store = new SqliteDebateStore(db);
  return {
    store,
    pages: new SqlitePageStore(db),
    async dispose() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describeStoreContract('SQLite in memory', async () => {
  const db = openDatabase(':memory:');
  migrate(db);
  const store = new SqliteDebateStore(db);
  return { store, pages: new SqlitePageStore(db), dispose: () => store.close() };
});
