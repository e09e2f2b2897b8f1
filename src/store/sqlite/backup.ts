import { existsSync, renameSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { reorderCopy } from './anonymity.ts';

const hasDebatesTable = (db: Database.Database): boolean =>
  db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'votes'").get() !== undefined;

/** An expected failure of a backup, shown as its message alone. */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

export interface BackupResult {
  file: string;
  pages: number;
  schemaVersion: number;
  debates: number;
}

// Every remaining page in one step: the copy reads one snapshot, so writes made meanwhile by the
// running bot (another connection) cannot restart it, and WAL readers never block those writers.
const ALL_PAGES = 0x7fffffff;

/**
 * Copies the live database `source` to `target` with SQLite's online backup API while the bot
 * keeps running. The copy is written beside the target, checked (`integrity_check`), turned into
 * a single self-contained file (no -wal beside it), and only then renamed to its final name: a
 * backup that failed half-way never carries the name of a good one.
 */
export async function backupDatabase(source: string, target: string): Promise<BackupResult> {
  const file = resolve(target);
  if (resolve(source) === file)
    throw new BackupError(`The backup cannot overwrite the database itself (${file}).`);
  if (existsSync(file)) throw new BackupError(`${file} already exists: choose a new file name.`);
  if (!existsSync(dirname(file))) throw new BackupError(`The folder ${dirname(file)} does not exist.`);
  if (!existsSync(source)) throw new BackupError(`No database at ${resolve(source)}.`);

  const partial = `${file}.partial-${process.pid}`;
  const db = new Database(source, { fileMustExist: true, timeout: 5000 });
  try {
    const { totalPages } = await db.backup(partial, { progress: () => ALL_PAGES });
    const copy = new Database(partial, { fileMustExist: true });
    try {
      const check = copy.pragma('integrity_check', { simple: true });
      if (check !== 'ok') throw new BackupError(`The copy failed its integrity check: ${String(check)}`);
      // The copy keeps no order of anonymous votes, even of those the bot has not reordered yet.
      if (hasDebatesTable(copy)) reorderCopy(copy);
      copy.pragma('journal_mode = DELETE');
      const schemaVersion = copy.pragma('user_version', { simple: true }) as number;
      const hasDebates = copy
        .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'debates'")
        .get();
      const debates = hasDebates
        ? (copy.prepare('SELECT count(*) AS n FROM debates').get() as { n: number }).n
        : 0;
      copy.close();
      renameSync(partial, file);
      return { file, pages: totalPages, schemaVersion, debates };
    } finally {
      if (copy.open) copy.close();
    }
  } finally {
    db.close();
    for (const leftover of [partial, `${partial}-wal`, `${partial}-shm`, `${partial}-journal`])
      rmSync(leftover, { force: true });
  }
}
