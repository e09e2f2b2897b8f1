// `debat summary --channel <platform:workspace:channel | terminal channel> [--at ISO] [--dry-run]`
import { parseArgs } from 'node:util';
import type { Publisher } from '../src/adapter.ts';
import { channelDefaultsOf, openConfiguredStore } from '../src/compose.ts';
import type { Config } from '../src/config.ts';
import { systemClock } from '../src/domain/clock.ts';
import type { Logger } from '../src/domain/logger.ts';
import { summaryChartAttachment } from '../src/summary/summary-chart.ts';
import { summaryCommand } from '../src/summary/summary-command.ts';
import { SUMMARY_USAGE } from './cli-options.ts';
import { writeOutputFile } from './output-file.ts';
import { renderReply } from './terminal/render.ts';

export { SUMMARY_USAGE };

/** Runs the command; returns the exit code. Only terminal channels can be posted from here. */
export async function summaryCli(
  argv: string[],
  config: Config,
  logger: Logger,
  out: NodeJS.WritableStream = process.stdout,
): Promise<number> {
  let values: {
    channel?: string | undefined;
    at?: string | undefined;
    'dry-run'?: boolean | undefined;
    png?: string | undefined;
  };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        channel: { type: 'string' },
        at: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        png: { type: 'string' },
      },
      allowPositionals: true,
      strict: true,
    }));
  } catch (error) {
    // An unknown option or `--channel` without its value: the usage, not a stack trace.
    out.write(`${error instanceof Error ? error.message : String(error)}\nUsage: ${SUMMARY_USAGE}\n`);
    return 2;
  }
  if (!values.channel) {
    out.write(`Usage: ${SUMMARY_USAGE}\n`);
    return 2;
  }
  const style = { color: false, timezone: config.DEBAT_TIMEZONE };
  const { store } = await openConfiguredStore(config, logger);
  try {
    let posted: string | undefined;
    const terminal: Publisher = {
      async post(scope, reply) {
        posted = renderReply(reply, style);
        return `terminal:${scope.channelId}`;
      },
      async update() {
        return undefined;
      },
    };
    const result = await summaryCommand(
      {
        store,
        clock: systemClock,
        logger,
        defaults: channelDefaultsOf(config),
        publisherFor: (platform) => (platform === 'terminal' ? terminal : undefined),
      },
      { channel: values.channel, at: values.at, dryRun: values['dry-run'] ?? false },
    );
    out.write(`${result.lines.join('\n')}\n`);
    const shown = posted ?? (result.reply && renderReply(result.reply, style));
    if (shown) out.write(`\n${shown}\n`);
    if (values.png === undefined || result.exitCode === 2) return result.exitCode;
    // The week's chart as a file: the picture the platforms that take files receive.
    const summary = result.reply?.view;
    if (summary?.kind !== 'weeklySummary') {
      out.write('png      nothing happened in this window: no chart written\n');
      return 1;
    }
    const written = writeOutputFile(values.png, summaryChartAttachment(summary, result.reply!.language).data);
    out.write(written.ok ? `png      chart written to ${written.path}\n` : `--png: ${written.problem}\n`);
    return written.ok ? result.exitCode : 1;
  } finally {
    await store.close();
  }
}
