import type { Result } from '../../domain/result.ts';

// What every write of the store shares: its delivery key and the core's check.
/** A delivery key makes an operation idempotent: the second time, nothing changes. */
export interface Delivery {
  deliveryKey?: string | undefined;
}

/**
 * The core's rule for a write, run by the store inside the write's transaction on the state it
 * just read there: the store stores, the core decides. A failure writes nothing.
 */
export type Check<State extends unknown[]> = (...state: State) => Result<void>;
