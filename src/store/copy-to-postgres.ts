// `debat copy-to --database-url …`: a SQLite database moved into an empty PostgreSQL one, in
// one transaction there (a failure leaves it empty), then every table compared, row by row.
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type pg from 'pg';
import { migratePostgres } from './postgres/migrate.ts';

const BATCH = 5_000;

export interface TableReport {
  table: string;
  rows: number;
}

export class CopyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CopyError';
  }
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Kept by each database's own triggers as the rows arrive (a page's revision only tells "changed
 * since"), so neither copied nor compared.
 */
const DERIVED = new Set(['debate_revisions']);

/** Tables of the SQLite database, parents before the tables that reference them. */
function tablesInOrder(db: Database.Database): string[] {
  const tables = (
    db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .pluck()
      .all() as string[]
  ).filter((table) => !DERIVED.has(table));
  const parents = new Map(
    tables.map((table) => [
      table,
      (
        db.prepare('SELECT DISTINCT "table" FROM pragma_foreign_key_list(?)').pluck().all(table) as string[]
      ).filter((parent) => parent !== table),
    ]),
  );
  const ordered: string[] = [];
  const visit = (table: string) => {
    if (ordered.includes(table)) return;
    for (const parent of parents.get(table) ?? []) visit(parent);
    ordered.push(table);
  };
  for (const table of tables) visit(table);
  return ordered;
}

/** Primary key columns (or every column), to read both sides in the same order. */
function orderOf(db: Database.Database, table: string): string[] {
  const columns = db.prepare('SELECT name, pk FROM pragma_table_info(?)').all(table) as {
    name: string;
    pk: number;
  }[];
  const key = columns.filter((column) => column.pk > 0).sort((a, b) => a.pk - b.pk);
  return (key.length > 0 ? key : columns).map((column) => column.name);
}

/** A value as both databases agree to write it: booleans as 0/1, everything else as it is. */
const canonical = (value: unknown): unknown => (typeof value === 'boolean' ? (value ? 1 : 0) : value);

function digest(rows: Iterable<Record<string, unknown>>, hash = createHash('sha256')): number {
  let count = 0;
  for (const row of rows) {
    hash.update(JSON.stringify(Object.values(row).map(canonical)));
    hash.update('\n');
    count++;
  }
  return count;
}

/**
 * Copies every table of `sqlite` (read in one snapshot) into the PostgreSQL database of `pool`,
 * which must hold no debate yet; migrates it first. Then compares each table's rows.
 */
export async function copyToPostgres(sqlite: Database.Database, pool: pg.Pool): Promise<TableReport[]> {
  const kept = sqlite
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'server_settings'")
    .get()
    ? sqlite.prepare("SELECT 1 FROM server_settings WHERE name = 'anonymity_secret'").get()
    : undefined;
  if (kept)
    throw new CopyError(
      'this database still keeps the anonymity key in clear, which the copy would carry: start the bot on it once (the key moves to its key file), then copy',
    );
  await migratePostgres(pool);
  const client = await pool.connect();
  const tables = tablesInOrder(sqlite);
  const reports: TableReport[] = [];
  sqlite.exec('BEGIN');
  try {
    await client.query('BEGIN');
    const { rows } = await client.query('SELECT count(*) AS n FROM debates');
    if (Number(rows[0].n) > 0)
      throw new CopyError('the PostgreSQL database already holds debates: copy-to fills an empty one only');
    for (const table of tables) {
      const order = orderOf(sqlite, table).map(quote).join(', ');
      let batch: unknown[] = [];
      let count = 0;
      const flush = async () => {
        if (batch.length === 0) return;
        await client.query(
          `INSERT INTO ${quote(table)} SELECT * FROM json_populate_recordset(null::${quote(table)}, $1::json)`,
          [JSON.stringify(batch)],
        );
        count += batch.length;
        batch = [];
      };
      for (const row of sqlite.prepare(`SELECT * FROM ${quote(table)} ORDER BY ${order}`).iterate()) {
        batch.push(row);
        if (batch.length === BATCH) await flush();
      }
      await flush();
      reports.push({ table, rows: count });
    }
    // Identity columns go on from the highest id copied.
    const identities = await client.query<{ table_name: string; column_name: string }>(
      `SELECT table_name, column_name FROM information_schema.columns
       WHERE table_schema = current_schema() AND is_identity = 'YES'`,
    );
    for (const { table_name: table, column_name: column } of identities.rows)
      await client.query(
        `SELECT setval(pg_get_serial_sequence($1, $2), coalesce(max(${quote(column)}), 0) + 1, false) FROM ${quote(table)}`,
        [quote(table), column],
      );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    sqlite.exec('COMMIT');
    client.release();
  }
  await compareTables(sqlite, pool, tables);
  return reports;
}

/** Every table, row for row, in primary-key order on both sides (byte order for text). */
export async function compareTables(
  sqlite: Database.Database,
  pool: pg.Pool,
  tables: string[],
): Promise<void> {
  for (const table of tables) {
    const columns = sqlite.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(table) as string[];
    const order = orderOf(sqlite, table);
    const textColumns = new Set(
      sqlite
        .prepare("SELECT name FROM pragma_table_info(?) WHERE upper(type) = 'TEXT'")
        .pluck()
        .all(table) as string[],
    );
    const fromSqlite = createHash('sha256');
    const sqliteRows = digest(
      sqlite
        .prepare(
          `SELECT ${columns.map(quote).join(', ')} FROM ${quote(table)} ORDER BY ${order.map(quote).join(', ')}`,
        )
        .iterate() as Iterable<Record<string, unknown>>,
      fromSqlite,
    );
    const { rows } = await pool.query({
      text: `SELECT ${columns.map(quote).join(', ')} FROM ${quote(table)}
             ORDER BY ${order.map((column) => (textColumns.has(column) ? `${quote(column)} COLLATE "C"` : quote(column))).join(', ')}`,
      rowMode: 'array',
    });
    const fromPostgres = createHash('sha256');
    const postgresRows = digest(
      rows.map((row: unknown[]) => Object.fromEntries(row.map((value, index) => [columns[index], value]))),
      fromPostgres,
    );
    if (sqliteRows !== postgresRows || fromSqlite.digest('hex') !== fromPostgres.digest('hex'))
      throw new CopyError(
        `table ${table} differs after the copy (${sqliteRows} rows in SQLite, ${postgresRows} in PostgreSQL)`,
      );
  }
}
