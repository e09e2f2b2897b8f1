// Votes: resolving the target, the voter's key, toggling, history, duplicates and refusals.
import { expect, it } from 'vitest';
import type { DebateRecord } from '../../../src/domain/records.ts';
import { fail } from '../../../src/domain/result.ts';
import {
  elsewhere,
  here,
  nextDoor,
  openDebate,
  pass,
  setStatus,
  spy,
  value,
  vote,
  type WithStore,
} from './harness.ts';

export function voteContract(withStore: WithStore) {
  it(
    'castVote: a number is the workspace’s debate, no number the channel’s latest open one; the check decides',
    withStore(async ({ store }) => {
      const cast = async (number: number | undefined, refuse = false) => {
        const seen = spy<[DebateRecord | undefined]>(() => (refuse ? fail('debate.not_found') : pass()));
        const result = await store.castVote({
          target: { scope: here, number },
          voterKey: () => 'V',
          voterName: () => 'Vé',
          person: 'V',
          side: 'pro',
          at: 3_000,
          check: seen.check,
        });
        expect(seen.calls).toHaveLength(1);
        return { found: seen.calls[0]![0], result };
      };
      expect((await cast(undefined, true)).found).toBeUndefined();
      const older = await openDebate(store);
      const theirs = await openDebate(store, { scope: nextDoor });
      const newer = await openDebate(store);
      await openDebate(store, { scope: elsewhere });
      await openDebate(store, { scope: elsewhere });
      await openDebate(store, { scope: elsewhere });
      await openDebate(store, { scope: elsewhere });
      expect((await cast(undefined)).found).toEqual(newer);
      expect((await cast(1)).found).toEqual(older);
      // The channel rule is the core's: the store hands over the other channel's debate…
      const foreign = await cast(2, true);
      expect(foreign.found).toEqual(theirs);
      // …and writes nothing when the check refuses it.
      expect(foreign.result).toEqual({ ok: false, error: { code: 'debate.not_found', params: undefined } });
      expect(await store.voteOf(theirs.id, 'V')).toBeNull();
      expect(await store.tally(theirs.id)).toEqual({ pro: 0, con: 0, neutral: 0 });
      // Number 4 exists only in another workspace.
      expect((await cast(4, true)).found).toBeUndefined();
      expect(await store.voteOf(older.id, 'V')).toBe('pro');
      expect(await store.voteOf(newer.id, 'V')).toBe('pro');
      await setStatus(store, newer, 'closed');
      expect((await cast(undefined, true)).found).toEqual(older);
    }),
  );

  it(
    'castVote: the voter’s key and name come from the debate found',
    withStore(async ({ store }) => {
      const anonymous = await openDebate(store, { anonymous: true, uid: 'anon-uid' });
      const asked: unknown[] = [];
      const outcome = value(
        await store.castVote({
          target: { scope: here },
          voterKey: (debate) => {
            asked.push({ uid: debate.uid, anonymous: debate.anonymous });
            return `key-of-${debate.uid}`;
          },
          voterName: (debate) => (debate.anonymous ? null : 'Visible'),
          person: 'Visible',
          side: 'con',
          at: 3_100,
          check: pass,
        }),
      );
      expect(asked).toEqual([{ uid: 'anon-uid', anonymous: true }]);
      expect(outcome).toEqual({ debate: anonymous, previous: null, current: 'con', duplicate: false });
      expect(await store.voteOf(anonymous.id, 'key-of-anon-uid')).toBe('con');
      expect((await store.exportData(anonymous.id)).votes).toEqual([
        { voterKey: 'key-of-anon-uid', voterName: null, side: 'con', votedAt: 3_100 },
      ]);
    }),
  );

  it(
    'castVote/voteOf/tally: cast, switch, neutral, the same side again withdraws; every change in the history',
    withStore(async ({ store }) => {
      const debate = await openDebate(store);
      const step = async (voter: string, side: 'pro' | 'con' | 'neutral', at: number) =>
        value(await vote(store, debate, voter, side, { at }));
      expect(await store.voteOf(debate.id, 'A')).toBeNull();
      expect(await step('A', 'pro', 10)).toEqual({
        debate,
        previous: null,
        current: 'pro',
        duplicate: false,
      });
      expect(await step('B', 'pro', 11)).toMatchObject({ previous: null, current: 'pro' });
      expect(await step('C', 'neutral', 12)).toMatchObject({ previous: null, current: 'neutral' });
      expect(await store.tally(debate.id)).toEqual({ pro: 2, con: 0, neutral: 1 });
      expect(await step('A', 'con', 13)).toMatchObject({ previous: 'pro', current: 'con' });
      expect(await store.voteOf(debate.id, 'A')).toBe('con');
      expect(await step('B', 'pro', 14)).toMatchObject({ previous: 'pro', current: null });
      expect(await store.voteOf(debate.id, 'B')).toBeNull();
      expect(await step('B', 'neutral', 15)).toMatchObject({ previous: null, current: 'neutral' });
      expect(await step('C', 'pro', 16)).toMatchObject({ previous: 'neutral', current: 'pro' });
      expect(await store.tally(debate.id)).toEqual({ pro: 1, con: 1, neutral: 1 });
      const { history, votes } = await store.exportData(debate.id);
      expect(history.map((event) => [event.voterKey, event.oldSide, event.newSide, event.at])).toEqual([
        ['A', null, 'pro', 10],
        ['B', null, 'pro', 11],
        ['C', null, 'neutral', 12],
        ['A', 'pro', 'con', 13],
        ['B', 'pro', null, 14],
        ['B', null, 'neutral', 15],
        ['C', 'neutral', 'pro', 16],
      ]);
      expect(history.every((event) => event.persuadedBy === null)).toBe(true);
      // The latest vote is kept with its time and the name given with it.
      expect(votes.find((kept) => kept.voterKey === 'C')).toEqual({
        voterKey: 'C',
        voterName: 'C',
        side: 'pro',
        votedAt: 16,
      });
      expect(await store.tally((await openDebate(store)).id)).toEqual({ pro: 0, con: 0, neutral: 0 });
    }),
  );

  it(
    'castVote: a redelivery changes nothing; a refusal writes nothing and claims no delivery',
    withStore(async ({ store }) => {
      const debate = await openDebate(store);
      const refused = await vote(store, debate, 'V', 'pro', {
        deliveryKey: 'v-1',
        check: () => fail('debate.closed', { debate: 1 }),
      });
      expect(refused).toEqual({ ok: false, error: { code: 'debate.closed', params: { debate: 1 } } });
      expect(await store.voteOf(debate.id, 'V')).toBeNull();
      expect((await store.exportData(debate.id)).history).toEqual([]);
      expect(value(await vote(store, debate, 'V', 'pro', { deliveryKey: 'v-1' }))).toMatchObject({
        previous: null,
        current: 'pro',
        duplicate: false,
      });
      // The same delivery again: what stands, unchanged (a second "pro" would have withdrawn it).
      expect(value(await vote(store, debate, 'V', 'pro', { deliveryKey: 'v-1' }))).toEqual({
        debate,
        previous: 'pro',
        current: 'pro',
        duplicate: true,
      });
      expect(value(await vote(store, debate, 'V', 'con', { deliveryKey: 'v-1' }))).toMatchObject({
        current: 'pro',
        duplicate: true,
      });
      expect(await store.tally(debate.id)).toEqual({ pro: 1, con: 0, neutral: 0 });
      expect((await store.exportData(debate.id)).history).toHaveLength(1);
      expect(value(await vote(store, debate, 'V', 'con', { deliveryKey: 'v-2' }))).toMatchObject({
        previous: 'pro',
        current: 'con',
        duplicate: false,
      });
    }),
  );

  it(
    'castVote: concurrent votes of one person each see the other’s result',
    withStore(async ({ store }) => {
      const debate = await openDebate(store);
      const both = await Promise.all([vote(store, debate, 'V', 'pro'), vote(store, debate, 'V', 'pro')]);
      const changes = both.map((result) => {
        const { previous, current } = value(result);
        return [previous, current];
      });
      expect(changes.sort()).toEqual([
        [null, 'pro'],
        ['pro', null],
      ]);
      expect(await store.voteOf(debate.id, 'V')).toBeNull();
      expect((await store.exportData(debate.id)).history).toHaveLength(2);
    }),
  );

  it(
    'castVote: bursts of votes sent together count each delivery once, keep every debate apart and refuse alone',
    withStore(async ({ store }) => {
      const debate = await openDebate(store);
      const other = await openDebate(store);
      const voters = Array.from({ length: 12 }, (_, index) => `P${index}`);
      const first = await Promise.all(
        voters.flatMap((voter, index) => [
          vote(store, debate, voter, 'pro', { at: 100 + index, deliveryKey: `${voter}-1` }),
          // The platform's retry of that click, arriving with it.
          vote(store, debate, voter, 'pro', { at: 100 + index, deliveryKey: `${voter}-1` }),
          vote(store, other, voter, index % 2 ? 'neutral' : 'con', { at: 100 + index }),
          vote(store, debate, voter, 'neutral', {
            at: 100 + index,
            check: () => fail('debate.closed', { debate: debate.number }),
          }),
        ]),
      );
      for (const index of voters.keys()) {
        const [click, retry, elsewhere, refused] = first.slice(index * 4, index * 4 + 4);
        // Whichever of the two copies came first counts; the other is told what stands.
        expect(
          [value(click!), value(retry!)].sort((a, b) => Number(a.duplicate) - Number(b.duplicate)),
        ).toEqual([
          { debate, previous: null, current: 'pro', duplicate: false },
          { debate, previous: 'pro', current: 'pro', duplicate: true },
        ]);
        expect(value(elsewhere!)).toEqual({
          debate: other,
          previous: null,
          current: index % 2 ? 'neutral' : 'con',
          duplicate: false,
        });
        expect(refused).toEqual({
          ok: false,
          error: { code: 'debate.closed', params: { debate: debate.number } },
        });
      }
      const second = await Promise.all(
        voters.flatMap((voter, index) => [
          vote(store, debate, voter, 'con', { at: 200 + index, deliveryKey: `${voter}-2` }),
          // A late retry of the first click changes nothing.
          vote(store, debate, voter, 'pro', { at: 100 + index, deliveryKey: `${voter}-1` }),
        ]),
      );
      for (const index of voters.keys()) {
        const [click, lateRetry] = second.slice(index * 2, index * 2 + 2);
        expect(value(click!)).toEqual({ debate, previous: 'pro', current: 'con', duplicate: false });
        expect(value(lateRetry!)).toMatchObject({ debate, duplicate: true });
      }
      expect(await store.tally(debate.id)).toEqual({ pro: 0, con: 12, neutral: 0 });
      expect(await store.tally(other.id)).toEqual({ pro: 0, con: 6, neutral: 6 });
      const { history } = await store.exportData(debate.id);
      expect(history).toHaveLength(24);
      for (const voter of voters)
        expect(
          history.filter((event) => event.voterKey === voter).map((event) => [event.oldSide, event.newSide]),
        ).toEqual([
          [null, 'pro'],
          ['pro', 'con'],
        ]);
    }),
  );

  it(
    'castVote with its click: a double click is one click, a refused one too; the same delivery is a retry',
    withStore(async ({ store }) => {
      const debate = await openDebate(store);
      const click = (voter: string, at: number, delivery: string, refuse = false) =>
        store.castVote({
          target: { scope: here, number: debate.number },
          voterKey: () => voter,
          voterName: () => voter,
          person: voter,
          side: 'pro',
          at,
          deliveryKey: delivery,
          click: { key: `${voter}/scoreboard/pour`, at, windowMs: 1_500, delivery },
          check: () => (refuse ? fail('debate.closed', { debate: debate.number }) : pass()),
        });
      const repeat = { ok: true, value: { repeat: true } };
      expect(value(await click('V', 10_000, 'd1'))).toMatchObject({ previous: null, current: 'pro' });
      // The platform's retry of that very click is for its delivery key: not a repeat.
      expect(value(await click('V', 10_000, 'd1'))).toMatchObject({ current: 'pro', duplicate: true });
      // A second click 300 ms later would have withdrawn the vote: it is nothing.
      expect(await click('V', 10_300, 'd2')).toEqual(repeat);
      expect(await store.voteOf(debate.id, 'V')).toBe('pro');
      expect((await store.exportData(debate.id)).history).toHaveLength(1);
      // Past the window after the last click, the same button withdraws.
      expect(value(await click('V', 12_000, 'd3'))).toMatchObject({ previous: 'pro', current: null });
      // A refused click counts as a click: its double is not refused a second time.
      expect(await click('V', 20_000, 'd4', true)).toEqual({
        ok: false,
        error: { code: 'debate.closed', params: { debate: debate.number } },
      });
      expect(await click('V', 20_200, 'd5', true)).toEqual(repeat);
      // Double clicks of six people arriving together: one vote each.
      const voters = Array.from({ length: 6 }, (_, index) => `P${index}`);
      const burst = await Promise.all(
        voters.flatMap((voter) => [click(voter, 30_000, `${voter}-1`), click(voter, 30_100, `${voter}-2`)]),
      );
      expect(burst.filter((cast) => cast.ok && 'repeat' in cast.value)).toHaveLength(6);
      expect(await store.tally(debate.id)).toEqual({ pro: 6, con: 0, neutral: 0 });
      expect((await store.exportData(debate.id)).history).toHaveLength(8);
    }),
  );
}
