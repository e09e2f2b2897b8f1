import type Database from 'better-sqlite3';
import type { Config } from './config.ts';
import type { Logger } from './domain/logger.ts';
import type { DebateStore } from './store/ports/debate-store.ts';
import type { InstallationStore } from './store/ports/installations.ts';
import type { ScoreboardPacing } from './store/ports/pacing.ts';
import type { PageStore } from './store/ports/pages.ts';
import { PostgresInstallationStore } from './store/postgres/installation-store.ts';
import { migratePostgres, postgresSchemaVersion } from './store/postgres/migrate.ts';
import { PostgresScoreboardPacing } from './store/postgres/pacing.ts';
import { PostgresPageStore } from './store/postgres/page-store.ts';
import { openPool } from './store/postgres/pool.ts';
import { PostgresDebateStore } from './store/postgres/store.ts';
import { SqliteInstallationStore } from './store/sqlite/installation-store.ts';
import { migrate, schemaVersion } from './store/sqlite/migrate.ts';
import { openDatabase } from './store/sqlite/open-database.ts';
import { SqlitePageStore } from './store/sqlite/page-store.ts';
import { readerOf } from './store/sqlite/reader.ts';
import { SqliteDebateStore } from './store/sqlite/store.ts';

export interface OpenedStore {
  kind: 'sqlite' | 'postgres';
  /** The server and database, or the file: never a password. */
  where: string;
  /** Migrations applied by this opening, and the schema version now. */
  applied: number[];
  version: number;
  /** The SQLite handle, for what only SQLite keeps; undefined on PostgreSQL. */
  sqlite?: Database.Database | undefined;
  store: DebateStore;
  pages: PageStore;
  /** Apps installed by many workspaces (Slack OAuth), their tokens sealed. */
  installations: InstallationStore;
  /** Scoreboard edit slots shared by the instances of a fleet (PostgreSQL only). */
  pacing?: ScoreboardPacing | undefined;
  /** Whether the database answers a trivial query now (GET /healthz). */
  answers(): Promise<boolean>;
}

const HEALTH_TIMEOUT_MS = 2_000;

/** Where a PostgreSQL store is, for operators: never a password. */
const serverOf = (url: string): string => {
  const parsed = new URL(url);
  return `PostgreSQL ${parsed.hostname || parsed.searchParams.get('host')}:${parsed.port || 5432}${parsed.pathname}`;
};

/** PostgreSQL when DATABASE_URL is set, the SQLite file otherwise; migrated either way. */
export async function openStore(
  config: Pick<Config, 'DATABASE_URL' | 'DATABASE_POOL_SIZE' | 'DEBAT_DB_PATH' | 'DEBAT_SYNCHRONOUS'>,
  logger: Logger,
): Promise<OpenedStore> {
  if (config.DATABASE_URL) {
    const pool = await openPool({
      url: config.DATABASE_URL,
      poolSize: config.DATABASE_POOL_SIZE,
      onIdleError: (error) => logger.warn({ err: error }, 'PostgreSQL connection lost; the pool replaces it'),
    });
    const applied = await migratePostgres(pool);
    if (applied.length > 0) logger.info({ applied }, 'migrations applied');
    const version = await postgresSchemaVersion(pool);
    const store = new PostgresDebateStore(pool, (error) =>
      logger.warn({ err: error }, 'PostgreSQL notifications connection lost; reconnecting'),
    );
    // A change saved by another instance before this one listens would go unheard.
    await store.listening();
    return {
      kind: 'postgres',
      where: serverOf(config.DATABASE_URL),
      applied,
      version,
      store,
      pages: new PostgresPageStore(store.db),
      installations: new PostgresInstallationStore(store.db),
      pacing: new PostgresScoreboardPacing(store.db),
      answers: async () => {
        const timeout = new Promise<boolean>((resolve) =>
          setTimeout(resolve, HEALTH_TIMEOUT_MS, false).unref(),
        );
        const probe = pool.query('SELECT 1').then(
          () => true,
          () => false,
        );
        return Promise.race([probe, timeout]);
      },
    };
  }
  const db = openDatabase(config.DEBAT_DB_PATH, config.DEBAT_SYNCHRONOUS);
  const applied = migrate(db);
  if (applied.length > 0) logger.info({ applied }, 'migrations applied');
  // The log's checkpoints run on the reading thread, not inside a commit on the event loop.
  readerOf(db)?.takeCheckpoints();
  return {
    kind: 'sqlite',
    where: `SQLite ${config.DEBAT_DB_PATH}`,
    applied,
    version: schemaVersion(db),
    sqlite: db,
    store: new SqliteDebateStore(db),
    pages: new SqlitePageStore(db),
    installations: new SqliteInstallationStore(db),
    answers: async () => {
      try {
        return db.open && db.prepare('SELECT 1').get() !== undefined;
      } catch {
        return false;
      }
    },
  };
}
