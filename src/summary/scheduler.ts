// The weekly summary scheduler: one ticker (croner, every 30 s) and the sent-ledger as the
// source of truth. On every pass, for each channel: the current week's run is posted if it is due
// and nobody has claimed it; last week's run, if it was never handled, is skipped and logged.
// Channels are posted one after another, never all at once; rate limits are the adapters' job.
//
// Exactly once: the claim is an INSERT in an IMMEDIATE transaction keyed (platform, workspace,
// channel, week start), so two processes on one database never both win. A claim that is not
// completed within `staleClaimMs` (its post failed), or whose instance's lease lapsed (the
// process died between claim and post, see engine/instance-lease.ts), is re-taken by the next
// pass of any process. A process that dies after the platform accepted the post but before
// `completeSummary` leaves a post the retry must not repeat: every attempt carries the same key
// (`summaryPostKey`), by which the platform's publisher finds the earlier message.

import { createHash, randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Cron } from 'croner';
import type { Publisher } from '../adapter.ts';
import type { Clock } from '../domain/clock.ts';
import type { ChannelDefaults } from '../domain/defaults.ts';
import type { Logger } from '../domain/logger.ts';
import type { Rhythm } from '../domain/records.ts';
import type { ChannelScope, Platform } from '../domain/types.ts';
import { InstanceLease } from '../live/instance-lease.ts';
import { metrics } from '../metrics.ts';
import { linkWeeklySummary } from '../page/decorate.ts';
import type { PageLinks } from '../page/links.ts';
import type { LeaseStore } from '../store/ports/leases.ts';
import type { LedgerEntry, SummaryStore } from '../store/ports/summary.ts';
import { type BuiltSummary, buildWeeklySummaries, wasActive } from './build-summary.ts';
import { type ChannelSchedule, resolveChannelSchedule, weeklyRequest } from './channel-schedule.ts';
import {
  type RunState,
  runStateAt,
  type SummarySchedule,
  type SummaryWeek,
  shiftWeek,
  summaryWindow,
} from './period.ts';
import { summaryChartAttachmentAsync } from './summary-chart.ts';

const MINUTE = 60_000;

/**
 * Due channels read and claimed together. Claims are held while the batch is posted one by one,
 * so a batch must post well within `staleClaimMs` (50 posts at a few seconds each: minutes).
 */
export const SUMMARY_BATCH = 50;

/** A batch's summaries as read (before its claims), or why the read failed. */
type BatchRead = { built: (BuiltSummary | null)[] } | { error: unknown };

interface Due {
  scope: ChannelScope;
  channel: ChannelSchedule;
  week: SummaryWeek;
  publisher: Publisher;
  /** The channel's rhythm, as the pass read it with the channel's settings. */
  rhythm?: Rhythm | null;
}

export interface SchedulerOptions {
  store: SummaryStore & LeaseStore;
  clock: Clock;
  logger: Logger;
  defaults: ChannelDefaults;
  /** The publisher of each running adapter; channels of other platforms wait for their adapter. */
  publisherFor: (platform: Platform) => Publisher | undefined;
  /** A claim older than this without completion was abandoned (default 10 minutes). */
  staleClaimMs?: number;
  /** Attempts before a failing summary is given up for the week (default 5). */
  maxAttempts?: number;
  /** Attach the PNG chart (default true). */
  chart?: boolean;
  /**
   * croner pattern of the ticker (default every 30 s: a claim whose instance died, its lease lapsed
   * 20 s after, is taken over by the next tick, within a minute of the due time).
   */
  tickPattern?: string;
  instanceId?: string;
  /** The instance's lease, under which summaries are claimed (default: a new one). */
  lease?: InstanceLease | undefined;
  /** Links each listed debate to its web page, when pages have an address. */
  pageLinks?: PageLinks | undefined;
}

export type ChannelOutcome =
  | 'posted'
  | 'empty'
  | 'skipped'
  | 'failed'
  /** Claimed by another process, still within its time. */
  | 'busy'
  /** Already posted, empty or skipped. */
  | 'done'
  | 'pending'
  | 'off'
  | 'no-publisher';

export interface ChannelResult {
  scope: ChannelScope;
  weekStart: string;
  outcome: ChannelOutcome;
  messageRef?: string | null;
}

