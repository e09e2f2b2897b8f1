import { Recent } from '../shared/recent.ts';

/**
 * Redelivered interactions (same id: a gateway replay after a resume, an HTTP retry) act once in
 * this process without reaching the core. The engine's delivery ids protect votes and arguments
 * across restarts and instances; double clicks are the core's rule (decided in the store).
 */
export class DeliveryGuard {
  readonly #seen = new Recent<true>(10_000);

  /** True the first time an interaction id is seen. */
  first(interactionId: string): boolean {
    if (this.#seen.get(interactionId)) return false;
    this.#seen.set(interactionId, true);
    return true;
  }
}
