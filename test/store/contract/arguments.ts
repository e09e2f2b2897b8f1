// Arguments: adding, reading, withdrawing, and the two ways they are listed.
import { expect, it } from 'vitest';
import type { ArgumentRecord, DebateRecord } from '../../../src/domain/records.ts';
import { fail } from '../../../src/domain/result.ts';
import {
  addArgument,
  argue,
  endorse,
  openDebate,
  pass,
  persuade,
  spy,
  value,
  vote,
  type WithStore,
  withdraw,
} from './harness.ts';

export function argumentContract(withStore: WithStore) {
  it(
    'addArgument/argument: numbered per debate, every field kept, the check given the stored debate',
    withStore(async ({ store }) => {
      const debate = await openDebate(store);
      const other = await openDebate(store);
      const { calls, check } = spy<[DebateRecord]>();
      const added = value(
        await argue(store, debate, {
          side: 'con',
          text: 'Les équipes se perdent de vue',
          authorKey: 'U2',
          authorName: 'Deux',
          at: 2_500,
          check,
        }),
      );
      expect(calls).toEqual([[debate]]);
      expect(added).toEqual({
        duplicate: false,
        argument: expect.objectContaining({
          number: 1,
          side: 'con',
          text: 'Les équipes se perdent de vue',
          authorKey: 'U2',
          authorName: 'Deux',
          createdAt: 2_500,
          withdrawnAt: null,
          endorsements: 0,
          deltas: 0,
        }),
      });
      expect(await store.argument(debate.id, 1)).toEqual(added.argument);
      expect((await addArgument(store, debate, 'pro', 'U3')).number).toBe(2);
      expect((await addArgument(store, other, 'pro', 'U3')).number).toBe(1);
      // Concurrent arguments still get one number each.
      const together = await Promise.all(
        ['a', 'b', 'c'].map((who) => addArgument(store, debate, 'pro', who)),
      );
      expect(together.map((argument) => argument.number).sort()).toEqual([3, 4, 5]);
      expect(await store.argument(debate.id, 6)).toBeUndefined();
      expect(await store.argument(other.id, 2)).toBeUndefined();
    }),
  );

  it(
    'addArgument: a refusal writes nothing and claims no delivery; a redelivery is the same argument',
    withStore(async ({ store }) => {
      const debate = await openDebate(store);
      const refused = await argue(store, debate, {
        deliveryKey: 'arg-1',
        check: () => fail('debate.closed', { debate: 1 }),
      });
      expect(refused).toEqual({ ok: false, error: { code: 'debate.closed', params: { debate: 1 } } });
      expect(await store.argument(debate.id, 1)).toBeUndefined();
      const first = value(await argue(store, debate, { deliveryKey: 'arg-1', text: 'Une fois' }));
      expect(first).toMatchObject({ duplicate: false, argument: { number: 1, text: 'Une fois' } });
      const again = value(await argue(store, debate, { deliveryKey: 'arg-1', text: 'Une fois' }));
      expect(again).toEqual({ argument: first.argument, duplicate: true });
      expect((await store.argumentsPage(debate.id, 0, 10, 'x')).total).toBe(1);
      const next = value(await argue(store, debate, { deliveryKey: 'arg-2' }));
      expect(next).toMatchObject({ duplicate: false, argument: { number: 2 } });
    }),
  );

  it(
    'withdrawArgument: once, the check given the stored argument; a redelivery is a duplicate',
    withStore(async ({ store }) => {
      const debate = await openDebate(store);
      const argument = await addArgument(store, debate, 'pro', 'U2');
      const missing = spy<[DebateRecord, ArgumentRecord | undefined]>(() => fail('argument.not_found'));
      expect((await withdraw(store, debate, 9, { check: missing.check })).ok).toBe(false);
      expect(missing.calls).toEqual([[debate, undefined]]);
      const refused = await withdraw(store, debate, 1, {
        deliveryKey: 'w-1',
        check: () => fail('rights.withdraw'),
      });
      expect(refused).toEqual({ ok: false, error: { code: 'rights.withdraw', params: undefined } });
      expect(await store.argument(debate.id, 1)).toEqual(argument);
      const seen = spy<[DebateRecord, ArgumentRecord | undefined]>();
      const done = value(
        await withdraw(store, debate, 1, { deliveryKey: 'w-1', at: 5_500, check: seen.check }),
      );
      expect(seen.calls).toEqual([[debate, argument]]);
      expect(done).toEqual({ argument: { ...argument, withdrawnAt: 5_500 }, duplicate: false });
      expect(await store.argument(debate.id, 1)).toEqual({ ...argument, withdrawnAt: 5_500 });
      // Redelivered, it answers as the first time did, though the argument is now withdrawn.
      const again = await withdraw(store, debate, 1, {
        deliveryKey: 'w-1',
        at: 5_600,
        check: (_, found) => (found?.withdrawnAt === null ? pass() : fail('argument.withdrawn')),
      });
      expect(value(again)).toMatchObject({ duplicate: true, argument: { number: 1, withdrawnAt: 5_500 } });
      expect((await store.argument(debate.id, 1))?.withdrawnAt).toBe(5_500);
    }),
  );

  it(
    'argumentsPage: live arguments in number order, a page at a time, with the viewer’s endorsements',
    withStore(async ({ store }) => {
      const debate = await openDebate(store);
      for (const [index, side] of (['pro', 'con', 'pro', 'con', 'pro'] as const).entries())
        await addArgument(store, debate, side, `U${index + 1}`, { text: `Argument ${index + 1}` });
      value(await withdraw(store, debate, 2));
      value(await endorse(store, debate, 3, 'viewer'));
      value(await endorse(store, debate, 3, 'other'));
      value(await endorse(store, debate, 4, 'other'));
      const first = await store.argumentsPage(debate.id, 0, 2, 'viewer');
      expect(first.total).toBe(4);
      expect(first.items.map((item) => [item.number, item.endorsements, item.endorsedByViewer])).toEqual([
        [1, 0, false],
        [3, 2, true],
      ]);
      const { endorsedByViewer, ...plain } = first.items[1]!;
      expect(plain).toEqual(await store.argument(debate.id, 3));
      const second = await store.argumentsPage(debate.id, 2, 2, 'viewer');
      expect(second.items.map((item) => [item.number, item.text, item.endorsedByViewer])).toEqual([
        [4, 'Argument 4', false],
        [5, 'Argument 5', false],
      ]);
      expect(await store.argumentsPage(debate.id, 4, 2, 'viewer')).toEqual({ items: [], total: 4 });
      expect(await store.argumentsPage((await openDebate(store)).id, 0, 5, 'viewer')).toEqual({
        items: [],
        total: 0,
      });
    }),
  );

  it(
    'argumentsOfSide: live arguments of one side, most endorsed, then by number; never ranked by ∆',
    withStore(async ({ store }) => {
      const debate = await openDebate(store);
      const numbers = async (side: 'pro' | 'con', limit: number) =>
        (await store.argumentsOfSide(debate.id, side, limit)).map((argument) => argument.number);
      expect(await numbers('pro', 5)).toEqual([]);
      // 1..5 pro, 6 con.
      for (const author of ['A', 'B', 'C', 'D', 'E']) await addArgument(store, debate, 'pro', author);
      await addArgument(store, debate, 'con', 'F');
      value(await endorse(store, debate, 4, 'X'));
      value(await endorse(store, debate, 4, 'Y'));
      value(await endorse(store, debate, 2, 'X'));
      value(await endorse(store, debate, 5, 'X'));
      // A ∆ breaks no tie between 2 and 5: ranked by it, a list would tell that someone moved to
      // that side while the results are hidden.
      value(await vote(store, debate, 'V', 'con'));
      value(await vote(store, debate, 'V', 'pro'));
      value(await persuade(store, debate, 'V', 5));
      value(await withdraw(store, debate, 1));
      expect(await numbers('pro', 10)).toEqual([4, 2, 5, 3]);
      expect(await numbers('pro', 2)).toEqual([4, 2]);
      expect(await numbers('con', 10)).toEqual([6]);
      const [top] = await store.argumentsOfSide(debate.id, 'pro', 1);
      expect(top).toEqual(await store.argument(debate.id, 4));
      expect(top).toMatchObject({ endorsements: 2, deltas: 0 });
      expect(await store.argument(debate.id, 5)).toMatchObject({ endorsements: 1, deltas: 1 });
    }),
  );

  it(
    'argumentCounts: every argument added (withdrawn ones too), and one author’s since a time',
    withStore(async ({ store }) => {
      const debate = await openDebate(store);
      const other = await openDebate(store);
      expect(await store.argumentCounts(debate.id, 'A', 0)).toEqual({ all: 0, bySince: 0 });
      await argue(store, debate, { authorKey: 'A', at: 1_000 });
      await argue(store, debate, { authorKey: 'A', at: 2_000 });
      await argue(store, debate, { authorKey: 'A', at: 3_000 });
      await argue(store, debate, { authorKey: 'B', at: 3_000 });
      await argue(store, other, { authorKey: 'A', at: 3_000 });
      value(await withdraw(store, debate, 3));
      expect(await store.argumentCounts(debate.id, 'A', 2_000)).toEqual({ all: 4, bySince: 2 });
      expect(await store.argumentCounts(debate.id, 'A', 0)).toEqual({ all: 4, bySince: 3 });
      expect(await store.argumentCounts(debate.id, 'C', 0)).toEqual({ all: 4, bySince: 0 });
      expect(await store.argumentCounts(other.id, 'A', 3_001)).toEqual({ all: 1, bySince: 0 });
    }),
  );
}
