import { createHash } from 'node:crypto';
import type { Socket } from 'node:net';
import pg from 'pg';
import { metrics } from '../../metrics.ts';

// biome-ignore lint/suspicious/noExplicitAny: rows are typed by each caller's SQL.
export type Row = Record<string, any>;

/** Runs one statement; statements of one transaction are pipelined until someone awaits. */
export type Query = <R extends Row = Row>(text: string, values?: readonly unknown[]) => Promise<R[]>;

export interface Transaction {
  query: Query;
  /** Sends COMMIT now, pipelined behind the statements already sent (saves a round trip). */
  commit(): Promise<void>;
}

/** Retried once more each: another transaction won a race the database detected. */
const RETRYABLE = new Set(['40001', '40P01']);
const ATTEMPTS = 5;

/** Named statements are parsed once per connection: the name is the text's hash. */
const names = new Map<string, string>();
const nameOf = (text: string): string => {
  let name = names.get(text);
  if (name === undefined) {
    name = `debat_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`;
    names.set(text, name);
  }
  return name;
};

/**
 * Statements sent by one stretch of code leave in one write: the client's socket is corked at the
 * first and uncorked once that code has run (the driver corks each statement on its own, so a
 * pipelined transaction would otherwise cost the kernel one write per statement).
 */
function corking(client: pg.PoolClient): () => void {
  const socket = (client as unknown as { connection?: { stream?: Partial<Socket> } }).connection?.stream;
  if (typeof socket?.cork !== 'function' || typeof socket.uncork !== 'function') return () => {};
  let corked = false;
  const uncork = () => {
    corked = false;
    socket.uncork?.();
  };
  return () => {
    if (corked) return;
    corked = true;
    socket.cork?.();
    process.nextTick(uncork);
  };
}

const on = (client: pg.PoolClient | pg.Pool): Query => {
  const cork = client instanceof pg.Pool ? () => {} : corking(client as pg.PoolClient);
  return async (text, values = []) => {
    cork();
    return (await client.query({ name: nameOf(text), text, values: values as unknown[] })).rows;
  };
};

/** Statements and transactions on the pool; the pool's clients pipeline (see pool.ts). */
export class PostgresSession {
  readonly query: Query;
  /** Statements and transactions asked for and not answered yet: `drain()` waits for them. */
  private readonly pending = new Set<Promise<unknown>>();

  constructor(readonly pool: pg.Pool) {
    const query = on(pool);
    this.query = (text, values) => this.track(query(text, values));
  }

  private track<T>(work: Promise<T>): Promise<T> {
    this.pending.add(work);
    const forget = () => this.pending.delete(work);
    work.then(forget, () => {
      forget();
      metrics.storeErrors.inc();
    });
    return work;
  }

  /** Resolves once everything asked for so far is answered (before the pool closes). */
  async drain(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  /**
   * Reads that must agree with each other: one snapshot, sent together, committed at once.
   * `work` sends all its statements before it first awaits (they leave with the COMMIT).
   */
  read<T>(work: (query: Query) => Promise<T>): Promise<T> {
    return this.transaction(async (tx) => {
      const result = work(tx.query);
      await Promise.all([result, tx.commit()]);
      return result;
    }, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  }

  /**
   * Runs `work` in one transaction (READ COMMITTED; writes take the row and advisory locks they
   * need) and commits it, unless `work` committed already. A deadlock or serialization failure
   * is retried from the start; any other error rolls back and is thrown.
   */
  transaction<T>(work: (tx: Transaction) => Promise<T>, begin = 'BEGIN'): Promise<T> {
    return this.track(this.attempt(work, begin));
  }

  private async attempt<T>(work: (tx: Transaction) => Promise<T>, begin: string): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const client = await this.pool.connect();
      let committed = false;
      let broken: Error | undefined;
      // A connection lost while checked out is reported on the client, not on a statement: kept
      // here (the client is then discarded) rather than thrown at the process.
      const lost = (error: Error) => {
        broken = error;
      };
      client.on('error', lost);
      try {
        const query = on(client);
        const begun = query(begin);
        const tx: Transaction = {
          query,
          commit: async () => {
            committed = true;
            await query('COMMIT');
          },
        };
        // BEGIN and the first statements leave together.
        const [, result] = await Promise.all([begun, work(tx)]);
        if (!committed) await tx.commit();
        return result;
      } catch (error) {
        const retry = RETRYABLE.has((error as { code?: string }).code ?? '') && attempt < ATTEMPTS;
        await client.query('ROLLBACK').catch((rollback: Error) => {
          broken = rollback;
        });
        if (!retry) throw error;
      } finally {
        client.off('error', lost);
        client.release(broken);
      }
    }
  }
}
