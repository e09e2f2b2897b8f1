import type Database from 'better-sqlite3';

interface PendingWrite {
  work: () => unknown;
  resolve: (value: unknown) => void;
  reject: (reason: unknown) => void;
}

/**
 * Group commit: the writes asked for during one turn of the event loop (concurrent clicks,
 * commands) share one IMMEDIATE transaction, and so one commit. Each write runs in its own
 * savepoint, so a failing one undoes only itself; every promise settles after the COMMIT, so an
 * answered vote is a committed vote. A lone write costs one `setImmediate` more.
 */
export class GroupCommit {
  private queue: PendingWrite[] = [];
  private scheduled = false;
  private readonly runAll: Database.Transaction<(batch: PendingWrite[]) => unknown[]>;

  constructor(db: Database.Database) {
    // A transaction function called inside another one runs as a SAVEPOINT.
    const runOne = db.transaction((work: () => unknown) => work());
    this.runAll = db.transaction((batch: PendingWrite[]) =>
      batch.map((item) => {
        try {
          return { ok: true, value: runOne(item.work) };
        } catch (error) {
          return { ok: false, error };
        }
      }),
    );
  }

  write<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const batch = this.queue;
    this.queue = [];
    let results: unknown[];
    try {
      results = this.runAll.immediate(batch);
    } catch (error) {
      // BEGIN or COMMIT itself failed (e.g. the database stayed locked): nothing was written.
      for (const item of batch) item.reject(error);
      return;
    }
    batch.forEach((item, index) => {
      const result = results[index] as { ok: true; value: unknown } | { ok: false; error: unknown };
      if (result.ok) item.resolve(result.value);
      else item.reject(result.error);
    });
  }
}
