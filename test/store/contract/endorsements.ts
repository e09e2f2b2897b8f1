// Endorsements (★) and persuasion (∆): toggles, the latest switch, duplicates and refusals.
import { expect, it } from 'vitest';
import type { ArgumentRecord, DebateRecord, LastSwitch } from '../../../src/domain/records.ts';
import { fail } from '../../../src/domain/result.ts';
import { addArgument, endorse, openDebate, persuade, spy, value, vote, type WithStore } from './harness.ts';

type PersuasionState = [DebateRecord, ArgumentRecord | undefined, LastSwitch | undefined];

export function endorsementContract(withStore: WithStore) {
  it(
    'toggleEndorsement: on, off, on again, per person, counted on the argument; the check sees both',
    withStore(async ({ store }) => {
      const debate = await openDebate(store);
      const argument = await addArgument(store, debate, 'con', 'U2');
      const seen = spy<[DebateRecord, ArgumentRecord | undefined]>();
      expect(await endorse(store, debate, 1, 'V', { check: seen.check })).toEqual({
        ok: true,
        value: { endorsed: true, duplicate: false },
      });
      expect(seen.calls).toEqual([[debate, argument]]);
      expect(value(await endorse(store, debate, 1, 'W'))).toEqual({ endorsed: true, duplicate: false });
      expect((await store.argument(debate.id, 1))?.endorsements).toBe(2);
      expect(value(await endorse(store, debate, 1, 'V'))).toEqual({ endorsed: false, duplicate: false });
      expect((await store.argument(debate.id, 1))?.endorsements).toBe(1);
      expect(value(await endorse(store, debate, 1, 'V'))).toEqual({ endorsed: true, duplicate: false });
      expect((await store.argument(debate.id, 1))?.endorsements).toBe(2);
      const missing = spy<[DebateRecord, ArgumentRecord | undefined]>(() => fail('argument.not_found'));
      expect((await endorse(store, debate, 7, 'V', { check: missing.check })).ok).toBe(false);
      expect(missing.calls).toEqual([[debate, undefined]]);
    }),
  );

  it(
    'toggleEndorsement: a redelivery changes nothing; a refusal writes nothing and claims no delivery',
    withStore(async ({ store }) => {
      const debate = await openDebate(store);
      await addArgument(store, debate, 'pro', 'U2');
      const refused = await endorse(store, debate, 1, 'U2', {
        deliveryKey: 'e-1',
        check: () => fail('argument.own'),
      });
      expect(refused).toEqual({ ok: false, error: { code: 'argument.own', params: undefined } });
      expect((await store.argument(debate.id, 1))?.endorsements).toBe(0);
      expect(value(await endorse(store, debate, 1, 'V', { deliveryKey: 'e-1' }))).toEqual({
        endorsed: true,
        duplicate: false,
      });
      // Redelivered: still endorsed (a second toggle would have taken it back).
      expect(value(await endorse(store, debate, 1, 'V', { deliveryKey: 'e-1' }))).toEqual({
        endorsed: true,
        duplicate: true,
      });
      expect((await store.argument(debate.id, 1))?.endorsements).toBe(1);
      expect(value(await endorse(store, debate, 1, 'V', { deliveryKey: 'e-2' }))).toEqual({
        endorsed: false,
        duplicate: false,
      });
      expect(value(await endorse(store, debate, 1, 'V', { deliveryKey: 'e-2' }))).toEqual({
        endorsed: false,
        duplicate: true,
      });
      expect((await store.argument(debate.id, 1))?.endorsements).toBe(0);
    }),
  );

  it(
    'recordPersuasion: the check sees the voter’s latest change; the ∆ goes on that switch only',
    withStore(async ({ store }) => {
      const debate = await openDebate(store);
      const pro = await addArgument(store, debate, 'pro', 'A');
      await addArgument(store, debate, 'con', 'B');
      await addArgument(store, debate, 'pro', 'C');
      const lastSeen = async (voter: string) => {
        const seen = spy<PersuasionState>(() => fail('persuasion.no_switch'));
        await persuade(store, debate, voter, 1, { check: seen.check });
        expect(seen.calls).toHaveLength(1);
        expect(seen.calls[0]![0]).toEqual(debate);
        expect(seen.calls[0]![1]).toEqual(await store.argument(debate.id, 1));
        return seen.calls[0]![2];
      };
      expect(await lastSeen('V')).toBeUndefined();
      value(await vote(store, debate, 'V', 'con'));
      expect(await lastSeen('V')).toEqual({ oldSide: null, newSide: 'con' });
      value(await vote(store, debate, 'V', 'pro'));
      expect(await lastSeen('V')).toEqual({ oldSide: 'con', newSide: 'pro' });
      expect(await lastSeen('W')).toBeUndefined();

      const given = value(await persuade(store, debate, 'V', 1));
      expect(given).toEqual({ argument: { ...pro, deltas: 1 }, duplicate: false });
      // A second ∆ for the same switch moves it: one switch, one ∆.
      value(await persuade(store, debate, 'V', 3));
      expect((await store.argument(debate.id, 1))?.deltas).toBe(0);
      expect((await store.argument(debate.id, 3))?.deltas).toBe(1);
      // A new switch earns a new ∆; the earlier one stays where it was given.
      value(await vote(store, debate, 'V', 'con'));
      value(await persuade(store, debate, 'V', 2));
      expect((await store.argument(debate.id, 2))?.deltas).toBe(1);
      expect((await store.argument(debate.id, 3))?.deltas).toBe(1);
      const { history } = await store.exportData(debate.id);
      expect(history.map((event) => [event.oldSide, event.newSide, event.persuadedBy])).toEqual([
        [null, 'con', null],
        ['con', 'pro', 3],
        ['pro', 'con', 2],
      ]);
      // Withdrawn, the vote has no switch to credit.
      value(await vote(store, debate, 'V', 'con'));
      expect((await lastSeen('V'))?.newSide ?? null).toBeNull();
    }),
  );

  it(
    'recordPersuasion: a redelivery is a duplicate; a refusal writes nothing and claims no delivery',
    withStore(async ({ store }) => {
      const debate = await openDebate(store);
      await addArgument(store, debate, 'pro', 'A');
      await addArgument(store, debate, 'pro', 'B');
      value(await vote(store, debate, 'V', 'con'));
      value(await vote(store, debate, 'V', 'pro'));
      const refused = await persuade(store, debate, 'V', 1, {
        deliveryKey: 'p-1',
        check: () => fail('persuasion.wrong_side', { number: 1 }),
      });
      expect(refused).toEqual({ ok: false, error: { code: 'persuasion.wrong_side', params: { number: 1 } } });
      expect((await store.argument(debate.id, 1))?.deltas).toBe(0);
      expect(value(await persuade(store, debate, 'V', 1, { deliveryKey: 'p-1' }))).toMatchObject({
        duplicate: false,
        argument: { number: 1, deltas: 1 },
      });
      // Redelivered, it answers as the first time, even with a check that would now refuse.
      const again = await persuade(store, debate, 'V', 1, {
        deliveryKey: 'p-1',
        check: () => fail('persuasion.no_switch'),
      });
      expect(value(again)).toMatchObject({ duplicate: true, argument: { number: 1, deltas: 1 } });
      expect((await store.argument(debate.id, 1))?.deltas).toBe(1);
      expect((await store.scoreboard(debate.id)).deltas).toBe(1);
    }),
  );
}
