import { describe, expect, it } from 'vitest';
import { fail, ok } from '../../src/domain/result.ts';
import type { ChannelScope } from '../../src/domain/types.ts';
import { acceptsChanges, endorsable, statusChange } from '../../src/engine/rules.ts';
import type { DebateStore } from '../../src/store/ports.ts';

const scope: ChannelScope = { platform: 'slack', workspaceId: 'T1', channelId: 'C1' };

/** The behaviour every DebateStore implementation owes the engine. */
export function describeStoreContract(
  name: string,
  create: () => Promise<{ store: DebateStore; dispose(): Promise<void> }>,
) {
  const withStore = (test: (store: DebateStore) => Promise<void>) => async () => {
    const { store, dispose } = await create();
    try {
      await test(store);
    } finally {
      await dispose();
    }
  };
  const open = async (
    store: DebateStore,
    overrides: Partial<Parameters<DebateStore['openDebate']>[0]> = {},
  ) =>
    (
      await store.openDebate({
        scope,
        uid: `uid-${Math.random()}`,
        topic: 'Sujet',
        openerKey: 'U1',
        openerName: 'Une',
        anonymous: false,
        hidden: false,
        at: 1000,
        closesAt: null,
        ...overrides,
      })
    ).debate;

  describe(`DebateStore contract: ${name}`, () => {
    it(
      'keeps the secret it generated the first time',
      withStore(async (store) => {
        const first = await store.serverSecret(() => 'secret-one');
        expect(first).toBe('secret-one');
        expect(await store.serverSecret(() => 'secret-two')).toBe('secret-one');
      }),
    );

    it(
      'numbers debates per workspace and finds them only there',
      withStore(async (store) => {
        const a = await open(store);
        const b = await open(store, { scope: { ...scope, channelId: 'C2' } });
        const c = await open(store, { scope: { ...scope, workspaceId: 'T2' } });
        expect([a.number, b.number, c.number]).toEqual([1, 2, 1]);
        expect((await store.findDebate(scope, 2))?.channelId).toBe('C2');
        expect(await store.findDebate({ platform: 'discord', workspaceId: 'T1' }, 1)).toBeUndefined();
        expect((await store.currentDebate(scope))?.id).toBe(a.id);
      }),
    );

    it(
      'casts, changes and withdraws a vote atomically, once per delivery',
      withStore(async (store) => {
        const debate = await open(store);
        const vote = (side: 'pro' | 'con', deliveryKey?: string) =>
          store.castVote({
            target: { scope, number: debate.number },
            voterKey: () => 'V',
            voterName: () => 'Vé',
            side,
            at: 2000,
            deliveryKey,
            check: (found) => (found ? acceptsChanges(found, 2000) : fail('debate.none_open')),
          });
        expect(await vote('pro', 'd1')).toMatchObject({
          ok: true,
          value: { debate: { number: 1 }, previous: null, current: 'pro', duplicate: false },
        });
        expect(await vote('pro', 'd1')).toMatchObject({
          ok: true,
          value: { previous: 'pro', current: 'pro', duplicate: true },
        });
        expect(await vote('con')).toMatchObject({
          ok: true,
          value: { previous: 'pro', current: 'con', duplicate: false },
        });
        expect(await vote('con')).toMatchObject({
          ok: true,
          value: { previous: 'con', current: null, duplicate: false },
        });
        expect(await store.tally(debate.id)).toEqual({ pro: 0, con: 0, neutral: 0 });
        const history = await store.exportData(debate.id);
        expect(history.history.map((event) => [event.oldSide, event.newSide])).toEqual([
          [null, 'pro'],
          ['pro', 'con'],
          ['con', null],
        ]);
      }),
    );

    it(
      'refuses votes, arguments and endorsements on a closed debate',
      withStore(async (store) => {
        const debate = await open(store);
        await store.addArgument({
          debateId: debate.id,
          side: 'pro',
          text: 'A',
          authorKey: 'U2',
          authorName: null,
          at: 1,
          check: (found) => acceptsChanges(found, 1),
        });
        expect(
          (
            await store.setStatus({
              debateId: debate.id,
              status: 'closed',
              at: 5000,
              closesAt: null,
              check: (found) => statusChange(found, 'closed'),
            })
          ).ok,
        ).toBe(true);
        expect(
          await store.castVote({
            target: { scope, number: debate.number },
            voterKey: () => 'V',
            voterName: () => null,
            side: 'pro',
            at: 1,
            check: (found) => (found ? acceptsChanges(found, 1) : fail('debate.none_open')),
          }),
        ).toEqual({
          ok: false,
          error: { code: 'debate.closed', params: { debate: 1 } },
        });
        expect(
          (
            await store.addArgument({
              debateId: debate.id,
              side: 'pro',
              text: 'B',
              authorKey: 'U',
              authorName: null,
              at: 1,
              check: (found) => acceptsChanges(found, 1),
            })
          ).ok,
        ).toBe(false);
        expect(
          (
            await store.toggleEndorsement({
              debateId: debate.id,
              number: 1,
              endorserKey: 'V',
              at: 1,
              check: (found, argument) => endorsable(found, argument, 1, 'V', 1),
            })
          ).ok,
        ).toBe(false);
      }),
    );

    it(
      'resolves the channel’s current debate for a vote, and writes nothing when the check refuses',
      withStore(async (store) => {
        await open(store, { closesAt: 10_000 });
        const vote = (at: number) =>
          store.castVote({
            target: { scope },
            voterKey: () => 'V',
            voterName: () => null,
            side: 'pro',
            at,
            check: (found) => (found ? acceptsChanges(found, at) : fail('debate.none_open')),
          });
        expect(await vote(9_999)).toMatchObject({
          ok: true,
          value: { debate: { number: 1 }, current: 'pro' },
        });
        expect(await vote(10_000)).toEqual({
          ok: false,
          error: { code: 'debate.closed', params: { debate: 1 } },
        });
        // The store decided nothing: the core closes expired debates through closeExpired.
        expect((await store.findDebate(scope, 1))?.status).toBe('open');
        expect(await store.tally(1)).toEqual({ pro: 1, con: 0, neutral: 0 });
        expect((await store.closeExpired(10_000)).map((debate) => debate.number)).toEqual([1]);
        expect(await vote(10_001)).toEqual({
          ok: false,
          error: { code: 'debate.none_open', params: undefined },
        });
      }),
    );

    it(
      'closes expired debates once',
      withStore(async (store) => {
        await open(store, { closesAt: 10_000 });
        await open(store);
        expect(await store.closeExpired(9_999)).toEqual([]);
        expect((await store.closeExpired(10_000)).map((debate) => debate.number)).toEqual([1]);
        expect(await store.closeExpired(20_000)).toEqual([]);
      }),
    );

    it(
      'toggles endorsements and counts them on the argument',
      withStore(async (store) => {
        const debate = await open(store);
        await store.addArgument({
          debateId: debate.id,
          side: 'con',
          text: 'A',
          authorKey: 'U2',
          authorName: null,
          at: 1,
          check: (found) => acceptsChanges(found, 1),
        });
        expect(
          await store.toggleEndorsement({
            debateId: debate.id,
            number: 1,
            endorserKey: 'V',
            at: 2,
            check: (found, argument) => endorsable(found, argument, 1, 'V', 2),
          }),
        ).toEqual({
          ok: true,
          value: { endorsed: true, duplicate: false },
        });
        expect((await store.argument(debate.id, 1))?.endorsements).toBe(1);
        await store.toggleEndorsement({
          debateId: debate.id,
          number: 1,
          endorserKey: 'V',
          at: 3,
          check: (found, argument) => endorsable(found, argument, 1, 'V', 3),
        });
        expect((await store.argument(debate.id, 1))?.endorsements).toBe(0);
      }),
    );

    it(
      'forgets a participant within one workspace only',
      withStore(async (store) => {
        const here = await open(store);
        const there = await open(store, { scope: { ...scope, workspaceId: 'T2' } });
        for (const debate of [here, there])
          await store.castVote({
            target: { scope: { ...scope, workspaceId: debate.workspaceId }, number: debate.number },
            voterKey: () => 'U9',
            voterName: () => 'Neuf',
            side: 'pro',
            at: 1,
            check: () => ok(undefined),
          });
        expect(await store.forgetParticipant(scope, ['U9'])).toEqual({
          votes: 1,
          endorsements: 0,
          arguments: 0,
        });
        expect(await store.tally(there.id)).toEqual({ pro: 1, con: 0, neutral: 0 });
      }),
    );
  });
}
