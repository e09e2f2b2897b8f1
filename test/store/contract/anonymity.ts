// Anonymous debates' rows: put back in key order (scrubAnonymousOrder), and their links to people
// destroyed once they can no longer be reopened (unlinkEnded). Sides and counts stay.
import { expect, it } from 'vitest';
import type { DebateRecord } from '../../../src/domain/records.ts';
import type { DebateStore } from '../../../src/store/ports/debate-store.ts';
import {
  addArgument,
  endorse,
  here,
  openDebate,
  persuade,
  setStatus,
  value,
  vote,
  type WithStore,
} from './harness.ts';

/** An anonymous debate lived by A, B and C: arguments, votes, a switch with its ∆, endorsements. */
async function lived(store: DebateStore, anonymous = true): Promise<DebateRecord> {
  const debate = await openDebate(store, { anonymous, openerKey: 'A', openerName: anonymous ? null : 'A' });
  await addArgument(store, debate, 'pro', 'A');
  await addArgument(store, debate, 'con', 'B');
  value(await vote(store, debate, 'A', 'pro'));
  value(await vote(store, debate, 'B', 'con'));
  value(await vote(store, debate, 'C', 'con'));
  value(await vote(store, debate, 'C', 'pro'));
  value(await persuade(store, debate, 'C', 1));
  value(await endorse(store, debate, 1, 'B'));
  value(await endorse(store, debate, 2, 'A'));
  return debate;
}

/** What the debate shows, keys left out: sides, counts, ∆, endorsements, history by side. */
async function shown(store: DebateStore, debate: DebateRecord) {
  const data = await store.exportData(debate.id);
  return {
    counts: data.counts,
    arguments: data.arguments.map((a) => [a.number, a.side, a.endorsements, a.deltas]),
    votes: data.votes.map((v) => v.side).sort(),
    history: data.history.map((e) => `${e.oldSide}>${e.newSide}:${e.persuadedBy}`).sort(),
    scoreboard: await store.scoreboard(debate.id),
  };
}

export function anonymityContract(withStore: WithStore) {
  it(
    'scrubAnonymousOrder: rewrites the anonymous debates written to, changing nothing anyone sees',
    withStore(async ({ store }) => {
      const debate = await lived(store);
      const before = await shown(store, debate);
      expect(await store.scrubAnonymousOrder()).toBe(1);
      expect(await shown(store, debate)).toEqual(before);
      // Nothing written since: nothing to do.
      expect(await store.scrubAnonymousOrder()).toBe(0);
      // Each person is still one voter, and a switch still earns its ∆.
      expect(await store.voteOf(debate.id, 'C')).toBe('pro');
      value(await vote(store, debate, 'B', 'pro'));
      value(await persuade(store, debate, 'B', 1));
      expect(await store.tally(debate.id)).toEqual({ pro: 3, con: 0, neutral: 0 });
      // A named debate is never rewritten.
      await lived(store, false);
      expect(await store.scrubAnonymousOrder()).toBe(1);
    }),
  );

  it(
    'unlinkEnded: the anonymous debates closed before the bound lose every key; sides, counts and ∆ stay',
    withStore(async ({ store }) => {
      const ended = await lived(store);
      const named = await lived(store, false);
      const open = await lived(store);
      value(await setStatus(store, ended, 'closed', { at: 10_000 }));
      value(await setStatus(store, named, 'closed', { at: 10_000 }));
      const before = await shown(store, ended);
      expect(await store.unlinkEnded(10_000)).toEqual([]);
      expect(await store.unlinkEnded(10_001)).toEqual([ended.id]);
      expect(await store.unlinkEnded(10_001)).toEqual([]);

      const after = await shown(store, ended);
      expect(after).toEqual({
        ...before,
        scoreboard: {
          ...before.scoreboard,
          debate: { ...before.scoreboard.debate, openerKey: null },
          topPro: before.scoreboard.topPro && { ...before.scoreboard.topPro, authorKey: null },
          topCon: before.scoreboard.topCon && { ...before.scoreboard.topCon, authorKey: null },
          newest: before.scoreboard.newest && { ...before.scoreboard.newest, authorKey: null },
          // Every voter, author and endorser is someone of their own now: none can be told apart.
          participants: after.scoreboard.participants,
        },
      });
      const data = await store.exportData(ended.id);
      const keys = [...data.votes.map((v) => v.voterKey), ...data.history.map((e) => e.voterKey)];
      for (const key of ['A', 'B', 'C']) {
        expect(keys).not.toContain(key);
        expect(await store.voteOf(ended.id, key)).toBeNull();
      }
      // Each event and each vote got its own key: no chain of one person's changes remains.
      expect(new Set(keys).size).toBe(keys.length);
      expect(data.arguments.map((a) => a.authorKey)).toEqual([null, null]);
      expect((await store.findDebate(here, ended.number))?.openerKey).toBeNull();
      const touched = await store.debatesTouchedBy(here, ['A', 'B', 'C'], 10);
      expect(touched.map((row) => row.debate.id).sort()).toEqual([named.id, open.id].sort());
      // The named debate and the open anonymous one keep their people.
      expect(await store.voteOf(named.id, 'C')).toBe('pro');
      expect(await store.voteOf(open.id, 'C')).toBe('pro');
    }),
  );
}
