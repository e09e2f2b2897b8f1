// The weekly summary's reads: which channels, and each debate's week as of the window's end.
import { expect, it } from 'vitest';
import type { ChannelScope } from '../../../src/domain/types.ts';
import type { DebateStore } from '../../../src/store/ports/debate-store.ts';
import type { WeekDebateActivity } from '../../../src/store/ports/summary.ts';
import {
  addArgument,
  elsewhere,
  endorse,
  here,
  nextDoor,
  openDebate,
  persuade,
  setStatus,
  value,
  vote,
  type WithStore,
  withdraw,
} from './harness.ts';

const quiet: ChannelScope = { ...here, channelId: 'C3' };
const WINDOW = { from: 1_000, to: 2_000 };

/** Keeps tallies the way a posted summary does: claim the week, complete it with snapshots. */
async function snapshot(store: DebateStore, weekStart: string, debateId: number, asOf: number, pro: number) {
  await store.claimSummary({
    scope: here,
    weekStart,
    scheduledAt: asOf,
    token: weekStart,
    instance: 'instance-1',
    aliveSince: 0,
    at: asOf,
    staleBefore: 0,
    maxAttempts: 3,
  });
  const counts = { pro, con: 0, neutral: 0 };
  const input = {
    scope: here,
    weekStart,
    token: weekStart,
    at: asOf + 5,
    status: 'posted' as const,
    messageRef: 'm',
  };
  expect(await store.completeSummary({ ...input, snapshots: [{ debateId, asOf, counts }] })).toBe(true);
}

const byNumber = (list: WeekDebateActivity[]) => [...list].sort((a, b) => a.debate.number - b.debate.number);