const ledgerKey = (scope: ChannelScope, weekStart: string) =>
  `${scope.platform}\u0000${scope.workspaceId}\u0000${scope.channelId}\u0000${weekStart}`;
const where = (scope: ChannelScope, weekStart: string) => ({
  platform: scope.platform,
  workspace: scope.workspaceId,
  channel: scope.channelId,
  week: weekStart,
});
const yieldToEvents = () => new Promise<void>((resolve) => setImmediate(resolve));
/**
 * A turn of the event loop every `steps` steps: a pass walks thousands of channels, and the
 * clicks that arrive meanwhile are acknowledged in between (a few milliseconds of work a turn).
 */
const nowAndThen = (steps: number) => {
  let count = 0;
  return () => (++count % steps === 0 ? yieldToEvents() : undefined);
};

/**
 * The same key for every attempt at one channel's summary of one week, whichever process makes
 * it: after a crash between the platform's answer and the ledger, the platform finds the post.
 */
export const summaryPostKey = (scope: ChannelScope, weekStart: string): string =>
  `w${createHash('sha256').update([scope.platform, scope.workspaceId, scope.channelId, weekStart].join('\u0000')).digest('base64url').slice(0, 24)}`;

export class SummaryScheduler {
  private readonly staleClaimMs: number;
  private readonly maxAttempts: number;
  private readonly instanceId: string;
  private readonly lease: InstanceLease;
  private ticker: Cron | undefined;
  private running: Promise<ChannelResult[]> | undefined;
  private stopped = false;

  constructor(private readonly options: SchedulerOptions) {
    this.staleClaimMs = options.staleClaimMs ?? 10 * MINUTE;
    this.maxAttempts = options.maxAttempts ?? 5;
    this.instanceId = options.instanceId ?? `${hostname()}:${process.pid}`;
    this.lease = options.lease ?? new InstanceLease(options.store, options.clock, options.logger);
  }

  /** Catches up at once (a summary missed while down, same week), then wakes every 30 s. */
  async start(): Promise<ChannelResult[]> {
    this.stopped = false;
    const first = await this.runOnce();
    if (!this.stopped) {
      this.ticker = new Cron(
        this.options.tickPattern ?? '*/30 * * * * *',
        { protect: true, unref: true, name: 'weekly-summaries' },
        async () => {
          await this.runOnce();
        },
      );
    }
    return first;
  }

  /** Stops the ticker and waits for a pass in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.ticker?.stop();
    this.ticker = undefined;
    await this.running?.catch(() => undefined);
  }

  /** One pass over every channel; passes never overlap. Never throws. */
  runOnce(): Promise<ChannelResult[]> {
    if (this.running) return this.running;
    const pass = this.pass()
      .catch((error: unknown) => {
        this.options.logger.error({ err: error }, 'weekly summary pass failed');
        return [];
      })
      .finally(() => {
        this.running = undefined;
      });
    this.running = pass;
    return pass;
  }

