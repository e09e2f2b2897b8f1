import { DoubleClicks } from '../shared/double-clicks.ts';
import { Recent } from '../shared/recent.ts';
import { snowflakeTime } from './people.ts';

/**
 * Redelivered interactions (same id: a gateway replay after a resume, an HTTP retry) and double
 * clicks (two interactions, same person, same button, same message, moments apart) act once.
 * Times come from the interactions' snowflake ids, so the test is the same on every machine.
 * The engine's delivery ids protect votes and arguments across restarts; this guard also covers
 * what has no delivery id (opening a debate, a toggle clicked twice).
 */
export class DeliveryGuard {
  readonly #seen = new Recent<true>(10_000);
  readonly #clicks = new DoubleClicks();

  /** True the first time an interaction id is seen. */
  first(interactionId: string): boolean {
    if (this.#seen.get(interactionId)) return false;
    this.#seen.set(interactionId, true);
    return true;
  }

  /** True when the same person clicked the same component of the same message just before. */
  doubleClick(interactionId: string, userId: string, messageId: string, customId: string): boolean {
    return this.#clicks.isRepeat(userId, messageId, customId, snowflakeTime(interactionId));
  }
}
