import { userInfo } from 'node:os';
import { createInterface } from 'node:readline';
import type { Adapter, AdapterDeps, Publisher } from '../../src/adapter.ts';
import type { Invocation } from '../../src/domain/types.ts';
import type { ScoreboardRefresh } from '../../src/engine/outcome.ts';
import type { Reply } from '../../src/views/types.ts';
import { renderReply } from './render.ts';
import { readLine, TerminalSession } from './session.ts';

export const TERMINAL_WORKSPACE = 'local';

export interface TerminalIo {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  interactive: boolean;
}

const defaultIo = (): TerminalIo => ({
  input: process.stdin,
  output: process.stdout,
  interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
});

const ownerName = (configured: string | undefined): string => {
  if (configured) return configured;
  try {
    return userInfo().username || 'moi';
  } catch {
    return 'moi';
  }
};

/**
 * The terminal adapter: a REPL on a TTY, a script reader otherwise (one line, one answer).
 * Buttons of the views appear as short commands to type.
 */
export function createTerminalAdapter(io: TerminalIo = defaultIo()) {
  return async (deps: AdapterDeps): Promise<Adapter> => {
    const session = new TerminalSession(ownerName(deps.config.DEBAT_USER));
    const style = { color: io.interactive && !process.env.NO_COLOR, timezone: deps.config.DEBAT_TIMEZONE };
    const write = (text: string) => io.output.write(`${text}\n`);
    const show = (reply: Reply) => write(renderReply(reply, style));
    let queue: Promise<void> = Promise.resolve();
    let rl: ReturnType<typeof createInterface> | undefined;
    // Lines already buffered after `/quit` are not read.
    let quitting = false;

    const handle = async (line: string): Promise<void> => {
      if (quitting) return;
      const meta = readLine(line);
      if (!io.interactive && line.trim() !== '') write(`${session.prompt}${line.trim()}`);
      if (!meta) return;
      if (meta.kind === 'quit') {
        quitting = true;
        return void rl?.close();
      }
      if (meta.kind === 'as') return void session.speakAs(meta.name);
      if (meta.kind === 'channel') return void session.moveTo(meta.name);
      const inv: Invocation = {
        platform: 'terminal',
        workspaceId: TERMINAL_WORKSPACE,
        channelId: session.channel,
        user: session.user,
      };
      const outcome = await deps.engine.run(inv, meta.text);
      for (const reply of outcome.replies) show(reply);
      if (outcome.opened)
        await deps.engine.attachScoreboard(inv, outcome.opened.number, `terminal:${inv.channelId}`);
    };

    const publisher: Publisher = {
      async post(scope, reply) {
        write(renderReply(reply, style));
        return `terminal:${scope.channelId}`;
      },
    };

    return {
      platform: 'terminal',
      publisher,
      // Scoreboards changed by a command are already answered; a debate closed by its duration is shown.
      refresh(refresh: ScoreboardRefresh) {
        queue = queue.then(async () => {
          const live = await deps.engine.liveScoreboard(refresh.scope, refresh.number);
          if (live && live.view.kind === 'scoreboard' && live.view.debate.status === 'closed') show(live);
        });
      },
      async start() {
        rl = createInterface({
          input: io.input,
          terminal: io.interactive,
          crlfDelay: Number.POSITIVE_INFINITY,
        });
        const prompt = () => {
          if (io.interactive) {
            rl?.setPrompt(session.prompt);
            rl?.prompt();
          }
        };
        if (io.interactive) write('Débat · /debat aide pour commencer, /quit pour sortir.');
        prompt();
        rl.on('line', (line) => {
          queue = queue
            .then(() => handle(line))
            .catch((error: unknown) => deps.logger.error({ err: error }, 'terminal line failed'))
            .then(prompt);
        });
        rl.on('SIGINT', () => rl?.close());
        rl.on('close', () => {
          void queue.then(() => deps.requestShutdown('end of input'));
        });
      },
      async stop() {
        rl?.close();
        await queue;
      },
    };
  };
}
