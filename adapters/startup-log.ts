// Log lines written while the bot starts are held back: a start that fails shows its one plain
// sentence alone, not after JSON lines; a start that succeeds lets them all through, in order.
import pino from 'pino';

export class StartupLog implements pino.DestinationStream {
  readonly #sink = pino.destination({ dest: 2, sync: true });
  #held: string[] | undefined = [];

  write(line: string): void {
    if (this.#held) this.#held.push(line);
    else this.#sink.write(line);
  }

  /** The start went well (or the operator asked for details): what was held is written, then all. */
  release(): void {
    const held = this.#held ?? [];
    this.#held = undefined;
    for (const line of held) this.#sink.write(line);
  }

  /** The start failed: its sentence says why; the lines leading to it are dropped. */
  discard(): void {
    this.#held = undefined;
  }
}
