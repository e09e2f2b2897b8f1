// The one builder of a channel's weekly summary: used by the scheduler (the weekly post), by
// `/debat bilan` without #id (the week so far) and by `debat summary` (any moment).

import type {
  ArgumentRecord,
  CommonGroundRecord,
  Counts,
  DebateRecord,
  Rhythm,
  RoundsRecord,
} from '../domain/records.ts';
import { weeklyTopic } from '../domain/rules.ts';
import type { ChannelScope } from '../domain/types.ts';
import type { DebateStore } from '../store/ports/debate-store.ts';
import type { SummaryStore, TimeWindow, WeekDebateActivity } from '../store/ports/summary.ts';
import { argumentItem, debateHeader, resultsVisible } from '../views/build.ts';
import { commonGroundIds, endingSections } from '../views/sections.ts';
import type { WeeklyDebateItem, WeeklySummaryView } from '../views/weekly-summary.ts';
import { nextScheduledAfter } from './period.ts';
import { scheduleOf } from './summary-at.ts';

/** What the builder reads: the week's activity, and the channel's rhythm and queue when there are. */
export type SummaryBuildStore = Pick<SummaryStore, 'weekActivities'> &
  Partial<Pick<DebateStore, 'channelSettings' | 'topicQueue' | 'rounds'>>;

/** Debates listed in one summary; the rest are counted in `more`. */
export const MAX_SUMMARY_DEBATES = 10;
/** New arguments listed per debate (the most endorsed). */
export const NEW_ARGUMENTS_SHOWN = 3;
/** Arguments of common ground listed per debate (the rest counted). */
export const COMMON_GROUND_SHOWN = 3;

export interface SummaryRequest {
  mode: WeeklySummaryView['mode'];
  timezone: string;
  weekStart: string;
  window: TimeWindow;
}

/** One channel to summarize; its rhythm when the caller has read it already (else read here). */
export interface SummaryItem {
  scope: ChannelScope;
  request: SummaryRequest;
  rhythm?: Rhythm | null;
}

export interface BuiltSummary {
  view: WeeklySummaryView;
  /** Every active debate's tally at the end of the window, to keep with a posted summary. */
  snapshots: { debateId: number; asOf: number; counts: Counts; commonGround: number[] }[];
}

const byStrength = (a: ArgumentRecord, b: ArgumentRecord) =>
  b.endorsements - a.endorsements || b.deltas - a.deltas || a.number - b.number;

const inWindow = (at: number | null, w: TimeWindow) => at !== null && at >= w.from && at < w.to;

/** Was anything done in this debate during the window? */
export function wasActive(a: WeekDebateActivity, w: TimeWindow): boolean {
  return (
    a.voteEvents > 0 ||
    a.endorsements > 0 ||
    a.newArguments > 0 ||
    inWindow(a.debate.openedAt, w) ||
    inWindow(a.debate.closedAt, w)
  );
}

/** The debate as it stood at the end of the window (closed later → still open then). */
function asOfEnd(debate: DebateRecord, w: TimeWindow): DebateRecord {
  const closed = debate.closedAt !== null && debate.closedAt < w.to;
  return closed ? debate : { ...debate, status: 'open', closedAt: null };
}

/** The week's arguments with their endorsers' current sides, for common ground. */
function sidesOf(a: WeekDebateActivity): CommonGroundRecord[] {
  const byId = new Map(a.arguments.map((x) => [x.id, x]));
  return a.endorserSides.flatMap((s) => {
    const argument = byId.get(s.argumentId);
    return argument ? [{ argument, pro: s.pro, con: s.con }] : [];
  });
}

function debateItem(
  activity: WeekDebateActivity,
  w: TimeWindow,
  sides: CommonGroundRecord[],
  rounds?: RoundsRecord,
): WeeklyDebateItem {
  const debate = asOfEnd(activity.debate, w);
  const visible = resultsVisible(debate);
  // While results are hidden, no ∆ ranks, counts or is named: each says someone moved to a side.
  const a: WeekDebateActivity = visible
    ? activity
    : { ...activity, arguments: activity.arguments.map((x) => ({ ...x, deltas: 0 })), windowDeltas: [] };
  const sections = endingSections({
    debate,
    counts: a.counts,
    sides,
    limit: COMMON_GROUND_SHOWN,
    before: a.baseline?.commonGround,
    rounds,
  });
  const item = (x: ArgumentRecord) => argumentItem(x, debate);
  const best = (side: 'pro' | 'con') => a.arguments.filter((x) => x.side === side).sort(byStrength)[0];
  const fresh = a.arguments.filter((x) => x.createdAt >= w.from).sort(byStrength);
  const deltas = new Map(a.windowDeltas.map((d) => [d.argumentId, d.count]));
  const persuasive = a.arguments
    .filter((x) => (deltas.get(x.id) ?? 0) > 0)
    .sort((x, y) => deltas.get(y.id)! - deltas.get(x.id)! || byStrength(x, y))[0];
  const topPro = best('pro');
  const topCon = best('con');
  const base = a.baseline?.counts;
  return {
    debate: debateHeader(debate),
    counts: visible ? a.counts : null,
    shift:
      visible && base
        ? {
            pro: a.counts.pro - base.pro,
            con: a.counts.con - base.con,
            neutral: a.counts.neutral - base.neutral,
          }
        : null,
    closedThisWeek: inWindow(debate.closedAt, w),
    newArguments: a.newArguments,
    newArgumentsTop: fresh.slice(0, NEW_ARGUMENTS_SHOWN).map(item),
    participants: a.participants,
    voteEvents: a.voteEvents,
    opinionChanges: a.opinionChanges,
    topPro: topPro ? item(topPro) : null,
    topCon: topCon ? item(topCon) : null,
    persuasive: persuasive ? { argument: item(persuasive), weekDeltas: deltas.get(persuasive.id)! } : null,
    ...(sections.length > 0 ? { sections } : {}),
  };
}

