// `debat forget-workspace T…`: erases a Slack workspace at once, as its retention period would —
// its tokens, debates, channel settings and summaries (README, "Run it for many workspaces"), on
// the SQLite file or on PostgreSQL when DATABASE_URL is set.
import type { Config } from '../src/config.ts';
import { forgetWorkspace } from '../src/installations/retention.ts';
import { migrate } from '../src/store/migrate.ts';
import { openDatabase } from '../src/store/open-database.ts';
import { PostgresInstallationStore } from '../src/store/postgres-installation-store.ts';
import { migratePostgres } from '../src/store/postgres-migrate.ts';
import { openPool } from '../src/store/postgres-pool.ts';
import { PostgresSession } from '../src/store/postgres-session.ts';
import { SqliteInstallationStore } from '../src/store/sqlite-installation-store.ts';
import { FORGET_WORKSPACE_USAGE } from './cli-options.ts';
import type { CliStreams } from './export-cli.ts';

const standard: CliStreams = { out: process.stdout, err: process.stderr };

/** Runs the command; returns the exit code (2: a wrong command line). */
export async function forgetWorkspaceCli(
  argv: string[],
  config: Config,
  io: CliStreams = standard,
): Promise<number> {
  const [workspace, ...rest] = argv;
  if (!workspace || rest.length > 0 || !/^T[A-Z0-9]{2,}$/.test(workspace)) {
    io.err.write(`Which Slack workspace: its team id, e.g. T0123ABCD\nUsage: ${FORGET_WORKSPACE_USAGE}\n`);
    return 2;
  }
  const debates = config.DATABASE_URL
    ? await onPostgres(config.DATABASE_URL, workspace)
    : await onSqlite(config, workspace);
  io.out.write(`Slack workspace ${workspace} forgotten: its tokens and ${debates} debate(s) erased\n`);
  return 0;
}

async function onSqlite(config: Config, workspace: string): Promise<number> {
  const db = openDatabase(config.DEBAT_DB_PATH, config.DEBAT_SYNCHRONOUS);
  try {
    migrate(db);
    return await forgetWorkspace(new SqliteInstallationStore(db), 'slack', workspace);
  } finally {
    db.close();
  }
}

async function onPostgres(url: string, workspace: string): Promise<number> {
  const pool = await openPool({ url, poolSize: 1 });
  try {
    await migratePostgres(pool);
    return await forgetWorkspace(
      new PostgresInstallationStore(new PostgresSession(pool)),
      'slack',
      workspace,
    );
  } finally {
    await pool.end();
  }
}
