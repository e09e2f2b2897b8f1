// Closing notes, endorsers' current sides (common ground), two rounds: what both stores owe.
import { expect, it } from 'vitest';
import type { DebateRecord } from '../../../src/domain/records.ts';
import { fail } from '../../../src/domain/result.ts';
import {
  addArgument,
  endorse,
  here,
  nextDoor,
  openDebate,
  pass,
  persuade,
  setStatus,
  spy,
  value,
  vote,
  type WithStore,
  withdraw,
} from './harness.ts';

const sidesOf = async (store: Parameters<Parameters<WithStore>[0]>[0]['store'], debate: DebateRecord) =>
  (await store.endorserSides(debate.id)).map((row) => [row.argument.number, row.pro, row.con]);

/** The claiming instance, alive throughout. */
const LIVE = { instance: 'instance-1', aliveSince: 0 };
export function endingContract(withStore: WithStore) {
  it(
    'endorserSides: each live argument with its endorsers whose current vote is pour, and contre; neutral voters and non-voters not counted',
    withStore(async ({ store }) => {
      await store.renewInstanceLease(LIVE.instance, 1);
      const debate = await openDebate(store);
      await addArgument(store, debate, 'pro', 'A');
      await addArgument(store, debate, 'con', 'B');
      await addArgument(store, debate, 'pro', 'C');
      for (const [voter, side] of [
        ['P1', 'pro'],
        ['P2', 'pro'],
        ['K1', 'con'],
        ['N1', 'neutral'],
      ] as const)
        value(await vote(store, debate, voter, side));
      for (const voter of ['P1', 'P2', 'K1', 'N1', 'nobody']) value(await endorse(store, debate, 1, voter));
      value(await endorse(store, debate, 2, 'N1'));
      value(await endorse(store, debate, 2, 'nobody'));
      value(await endorse(store, debate, 3, 'K1'));
      expect(await sidesOf(store, debate)).toEqual([
        [1, 2, 1],
        [3, 0, 1],
      ]);
      const [first] = await store.endorserSides(debate.id);
      expect(first!.argument).toEqual(await store.argument(debate.id, 1));
      // A voter changing side moves their endorsements with them; a withdrawn vote takes them away.
      value(await vote(store, debate, 'K1', 'pro'));
      value(await vote(store, debate, 'P2', 'pro'));
      expect(await sidesOf(store, debate)).toEqual([
        [1, 2, 0],
        [3, 1, 0],
      ]);
      value(await vote(store, debate, 'N1', 'con'));
      expect(await sidesOf(store, debate)).toEqual([
        [1, 2, 1],
        [2, 0, 1],
        [3, 1, 0],
      ]);
      // A withdrawn argument is not listed; another debate's votes do not count.
      value(await withdraw(store, debate, 1));
      const other = await openDebate(store);
      await addArgument(store, other, 'pro', 'A');
      value(await vote(store, other, 'X', 'pro'));
      value(await endorse(store, other, 1, 'N1'));
      expect(await sidesOf(store, debate)).toEqual([
        [2, 0, 1],
        [3, 1, 0],
      ]);
      expect(await sidesOf(store, other)).toEqual([]);
    }),
  );

  it(
    'setStatus keeps a closing note with a close and drops it on reopening; setClosingNote replaces it when the check allows',
    withStore(async ({ store }) => {
      await store.renewInstanceLease(LIVE.instance, 1);
      const debate = await openDebate(store);
      expect(debate.closingNote).toBeNull();
      const closed = value(await setStatus(store, debate, 'closed', { closingNote: 'On essaie en janvier' }));
      expect(closed.debate.closingNote).toBe('On essaie en janvier');
      const seen = spy<[DebateRecord]>();
      const changed = await store.setClosingNote({
        debateId: debate.id,
        note: 'Finalement : février',
        at: 8_000,
        deliveryKey: 'n-1',
        check: seen.check,
      });
      expect(value(changed)).toMatchObject({
        duplicate: false,
        debate: { closingNote: 'Finalement : février' },
      });
      expect(seen.calls).toEqual([[closed.debate]]);
      const again = await store.setClosingNote({
        debateId: debate.id,
        note: 'autre chose',
        at: 8_001,
        deliveryKey: 'n-1',
        check: pass,
      });
      expect(value(again).duplicate).toBe(true);
      const refused = await store.setClosingNote({
        debateId: debate.id,
        note: 'refusée',
        at: 8_002,
        check: () => fail('rights.conclude'),
      });
      expect(refused.ok).toBe(false);
      expect((await store.findDebate(here, debate.number))?.closingNote).toBe('Finalement : février');
      const reopened = value(await setStatus(store, debate, 'open'));
      expect(reopened.debate.closingNote).toBeNull();
    }),
  );

  it(
    'lastClosedDebate: the channel’s most recently closed debate, none from another channel',
    withStore(async ({ store }) => {
      await store.renewInstanceLease(LIVE.instance, 1);
      expect(await store.lastClosedDebate(here)).toBeUndefined();
      const a = await openDebate(store);
      const b = await openDebate(store);
      await openDebate(store);
      value(await setStatus(store, b, 'closed', { at: 7_000 }));
      value(await setStatus(store, a, 'closed', { at: 7_500 }));
      expect((await store.lastClosedDebate(here))?.number).toBe(a.number);
      expect(await store.lastClosedDebate(nextDoor)).toBeUndefined();
    }),
  );

  it(
    'two rounds: the half-time is claimed once (a stale claim taken over), the first round’s votes kept; rounds compare them with the votes now',
    withStore(async ({ store }) => {
      await store.renewInstanceLease(LIVE.instance, 1);
      const debate = await openDebate(store, { twoRounds: true, round2At: 10_000, closesAt: 20_000 });
      expect(debate).toMatchObject({ twoRounds: true, round2At: 10_000, round2StartedAt: null });
      const one = await openDebate(store);
      expect(one).toMatchObject({ twoRounds: false, round2At: null });
      await addArgument(store, debate, 'pro', 'A');
      await addArgument(store, debate, 'con', 'B');
      value(await vote(store, debate, 'V1', 'pro'));
      value(await vote(store, debate, 'V2', 'con'));
      value(await vote(store, debate, 'V3', 'neutral'));
      const claim = (at: number, staleBefore = 0) =>
        store.claimHalftimes({ ...LIVE, at, staleBefore, platforms: ['slack'], limit: 10 });
      expect(await claim(9_999)).toEqual([]);
      expect(await store.rounds(debate.id)).toBeUndefined();
      expect(
        await store.claimHalftimes({
          ...LIVE,
          at: 10_000,
          staleBefore: 0,
          platforms: ['discord'],
          limit: 10,
        }),
      ).toEqual([]);
      const [first, second] = await Promise.all([claim(10_000), claim(10_000)]);
      const claimed = [...first, ...second];
      expect(claimed.map((d) => d.id)).toEqual([debate.id]);
      expect(claimed[0]!.round2StartedAt).toBe(10_000);
      // Not completed: taken over once the claim is stale, the round not opened again.
      expect(await claim(10_500, 10_000)).toEqual([]);
      const retaken = await claim(20_000 - 1, 10_001);
      expect(retaken.map((d) => [d.id, d.round2StartedAt])).toEqual([[debate.id, 10_000]]);
      await store.completeHalftime(debate.id, 19_999);
      expect(await claim(30_000, 30_000)).toEqual([]);
      // Second round: V1 switches to contre (∆ to n° 2), V3 to pour, V2 stays, V4 is new.
      value(await vote(store, debate, 'V1', 'con', { at: 11_000 }));
      value(await persuade(store, debate, 'V1', 2, { at: 11_001 }));
      value(await vote(store, debate, 'V3', 'pro', { at: 11_002 }));
      value(await vote(store, debate, 'V4', 'pro', { at: 11_003 }));
      expect(await store.rounds(debate.id)).toEqual({
        first: { pro: 1, con: 1, neutral: 1 },
        changed: 2,
        deltas: [{ number: 2, count: 1 }],
      });
      // Forgetting a voter takes their first-round vote too.
      await store.forgetParticipant(here, ['V1']);
      expect(await store.rounds(debate.id)).toEqual({
        first: { pro: 0, con: 1, neutral: 1 },
        changed: 1,
        deltas: [],
      });
    }),
  );

  it(
    'startRound2: opens the second round now when the check allows, once per delivery; no sweep posts its half-time again',
    withStore(async ({ store }) => {
      await store.renewInstanceLease(LIVE.instance, 1);
      const debate = await openDebate(store, { twoRounds: true, round2At: 10_000, closesAt: 20_000 });
      value(await vote(store, debate, 'V1', 'pro'));
      const refused = await store.startRound2({
        debateId: debate.id,
        at: 5_000,
        check: () => fail('rights.round2'),
      });
      expect(refused.ok).toBe(false);
      expect(await store.rounds(debate.id)).toBeUndefined();
      const seen = spy<[DebateRecord]>();
      const started = value(
        await store.startRound2({ debateId: debate.id, at: 5_000, deliveryKey: 'r-1', check: seen.check }),
      );
      expect(seen.calls).toEqual([[debate]]);
      expect(started).toMatchObject({
        duplicate: false,
        debate: { round2StartedAt: 5_000, round2At: 5_000 },
      });
      const again = value(
        await store.startRound2({ debateId: debate.id, at: 6_000, deliveryKey: 'r-1', check: pass }),
      );
      expect(again.duplicate).toBe(true);
      expect(
        await store.claimHalftimes({
          ...LIVE,
          at: 12_000,
          staleBefore: 12_000,
          platforms: ['slack'],
          limit: 10,
        }),
      ).toEqual([]);
      value(await vote(store, debate, 'V1', 'con', { at: 6_000 }));
      expect(await store.rounds(debate.id)).toEqual({
        first: { pro: 1, con: 0, neutral: 0 },
        changed: 1,
        deltas: [],
      });
    }),
  );
}
