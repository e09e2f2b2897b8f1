// What scoreboards and exports read: counts, participants, the top and newest arguments, ∆.
import { expect, it } from 'vitest';
import {
  addArgument,
  endorse,
  openDebate,
  persuade,
  value,
  vote,
  type WithStore,
  withdraw,
} from './harness.ts';

export function readContract(withStore: WithStore) {
  it(
    'scoreboard: counts, participants, live arguments per side, the top of each side, the newest, ∆',
    withStore(async ({ store }) => {
      const debate = await openDebate(store, { closesAt: 90_000 });
      expect(await store.scoreboard(debate.id)).toEqual({
        debate,
        counts: { pro: 0, con: 0, neutral: 0 },
        participants: 0,
        argumentCounts: { pro: 0, con: 0 },
        topPro: null,
        topCon: null,
        newest: null,
        deltas: 0,
        weekly: false,
      });
      await addArgument(store, debate, 'pro', 'A'); // 1
      await addArgument(store, debate, 'con', 'B'); // 2
      await addArgument(store, debate, 'pro', 'C'); // 3
      await addArgument(store, debate, 'con', 'A'); // 4
      await addArgument(store, debate, 'con', 'D'); // 5, withdrawn below
      value(await endorse(store, debate, 3, 'E'));
      value(await endorse(store, debate, 2, 'A'));
      value(await vote(store, debate, 'A', 'pro'));
      value(await vote(store, debate, 'F', 'con'));
      value(await vote(store, debate, 'F', 'pro'));
      value(await persuade(store, debate, 'F', 1));
      value(await vote(store, debate, 'G', 'neutral'));
      value(await withdraw(store, debate, 5));
      const board = await store.scoreboard(debate.id);
      expect(board).toEqual({
        debate,
        counts: { pro: 2, con: 0, neutral: 1 },
        // A, B, C, D (author of a withdrawn argument), E, F, G: once each.
        participants: 7,
        argumentCounts: { pro: 2, con: 2 },
        topPro: await store.argument(debate.id, 3),
        topCon: await store.argument(debate.id, 2),
        newest: await store.argument(debate.id, 4),
        deltas: 1,
        weekly: false,
      });
      expect(board.topPro).toMatchObject({ number: 3, endorsements: 1, deltas: 0 });
      // An endorsement ties 1 with 3; its ∆ puts it ahead.
      value(await endorse(store, debate, 1, 'E'));
      expect((await store.scoreboard(debate.id)).topPro).toMatchObject({
        number: 1,
        endorsements: 1,
        deltas: 1,
      });
    }),
  );

  it(
    'exportData: the debate, live arguments by number, votes by time, the whole history with ∆ by number',
    withStore(async ({ store }) => {
      const debate = await openDebate(store);
      const one = await addArgument(store, debate, 'pro', 'A', { at: 100 });
      await addArgument(store, debate, 'con', 'B', { at: 101 });
      const three = await addArgument(store, debate, 'con', 'C', { at: 102 });
      value(await withdraw(store, debate, 2));
      value(await endorse(store, debate, 3, 'A'));
      value(await vote(store, debate, 'Z', 'con', { at: 200 }));
      value(await vote(store, debate, 'Y', 'pro', { at: 201 }));
      value(await vote(store, debate, 'X', 'neutral', { at: 201 }));
      value(await vote(store, debate, 'Y', 'con', { at: 202 }));
      value(await persuade(store, debate, 'Y', 3));
      value(await vote(store, debate, 'W', 'pro', { at: 203 }));
      value(await vote(store, debate, 'W', 'pro', { at: 204 }));
      const data = await store.exportData(debate.id);
      expect(data.debate).toEqual(debate);
      expect(data.counts).toEqual({ pro: 0, con: 2, neutral: 1 });
      expect(data.arguments).toEqual([one, { ...three, endorsements: 1, deltas: 1 }]);
      expect(data.votes).toEqual([
        { voterKey: 'Z', voterName: 'Z', side: 'con', votedAt: 200 },
        { voterKey: 'X', voterName: 'X', side: 'neutral', votedAt: 201 },
        { voterKey: 'Y', voterName: 'Y', side: 'con', votedAt: 202 },
      ]);
      expect(data.history.map(({ voterName, ...event }) => event)).toEqual([
        { voterKey: 'Z', oldSide: null, newSide: 'con', at: 200, persuadedBy: null },
        { voterKey: 'Y', oldSide: null, newSide: 'pro', at: 201, persuadedBy: null },
        { voterKey: 'X', oldSide: null, newSide: 'neutral', at: 201, persuadedBy: null },
        { voterKey: 'Y', oldSide: 'pro', newSide: 'con', at: 202, persuadedBy: 3 },
        { voterKey: 'W', oldSide: null, newSide: 'pro', at: 203, persuadedBy: null },
        { voterKey: 'W', oldSide: 'pro', newSide: null, at: 204, persuadedBy: null },
      ]);
      // Events of people who still vote carry their name.
      expect(data.history.filter((event) => event.voterKey === 'Y').map((event) => event.voterName)).toEqual([
        'Y',
        'Y',
      ]);
      const empty = await openDebate(store);
      expect(await store.exportData(empty.id)).toEqual({
        debate: empty,
        counts: { pro: 0, con: 0, neutral: 0 },
        arguments: [],
        votes: [],
        history: [],
      });
    }),
  );
}
