import type { Config } from '../config.ts';
import { migrate, schemaVersion } from './migrate.ts';
import { openDatabase } from './open-database.ts';
import { migratePostgres, postgresSchemaVersion } from './postgres-migrate.ts';
import { openPool } from './postgres-pool.ts';

export interface MigrationReport {
  store: 'postgres' | 'sqlite';
  /** The server and database, or the file: never a password. */
  where: string;
  applied: number[];
  version: number;
}

const serverOf = (url: string): string => {
  const parsed = new URL(url);
  return `PostgreSQL ${parsed.hostname || parsed.searchParams.get('host')}:${parsed.port || 5432}${parsed.pathname}`;
};

/** `debat migrate`: PostgreSQL when DATABASE_URL is set, the SQLite file otherwise. */
export async function migrateConfiguredStore(
  config: Pick<Config, 'DATABASE_URL' | 'DEBAT_DB_PATH' | 'DEBAT_SYNCHRONOUS'>,
): Promise<MigrationReport> {
  if (config.DATABASE_URL) {
    const pool = await openPool({ url: config.DATABASE_URL, poolSize: 1, applicationName: 'debat migrate' });
    try {
      const applied = await migratePostgres(pool);
      return {
        store: 'postgres',
        where: serverOf(config.DATABASE_URL),
        applied,
        version: await postgresSchemaVersion(pool),
      };
    } finally {
      await pool.end();
    }
  }
  const db = openDatabase(config.DEBAT_DB_PATH, config.DEBAT_SYNCHRONOUS);
  try {
    return {
      store: 'sqlite',
      where: `SQLite ${config.DEBAT_DB_PATH}`,
      applied: migrate(db),
      version: schemaVersion(db),
    };
  } finally {
    db.close();
  }
}
