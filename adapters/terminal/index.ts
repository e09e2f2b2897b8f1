import { userInfo } from 'node:os';
import { clearLine, createInterface, cursorTo, type Interface } from 'node:readline';
import { styleText } from 'node:util';
import type { Adapter, AdapterDeps, Invocation, Publisher } from '../../src/api.ts';
import { cleanUserText } from '../../src/api.ts';
import { type MessageKey, type MessageParams, translator } from '../../src/i18n/translate.ts';
import type { ExportView, Reply } from '../../src/views/types.ts';
import { fileProblem } from '../output-file.ts';
import { writeExportFile } from './export-file.ts';
import { renderReply } from './render.ts';
import { readLine, TerminalSession } from './session.ts';

export const TERMINAL_WORKSPACE = 'local';

export interface TerminalIo {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  interactive: boolean;
  /** Where `exporter` writes its files: the working folder. */
  folder?: string;
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
 * The terminal adapter: a line editor with a prompt and history on a TTY, a script reader
 * otherwise (each line echoed after the prompt, then its answer). Buttons of the views appear as
 * short commands to type; an export is written as a file.
 */
export function createTerminalAdapter(io: TerminalIo = defaultIo()) {
  return async (deps: AdapterDeps): Promise<Adapter> => {
    const session = new TerminalSession(ownerName(deps.config.DEBAT_USER));
    const style = { color: io.interactive && !deps.config.NO_COLOR, timezone: deps.config.DEBAT_TIMEZONE };
    let queue: Promise<void> = Promise.resolve();
    let rl: Interface | undefined;
    // True while the prompt waits for a line: text arriving then (a debate closed by its duration, a
    // weekly summary) is written above it, and the prompt and what was typed are drawn again.
    let prompting = false;
    // Lines already buffered after `/quit` are not read.
    let quitting = false;

    const write = (text: string) => {
      if (!(rl && prompting)) return void io.output.write(`${text}\n`);
      cursorTo(io.output, 0);
      clearLine(io.output, 0);
      io.output.write(`${text}\n`);
      rl.prompt(true);
    };
    const scope = () => ({
      platform: 'terminal' as const,
      workspaceId: TERMINAL_WORKSPACE,
      channelId: session.channel,
    });
    // The terminal's own lines (banner, who speaks where, exports), in the channel's language.
    const say = async (key: MessageKey, params: MessageParams = {}, mark?: 'ok' | 'failed') => {
      const text = translator((await deps.engine.languages(scope())).private)(key, params);
      if (!mark) return write(text);
      const painted = `${mark === 'ok' ? '✓' : '✗'} ${text}`;
      write(style.color ? styleText(mark === 'ok' ? 'green' : 'red', painted) : painted);
    };

    const saveExport = async (view: ExportView) => {
      const folder = io.folder ?? process.cwd();
      try {
        const path = writeExportFile(view, folder);
        await say('terminal.export_written', { debate: view.debate.number, path }, 'ok');
      } catch (error) {
        const tr = translator((await deps.engine.languages(scope())).private);
        await say(
          'terminal.export_failed',
          { path: folder, reason: tr(`file.${fileProblem(error)}`) },
          'failed',
        );
      }
    };
    const show = async (reply: Reply) => {
      if (reply.view.kind === 'export') return saveExport(reply.view);
      write(renderReply(reply, style));
    };

    const handle = async (line: string): Promise<void> => {
      if (quitting) return;
      const meta = readLine(line);
      // A script's line is shown as typed, minus control characters and escape sequences.
      if (!io.interactive && line.trim() !== '') write(`${session.prompt}${cleanUserText(line)}`);
      if (!meta) return;
      if (meta.kind === 'quit') {
        quitting = true;
        return void rl?.close();
      }
      if (meta.kind === 'as') {
        session.speakAs(meta.name);
        return say(
          session.user.isAdmin ? 'terminal.as_owner' : 'terminal.as_member',
          { name: session.user.name },
          'ok',
        );
      }
      if (meta.kind === 'channel') {
        session.moveTo(meta.name);
        return say('terminal.channel', { channel: session.channel }, 'ok');
      }
      const inv: Invocation = { ...scope(), user: session.user };
      const outcome = await deps.engine.receive({ kind: 'line', inv, text: meta.text });
      for (const reply of outcome.replies) await show(reply);
      if (outcome.opened)
        await deps.engine.attachScoreboard(inv, outcome.opened.number, `terminal:${inv.channelId}`);
    };

    const publisher: Publisher = {
      async post(scope, reply) {
        await show(reply);
        return `terminal:${scope.channelId}`;
      },
      // Printed lines cannot be edited: a command's answer shows the scoreboard, an ending is posted.
      async update() {
        return undefined;
      },
    };

    return {
      platform: 'terminal',
      publisher,
      async start() {
        rl = createInterface({
          input: io.input,
          // Without an output, readline draws no prompt and echoes nothing.
          ...(io.interactive ? { output: io.output, historySize: 200, removeHistoryDuplicates: true } : {}),
          terminal: io.interactive,
          crlfDelay: Number.POSITIVE_INFINITY,
        });
        const prompt = () => {
          if (!io.interactive || quitting) return;
          rl?.setPrompt(session.prompt);
          prompting = true;
          rl?.prompt();
        };
        if (io.interactive) await say('terminal.banner');
        prompt();
        rl.on('line', (line) => {
          prompting = false;
          queue = queue
            .then(() => handle(line))
            .catch((error: unknown) => deps.logger.error({ err: error }, 'terminal line failed'))
            .then(prompt);
        });
        rl.on('SIGINT', () => rl?.close());
        rl.on('close', () => {
          // Ctrl-D or Ctrl-C at the prompt: the shell's prompt starts on a line of its own.
          if (prompting) io.output.write('\n');
          prompting = false;
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
