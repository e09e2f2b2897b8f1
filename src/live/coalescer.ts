import type { Logger } from '../engine/logger.ts';

/** What an update reports: done, or "try again after this many ms" (a 429's Retry-After). */
export type UpdateResult = undefined | { retryAfterMs: number } | typeof UNCHANGED;
/** An update that sent nothing (the message already showed it): the interval does not start. */
export const UNCHANGED = { unchanged: true } as const;
/** An update; resolving to `{ retryAfterMs }` asks for another try later, anything else means done. */
export type UpdateWork = () => Promise<unknown>;

const retryAfter = (result: unknown): number | undefined =>
  typeof result === 'object' &&
  result !== null &&
  'retryAfterMs' in result &&
  typeof result.retryAfterMs === 'number'
    ? result.retryAfterMs
    : undefined;

interface KeyState {
  pending: UpdateWork | undefined;
  timer: NodeJS.Timeout | undefined;
  running: Promise<void> | undefined;
  lastRun: number;
}

/**
 * Coalesces updates per message: at most one run per key every `intervalMs`, always with the
 * latest work, and one final run after the last change so the message ends exact. Keys never
 * wait on each other, so a rate-limited message holds back nothing else.
 */
export class UpdateCoalescer {
  private readonly states = new Map<string, KeyState>();
  private closed = false;

  constructor(
    private readonly intervalMs: number,
    private readonly logger: Logger,
  ) {}

  schedule(key: string, work: UpdateWork): void {
    const state = this.states.get(key) ?? {
      pending: undefined,
      timer: undefined,
      running: undefined,
      lastRun: 0,
    };
    this.states.set(key, state);
    state.pending = work;
    if (!state.running && !state.timer) this.arm(key, state, state.lastRun + this.intervalMs - Date.now());
  }

  private arm(key: string, state: KeyState, delayMs: number): void {
    if (this.closed) return;
    state.timer = setTimeout(() => this.fire(key, state), Math.max(0, delayMs));
  }

  private fire(key: string, state: KeyState): void {
    state.timer = undefined;
    const work = state.pending;
    state.pending = undefined;
    if (!work) {
      // A quiet interval went by: the next change may go at once.
      this.states.delete(key);
      return;
    }
    state.lastRun = Date.now();
    state.running = (async () => {
      let retryAfterMs: number | undefined;
      try {
        const result = await work();
        retryAfterMs = retryAfter(result);
        if (result === UNCHANGED) state.lastRun = 0;
      } catch (error) {
        this.logger.warn({ err: error, key }, 'scoreboard update failed');
      }
      state.running = undefined;
      if (retryAfterMs !== undefined) {
        state.pending ??= work;
        this.arm(key, state, retryAfterMs);
      } else if (!state.timer) {
        // Remember this run for one interval, so a change arriving meanwhile waits its turn.
        this.arm(key, state, state.lastRun + this.intervalMs - Date.now());
      }
    })();
  }

  /** Number of messages with an update waiting or running, or updated less than an interval ago. */
  get size(): number {
    return this.states.size;
  }

  /** Runs every waiting update now and waits for all of them (shutdown). */
  async flush(): Promise<void> {
    for (let round = 0; round < 3 && this.states.size > 0; round++) {
      const running: Promise<void>[] = [];
      for (const [key, state] of this.states) {
        if (state.running) running.push(state.running);
        if (state.timer) {
          clearTimeout(state.timer);
          this.fire(key, state);
        }
        if (state.running) running.push(state.running);
      }
      await Promise.all(running);
    }
  }

  /** Flushes, then refuses further scheduling. */
  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
    for (const state of this.states.values()) if (state.timer) clearTimeout(state.timer);
    this.states.clear();
  }
}
