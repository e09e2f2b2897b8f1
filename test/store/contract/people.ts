// A person's traces: the debates they touched and forgetting them; closing the store.
import { expect, it } from 'vitest';
import {
  addArgument,
  elsewhere,
  endorse,
  here,
  nextDoor,
  openDebate,
  otherPlatform,
  persuade,
  setStatus,
  value,
  vote,
  type WithStore,
} from './harness.ts';

export function peopleContract(withStore: WithStore) {
  it(
    'debatesTouchedBy: opened, voted, argued or endorsed under any key; open first, then recent; limited',
    withStore(async ({ store }) => {
      await openDebate(store, { openerKey: 'me' }); // 1
      const voted = await openDebate(store, { scope: nextDoor }); // 2
      const argued = await openDebate(store); // 3
      const endorsed = await openDebate(store); // 4
      const anonymous = await openDebate(store, { anonymous: true }); // 5
      await openDebate(store); // 6: untouched
      const theirs = await openDebate(store, { scope: elsewhere, openerKey: 'me' });
      value(await vote(store, voted, 'me', 'con'));
      value(await vote(store, voted, 'other', 'pro'));
      await addArgument(store, argued, 'pro', 'me');
      await addArgument(store, endorsed, 'pro', 'other');
      value(await endorse(store, endorsed, 1, 'me'));
      value(await vote(store, anonymous, 'me-in-5', 'neutral'));
      value(await vote(store, theirs, 'me', 'pro'));
      value(await setStatus(store, voted, 'closed'));
      value(await setStatus(store, argued, 'closed'));

      const rows = await store.debatesTouchedBy(here, ['me', 'me-in-5'], 10);
      expect(rows.map((row) => row.debate.number)).toEqual([5, 4, 1, 3, 2]);
      const byNumber = new Map(rows.map((row) => [row.debate.number, row]));
      expect(byNumber.get(2)).toEqual({
        debate: { ...voted, status: 'closed', closedAt: 7_000 },
        counts: { pro: 1, con: 1, neutral: 0 },
        argumentCount: 0,
        viewerVote: 'con',
        opened: false,
      });
      expect(byNumber.get(1)).toMatchObject({ opened: true, viewerVote: null });
      expect(byNumber.get(3)).toMatchObject({ opened: false, viewerVote: null, argumentCount: 1 });
      expect(byNumber.get(5)).toMatchObject({
        viewerVote: 'neutral',
        counts: { pro: 0, con: 0, neutral: 1 },
      });
      expect(
        (await store.debatesTouchedBy(here, ['me', 'me-in-5'], 2)).map((row) => row.debate.number),
      ).toEqual([5, 4]);
      // The engine asks for "all of them" before forgetting someone.
      expect(await store.debatesTouchedBy(here, ['me', 'me-in-5'], Number.MAX_SAFE_INTEGER)).toEqual(rows);
      expect((await store.debatesTouchedBy(here, ['me'], 10)).map((row) => row.debate.number)).toEqual([
        4, 1, 3, 2,
      ]);
      expect(await store.debatesTouchedBy(here, ['nobody'], 10)).toEqual([]);
      expect(await store.debatesTouchedBy(here, [], 10)).toEqual([]);
      expect((await store.debatesTouchedBy(elsewhere, ['me'], 10)).map((row) => row.debate.id)).toEqual([
        theirs.id,
      ]);
      expect(await store.debatesTouchedBy(otherPlatform, ['me'], 10)).toEqual([]);
    }),
  );

  it(
    'forgetParticipant: votes, history and endorsements gone, arguments and debates unsigned, in one workspace',
    withStore(async ({ store }) => {
      const debate = await openDebate(store, { openerKey: 'me', openerName: 'Moi' });
      const anonymous = await openDebate(store, {
        scope: nextDoor,
        anonymous: true,
        openerKey: 'me-in-2',
        openerName: null,
      });
      const theirs = await openDebate(store, { scope: elsewhere, openerKey: 'me', openerName: 'Moi' });
      for (const target of [debate, theirs]) {
        await addArgument(store, target, 'pro', 'me'); // 1
        await addArgument(store, target, 'con', 'other'); // 2
        await addArgument(store, target, 'con', 'me'); // 3
        value(await endorse(store, target, 2, 'me'));
        value(await endorse(store, target, 1, 'other'));
        value(await vote(store, target, 'me', 'pro'));
        value(await vote(store, target, 'me', 'con'));
        value(await persuade(store, target, 'me', 2));
        value(await vote(store, target, 'other', 'pro'));
      }
      value(await vote(store, anonymous, 'me-in-2', 'neutral'));
      const before = await store.exportData(theirs.id);

      expect(await store.forgetParticipant(here, ['me', 'me-in-2'])).toEqual({
        votes: 2,
        endorsements: 1,
        arguments: 2,
      });
      const after = await store.exportData(debate.id);
      expect(after.debate).toEqual({ ...debate, openerKey: null, openerName: null });
      expect(after.counts).toEqual({ pro: 1, con: 0, neutral: 0 });
      expect(after.votes.map((kept) => kept.voterKey)).toEqual(['other']);
      expect(after.history.map((event) => event.voterKey)).toEqual(['other']);
      expect(
        after.arguments.map((argument) => [argument.number, argument.authorKey, argument.authorName]),
      ).toEqual([
        [1, null, null],
        [2, 'other', 'other'],
        [3, null, null],
      ]);
      // Their endorsement and the ∆ of their switch went with them; others' stay.
      expect(after.arguments.map((argument) => [argument.endorsements, argument.deltas])).toEqual([
        [1, 0],
        [0, 0],
        [0, 0],
      ]);
      expect((await store.scoreboard(debate.id)).participants).toBe(1);
      expect((await store.exportData(anonymous.id)).counts).toEqual({ pro: 0, con: 0, neutral: 0 });
      expect(await store.voteOf(anonymous.id, 'me-in-2')).toBeNull();
      expect(await store.debatesTouchedBy(here, ['me', 'me-in-2'], 10)).toEqual([]);
      // Another workspace is another person's record.
      expect(await store.exportData(theirs.id)).toEqual(before);
      expect(await store.forgetParticipant(here, ['me', 'me-in-2'])).toEqual({
        votes: 0,
        endorsements: 0,
        arguments: 0,
      });
    }),
  );

  it(
    'close: the writes already asked for are answered first',
    withStore(async ({ store }) => {
      const debate = await openDebate(store);
      const pending = vote(store, debate, 'V', 'pro');
      await store.close();
      expect(value(await pending)).toMatchObject({ previous: null, current: 'pro', duplicate: false });
    }),
  );
}