const busyness = (d: WeeklyDebateItem) => d.voteEvents + d.newArguments + d.opinionChanges;

/** The channel's summary for the window, or null when nothing happened in it. */
export async function buildWeeklySummary(
  store: SummaryBuildStore,
  scope: ChannelScope,
  request: SummaryRequest,
): Promise<BuiltSummary | null> {
  return (await buildWeeklySummaries(store, [{ scope, request }]))[0]!;
}

/**
 * Many channels' summaries at once (the Friday 16:00 of every channel on the default schedule):
 * channels sharing a window are read together. Results in the order given.
 */
export async function buildWeeklySummaries(
  store: SummaryBuildStore,
  items: readonly SummaryItem[],
): Promise<(BuiltSummary | null)[]> {
  const groups = new Map<string, number[]>();
  items.forEach((item, index) => {
    const key = `${item.request.window.from}-${item.request.window.to}`;
    groups.set(key, [...(groups.get(key) ?? []), index]);
  });
  const results: (BuiltSummary | null)[] = items.map(() => null);
  for (const indexes of groups.values()) {
    const window = items[indexes[0]!]!.request.window;
    const activities = await store.weekActivities(
      indexes.map((i) => items[i]!.scope),
      window,
    );
    const rounds = await roundsOf(store, activities.flat());
    indexes.forEach((itemIndex, k) => {
      results[itemIndex] = summaryOf(items[itemIndex]!.request, activities[k]!, rounds);
    });
  }
  await mentionNextWeekly(store, items, results);
  return results;
}

/**
 * The summary names the channel's next debate of the week and the topic leading its queue, when
 * the channel has a rhythm (stores without topics, as in some tools, leave it out).
 */
async function mentionNextWeekly(
  store: SummaryBuildStore,
  items: readonly SummaryItem[],
  results: (BuiltSummary | null)[],
): Promise<void> {
  const { channelSettings, topicQueue } = store;
  if (!channelSettings || !topicQueue) return;
  // Channel by channel, but all asked at once: a batch waits for one round of reads, not fifty.
  await Promise.all(
    items.map(async (item, index) => {
      const built = results[index];
      if (!built) return;
      const rhythm =
        item.rhythm !== undefined ? item.rhythm : (await channelSettings.call(store, item.scope)).rhythm;
      const schedule = rhythm && scheduleOf(rhythm.day, rhythm.time);
      if (!schedule) return;
      const at = nextScheduledAfter(
        item.request.timezone,
        schedule,
        new Date(item.request.window.to),
      ).getTime();
      const leading = weeklyTopic(await topicQueue.call(store, item.scope, ''));
      built.view.nextWeekly = { at, topic: leading?.text ?? null };
    }),
  );
}

/** The two rounds of the two-round debates whose second round has opened (few: read one by one). */
async function roundsOf(
  store: SummaryBuildStore,
  activities: readonly WeekDebateActivity[],
): Promise<Map<number, RoundsRecord>> {
  const found = new Map<number, RoundsRecord>();
  const { rounds } = store;
  if (!rounds) return found;
  await Promise.all(
    activities
      .filter((a) => a.debate.twoRounds && a.debate.round2StartedAt !== null)
      .map(async (a) => {
        const record = await rounds.call(store, a.debate.id);
        if (record) found.set(a.debate.id, record);
      }),
  );
  return found;
}

function summaryOf(
  request: SummaryRequest,
  activity: WeekDebateActivity[],
  rounds: ReadonlyMap<number, RoundsRecord>,
): BuiltSummary | null {
  const w = request.window;
  const active = activity.filter((a) => wasActive(a, w));
  if (active.length === 0) return null;
  const sides = new Map(active.map((a) => [a.debate.id, sidesOf(a)]));
  const items = active
    .map((a) => debateItem(a, w, sides.get(a.debate.id)!, rounds.get(a.debate.id)))
    .sort(
      (x, y) =>
        Number(x.closedThisWeek) - Number(y.closedThisWeek) ||
        busyness(y) - busyness(x) ||
        x.debate.number - y.debate.number,
    );
  const sum = (f: (d: WeeklyDebateItem) => number) => items.reduce((n, d) => n + f(d), 0);
  return {
    view: {
      kind: 'weeklySummary',
      mode: request.mode,
      timezone: request.timezone,
      weekStart: request.weekStart,
      from: w.from,
      to: w.to,
      debates: items.slice(0, MAX_SUMMARY_DEBATES),
      more: Math.max(0, items.length - MAX_SUMMARY_DEBATES),
      totals: {
        debates: items.length,
        voteEvents: sum((d) => d.voteEvents),
        newArguments: sum((d) => d.newArguments),
        opinionChanges: sum((d) => d.opinionChanges),
        closed: sum((d) => Number(d.closedThisWeek)),
      },
    },
    snapshots: active.map((a) => ({
      debateId: a.debate.id,
      asOf: w.to,
      counts: a.counts,
      commonGround: commonGroundIds(sides.get(a.debate.id)!),
    })),
  };
}
