// Delivery keys across writes: one delivery acts once even when it arrives twice at the same
// moment (two instances, a platform retry), and old keys are forgotten by pruneDeliveries.
import { expect, it } from 'vitest';
import type { Result } from '../../../src/domain/result.ts';
import {
  addArgument,
  argue,
  endorse,
  openDebate,
  persuade,
  setStatus,
  value,
  vote,
  type WithStore,
  withdraw,
} from './harness.ts';

/** Both answers of a delivery sent twice at once: exactly one acted. */
async function once<T extends { duplicate: boolean }>(twice: [Promise<Result<T>>, Promise<Result<T>>]) {
  const results = (await Promise.all(twice)).map(value);
  expect(results.map((result) => result.duplicate).sort()).toEqual([false, true]);
  return results;
}

export function deliveryContract(withStore: WithStore) {
  it(
    'every keyed write: the same delivery twice at once acts once',
    withStore(async ({ store }) => {
      const debate = await openDebate(store);
      await once([
        argue(store, debate, { deliveryKey: 'argue' }),
        argue(store, debate, { deliveryKey: 'argue' }),
      ]);
      expect((await store.argumentsPage(debate.id, 0, 10, 'x')).total).toBe(1);
      await addArgument(store, debate, 'con', 'B');

      await once([
        vote(store, debate, 'V', 'pro', { deliveryKey: 'vote' }),
        vote(store, debate, 'V', 'pro', { deliveryKey: 'vote' }),
      ]);
      expect(await store.voteOf(debate.id, 'V')).toBe('pro');
      expect((await store.exportData(debate.id)).history).toHaveLength(1);

      await once([
        endorse(store, debate, 2, 'V', { deliveryKey: 'endorse' }),
        endorse(store, debate, 2, 'V', { deliveryKey: 'endorse' }),
      ]);
      expect((await store.argument(debate.id, 2))?.endorsements).toBe(1);

      value(await vote(store, debate, 'V', 'con'));
      await once([
        persuade(store, debate, 'V', 2, { deliveryKey: 'delta' }),
        persuade(store, debate, 'V', 2, { deliveryKey: 'delta' }),
      ]);
      expect((await store.argument(debate.id, 2))?.deltas).toBe(1);

      await once([
        withdraw(store, debate, 1, { deliveryKey: 'withdraw' }),
        withdraw(store, debate, 1, { deliveryKey: 'withdraw' }),
      ]);
      expect((await store.argument(debate.id, 1))?.withdrawnAt).not.toBeNull();

      await once([
        setStatus(store, debate, 'closed', { deliveryKey: 'close' }),
        setStatus(store, debate, 'closed', { deliveryKey: 'close' }),
      ]);
      expect((await store.findDebate(debate, debate.number))?.status).toBe('closed');
    }),
  );

  it(
    'toggleEndorsement: two toggles of one person at once each see the other’s',
    withStore(async ({ store }) => {
      const debate = await openDebate(store);
      await addArgument(store, debate, 'pro', 'A');
      const both = await Promise.all([endorse(store, debate, 1, 'V'), endorse(store, debate, 1, 'V')]);
      expect(both.map((result) => value(result).endorsed).sort()).toEqual([false, true]);
      expect((await store.argument(debate.id, 1))?.endorsements).toBe(0);
    }),
  );

  it(
    'pruneDeliveries: forgets keys older than the instant given, and only those',
    withStore(async ({ store }) => {
      const debate = await openDebate(store);
      value(await vote(store, debate, 'A', 'pro', { at: 100, deliveryKey: 'old-1' }));
      value(await vote(store, debate, 'B', 'pro', { at: 150, deliveryKey: 'old-2' }));
      value(await vote(store, debate, 'C', 'pro', { at: 200, deliveryKey: 'kept' }));
      expect(await store.pruneDeliveries(200)).toBe(2);
      expect(await store.pruneDeliveries(200)).toBe(0);
      // A forgotten key acts again; a kept one is still a duplicate.
      expect(value(await vote(store, debate, 'A', 'pro', { at: 300, deliveryKey: 'old-1' }))).toMatchObject({
        duplicate: false,
        current: null,
      });
      expect(value(await vote(store, debate, 'C', 'pro', { at: 300, deliveryKey: 'kept' }))).toMatchObject({
        duplicate: true,
        current: 'pro',
      });
    }),
  );
}
