// A program in a real pseudo-terminal, read back as a person sees its screen.
//
// The pty comes from util-linux's `script` (always there on Linux: no native build, unlike
// node-pty); what the program writes goes through xterm.js's headless emulator, so tests assert on
// the screen's lines after cursor moves, erasures and colours, not on raw escape sequences.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import xterm from '@xterm/headless';

export const KEYS = {
  enter: '\r',
  up: '\u001b[A',
  down: '\u001b[B',
  left: '\u001b[D',
  backspace: '\u007f',
  ctrlU: '\u0015',
  ctrlD: '\u0004',
} as const;

const quote = (arg: string): string => `'${arg.replaceAll("'", "'\\''")}'`;

export class Pty {
  readonly #child: ChildProcessWithoutNullStreams;
  readonly #screen: xterm.Terminal;
  readonly exited: Promise<number | null>;
  /** Everything written, raw: to check no byte of a sequence the program should not send. */
  raw = '';
  #writes: Promise<void> = Promise.resolve();

  /** Starts `command` in a `cols`×`rows` terminal. */
  constructor(
    command: readonly string[],
    options: { cwd: string; env: Record<string, string>; cols?: number; rows?: number },
  ) {
    const cols = options.cols ?? 100;
    const rows = options.rows ?? 40;
    this.#screen = new xterm.Terminal({ cols, rows, scrollback: 1000, allowProposedApi: true });
    const inner = `stty cols ${cols} rows ${rows}; exec ${command.map(quote).join(' ')}`;
    this.#child = spawn('script', ['--quiet', '--return', '--flush', '--command', inner, '/dev/null'], {
      cwd: options.cwd,
      env: { TERM: 'xterm-256color', ...options.env, SHELL: '/bin/sh' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.#child.stdout.setEncoding('utf8');
    this.#child.stdout.on('data', (chunk: string) => {
      this.raw += chunk;
      this.#writes = this.#writes.then(() => new Promise((done) => this.#screen.write(chunk, done)));
    });
    this.#child.stderr.on('data', (chunk: Buffer) => {
      this.raw += chunk.toString('utf8');
    });
    this.exited = new Promise((resolve, reject) => {
      this.#child.on('error', reject);
      this.#child.on('close', (code) => resolve(code));
    });
  }

  /** Keys as a person types them (the pty's line discipline and the program do the rest). */
  type(keys: string): void {
    this.#child.stdin.write(keys);
  }

  /**
   * Keys pressed one at a time, each answered by the program before the next, as a person types.
   * (Node 20's readline misplaces several characters arriving at once in the middle of a line.)
   */
  async press(...keys: string[]): Promise<void> {
    for (const key of keys) {
      const before = this.raw.length;
      this.#child.stdin.write(key);
      await this.#until(() => this.raw.length > before, `an answer to ${JSON.stringify(key)}`);
    }
  }

  async #until(done: () => boolean, what: string, ms = 15_000): Promise<void> {
    const until = Date.now() + ms;
    while (!done()) {
      if (Date.now() > until) throw new Error(`never saw ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  /** The screen and its scrollback, one string per line, trailing blanks removed. */
  async lines(): Promise<string[]> {
    await this.#writes;
    const buffer = this.#screen.buffer.active;
    const lines: string[] = [];
    for (let i = 0; i < buffer.length; i++)
      lines.push((buffer.getLine(i)?.translateToString(true) ?? '').trimEnd());
    while (lines.length > 0 && lines.at(-1) === '') lines.pop();
    return lines;
  }

  /** The line the cursor is on: what is being typed after the prompt. */
  async cursorLine(): Promise<string> {
    await this.#writes;
    const buffer = this.#screen.buffer.active;
    return (buffer.getLine(buffer.baseY + buffer.cursorY)?.translateToString(true) ?? '').trimEnd();
  }

  /** Waits until the screen shows what `seen` looks for; fails with the screen after `ms`. */
  async waitFor(seen: (lines: string[]) => boolean, ms = 15_000): Promise<string[]> {
    const until = Date.now() + ms;
    for (;;) {
      const lines = await this.lines();
      if (seen(lines)) return lines;
      if (Date.now() > until) throw new Error(`the screen never showed it:\n${lines.join('\n')}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  /** Ends the program if it still runs, and the emulator. */
  async close(): Promise<void> {
    if (this.#child.exitCode === null && this.#child.signalCode === null) this.#child.kill('SIGKILL');
    await this.exited.catch(() => undefined);
    this.#screen.dispose();
  }
}
