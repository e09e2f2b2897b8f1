// Instance leases and what is claimed under them, end announcements, repeated clicks, and a nudge
// backlog that cannot hide a debate that needs one.
import { expect, it } from 'vitest';
import type { ClaimWindow } from '../../../src/store/ports/leases.ts';
import { addArgument, elsewhere, here, nextDoor, openDebate, type WithStore } from './harness.ts';

const window = (instance: string, at: number): ClaimWindow => ({
  instance,
  at,
  staleBefore: at - 300_000,
  aliveSince: at - 20_000,
});

export function leaseContract(withStore: WithStore) {
  it(
    'closeExpired: only the debate or the channel named; each closed debate waits for its end to be announced',
    withStore(async ({ store }) => {
      const ending = (scope = here) => openDebate(store, { scope, closesAt: 5_000 });
      const touched = await ending();
      const sameChannel = await ending();
      const otherChannel = await ending(nextDoor);
      const otherWorkspace = await ending(elsewhere);
      expect((await store.closeExpired(6_000, { debateId: touched.id })).map((d) => d.id)).toEqual([
        touched.id,
      ]);
      expect((await store.closeExpired(6_000, { channel: here })).map((d) => d.id)).toEqual([sameChannel.id]);
      expect((await store.closeExpired(6_000)).map((d) => d.id).sort()).toEqual(
        [otherChannel.id, otherWorkspace.id].sort(),
      );
      await store.renewInstanceLease('A', 6_000);
      const claimed = await store.claimEndAnnouncements({
        ...window('A', 6_000),
        platforms: ['slack'],
        limit: 10,
      });
      expect(claimed.map((c) => [c.debate.id, c.retaken]).sort()).toEqual(
        [touched, sameChannel, otherChannel, otherWorkspace].map((d) => [d.id, false]).sort(),
      );
      // Held by a live instance: nobody else takes them.
      await store.renewInstanceLease('B', 7_000);
      await store.renewInstanceLease('A', 7_000);
      expect(
        await store.claimEndAnnouncements({ ...window('B', 7_000), platforms: ['slack'], limit: 10 }),
      ).toEqual([]);
      await store.completeEndAnnouncement(touched.id);
      // A dies (no renewal for 20 s): B takes the rest over, as possibly posted already.
      await store.renewInstanceLease('B', 30_000);
      const taken = await store.claimEndAnnouncements({
        ...window('B', 30_000),
        platforms: ['slack'],
        limit: 10,
      });
      expect(taken.map((c) => c.debate.id).sort()).toEqual(
        [sameChannel.id, otherChannel.id, otherWorkspace.id].sort(),
      );
      expect(taken.every((c) => c.retaken)).toBe(true);
      for (const { debate } of taken) await store.completeEndAnnouncement(debate.id);
      expect(
        await store.claimEndAnnouncements({ ...window('B', 900_000), platforms: ['slack'], limit: 10 }),
      ).toEqual([]);
    }),
  );

  it(
    'a claim of a live instance is taken again after the retry window; a released lease frees it at once',
    withStore(async ({ store }) => {
      const debate = await openDebate(store, { closesAt: 5_000 });
      await store.closeExpired(6_000);
      await store.renewInstanceLease('A', 6_000);
      expect(
        await store.claimEndAnnouncements({ ...window('A', 6_000), platforms: ['slack'], limit: 1 }),
      ).toHaveLength(1);
      await store.renewInstanceLease('A', 100_000);
      await store.renewInstanceLease('B', 100_000);
      expect(
        await store.claimEndAnnouncements({ ...window('B', 100_000), platforms: ['slack'], limit: 1 }),
      ).toEqual([]);
      // A's post failed and A lives on: tried again once the claim is older than the retry window.
      await store.renewInstanceLease('A', 306_001);
      await store.renewInstanceLease('B', 306_001);
      expect(
        (await store.claimEndAnnouncements({ ...window('B', 306_001), platforms: ['slack'], limit: 1 })).map(
          (c) => c.debate.id,
        ),
      ).toEqual([debate.id]);
      // B stops cleanly: its claim is free at once.
      await store.releaseInstanceLease('B');
      await store.renewInstanceLease('A', 306_002);
      expect(
        await store.claimEndAnnouncements({ ...window('A', 306_002), platforms: ['slack'], limit: 1 }),
      ).toHaveLength(1);
      // Only for the platforms asked.
      await store.completeEndAnnouncement(debate.id);
      await openDebate(store, { scope: { ...here, platform: 'discord' }, closesAt: 5_000 });
      await store.closeExpired(400_000);
      expect(
        await store.claimEndAnnouncements({ ...window('A', 400_000), platforms: ['slack'], limit: 5 }),
      ).toEqual([]);
    }),
  );

  it(
    'repeatClick: a second click under one key within the window is a repeat, whatever the order of arrival',
    withStore(async ({ store }) => {
      expect(await store.repeatClick('u/m/b', 10_000, 1_500, 'd1')).toBe(false);
      expect(await store.repeatClick('u/m/b', 10_900, 1_500, 'd2')).toBe(true);
      // The same click delivered again (a retry after an instance died before acting on it) is not
      // a repeat: the delivery keys decide whether it was already counted.
      expect(await store.repeatClick('u/m/b', 10_900, 1_500, 'd2')).toBe(false);
      // Two clicks in the same millisecond are still two deliveries: the second is a repeat.
      expect(await store.repeatClick('u/m/b', 10_900, 1_500, 'd3')).toBe(true);
      expect(await store.repeatClick('v/m/b', 10_900, 1_500, 'd4')).toBe(false);
      expect(await store.repeatClick('u/m/b', 20_000, 1_500, 'd5')).toBe(false);
      // A click that arrives after a later one (two instances, two queues) is a repeat too.
      expect(await store.repeatClick('u/m/b', 19_500, 1_500, 'd6')).toBe(true);
      const both = await Promise.all([
        store.repeatClick('w/m/b', 30_000, 1_500, 'd7'),
        store.repeatClick('w/m/b', 30_010, 1_500, 'd8'),
      ]);
      expect(both.filter(Boolean)).toHaveLength(1);
      await store.pruneClicks(25_000);
      expect(await store.repeatClick('u/m/b', 20_100, 1_500, 'd9')).toBe(false);
    }),
  );

  it(
    'nudgeCandidates: 51 balanced debates and one one-sided: the one-sided comes back, and nothing else',
    withStore(async ({ store }) => {
      for (let i = 0; i < 51; i++) {
        const balanced = await openDebate(store);
        for (const side of ['pro', 'pro', 'pro', 'con'] as const)
          await addArgument(store, balanced, side, `a${i}`);
      }
      const oneSided = await openDebate(store, { scope: elsewhere });
      for (const n of [1, 2, 3]) await addArgument(store, oneSided, 'con', `b${n}`);
      await store.renewInstanceLease('A', 10_000);
      const found = await store.nudgeCandidates({
        ...window('A', 10_000),
        platforms: ['slack'],
        minArguments: 3,
        quietSince: 9_000,
        limit: 50,
      });
      expect(found.map((c) => [c.debate.id, c.pro, c.con])).toEqual([[oneSided.id, 0, 3]]);
    }),
  );

  it(
    'nudgeCandidates: each workspace in turn, so one workspace’s backlog does not hide another’s',
    withStore(async ({ store }) => {
      const oneSided = async (scope = here) => {
        const debate = await openDebate(store, { scope });
        for (const n of [1, 2, 3]) await addArgument(store, debate, 'pro', `p${n}`);
        return debate;
      };
      for (let i = 0; i < 4; i++) await oneSided();
      const late = await oneSided(elsewhere);
      await store.renewInstanceLease('A', 10_000);
      const found = await store.nudgeCandidates({
        ...window('A', 10_000),
        platforms: ['slack'],
        minArguments: 3,
        quietSince: 9_000,
        limit: 2,
      });
      expect(found.map((c) => c.debate.workspaceId)).toEqual(['T1', 'T2']);
      expect(found[1]?.debate.id).toBe(late.id);
    }),
  );
}
