import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteInstallationStore } from '../../src/store/sqlite/installation-store.ts';
import { migrate } from '../../src/store/sqlite/migrate.ts';
import { openDatabase } from '../../src/store/sqlite/open-database.ts';
import { SqliteDebateStore } from '../../src/store/sqlite/store.ts';
import { describeInstallationStore } from './contract.ts';

describeInstallationStore('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'debat-installations-'));
  const db = openDatabase(join(dir, 'debat.sqlite'));
  migrate(db);
  return {
    store: new SqliteInstallationStore(db),
    debates: new SqliteDebateStore(db),
    // The database file and its journal, as they are on disk.
    async everything() {
      return readdirSync(dir)
        .map((file) => readFileSync(join(dir, file)).toString('latin1'))
        .join('');
    },
    async dispose() {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