  private async pass(): Promise<ChannelResult[]> {
    const { store, clock, defaults } = this.options;
    const now = clock.now();
    // A debate closed more than two weeks ago cannot be part of this week or the last.
    const channels = await store.summaryChannels(now.getTime() - 15 * 24 * 60 * MINUTE);
    const breathe = nowAndThen(100);
    // Most channels share a zone and a schedule: each pair's weeks are worked out once a pass
    // (through Intl, about 10 µs a channel, on the event loop, for thousands of channels).
    const weeks = new Map<string, { state: RunState; previous: SummaryWeek }>();
    const weeksOf = (zone: string, schedule: SummarySchedule) => {
      const key = `${zone}\u0000${schedule.weekday}\u0000${schedule.hour}\u0000${schedule.minute}`;
      let found = weeks.get(key);
      if (!found) {
        const state = runStateAt(zone, schedule, now);
        found = { state, previous: shiftWeek(state.week, -1, schedule) };
        weeks.set(key, found);
      }
      return found;
    };
    const plans = [];
    for (const c of channels) {
      const channel = resolveChannelSchedule(c.settings, defaults);
      plans.push({
        scope: c.scope,
        channel,
        rhythm: c.settings.rhythm,
        ...weeksOf(channel.zone, channel.schedule),
      });
      await breathe();
    }
    let oldest: string | undefined;
    for (const { previous } of weeks.values())
      if (oldest === undefined || previous.weekStart < oldest) oldest = previous.weekStart;
    const ledger = new Map<string, LedgerEntry>();
    if (oldest !== undefined)
      for (const entry of await store.ledgerSince(oldest))
        ledger.set(ledgerKey(entry.scope, entry.weekStart), entry);

    const results: ChannelResult[] = [];
    const due: Due[] = [];
    for (const { scope, channel, rhythm, state, previous } of plans) {
      if (this.stopped) break;
      await breathe();
      const { week } = state;
      const base = { scope, weekStart: week.weekStart };
      if (channel.off) {
        results.push({ ...base, outcome: 'off' });
        continue;
      }
      const publisher = this.options.publisherFor(scope.platform);
      if (!publisher) {
        results.push({ ...base, outcome: 'no-publisher' });
        continue;
      }
      if (!ledger.has(ledgerKey(scope, previous.weekStart))) {
        await this.skipEnded(scope, channel, previous, now);
      }
      if (state.kind === 'pending') {
        results.push({ ...base, outcome: 'pending' });
        continue;
      }
      const entry = ledger.get(ledgerKey(scope, week.weekStart));
      if (entry && !this.mayClaim(entry)) {
        results.push({ ...base, outcome: entry.status === 'claimed' ? 'busy' : 'done' });
        continue;
      }
      due.push({ scope, channel, week, publisher, rhythm });
    }
    // Due channels go by batches: read together, claimed, then posted one after another. The next
    // batch is read while this one is claimed and posted: a read claims nothing (what it reads is
    // the window, which has ended), and the reading thread and the posts overlap.
    const batches: Due[][] = [];
    for (let i = 0; i < due.length; i += SUMMARY_BATCH) batches.push(due.slice(i, i + SUMMARY_BATCH));
    let ahead = batches[0] && this.readBatch(batches[0]);
    for (let i = 0; i < batches.length && ahead && !this.stopped; i++) {
      const reading = ahead;
      ahead = batches[i + 1] && this.readBatch(batches[i + 1]!);
      results.push(...(await this.postBatch(batches[i]!, reading, now)));
    }
    // A read ahead of a stop is left unused (it never rejects).
    await ahead;
    return results;
  }

  /** Claimed ones too: the store decides whether the claim's instance is still alive. */
  private mayClaim(entry: LedgerEntry): boolean {
    if (entry.status === 'failed') return entry.attempts < this.maxAttempts;
    return entry.status === 'claimed';
  }

  /** Last week was never handled (the bot was down until after it ended): record and log it. */
  private async skipEnded(scope: ChannelScope, channel: ChannelSchedule, week: SummaryWeek, now: Date) {
    const { store, logger } = this.options;
    const w = summaryWindow(week, channel.schedule);
    const activity = await store.weekActivity(scope, { from: w.from.getTime(), to: w.to.getTime() });
    const window = { from: w.from.getTime(), to: w.to.getTime() };
    const missed = activity.some((a) => wasActive(a, window));
    const note = missed ? 'missed: the week ended before the summary could be posted' : 'no activity';
    const recorded = await store.skipSummary(
      scope,
      week.weekStart,
      week.scheduledAt.getTime(),
      now.getTime(),
      note,
    );
    if (recorded && missed)
      logger.warn(
        { ...where(scope, week.weekStart), scheduledAt: week.scheduledAt.toISOString() },
        'weekly summary missed while the bot was down; its week is over, so it is skipped',
      );
  }

  /**
   * Claims, builds, posts and completes one channel's summary of `week`. Also used by
   * `debat summary` without --dry-run.
   */
  async postWeek(
    scope: ChannelScope,
    channel: ChannelSchedule,
    week: SummaryWeek,
    publisher: Publisher,
    now: Date,
  ): Promise<ChannelResult> {
    const batch = [{ scope, channel, week, publisher }];
    return (await this.postBatch(batch, this.readBatch(batch), now))[0]!;
  }

  /** The summaries of a batch, read together; never rejects. */
  private readBatch(batch: readonly Due[]): Promise<BatchRead> {
    return buildWeeklySummaries(
      this.options.store,
      batch.map((c) => ({ scope: c.scope, request: weeklyRequest(c.channel, c.week), rhythm: c.rhythm })),
    ).then(
      (built) => ({ built }),
      (error: unknown) => ({ error }),
    );
  }

