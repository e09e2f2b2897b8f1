import { Recent } from './recent.ts';

/** Two clicks closer than this, by one person on one button of one message, are one click. */
export const DOUBLE_CLICK_MS = 1500;

/**
 * Remembers each person's last click per button, so that a double click acts once: a vote is not
 * cast and withdrawn at once, a list does not open twice. Times come from the platform (Slack's
 * action_ts, a Discord snowflake), so the answer is the same on every machine.
 */
export class DoubleClicks {
  readonly #last = new Recent<number>(10_000);

  /** True when the same person clicked the same button of the same message just before. */
  isRepeat(person: string, message: string, button: string, atMs: number): boolean {
    const key = `${person}/${message}/${button}`;
    const previous = this.#last.get(key);
    this.#last.set(key, atMs);
    return previous !== undefined && Math.abs(atMs - previous) < DOUBLE_CLICK_MS;
  }
}
