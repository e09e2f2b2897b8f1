// Debates: opening, numbering, finding them from a channel, their scoreboards.
import { expect, it } from 'vitest';
import {
  addArgument,
  elsewhere,
  here,
  nextDoor,
  openDebate,
  otherPlatform,
  setStatus,
  value,
  vote,
  type WithStore,
  withdraw,
} from './harness.ts';

export function debateContract(withStore: WithStore) {
  it(
    'openDebate: numbers per workspace and platform, keeps every field, a debate starts open',
    withStore(async ({ store }) => {
      const first = await store.openDebate({
        scope: here,
        uid: 'uid-first',
        topic: 'La semaine de quatre jours',
        openerKey: 'U1',
        openerName: 'Une',
        anonymous: true,
        hidden: true,
        at: 1_234,
        closesAt: 99_000,
      });
      expect(first).toEqual({
        duplicate: false,
        debate: {
          id: first.debate.id,
          uid: 'uid-first',
          platform: 'slack',
          workspaceId: 'T1',
          channelId: 'C1',
          number: 1,
          topic: 'La semaine de quatre jours',
          openerKey: 'U1',
          openerName: 'Une',
          anonymous: true,
          hidden: true,
          status: 'open',
          openedAt: 1_234,
          closesAt: 99_000,
          closedAt: null,
          scoreboardRef: null,
          closingNote: null,
          twoRounds: false,
          round2At: null,
          round2StartedAt: null,
        },
      });
      const numbers = [];
      for (const scope of [nextDoor, elsewhere, otherPlatform, here])
        numbers.push((await openDebate(store, { scope, openerName: null })).number);
      expect(numbers).toEqual([2, 1, 1, 3]);
      expect(await store.findDebate(here, 1)).toEqual(first.debate);
      expect((await store.findDebate(here, 2))?.channelId).toBe('C2');
      expect((await store.findDebate(otherPlatform, 1))?.platform).toBe('discord');
      expect((await store.findDebate(elsewhere, 1))?.workspaceId).toBe('T2');
      expect(await store.findDebate(here, 4)).toBeUndefined();
      expect(await store.findDebate(elsewhere, 2)).toBeUndefined();
      // Concurrent openings in one workspace still get one number each.
      const together = await Promise.all([1, 2, 3, 4].map(() => openDebate(store, { scope: elsewhere })));
      expect(together.map((debate) => debate.number).sort()).toEqual([2, 3, 4, 5]);
      expect(new Set(together.map((debate) => debate.id)).size).toBe(4);
    }),
  );

  it(
    'openDebate: the same delivery key again returns the same debate, marked duplicate',
    withStore(async ({ store }) => {
      const input = {
        scope: here,
        topic: 'Sujet',
        openerKey: 'U1',
        openerName: null,
        anonymous: false,
        hidden: false,
        closesAt: null,
      };
      const first = await store.openDebate({ ...input, uid: 'a', at: 1_000, deliveryKey: 'open-1' });
      const again = await store.openDebate({ ...input, uid: 'b', at: 1_500, deliveryKey: 'open-1' });
      expect(first.duplicate).toBe(false);
      expect(again).toEqual({ debate: first.debate, duplicate: true });
      const racing = await Promise.all(
        ['c', 'd'].map((uid) => store.openDebate({ ...input, uid, at: 2_000, deliveryKey: 'open-2' })),
      );
      expect(racing.map((opened) => opened.duplicate).sort()).toEqual([false, true]);
      expect(racing[0]!.debate).toEqual(racing[1]!.debate);
      expect(racing[0]!.debate.number).toBe(2);
      expect(await store.findDebate(here, 3)).toBeUndefined();
      const other = await store.openDebate({ ...input, uid: 'e', at: 3_000, deliveryKey: 'open-3' });
      expect(other).toMatchObject({ duplicate: false, debate: { number: 3, uid: 'e' } });
    }),
  );

  it(
    'currentDebate/openDebates: the channel’s own open debates, newest first, with counts',
    withStore(async ({ store }) => {
      expect(await store.currentDebate(here)).toBeUndefined();
      expect(await store.openDebates(here)).toEqual([]);
      const older = await openDebate(store);
      await openDebate(store, { scope: nextDoor });
      await openDebate(store, { scope: { ...here, workspaceId: 'T2' } });
      await openDebate(store, { scope: { ...here, platform: 'discord' } });
      const newer = await openDebate(store);
      const closed = await openDebate(store);
      await setStatus(store, closed, 'closed');
      expect(await store.currentDebate(here)).toEqual(newer);
      await vote(store, older, 'V1', 'pro');
      await vote(store, older, 'V2', 'neutral');
      await addArgument(store, older, 'con', 'A1');
      await addArgument(store, older, 'pro', 'A2');
      value(await withdraw(store, older, 2));
      const rows = await store.openDebates(here);
      expect(rows.map((row) => row.debate.id)).toEqual([newer.id, older.id]);
      expect(rows[1]).toEqual({ debate: older, counts: { pro: 1, con: 0, neutral: 1 }, argumentCount: 1 });
      expect(rows[0]).toEqual({ debate: newer, counts: { pro: 0, con: 0, neutral: 0 }, argumentCount: 0 });
      await setStatus(store, newer, 'closed');
      expect(await store.currentDebate(here)).toEqual(older);
    }),
  );

  it(
    'setScoreboardRef/debateByScoreboardRef: a scoreboard is found from its own channel only',
    withStore(async ({ store }) => {
      const mine = await openDebate(store);
      const theirs = await openDebate(store, { scope: nextDoor });
      const unrelated = await openDebate(store);
      // Message ids are unique per channel only: the same ref in two channels is two scoreboards.
      await store.setScoreboardRef(mine.id, '1700000000.000100');
      await store.setScoreboardRef(theirs.id, '1700000000.000100');
      expect(await store.debateByScoreboardRef(here, '1700000000.000100')).toEqual({
        ...mine,
        scoreboardRef: '1700000000.000100',
      });
      expect((await store.debateByScoreboardRef(nextDoor, '1700000000.000100'))?.id).toBe(theirs.id);
      expect(await store.debateByScoreboardRef(elsewhere, '1700000000.000100')).toBeUndefined();
      expect(await store.debateByScoreboardRef(here, '1700000000.000200')).toBeUndefined();
      expect((await store.findDebate(here, mine.number))?.scoreboardRef).toBe('1700000000.000100');
      expect((await store.findDebate(here, unrelated.number))?.scoreboardRef).toBeNull();
      // A scoreboard posted again replaces the old one.
      await store.setScoreboardRef(mine.id, '1700000000.000300');
      expect(await store.debateByScoreboardRef(here, '1700000000.000100')).toBeUndefined();
      expect((await store.debateByScoreboardRef(here, '1700000000.000300'))?.id).toBe(mine.id);
    }),
  );

  it(
    'debatesOfWorkspace: every debate of the workspace, open or closed, and no other',
    withStore(async ({ store }) => {
      const a = await openDebate(store, { anonymous: true });
      const b = await openDebate(store, { scope: nextDoor });
      await setStatus(store, b, 'closed');
      await openDebate(store, { scope: elsewhere });
      await openDebate(store, { scope: otherPlatform });
      const listed = await store.debatesOfWorkspace(here);
      expect(listed.sort((x, y) => x.id - y.id)).toEqual([
        { id: a.id, uid: a.uid, anonymous: true },
        { id: b.id, uid: b.uid, anonymous: false },
      ]);
      expect(await store.debatesOfWorkspace({ platform: 'terminal', workspaceId: 'T1' })).toEqual([]);
    }),
  );
}