export function weekActivityContract(withStore: WithStore) {
  it(
    'summaryChannels: channels with a debate open or closed since the instant, once each, with their settings',
    withStore(async ({ store }) => {
      expect(await store.summaryChannels(0)).toEqual([]);
      await openDebate(store);
      await openDebate(store);
      await openDebate(store, { scope: elsewhere });
      value(await setStatus(store, await openDebate(store, { scope: quiet }), 'closed', { at: 800 }));
      await store.saveChannelSetting(here, { setting: 'language', language: 'en' });
      await store.saveChannelSetting(here, { setting: 'threads', enabled: true });
      await store.saveChannelSetting(here, { setting: 'summary', day: 2, time: '09:15' });
      await store.saveChannelSetting(quiet, { setting: 'timezone', zone: 'Asia/Tokyo' });
      const key = (scope: ChannelScope) => `${scope.platform}/${scope.workspaceId}/${scope.channelId}`;
      const listed = async (since: number) =>
        (await store.summaryChannels(since)).sort((a, b) => key(a.scope).localeCompare(key(b.scope)));
      expect(await listed(801)).toEqual([
        { scope: here, settings: await store.channelSettings(here) },
        { scope: elsewhere, settings: await store.channelSettings(elsewhere) },
      ]);
      expect((await listed(800)).map((channel) => channel.scope)).toEqual([here, quiet, elsewhere]);
      expect((await listed(800))[1]!.settings).toEqual(await store.channelSettings(quiet));
    }),
  );

  it(
    'weekActivity/weekActivities: the debates open in the window, each as it stood at the window’s end',
    withStore(async ({ store }) => {
      const a = await openDebate(store, { at: 500 });
      value(await setStatus(store, await openDebate(store, { at: 100 }), 'closed', { at: 800 }));
      const closedInside = await openDebate(store, { at: 100 });
      value(await setStatus(store, closedInside, 'closed', { at: 1_500 }));
      const closedAtStart = await openDebate(store, { at: 50, closesAt: 1_000 });
      await store.closeExpired(1_000);
      await openDebate(store, { at: 2_000 });
      const g = await openDebate(store, { scope: nextDoor, at: 600 });

      await addArgument(store, a, 'pro', 'U1', { at: 700 }); // #1
      value(await vote(store, a, 'V1', 'pro', { at: 600 }));
      const two = await addArgument(store, a, 'con', 'U2', { at: 1_100 });
      value(await vote(store, a, 'V2', 'con', { at: 1_200 }));
      value(await vote(store, a, 'V1', 'con', { at: 1_300 }));
      value(await persuade(store, a, 'V1', 2));
      await addArgument(store, a, 'con', 'U3', { at: 1_400 }); // #3, withdrawn inside
      value(await withdraw(store, a, 3, { at: 1_600 }));
      value(await endorse(store, a, 1, 'E1', { at: 1_500 }));
      await addArgument(store, a, 'pro', 'U4', { at: 1_800 }); // #4, withdrawn after
      // After the window: none of this is in it.
      value(await vote(store, a, 'V3', 'pro', { at: 2_100 }));
      value(await vote(store, a, 'V2', 'pro', { at: 2_200 }));
      value(await persuade(store, a, 'V2', 1));
      await addArgument(store, a, 'pro', 'U5', { at: 2_300 }); // #5
      value(await withdraw(store, a, 4, { at: 2_500 }));
      value(await endorse(store, a, 1, 'E2', { at: 2_500 }));
      await snapshot(store, '2026-11-02', a.id, 900, 7);
      await snapshot(store, '2026-11-09', a.id, 1_000, 1);
      await snapshot(store, '2026-11-16', a.id, 1_500, 9);

      const week = byNumber(await store.weekActivity(here, WINDOW));
      expect(week.map((activity) => activity.debate.id)).toEqual([a.id, closedInside.id, closedAtStart.id]);
      const [first, inside] = week;
      expect(first!.debate).toEqual(await store.findDebate(here, a.number));
      expect(first!.counts).toEqual({ pro: 0, con: 2, neutral: 0 });
      expect(first!.baseline).toEqual({
        debateId: a.id,
        weekStart: '2026-11-09',
        asOf: 1_000,
        takenAt: 1_005,
        commonGround: null,
        counts: { pro: 1, con: 0, neutral: 0 },
      });
      // Each argument as stored, its endorsements and ∆ counted up to the window's end.
      const asStored = async (number: number, endorsements: number, deltas: number) => ({
        ...(await store.argument(a.id, number)),
        endorsements,
        deltas,
      });
      expect([...first!.arguments].sort((x, y) => x.number - y.number)).toEqual([
        await asStored(1, 1, 0),
        await asStored(2, 0, 1),
        await asStored(4, 0, 0),
      ]);
      expect(first).toMatchObject({
        newArguments: 2,
        voteEvents: 2,
        opinionChanges: 1,
        windowDeltas: [{ argumentId: two.id, count: 1 }],
        endorsements: 1,
        // V1, V2, U2, U3, U4 and E1.
        participants: 6,
      });
      expect(inside).toMatchObject({
        counts: { pro: 0, con: 0, neutral: 0 },
        baseline: null,
        arguments: [],
        newArguments: 0,
        voteEvents: 0,
        opinionChanges: 0,
        windowDeltas: [],
        endorsements: 0,
        participants: 0,
      });

      const many = await store.weekActivities([nextDoor, quiet, here], WINDOW);
      expect(many).toHaveLength(3);
      expect(many[0]!.map((activity) => activity.debate.id)).toEqual([g.id]);
      expect(many[1]).toEqual([]);
      expect(byNumber(many[2]!)).toEqual(week);
      expect(await store.weekActivities([], WINDOW)).toEqual([]);
      expect(await store.weekActivity(elsewhere, WINDOW)).toEqual([]);
    }),
  );
  it(
    'weekActivities: endorsers’ current sides per argument endorsed in time; a summary keeps its common ground for next week',
    withStore(async ({ store }) => {
      const debate = await openDebate(store, { at: 500 });
      await addArgument(store, debate, 'pro', 'A', { at: 600 });
      await addArgument(store, debate, 'con', 'B', { at: 600 });
      value(await vote(store, debate, 'P', 'pro', { at: 700 }));
      value(await vote(store, debate, 'K', 'con', { at: 700 }));
      value(await vote(store, debate, 'N', 'neutral', { at: 700 }));
      value(await endorse(store, debate, 1, 'P', { at: 1_100 }));
      value(await endorse(store, debate, 1, 'K', { at: 1_200 }));
      value(await endorse(store, debate, 2, 'N', { at: 1_200 }));
      // Endorsed after the window: not counted.
      value(await endorse(store, debate, 2, 'P', { at: 2_500 }));
      const week = (await store.weekActivities([here], WINDOW))[0]?.[0];
      const argumentIds = new Map(week!.arguments.map((a) => [a.number, a.id]));
      expect(week!.endorserSides).toEqual([{ argumentId: argumentIds.get(1), pro: 1, con: 1 }]);
      await store.claimSummary({
        scope: here,
        weekStart: '2026-11-09',
        scheduledAt: 2_000,
        token: 't',
        instance: 'instance-1',
        aliveSince: 0,
        at: 2_000,
        staleBefore: 0,
        maxAttempts: 3,
      });
      const ids = [argumentIds.get(1)!];
      expect(
        await store.completeSummary({
          scope: here,
          weekStart: '2026-11-09',
          token: 't',
          at: 2_001,
          status: 'posted',
          messageRef: 'm',
          snapshots: [{ debateId: debate.id, asOf: 2_000, counts: week!.counts, commonGround: ids }],
        }),
      ).toBe(true);
      const next = (await store.weekActivities([here], { from: 2_000, to: 3_000 }))[0]?.[0];
      expect(next!.baseline?.commonGround).toEqual(ids);
      expect(next!.endorserSides).toEqual([
        { argumentId: argumentIds.get(1), pro: 1, con: 1 },
        { argumentId: argumentIds.get(2), pro: 1, con: 0 },
      ]);
    }),
  );
}
