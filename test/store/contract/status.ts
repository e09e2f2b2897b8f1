// Closing and reopening: setStatus with its end, and closeExpired exactly once.
import { expect, it } from 'vitest';
import type { DebateRecord } from '../../../src/domain/records.ts';
import { fail } from '../../../src/domain/result.ts';
import {
  elsewhere,
  here,
  openDebate,
  otherPlatform,
  pass,
  setStatus,
  spy,
  value,
  vote,
  type WithStore,
} from './harness.ts';

const refuseAlready = (status: 'open' | 'closed') => (debate: DebateRecord) =>
  debate.status === status
    ? fail(status === 'closed' ? 'debate.already_closed' : 'debate.already_open')
    : pass();

export function statusContract(withStore: WithStore) {
  it(
    'setStatus: closes at its instant, reopens with the end given; the check sees the stored debate',
    withStore(async ({ store }) => {
      const debate = await openDebate(store, { closesAt: 50_000 });
      const seen = spy<[DebateRecord]>();
      const closed = value(
        await setStatus(store, debate, 'closed', { at: 7_000, closesAt: 50_000, check: seen.check }),
      );
      expect(seen.calls).toEqual([[debate]]);
      const expected = { ...debate, status: 'closed', closedAt: 7_000, closesAt: 50_000 };
      expect(closed).toEqual({ debate: expected, duplicate: false });
      expect(await store.findDebate(here, 1)).toEqual(expected);
      // Reopened after its end: the core passes no end, and the debate has none.
      const reopened = value(await setStatus(store, debate, 'open', { at: 60_000, closesAt: null }));
      expect(reopened.debate).toEqual({ ...debate, status: 'open', closedAt: null, closesAt: null });
      expect(await store.findDebate(here, 1)).toEqual(reopened.debate);
      const again = value(await setStatus(store, debate, 'closed', { at: 61_000, closesAt: null }));
      expect(again.debate).toMatchObject({ status: 'closed', closedAt: 61_000, closesAt: null });
    }),
  );

  it(
    'setStatus: a refusal writes nothing and claims no delivery; a redelivery is a duplicate',
    withStore(async ({ store }) => {
      const debate = await openDebate(store);
      const refused = await setStatus(store, debate, 'open', {
        deliveryKey: 's-1',
        check: refuseAlready('open'),
      });
      expect(refused).toEqual({ ok: false, error: { code: 'debate.already_open', params: undefined } });
      expect(await store.findDebate(here, 1)).toEqual(debate);
      const closed = value(
        await setStatus(store, debate, 'closed', { deliveryKey: 's-1', check: refuseAlready('closed') }),
      );
      expect(closed.duplicate).toBe(false);
      // Redelivered: the same answer, not "already closed".
      const again = value(
        await setStatus(store, debate, 'closed', {
          deliveryKey: 's-1',
          at: 8_000,
          check: refuseAlready('closed'),
        }),
      );
      expect(again).toEqual({ debate: closed.debate, duplicate: true });
      expect((await store.findDebate(here, 1))?.closedAt).toBe(7_000);
    }),
  );

  it(
    'setStatus: of two concurrent closes, one closes and the other’s check sees it closed',
    withStore(async ({ store }) => {
      const debate = await openDebate(store);
      const both = await Promise.all([
        setStatus(store, debate, 'closed', { check: refuseAlready('closed') }),
        setStatus(store, debate, 'closed', { check: refuseAlready('closed') }),
      ]);
      expect(both.filter((result) => result.ok)).toHaveLength(1);
      expect(both.filter((result) => !result.ok)).toEqual([
        { ok: false, error: { code: 'debate.already_closed', params: undefined } },
      ]);
    }),
  );

  it(
    'closeExpired: every debate whose end has come, in every workspace, closed at its end, once',
    withStore(async ({ store }) => {
      const soon = await openDebate(store, { closesAt: 10_000 });
      const exact = await openDebate(store, { scope: elsewhere, closesAt: 12_000 });
      const later = await openDebate(store, { scope: otherPlatform, closesAt: 30_000 });
      await openDebate(store);
      const closedByHand = await openDebate(store, { closesAt: 11_000 });
      value(await setStatus(store, closedByHand, 'closed', { at: 9_000, closesAt: 11_000 }));
      expect(await store.closeExpired(9_999)).toEqual([]);
      const swept = await store.closeExpired(12_000);
      expect(swept.sort((a, b) => a.id - b.id)).toEqual([
        { ...soon, status: 'closed', closedAt: 10_000 },
        { ...exact, status: 'closed', closedAt: 12_000 },
      ]);
      expect(await store.findDebate(here, soon.number)).toEqual(swept[0]);
      expect((await store.findDebate(here, closedByHand.number))?.closedAt).toBe(9_000);
      expect(await store.closeExpired(20_000)).toEqual([]);
      // Two sweeps at once (two instances): the debate comes back from one of them only.
      const sweeps = await Promise.all([store.closeExpired(40_000), store.closeExpired(40_000)]);
      expect(sweeps.flat()).toEqual([{ ...later, status: 'closed', closedAt: 30_000 }]);
      expect(await store.closeExpired(Number.MAX_SAFE_INTEGER)).toEqual([]);
    }),
  );

  it(
    'castVote: the store decides nothing about time; an ended debate stays open until closeExpired',
    withStore(async ({ store }) => {
      const debate = await openDebate(store, { closesAt: 10_000 });
      const byTime = (at: number) => (found: DebateRecord | undefined) =>
        !found
          ? fail('debate.none_open')
          : found.closesAt !== null && found.closesAt <= at
            ? fail('debate.closed', { debate: found.number })
            : pass();
      const cast = (at: number) =>
        store.castVote({
          target: { scope: here },
          voterKey: () => 'V',
          voterName: () => null,
          person: 'V',
          side: 'pro',
          at,
          check: byTime(at),
        });
      expect(value(await cast(9_999))).toMatchObject({ debate: { number: 1 }, current: 'pro' });
      expect(await cast(10_000)).toEqual({
        ok: false,
        error: { code: 'debate.closed', params: { debate: 1 } },
      });
      expect((await store.findDebate(here, 1))?.status).toBe('open');
      expect(await store.tally(debate.id)).toEqual({ pro: 1, con: 0, neutral: 0 });
      expect((await store.closeExpired(10_000)).map((closed) => closed.id)).toEqual([debate.id]);
      expect(await cast(10_001)).toEqual({
        ok: false,
        error: { code: 'debate.none_open', params: undefined },
      });
      // A vote by number still reaches it, for the check to refuse.
      expect(
        (
          await vote(store, debate, 'W', 'con', {
            check: (found) => (found?.status === 'closed' ? fail('debate.closed') : pass()),
          })
        ).ok,
      ).toBe(false);
    }),
  );
}
