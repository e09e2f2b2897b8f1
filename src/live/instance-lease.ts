// How claimed work outlives its instance by less than a minute. Each instance holds a lease in the
// store, renewed every few seconds while the process lives; every claim names its instance. A
// claim is taken over when its instance's lease has lapsed (the process was killed, its machine
// lost), or when the claim is older than the retry window (a post that failed on a live instance).
// A lease rather than PostgreSQL session locks: the same rule then holds on SQLite, and a claim
// survives a dropped connection of a live instance instead of being posted twice.
import { randomUUID } from 'node:crypto';
import type { Clock } from '../domain/clock.ts';
import type { Logger } from '../domain/logger.ts';
import type { ClaimWindow, LeaseStore } from '../store/ports/leases.ts';

/** How often a live instance renews its lease. */
export const LEASE_RENEW_MS = 5_000;
/** A lease not renewed for this long belongs to a dead instance: its claims are taken over. */
export const LEASE_TTL_MS = 20_000;
/** A claim of a live instance not completed within this time (its post failed) is tried again. */
export const CLAIM_RETRY_MS = 5 * 60_000;

export class InstanceLease {
  readonly id: string;
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly store: LeaseStore,
    private readonly clock: Clock,
    private readonly logger: Logger,
    id: string = randomUUID(),
  ) {
    this.id = id;
  }

  /** Renews now, then every LEASE_RENEW_MS until `stop`. */
  async start(): Promise<void> {
    await this.renew();
    this.#timer ??= setInterval(() => void this.renew(), LEASE_RENEW_MS);
    this.#timer.unref();
  }

  async renew(): Promise<void> {
    try {
      await this.store.renewInstanceLease(this.id, this.clock.now().getTime());
    } catch (error) {
      this.logger.warn({ err: error }, 'instance lease not renewed; tried again in a few seconds');
    }
  }

  /**
   * The window of a claim made at `at`, after renewing the lease at that instant (so the claim is
   * this live instance's even where no timer runs, as in a one-off command).
   */
  async window(at: number, retryMs = CLAIM_RETRY_MS): Promise<ClaimWindow> {
    await this.store.renewInstanceLease(this.id, at);
    return { instance: this.id, at, staleBefore: at - retryMs, aliveSince: at - LEASE_TTL_MS };
  }

  /** Stops renewing and frees this instance's unfinished claims at once. */
  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    await this.store.releaseInstanceLease(this.id).catch(() => undefined);
  }
}
