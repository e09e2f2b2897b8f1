import { PostgresDebateStore } from '../../src/store/postgres/store.ts';
import { migratedTestDatabase } from '../postgres/databases.ts';
import { describeKeepAliveContract } from './keep-alive-contract.ts';

describeKeepAliveContract('PostgreSQL', async () => {
  const database = await migratedTestDatabase();
  const store = new PostgresDebateStore(database.pool);
  return {
    store,
    // The store ends its pool; the database goes with it.
    dispose: () => database.drop(),
  };
});
