// Work done after an ack (posts, updates, modals): tracked so that stop() can wait for it, and
// caught so that one failure never stops the process.
import type { Logger } from '../../src/api.ts';

export class InFlight {
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly logger: Logger) {}

  run(what: string, task: () => Promise<unknown>): void {
    const promise: Promise<void> = task().then(
      () => undefined,
      (error: unknown) => this.logger.error({ err: error, what }, 'slack work after ack failed'),
    );
    this.running.add(promise);
    void promise.finally(() => this.running.delete(promise));
  }

  get size(): number {
    return this.running.size;
  }

  /** Waits until nothing runs, including work started meanwhile. */
  async drain(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }
}
