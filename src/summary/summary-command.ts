// `debat summary --channel … [--at ISO] [--dry-run]`: a channel's summary at a given moment, for
// operators and for checking a schedule. With --dry-run nothing is written; without it, a due and
// unclaimed summary is claimed and posted through the same path as the scheduler.

import type { Publisher } from '../adapter.ts';
import type { Clock } from '../domain/clock.ts';
import type { ChannelDefaults } from '../domain/defaults.ts';
import type { Logger } from '../domain/logger.ts';
import { type ChannelScope, PLATFORMS, type Platform } from '../domain/types.ts';
import type { DebateStore } from '../store/ports/debate-store.ts';
import type { LeaseStore } from '../store/ports/leases.ts';
import type { SummaryStore } from '../store/ports/summary.ts';
import type { Reply } from '../views/types.ts';
import { buildWeeklySummary } from './build-summary.ts';
import { resolveChannelSchedule, soFarRequest, weeklyRequest } from './channel-schedule.ts';
import { runStateAt } from './period.ts';
import { type ChannelResult, SummaryScheduler } from './scheduler.ts';
import { formatSummaryAt } from './summary-at.ts';

export interface SummaryCommandArgs {
  /** "platform:workspace:channel", or a terminal channel name ("general", "#general"). */
  channel: string;
  /** ISO 8601 instant; default now. */
  at?: string | undefined;
  dryRun: boolean;
}

export interface SummaryCommandDeps {
  store: Pick<DebateStore, 'channelSettings'> & SummaryStore & LeaseStore;
  defaults: ChannelDefaults;
  clock: Clock;
  logger: Logger;
  publisherFor: (platform: Platform) => Publisher | undefined;
}

export interface SummaryCommandOutput {
  exitCode: number;
  /** Facts about the schedule, one per line. */
  lines: string[];
  /** The summary as it would be (or was) posted; absent when the window is empty. */
  reply?: Reply;
  result?: ChannelResult;
}

/** Reads "slack:T1:C1" (the workspace may not contain ':'; the channel may), or a terminal channel. */
export function parseChannelSpec(spec: string): ChannelScope | undefined {
  const parts = spec.trim().split(':');
  if (parts.length >= 3) {
    const [platform, workspaceId, ...rest] = parts;
    const channelId = rest.join(':');
    if (!(PLATFORMS as readonly string[]).includes(platform!) || !workspaceId || !channelId) return undefined;
    return { platform: platform as Platform, workspaceId, channelId };
  }
  const name = spec.trim().replace(/^#/, '');
  return parts.length === 1 && /^[\p{L}\p{N}_-]{1,40}$/u.test(name)
    ? { platform: 'terminal', workspaceId: 'local', channelId: name }
    : undefined;
}

export async function summaryCommand(
  deps: SummaryCommandDeps,
  args: SummaryCommandArgs,
): Promise<SummaryCommandOutput> {
  const scope = parseChannelSpec(args.channel);
  if (!scope)
    return {
      exitCode: 2,
      lines: [`--channel: expected platform:workspace:channel or a terminal channel name`],
    };
  const at = args.at === undefined ? deps.clock.now() : new Date(args.at);
  if (Number.isNaN(at.getTime()))
    return { exitCode: 2, lines: [`--at: "${args.at}" is not an ISO 8601 instant`] };

  const channel = resolveChannelSchedule(await deps.store.channelSettings(scope), deps.defaults);
  const state = runStateAt(channel.zone, channel.schedule, at);
  const { week } = state;
  const local = (d: Date) =>
    new Intl.DateTimeFormat('en-GB', {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: channel.zone,
    }).format(d);
  const entry = await deps.store.ledgerEntry(scope, week.weekStart);
  const lines = [
    `channel  ${scope.platform}:${scope.workspaceId}:${scope.channelId}`,
    `zone     ${channel.zone} · ${formatSummaryAt(channel.schedule, 'en')}${channel.off ? ' (weekly summary off)' : ''} · ${channel.language}`,
    `at       ${at.toISOString()} (${local(at)} local)`,
    `week     ${week.weekStart} · scheduled ${week.scheduledAt.toISOString()} (${local(week.scheduledAt)} local) · ${state.kind}`,
    `ledger   ${entry ? `${entry.status}${entry.messageRef ? ` · ${entry.messageRef}` : ''}${entry.note ? ` · ${entry.note}` : ''}` : 'no entry'}`,
  ];
  const request = state.kind === 'due' ? weeklyRequest(channel, week) : soFarRequest(channel, at);
  lines.push(
    `window   ${new Date(request.window.from).toISOString()} → ${new Date(request.window.to).toISOString()} (${request.mode})`,
  );
  const built = await buildWeeklySummary(deps.store, scope, request);
  const reply: Reply | undefined = built
    ? { visibility: 'public', language: channel.language, view: built.view }
    : undefined;
  if (!built) lines.push('summary  nothing happened in this window: nothing would be posted');

  if (args.dryRun || state.kind !== 'due') {
    if (!args.dryRun) lines.push('post     not due yet at this moment: nothing posted');
    return { exitCode: 0, lines, ...(reply ? { reply } : {}) };
  }
  const publisher = deps.publisherFor(scope.platform);
  if (!publisher) {
    lines.push(
      `post     this process cannot post to ${scope.platform}; the running bot will (or use --dry-run)`,
    );
    return { exitCode: 1, lines, ...(reply ? { reply } : {}) };
  }
  const scheduler = new SummaryScheduler({ ...deps, publisherFor: deps.publisherFor });
  const result = await scheduler.postWeek(scope, channel, week, publisher, at);
  lines.push(`post     ${result.outcome}${result.messageRef ? ` · ${result.messageRef}` : ''}`);
  return { exitCode: result.outcome === 'failed' ? 1 : 0, lines, ...(reply ? { reply } : {}), result };
}
