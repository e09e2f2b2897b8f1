// Private answers POSTed to a payload's response_url, from a worker thread: the thread that
// verifies, stores and acks Slack's requests does not spend its time on outgoing HTTP (a post
// costs it a share of two messages between threads instead of about 40 µs of HTTP client).
import { Worker } from 'node:worker_threads';
import type { Logger } from '../../src/api.ts';

export class ResponseUrlError extends Error {
  constructor(readonly status: number) {
    super(`response_url answered ${status}`);
    this.name = 'ResponseUrlError';
  }
}

/** What the worker sends back (our own thread, not a platform: a plain check suffices). */
type Answer = { id: number; status: number } | { id: number; error: string };
const isAnswer = (m: unknown): m is Answer =>
  typeof m === 'object' &&
  m !== null &&
  'id' in m &&
  typeof m.id === 'number' &&
  (('status' in m && typeof m.status === 'number') || ('error' in m && typeof m.error === 'string'));

interface Pending {
  resolve: () => void;
  reject: (error: Error) => void;
}

export class ResponseUrlPoster {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  /** Posts asked for during this turn of the event loop, sent to the worker in one message. */
  private outbox: Array<{ id: number; url: string; body: string }> = [];
  private drained: Array<() => void> = [];
  private nextId = 1;

  constructor(private readonly logger: Logger) {}

  /** POSTs `body` as JSON; resolves once Slack answered 2xx, rejects otherwise. */
  post(url: string, body: unknown): Promise<void> {
    const worker = this.started();
    const id = this.nextId++;
    return new Promise<void>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      // Only a post in flight keeps the process alive.
      if (this.pending.size === 1) worker.ref();
      if (this.outbox.length === 0) setImmediate(() => this.send(worker));
      this.outbox.push({ id, url, body: JSON.stringify(body) });
    });
  }

  private send(worker: Worker): void {
    worker.postMessage(this.outbox);
    this.outbox = [];
  }

  /** Waits for the posts in flight, then ends the worker. */
  async close(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    if (this.pending.size > 0) await new Promise<void>((resolve) => this.drained.push(resolve));
    this.worker = undefined;
    await worker.terminate();
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('./response-url-worker.mjs', import.meta.url));
    worker.on('message', (answers: unknown) => {
      if (Array.isArray(answers)) for (const answer of answers) this.settle(answer);
    });
    worker.on('error', (error) => {
      this.logger.error({ err: error }, 'response_url worker failed');
      this.failAll(error);
    });
    worker.on('exit', () => {
      if (this.worker === worker) this.worker = undefined;
      this.failAll(new Error('response_url worker exited'));
    });
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private settle(answer: unknown): void {
    if (!isAnswer(answer)) return;
    const pending = this.pending.get(answer.id);
    if (!pending) return;
    this.pending.delete(answer.id);
    if ('error' in answer) pending.reject(new Error(`response_url: ${answer.error}`));
    else if (answer.status >= 200 && answer.status < 300) pending.resolve();
    else pending.reject(new ResponseUrlError(answer.status));
    if (this.pending.size === 0) this.quiet();
  }

  private failAll(error: Error): void {
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
    this.quiet();
  }

  private quiet(): void {
    this.worker?.unref();
    for (const resolve of this.drained.splice(0)) resolve();
  }
}
