// Long reads (a weekly summary pass, the page of a big debate) on a thread of their own, with its
// own connection to the bot's SQLite file: better-sqlite3 reads synchronously, and on the event
// loop a 100 ms read is 100 ms during which no click is acknowledged. In WAL mode that connection
// reads the last commit while the bot keeps writing. A database in memory has no file to share:
// its reads stay on the event loop.
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { statementCache } from './statement-cache.ts';

export interface ReadStatement {
  sql: string;
  /** Named (object) or positional (array) parameters, as better-sqlite3 takes them. */
  params?: Record<string, unknown> | unknown[];
}

/** What the thread answers (our own thread, not a platform: a plain check suffices). */
const Answer = z.union([
  z.object({
    id: z.number(),
    /** Each statement's column names, with the first part. */
    columns: z.array(z.array(z.string())).optional(),
    parts: z.array(z.tuple([z.number(), z.array(z.unknown())])),
    done: z.boolean(),
  }),
  z.object({ id: z.number(), error: z.string() }),
]);

interface Waiting {
  /** The rows received so far, one list per statement. */
  rows: unknown[][];
  columns: string[][];
  resolve: (rows: unknown[][]) => void;
  reject: (error: Error) => void;
}

/** How often the reading thread checkpoints the log once it has taken that over. */
const CHECKPOINT_EVERY_MS = 1000;

export class SqliteReader {
  private worker: Worker | undefined;
  private next = 0;
  private readonly waiting = new Map<number, Waiting>();

  /** Whether the thread checkpoints the log instead of the writing connection. */
  private checkpoints = false;

  constructor(
    private readonly file: string,
    /** The writing connection, whose own checkpoints stop while a thread takes them. */
    private readonly writer?: Database.Database,
  ) {}

  /**
   * Starts the thread now and has it take the log's checkpoints over (see reader-worker.mjs);
   * asked before the first read, as the store opens.
   */
  takeCheckpoints(): void {
    if (this.worker) return;
    this.checkpoints = true;
    this.started();
  }

  /**
   * Runs the statements in one read transaction on the thread; the rows of each, in order. Rows
   * arrive in parts of a few thousand, the next asked for after a turn of the event loop: copying
   * 100,000 rows into this thread at once would hold the loop for as long.
   */
  read(statements: readonly ReadStatement[]): Promise<unknown[][]> {
    const worker = this.started();
    const id = ++this.next;
    if (this.waiting.size === 0) worker.ref();
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { rows: statements.map(() => []), columns: [], resolve, reject });
      worker.postMessage({ id, statements });
    });
  }

  /** Ends the thread (reads in flight are answered with an error). */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.terminate();
    this.fail(new Error('the database is closed'));
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    // Plain JavaScript: none of the parent's loader flags (a TypeScript loader in tests) to start.
    const worker = new Worker(new URL('./reader-worker.mjs', import.meta.url), {
      workerData: { file: this.file, checkpointEveryMs: this.checkpoints ? CHECKPOINT_EVERY_MS : undefined },
      execArgv: [],
    });
    if (this.checkpoints) this.ownCheckpoints(false);
    // Only reads in flight keep the process alive (read() refs it).
    worker.unref();
    worker.on('message', (message: unknown) => {
      const answer = Answer.parse(message);
      const waiting = this.waiting.get(answer.id);
      if (waiting && 'parts' in answer) {
        if (answer.columns) waiting.columns = answer.columns;
        for (const [index, rows] of answer.parts)
          named(waiting.columns[index] ?? [], rows, waiting.rows[index]);
      }
      if ('parts' in answer && !answer.done) {
        setImmediate(() => {
          if (this.worker === worker && this.waiting.has(answer.id))
            worker.postMessage({ id: answer.id, next: true });
        });
        return;
      }
      this.waiting.delete(answer.id);
      // An idle thread does not keep the process alive.
      if (this.waiting.size === 0) worker.unref();
      if (!waiting) return;
      if ('error' in answer) return waiting.reject(new Error(answer.error));
      waiting.resolve(waiting.rows);
    });
    worker.on('error', (error) => {
      if (this.worker === worker) {
        this.worker = undefined;
        // No thread to take them: the writing connection checkpoints again until one starts.
        this.ownCheckpoints(true);
      }
      this.fail(error);
    });
    this.worker = worker;
    return worker;
  }

  /** SQLite's own rule (a checkpoint at the commit that takes the log past 1,000 pages), or none. */
  private ownCheckpoints(on: boolean): void {
    if (this.writer?.open) this.writer.pragma(`wal_autocheckpoint = ${on ? 1000 : 0}`);
  }

  private fail(error: Error): void {
    for (const waiting of this.waiting.values()) waiting.reject(error);
    this.waiting.clear();
  }
}

/** Rows sent as arrays, made objects keyed by column name again (as better-sqlite3 returns them). */
function named(columns: readonly string[], rows: readonly unknown[], into: unknown[] | undefined): void {
  if (!into) return;
  for (const row of rows) {
    if (!Array.isArray(row)) throw new Error('the reading thread sent a row that is not a list');
    const object: Record<string, unknown> = {};
    for (let i = 0; i < columns.length; i++) object[columns[i]!] = row[i];
    into.push(object);
  }
}

const readers = new WeakMap<Database.Database, SqliteReader>();

/** The reading thread of a database file (one per connection), or none for a database in memory. */
export function readerOf(db: Database.Database): SqliteReader | undefined {
  if (db.memory) return undefined;
  let reader = readers.get(db);
  if (!reader) {
    reader = new SqliteReader(db.name, db);
    readers.set(db, reader);
  }
  return reader;
}

/** Ends the reading thread of a database about to be closed. */
export async function closeReader(db: Database.Database): Promise<void> {
  const reader = readers.get(db);
  readers.delete(db);
  await reader?.close();
}

const syncReads = new WeakMap<Database.Database, (statements: readonly ReadStatement[]) => unknown[][]>();

/**
 * Statements read together in one transaction, so their rows agree: on the database's reading
 * thread when it has a file, else on the event loop (a database in memory).
 */
export function readTogether(
  db: Database.Database,
  statements: readonly ReadStatement[],
): Promise<unknown[][]> {
  const reader = readerOf(db);
  if (reader) return reader.read(statements);
  let read = syncReads.get(db);
  if (!read) {
    const stmt = statementCache(db);
    read = db.transaction((list: readonly ReadStatement[]) =>
      list.map(({ sql, params }) => (params === undefined ? stmt(sql).all() : stmt(sql).all(params))),
    );
    syncReads.set(db, read);
  }
  return Promise.resolve(read(statements));
}
