import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate } from '../../src/store/sqlite/migrate.ts';
import { openDatabase } from '../../src/store/sqlite/open-database.ts';
import { SqliteDebateStore } from '../../src/store/sqlite/store.ts';
import { describeKeepAliveContract } from './keep-alive-contract.ts';

describeKeepAliveContract('SQLite file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'debat-keep-alive-'));
  const db = openDatabase(join(dir, 'store.sqlite'));
  migrate(db);
  const store = new SqliteDebateStore(db);
  return {
    store,
    async dispose() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
