import { PostgresPageStore } from '../../src/store/postgres/page-store.ts';
import { PostgresDebateStore } from '../../src/store/postgres/store.ts';
import { emptiedDatabase } from '../postgres/databases.ts';
import { describeStoreContract } from './contract.ts';

const database = emptiedDatabase();

describeStoreContract('PostgreSQL', async () => {
  const { pool } = await database();
  const store = new PostgresDebateStore(pool);
  // Closing the store ends its pool; the database is emptied for the next test.
  return { store, pages: new PostgresPageStore(store.db), dispose: () => store.close() };
});
