/**
 * Starts waiting work one piece per turn of the event loop. Timers that fall due together (the
 * scoreboard edits of every busy debate, once an interval) would otherwise run back to back in
 * one turn, and a click arriving meanwhile would wait for all of them; between two pieces the loop
 * reads its sockets, so the click is acknowledged first. A piece alone in its turn goes at once.
 */
export class Turns {
  readonly #waiting: Array<() => void> = [];
  /** A piece went in this turn: the next ones wait for later turns. */
  #taken = false;

  /** Resolves at this caller's own turn, after those who asked before it. */
  next(): Promise<void> {
    if (!this.#taken) {
      this.#taken = true;
      setImmediate(this.#step);
      return Promise.resolve();
    }
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  readonly #step = (): void => {
    const start = this.#waiting.shift();
    if (!start) {
      this.#taken = false;
      return;
    }
    start();
    // Set from inside a check phase, the next step runs at the next turn, after the poll phase.
    setImmediate(this.#step);
  };
}
