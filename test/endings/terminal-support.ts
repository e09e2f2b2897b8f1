// The real terminal adapter on a real engine and SQLite file, fed a script; what it printed.
import { PassThrough } from 'node:stream';
import { createTerminalAdapter } from '../../adapters/terminal/index.ts';
import { loadConfig } from '../../src/config.ts';
import { silentLogger } from '../../src/domain/logger.ts';
import { HttpRoutes } from '../../src/http-routes.ts';
import type { TestBed } from '../helpers/engine.ts';

export interface TerminalSession {
  /** Types the lines; resolves once each has been answered. */
  type(lines: string[]): Promise<void>;
  printed(): string;
  stop(): Promise<void>;
}

/** A terminal session of `user` (the keyboard's owner, an admin) whose channel posts go to its output. */
export async function terminalSession(bed: TestBed, user = 'Paul'): Promise<TerminalSession> {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = '';
  output.on('data', (chunk: Buffer) => {
    printed += chunk.toString('utf8');
  });
  const adapter = await createTerminalAdapter({ input, output, interactive: false })({
    config: loadConfig({ DEBAT_USER: user, DEBAT_LOG_LEVEL: 'warn' }),
    engine: bed.engine,
    logger: silentLogger,
    clock: bed.clock,
    http: new HttpRoutes(silentLogger),
    requestShutdown: () => {},
  });
  bed.engine.registerPublisher('terminal', adapter.publisher);
  await adapter.start();
  let sentinels = 0;
  return {
    async type(lines) {
      // A word the grammar does not know, typed last: once it is echoed and answered, all is.
      const sentinel = `zzfin${++sentinels}`;
      input.write(`${[...lines, sentinel].join('\n')}\n`);
      for (let i = 0; i < 1000 && printed.split(sentinel).length < 3; i++)
        await new Promise((resolve) => setTimeout(resolve, 10));
      await bed.engine.settled();
    },
    printed: () => printed,
    async stop() {
      input.end();
      await adapter.stop();
    },
  };
}

/** The answer printed after the echoed line `line` (its last occurrence), up to the next prompt. */
export function answerTo(printed: string, line: string): string {
  const start = printed.lastIndexOf(`> ${line}\n`);
  if (start < 0) throw new Error(`no line ${line}`);
  const rest = printed.slice(start + line.length + 3);
  const next = rest.search(/^\S+@#\S+> /m);
  return next < 0 ? rest : rest.slice(0, next);
}