  private async postBatch(
    batch: readonly Due[],
    reading: Promise<BatchRead>,
    now: Date,
  ): Promise<ChannelResult[]> {
    const { store, logger } = this.options;
    const results: ChannelResult[] = [];
    const claimed: (Due & { token: string; retaken: boolean; index: number })[] = [];
    const window = await this.lease.window(now.getTime(), this.staleClaimMs);
    // A claim is a write transaction of its own.
    const breathe = nowAndThen(10);
    for (const [index, item] of batch.entries()) {
      await breathe();
      const { scope, week } = item;
      const token = `${this.instanceId}:${randomUUID()}`;
      const claim = await store.claimSummary({
        scope,
        weekStart: week.weekStart,
        scheduledAt: week.scheduledAt.getTime(),
        token,
        at: now.getTime(),
        staleBefore: window.staleBefore,
        instance: window.instance,
        aliveSince: window.aliveSince,
        maxAttempts: this.maxAttempts,
      });
      if (!claim.claimed) {
        results.push({
          scope,
          weekStart: week.weekStart,
          outcome: claim.entry.status === 'claimed' ? 'busy' : 'done',
        });
        continue;
      }
      if (claim.retaken)
        logger.warn(
          { ...where(scope, week.weekStart), attempt: claim.attempts },
          'retrying a weekly summary',
        );
      claimed.push({ ...item, token, retaken: claim.retaken, index });
    }
    const read = await reading;
    if ('error' in read) {
      for (const c of claimed) results.push(await this.failed(c, read.error));
      return results;
    }
    for (const item of claimed) {
      results.push(await this.deliver(item, read.built[item.index] ?? null, now));
      await yieldToEvents();
    }
    return results;
  }

  /** Posts one built summary (or records that there was nothing to say) and completes its claim. */
  private async deliver(
    item: Due & { token: string; retaken: boolean },
    built: BuiltSummary | null,
    now: Date,
  ) {
    const { store, logger } = this.options;
    const { scope, channel, week, publisher, token } = item;
    const base = { scope, weekStart: week.weekStart };
    try {
      if (!built) {
        await store.completeSummary({
          ...base,
          token,
          at: now.getTime(),
          status: 'empty',
          messageRef: null,
          snapshots: [],
        });
        return { ...base, outcome: 'empty' as const };
      }
      const view = await linkWeeklySummary(this.options.pageLinks, scope, built.view);
      const reply = { visibility: 'public' as const, language: channel.language, view };
      const messageRef =
        (await publisher.post(scope, reply, await this.attachments(built.view, channel), {
          key: summaryPostKey(scope, week.weekStart),
          mayExist: item.retaken,
        })) ?? null;
      metrics.summariesPosted.inc({ platform: scope.platform });
      const kept = await store.completeSummary({
        ...base,
        token,
        at: this.options.clock.now().getTime(),
        status: 'posted',
        messageRef,
        snapshots: built.snapshots,
      });
      if (!kept)
        logger.warn(where(scope, week.weekStart), 'weekly summary posted after its claim was taken over');
      logger.info({ ...where(scope, week.weekStart), messageRef }, 'weekly summary posted');
      return { ...base, outcome: 'posted' as const, messageRef };
    } catch (error) {
      return this.failed(item, error);
    }
  }

  private async failed(
    item: Due & { token: string; retaken?: boolean },
    error: unknown,
  ): Promise<ChannelResult> {
    const { store, logger } = this.options;
    const { scope, week, token } = item;
    logger.error({ err: error, ...where(scope, week.weekStart) }, 'weekly summary failed; will retry');
    await store
      .failSummary(scope, week.weekStart, token, error instanceof Error ? error.message : String(error))
      .catch((e: unknown) => logger.error({ err: e }, 'could not release a weekly summary claim'));
    return { scope, weekStart: week.weekStart, outcome: 'failed' };
  }

  private async attachments(
    view: Parameters<typeof summaryChartAttachmentAsync>[0],
    channel: ChannelSchedule,
  ) {
    if (this.options.chart === false) return [];
    try {
      return [await summaryChartAttachmentAsync(view, channel.language)];
    } catch (error) {
      this.options.logger.error({ err: error }, 'weekly summary chart failed; posting the text alone');
      return [];
    }
  }
}
