// Real child processes for the reliability tests: the `debat` command and small helper scripts.
// Every process started here is tracked, so `killAll()` in an afterEach ends them, also on failure.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';

export const BIN = new URL('../../../bin/debat.mjs', import.meta.url).pathname;
// Children run in temporary folders: tsx is named by its path, not looked up from the cwd.
const TSX = new URL('../../../node_modules/tsx/dist/loader.mjs', import.meta.url).href;
export const childScript = (name: string): string => new URL(`../child/${name}`, import.meta.url).pathname;

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export class Child {
  stdout = '';
  stderr = '';
  readonly exited: Promise<Exit>;
  private exit: Exit | undefined;
  private readonly waiters = new Set<() => void>();

  constructor(readonly process: ChildProcessWithoutNullStreams) {
    process.stdout.setEncoding('utf8');
    process.stderr.setEncoding('utf8');
    process.stdout.on('data', (chunk: string) => {
      this.stdout += chunk;
      this.notify();
    });
    process.stderr.on('data', (chunk: string) => {
      this.stderr += chunk;
      this.notify();
    });
    // A child killed while we write to it closes the pipe: that is expected here.
    process.stdin.on('error', () => {});
    this.exited = new Promise((resolve) => {
      process.on('close', (code, signal) => {
        this.exit = { code, signal };
        this.notify();
        resolve(this.exit);
      });
    });
  }

  get pid(): number {
    return this.process.pid!;
  }

  get running(): boolean {
    return this.exit === undefined;
  }

  private notify(): void {
    for (const waiter of this.waiters) waiter();
  }

  /** Resolves once `test` holds on the output so far; rejects if the process ends first or time runs out. */
  until(test: (child: Child) => boolean, what: string, timeoutMs = 15_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (test(this)) return done();
        if (this.exit) return done(new Error(`process ended (${JSON.stringify(this.exit)}) before ${what}`));
      };
      const timer = setTimeout(
        () => done(new Error(`timed out waiting for ${what}\n${this.tail()}`)),
        timeoutMs,
      );
      const done = (error?: Error) => {
        clearTimeout(timer);
        this.waiters.delete(check);
        if (error) reject(error);
        else resolve();
      };
      this.waiters.add(check);
      check();
    });
  }

  /** Waits for a text in stdout, counted from `from` (a previous length of stdout). */
  waitForOutput(text: string | RegExp, from = 0, timeoutMs?: number): Promise<void> {
    const found = (child: Child) => {
      const seen = child.stdout.slice(from);
      return typeof text === 'string' ? seen.includes(text) : text.test(seen);
    };
    return this.until(found, `stdout to show ${String(text)}`, timeoutMs);
  }

  send(line: string): void {
    this.process.stdin.write(`${line}\n`);
  }

  kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<Exit> {
    if (this.running) this.process.kill(signal);
    return this.exited;
  }

  private tail(): string {
    return `--- stdout (end) ---\n${this.stdout.slice(-1500)}\n--- stderr (end) ---\n${this.stderr.slice(-1500)}`;
  }
}

const started = new Set<Child>();

type Env = Record<string, string | undefined>;

function launch(args: string[], env: Env, cwd: string): Child {
  const child = new Child(
    spawn(process.execPath, args, {
      cwd,
      env: { PATH: process.env.PATH, HOME: cwd, NO_COLOR: '1', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    }),
  );
  started.add(child);
  void child.exited.then(() => started.delete(child));
  return child;
}

/** A TypeScript helper script (test/reliability/child/) in its own Node process. */
export const startScript = (name: string, args: string[], env: Env, cwd: string): Child =>
  launch(['--import', TSX, childScript(name), ...args], env, cwd);

/** `debat <args>` as a person runs it: bin/debat.mjs, on the JavaScript built into dist/. */
export const startDebat = (args: string[], env: Env, cwd: string): Child => launch([BIN, ...args], env, cwd);

/** Kills (SIGKILL) every child still running and waits for each to end. */
export async function killAll(): Promise<void> {
  await Promise.all([...started].map((child) => child.kill('SIGKILL')));
}
