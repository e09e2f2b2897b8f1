// `debat forget-workspace T…`: erases a Slack workspace at once, as its retention period would —
// its tokens, debates, channel settings and summaries (README, "Run it for many workspaces"), on
// the SQLite file or on PostgreSQL when DATABASE_URL is set.
import { openConfiguredStore } from '../src/compose.ts';
import type { Config } from '../src/config.ts';
import { silentLogger } from '../src/domain/logger.ts';
import { forgetWorkspace } from '../src/installations/retention.ts';
import { FORGET_WORKSPACE_USAGE } from './cli-options.ts';
import type { CliStreams } from './export-cli.ts';

const standard: CliStreams = { out: process.stdout, err: process.stderr };

/** Runs the command; returns the exit code (2: a wrong command line). */
export async function forgetWorkspaceCli(
  argv: string[],
  config: Config,
  io: CliStreams = standard,
): Promise<number> {
  const [workspace, ...rest] = argv;
  if (!workspace || rest.length > 0 || !/^T[A-Z0-9]{2,}$/.test(workspace)) {
    io.err.write(`Which Slack workspace: its team id, e.g. T0123ABCD\nUsage: ${FORGET_WORKSPACE_USAGE}\n`);
    return 2;
  }
  const opened = await openConfiguredStore(config, silentLogger);
  try {
    const debates = await forgetWorkspace(opened.installations, 'slack', workspace);
    io.out.write(`Slack workspace ${workspace} forgotten: its tokens and ${debates} debate(s) erased\n`);
    return 0;
  } finally {
    await opened.store.close();
  }
}
