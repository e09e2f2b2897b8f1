import { PostgresInstallationStore } from '../../src/store/postgres/installation-store.ts';
import { PostgresDebateStore } from '../../src/store/postgres/store.ts';
import { emptiedDatabase } from '../postgres/databases.ts';
import { describeInstallationStore } from './contract.ts';

const database = emptiedDatabase();

describeInstallationStore('PostgreSQL', async () => {
  const { pool } = await database();
  const debates = new PostgresDebateStore(pool);
  return {
    store: new PostgresInstallationStore(debates.db),
    debates,
    // What a dump holds: every row of every table, as text.
    async everything() {
      const { rows } = await pool.query<{ name: string }>(
        "SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = 'public'",
      );
      let text = '';
      for (const { name } of rows) {
        const dump = await pool.query(`SELECT t::text AS row FROM ${name} t`);
        text += dump.rows.map((row) => row.row).join('\n');
      }
      return text;
    },
    dispose: () => debates.close(),
  };
});
