// The store's part in keeping debates alive, owed by every DebateStore: an author's edit of an
// argument (checked by the core's rule inside the write) and who may open debates per channel.
import { describe, expect, it } from 'vitest';
import type { ChannelScope } from '../../src/domain/types.ts';
import { editable } from '../../src/engine/rules.ts';
import type { ArgumentRecord, DebateRecord, DebateStore } from '../../src/store/ports.ts';

const here: ChannelScope = { platform: 'slack', workspaceId: 'T1', channelId: 'C1' };
const pass = () => ({ ok: true as const, value: undefined });

export function describeKeepAliveContract(
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
  let uids = 0;
  const debateWithArgument = async (store: DebateStore) => {
    const { debate } = await store.openDebate({
      scope: here,
      uid: `keep-alive-${++uids}`,
      topic: 'Sujet',
      openerKey: 'U1',
      openerName: 'Une',
      anonymous: false,
      hidden: false,
      at: 1_000,
      closesAt: null,
    });
    const added = await store.addArgument({
      debateId: debate.id,
      side: 'pro',
      text: 'Première version',
      authorKey: 'A',
      authorName: 'Auteur',
      at: 2_000,
      check: pass,
    });
    if (!added.ok) throw new Error('addArgument refused');
    return debate;
  };

  const open = async (
    store: DebateStore,
    over: { scope?: ChannelScope; closesAt?: number | null; remindAt?: number | null } = {},
  ) =>
    (
      await store.openDebate({
        scope: over.scope ?? here,
        uid: `keep-alive-${++uids}`,
        topic: 'Sujet',
        openerKey: 'U1',
        openerName: 'Une',
        anonymous: false,
        hidden: false,
        at: 1_000,
        closesAt: over.closesAt ?? null,
        remindAt: over.remindAt ?? null,
      })
    ).debate;
  const argue = (store: DebateStore, debate: DebateRecord, side: 'pro' | 'con', at: number) =>
    store.addArgument({
      debateId: debate.id,
      side,
      text: 'x',
      authorKey: 'A',
      authorName: null,
      at,
      check: pass,
    });

  describe(`DebateStore contract, keeping debates alive: ${name}`, () => {
    it(
      'claimReminders: due, open, not ended, on the platforms given; once, unless the claim goes stale',
      withStore(async (store) => {
        const due = await open(store, { closesAt: 10_000, remindAt: 5_000 });
        const later = await open(store, { closesAt: 10_000, remindAt: 7_000 });
        const none = await open(store, { closesAt: 10_000, remindAt: null });
        const ended = await open(store, { closesAt: 5_500, remindAt: 4_000 });
        const discord = await open(store, {
          scope: { ...here, platform: 'discord' },
          closesAt: 10_000,
          remindAt: 5_000,
        });
        const claim = (at: number, staleBefore = 0, platforms: ('slack' | 'discord')[] = ['slack']) =>
          store.claimReminders({ at, staleBefore, platforms, limit: 10 });
        expect(await claim(3_999)).toEqual([]);
        expect((await claim(6_000)).map((d) => d.id)).toEqual([due.id]);
        // Claimed: not again while the claim is fresh.
        expect(await claim(6_001, 5_000)).toEqual([]);
        // Stale (its instance went away): taken over.
        expect((await claim(6_002, 6_001)).map((d) => d.id)).toEqual([due.id]);
        await store.completeReminder(due.id, 6_003);
        expect(await claim(9_000, 9_000)).toEqual([expect.objectContaining({ id: later.id })]);
        await store.completeReminder(later.id, 9_001);
        expect(await claim(9_500, 9_500)).toEqual([]);
        expect((await claim(9_600, 0, ['discord'])).map((d) => d.id)).toEqual([discord.id]);
        // A closed debate is never reminded.
        const closed = await open(store, { closesAt: 20_000, remindAt: 15_000 });
        await store.setStatus({
          debateId: closed.id,
          status: 'closed',
          at: 12_000,
          closesAt: 20_000,
          check: pass,
        });
        expect(await claim(16_000, 16_000)).toEqual([]);
        expect([none.id, ended.id]).not.toContain(due.id);
      }),
    );

    it(
      'nudgeCandidates/claimNudge: live arguments per side after a quiet while; one nudge per debate',
      withStore(async (store) => {
        const oneSided = await open(store);
        for (const at of [2_000, 2_100, 2_200]) await argue(store, oneSided, 'pro', at);
        const fewer = await open(store);
        for (const at of [2_000, 2_100]) await argue(store, fewer, 'con', at);
        const recent = await open(store);
        for (const at of [2_000, 2_100, 4_000]) await argue(store, recent, 'con', at);
        const withdrawn = await open(store);
        for (const at of [2_000, 2_100, 2_200]) await argue(store, withdrawn, 'con', at);
        await argue(store, withdrawn, 'pro', 2_300);
        await store.withdrawArgument({ debateId: withdrawn.id, number: 4, at: 2_400, check: pass });
        const query = { platforms: ['slack' as const], minArguments: 3, quietSince: 3_000, limit: 10 };
        const found = await store.nudgeCandidates(query);
        expect(found.map((c) => [c.debate.id, c.pro, c.con, c.lastArgumentAt])).toEqual([
          [oneSided.id, 3, 0, 2_200],
          [withdrawn.id, 0, 3, 2_200],
        ]);
        expect(await store.nudgeCandidates({ ...query, platforms: ['discord'] })).toEqual([]);
        expect(await store.claimNudge(oneSided.id, 5_000)).toBe(true);
        expect(await store.claimNudge(oneSided.id, 5_001)).toBe(false);
        expect((await store.nudgeCandidates(query)).map((c) => c.debate.id)).toEqual([withdrawn.id]);
      }),
    );

    it(
      'saveChannelSetting/channelSettings: reminders and nudges, on by default, each kept alone',
      withStore(async (store) => {
        expect(await store.channelSettings(here)).toMatchObject({ reminders: true, nudges: true });
        await store.saveChannelSetting(here, { setting: 'reminders', enabled: false });
        expect(await store.channelSettings(here)).toMatchObject({ reminders: false, nudges: true });
        await store.saveChannelSetting(here, { setting: 'nudges', enabled: false });
        await store.saveChannelSetting(here, { setting: 'reminders', enabled: true });
        expect(await store.channelSettings(here)).toMatchObject({ reminders: true, nudges: false });
        expect((await store.summaryChannels(0)).length).toBe(0);
        await open(store);
        expect((await store.summaryChannels(0))[0]?.settings).toEqual(await store.channelSettings(here));
      }),
    );

    it(
      'editArgument: the check sees the stored debate and argument; the text changes, marked with its instant',
      withStore(async (store) => {
        const debate = await debateWithArgument(store);
        expect((await store.argument(debate.id, 1))?.editedAt).toBeNull();
        const seen: [DebateRecord, ArgumentRecord | undefined][] = [];
        const edited = await store.editArgument({
          debateId: debate.id,
          number: 1,
          text: 'Seconde version',
          at: 3_000,
          deliveryKey: 'edit-1',
          check: (stored, argument) => {
            seen.push([stored, argument]);
            return pass();
          },
        });
        expect(seen).toHaveLength(1);
        expect(seen[0]?.[0]).toMatchObject({ id: debate.id, number: debate.number });
        expect(seen[0]?.[1]).toMatchObject({ number: 1, text: 'Première version', editedAt: null });
        expect(edited).toEqual({
          ok: true,
          value: {
            duplicate: false,
            argument: expect.objectContaining({ number: 1, text: 'Seconde version', editedAt: 3_000 }),
          },
        });
        const stored = await store.argument(debate.id, 1);
        expect(stored).toMatchObject({
          text: 'Seconde version',
          editedAt: 3_000,
          createdAt: 2_000,
          authorKey: 'A',
          authorName: 'Auteur',
          side: 'pro',
        });
        // Listed, exported and on the scoreboard with its new text and mark.
        const page = await store.argumentsPage(debate.id, 0, 10, 'V');
        expect(page.items[0]).toMatchObject({ text: 'Seconde version', editedAt: 3_000 });
        expect((await store.scoreboard(debate.id)).newest).toMatchObject({ text: 'Seconde version' });
        expect((await store.exportData(debate.id)).arguments[0]).toMatchObject({ editedAt: 3_000 });
      }),
    );

    it(
      'editArgument: a refusal writes nothing and claims no delivery; a redelivery is a duplicate',
      withStore(async (store) => {
        const debate = await debateWithArgument(store);
        await store.toggleEndorsement({
          debateId: debate.id,
          number: 1,
          endorserKey: 'B',
          at: 2_500,
          check: pass,
        });
        const input = {
          debateId: debate.id,
          number: 1,
          text: 'Changée en douce',
          at: 3_000,
          deliveryKey: 'edit-2',
          check: (stored: DebateRecord, argument: ArgumentRecord | undefined) =>
            editable(stored, argument, 1, 'A', 3_000),
        };
        expect(await store.editArgument(input)).toEqual({
          ok: false,
          error: { code: 'argument.frozen', params: { number: 1 } },
        });
        expect(await store.argument(debate.id, 1)).toMatchObject({
          text: 'Première version',
          editedAt: null,
        });
        // The endorsement withdrawn, the same delivery is still free, and then taken once.
        await store.toggleEndorsement({
          debateId: debate.id,
          number: 1,
          endorserKey: 'B',
          at: 2_600,
          check: pass,
        });
        expect(await store.editArgument(input)).toMatchObject({ ok: true, value: { duplicate: false } });
        expect(await store.editArgument({ ...input, text: 'Encore autre chose', at: 4_000 })).toMatchObject({
          ok: true,
          value: { duplicate: true, argument: { text: 'Changée en douce' } },
        });
        expect(await store.argument(debate.id, 1)).toMatchObject({
          text: 'Changée en douce',
          editedAt: 3_000,
        });
        // A missing argument reaches the check as undefined.
        const missing = await store.editArgument({
          ...input,
          number: 9,
          deliveryKey: 'edit-3',
          check: (stored, argument) => editable(stored, argument, 9, 'A', 3_000),
        });
        expect(missing).toMatchObject({ ok: false, error: { code: 'argument.not_found' } });
      }),
    );

    it(
      'saveChannelSetting/channelSettings: who may open debates, everyone by default, per channel',
      withStore(async (store) => {
        expect((await store.channelSettings(here)).openers).toBe('everyone');
        const saved = await store.saveChannelSetting(here, { setting: 'openers', openers: 'admins' });
        expect(saved.openers).toBe('admins');
        expect(await store.channelSettings(here)).toEqual(saved);
        // Other settings keep it, and it keeps them.
        await store.saveChannelSetting(here, { setting: 'threads', enabled: true });
        expect(await store.channelSettings(here)).toMatchObject({ openers: 'admins', threads: true });
        expect((await store.channelSettings({ ...here, channelId: 'C2' })).openers).toBe('everyone');
        await store.saveChannelSetting(here, { setting: 'openers', openers: 'everyone' });
        expect(await store.channelSettings(here)).toMatchObject({ openers: 'everyone', threads: true });
      }),
    );
  });
}
