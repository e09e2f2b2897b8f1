import type { Logger } from '../domain/logger.ts';
import { Turns } from './turns.ts';

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
  /** When the platform (or the fleet) said the next try may go, if it asked to wait. */
  retryAt?: number | undefined;
  /** Failed runs in a row (a 500, a cut connection): each is tried again, a little later. */
  failures?: number | undefined;
}

/**
 * A failed update is tried again (with the latest state) after a wait that doubles from one
 * interval up to a minute, at most this many times in a row: the message ends exact once the
 * platform answers again, and a message that can never be edited stops being tried.
 */
const FAILED_TRIES = 8;
const MAX_FAILURE_WAIT_MS = 60_000;

/** How long a shutdown waits for the waits platforms asked for before sending what it can. */
const FLUSH_LIMIT_MS = 10_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Coalesces updates per message: at most one run per key every `intervalMs`, always with the
 * latest work, and one final run after the last change so the message ends exact. Keys never
 * wait on each other, so a rate-limited message holds back nothing else.
 */
export class UpdateCoalescer {
  private readonly states = new Map<string, KeyState>();
  private readonly turns = new Turns();
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
    state.retryAt = undefined;
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
      await this.turns.next();
      try {
        const result = await work();
        retryAfterMs = retryAfter(result);
        if (result === UNCHANGED) state.lastRun = 0;
        state.failures = undefined;
      } catch (error) {
        const failures = (state.failures ?? 0) + 1;
        state.failures = failures;
        const again = failures <= FAILED_TRIES;
        this.logger.warn({ err: error, key, failures, again }, 'scoreboard update failed');
        if (again)
          retryAfterMs = Math.min(MAX_FAILURE_WAIT_MS, Math.max(this.intervalMs, 250) * 2 ** (failures - 1));
      }
      state.running = undefined;
      if (retryAfterMs !== undefined) {
        state.pending ??= work;
        state.retryAt = Date.now() + retryAfterMs;
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

  /**
   * Runs every waiting update now and waits for all of them. An update the platform or the fleet
   * asked to hold (a 429, another instance's edit slot) waits for its turn, up to `limitMs`
   * (shutdown gives it time, so the last state is not dropped for a wait about to end); after
   * that each goes once more as it can.
   */
  async flush(limitMs = 0): Promise<void> {
    const deadline = Date.now() + limitMs;
    for (let round = 0; round < 100 && this.states.size > 0; round++) {
      const waits: Promise<unknown>[] = [];
      const late = Date.now() >= deadline;
      for (const [key, state] of this.states) {
        if (state.running) {
          waits.push(state.running);
          continue;
        }
        if (!state.timer) continue;
        const wait = (state.retryAt ?? 0) - Date.now();
        if (!late && state.pending && wait > 0) {
          // Its own timer sends it when the wait is over (or the deadline comes first).
          waits.push(sleep(Math.min(wait, deadline - Date.now()) + 1));
          continue;
        }
        clearTimeout(state.timer);
        this.fire(key, state);
        if (state.running) waits.push(state.running);
      }
      if (waits.length === 0) return;
      await Promise.all(waits);
      if (late) return;
    }
  }

  /** Flushes, then refuses further scheduling. */
  async close(): Promise<void> {
    await this.flush(FLUSH_LIMIT_MS);
    this.closed = true;
    for (const state of this.states.values()) if (state.timer) clearTimeout(state.timer);
    this.states.clear();
  }
}
