// `debat export --channel <c> [--debate N] [--format md|csv] [--out FILE]`: a debate as a file,
// for operators; the same export as `/debat exporter`, on stdout when no --out is given.
import { parseArgs } from 'node:util';
import { composeEngine, openConfiguredStore } from '../src/compose.ts';
import type { Config } from '../src/config.ts';
import { systemClock } from '../src/domain/clock.ts';
import type { Logger } from '../src/domain/logger.ts';
import { translator } from '../src/i18n/translate.ts';
import { parseChannelSpec } from '../src/summary/summary-command.ts';
import { EXPORT_USAGE } from './cli-options.ts';
import { writeOutputFile } from './output-file.ts';
import { renderReply } from './terminal/render.ts';

export interface CliStreams {
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
}

const standard: CliStreams = { out: process.stdout, err: process.stderr };

/** Runs the command; returns the exit code (2: a wrong command line, 1: no export). */
export async function exportCli(
  argv: string[],
  config: Config,
  logger: Logger,
  io: CliStreams = standard,
): Promise<number> {
  const usage = (problem: string) => {
    io.err.write(`${problem}\nUsage: ${EXPORT_USAGE}\n`);
    return 2;
  };
  let values: { channel?: string; debate?: string; format?: string; out?: string };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        channel: { type: 'string' },
        debate: { type: 'string' },
        format: { type: 'string', default: 'md' },
        out: { type: 'string' },
      },
      strict: true,
    }));
  } catch (error) {
    return usage(error instanceof Error ? error.message : String(error));
  }
  if (!values.channel) return usage('--channel: which channel’s debate to export');
  const scope = parseChannelSpec(values.channel);
  if (!scope)
    return usage(
      `--channel: "${values.channel}" is neither platform:workspace:channel nor a terminal channel`,
    );
  const number = values.debate?.replace(/^#/u, '');
  if (number !== undefined && !/^[1-9]\d{0,8}$/u.test(number))
    return usage(`--debate: "${values.debate}" is not a debate number`);
  const format = values.format?.toLowerCase();
  if (format !== 'md' && format !== 'csv' && format !== 'markdown')
    return usage(`--format: "${values.format}" is neither md nor csv`);

  const opened = await openConfiguredStore(config, logger);
  const { store } = opened;
  const engine = await composeEngine(config, opened, logger, systemClock).catch(async (error: unknown) => {
    await store.close();
    throw error;
  });
  try {
    // The operator reads as an admin of the channel: the export names no anonymous voter anyway.
    const outcome = await engine.execute(
      { ...scope, user: { id: 'debat-export', name: 'debat export', isAdmin: true } },
      {
        kind: 'export',
        format: format === 'csv' ? 'csv' : 'markdown',
        debate: number ? Number(number) : undefined,
      },
    );
    const view = outcome.replies.map((reply) => reply.view).find((candidate) => candidate.kind === 'export');
    if (view?.kind !== 'export') {
      const style = { color: false, timezone: config.DEBAT_TIMEZONE };
      const said = outcome.replies.map((reply) => renderReply(reply, style));
      io.err.write(`${said.join('\n') || translator(config.DEBAT_LANGUAGE)('error.internal')}\n`);
      return 1;
    }
    if (values.out === undefined) {
      io.out.write(view.content);
      return 0;
    }
    const written = writeOutputFile(values.out, view.content);
    if (!written.ok) {
      io.err.write(`--out: ${written.problem}\n`);
      return 1;
    }
    io.err.write(`Debate #${view.debate.number} exported to ${written.path}\n`);
    return 0;
  } finally {
    await engine.close();
    await store.close();
  }
}
