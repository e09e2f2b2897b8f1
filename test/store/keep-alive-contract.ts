// The store's part in keeping debates alive, owed by every DebateStore: an author's edit of an
// argument (checked by the core's rule inside the write) and who may open debates per channel.
import { describe, expect, it } from 'vitest';
import type { ArgumentRecord, DebateRecord } from '../../src/domain/records.ts';
import { editable } from '../../src/domain/rules.ts';
import type { ChannelScope, Platform } from '../../src/domain/types.ts';
import type { DebateStore } from '../../src/store/ports/debate-store.ts';

const here: ChannelScope = { platform: 'slack', workspaceId: 'T1', channelId: 'C1' };
const pass = () => ({ ok: true as const, value: undefined });

export function describeKeepAliveContract(
  name: string,
  create: () => Promise<{ store: DebateStore; dispose(): Promise<void> }>,
) {
  const LIVE = { instance: 'instance-1', aliveSince: 0 };
  const withStore = (test: (store: DebateStore) => Promise<void>) => async () => {
    const { store, dispose } = await create();
    try {
      // The claiming instance below (LIVE) is alive for every test here.
      await store.renewInstanceLease(LIVE.instance, 1);
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
          store.claimReminders({ ...LIVE, at, staleBefore, platforms, limit: 10 });
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
      'nudgeCandidates/claimNudge/completeNudge: live arguments per side after a quiet while; one nudge per debate, a failed one claimed again',
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
        const query = {
          ...LIVE,
          at: 5_000,
          platforms: ['slack' as const],
          minArguments: 3,
          quietSince: 3_000,
          staleBefore: 4_000,
          limit: 10,
        };
        const found = await store.nudgeCandidates(query);
        expect(found.map((c) => [c.debate.id, c.pro, c.con, c.lastArgumentAt])).toEqual([
          [oneSided.id, 3, 0, 2_200],
          [withdrawn.id, 0, 3, 2_200],
        ]);
        expect(await store.nudgeCandidates({ ...query, platforms: ['discord'] })).toEqual([]);
        expect(await store.claimNudge(oneSided.id, { ...LIVE, at: 5_000, staleBefore: 4_000 })).toBe(true);
        expect(await store.claimNudge(oneSided.id, { ...LIVE, at: 5_001, staleBefore: 4_001 })).toBe(false);
        expect((await store.nudgeCandidates(query)).map((c) => c.debate.id)).toEqual([withdrawn.id]);
        // Its post failed: once the claim is old, the nudge is a candidate again, and claimed again.
        const later = { ...query, staleBefore: 6_000 };
        expect((await store.nudgeCandidates(later)).map((c) => c.debate.id)).toEqual([
          oneSided.id,
          withdrawn.id,
        ]);
        expect(await store.claimNudge(oneSided.id, { ...LIVE, at: 9_000, staleBefore: 6_000 })).toBe(true);
        // Posted: never again, however old its claim.
        await store.completeNudge(oneSided.id, 9_100);
        expect(await store.claimNudge(oneSided.id, { ...LIVE, at: 99_000, staleBefore: 98_000 })).toBe(false);
        expect(
          (await store.nudgeCandidates({ ...query, staleBefore: 98_000 })).map((c) => c.debate.id),
        ).toEqual([withdrawn.id]);
      }),
    );

    it(
      'proposeTopic/topicQueue: numbered per channel, a redelivery is the same topic, most endorsed first',
      withStore(async (store) => {
        const propose = (text: string, key: string, deliveryKey?: string, scope = here) =>
          store.proposeTopic({
            scope,
            text,
            proposerKey: key,
            proposerName: `n-${key}`,
            at: 1_000,
            deliveryKey,
          });
        expect(await propose('Un', 'A', 'p1')).toMatchObject({
          duplicate: false,
          topic: { number: 1, text: 'Un' },
        });
        expect(await propose('Un', 'A', 'p1')).toMatchObject({ duplicate: true, topic: { number: 1 } });
        await propose('Deux', 'B');
        expect((await propose('Ailleurs', 'A', undefined, { ...here, channelId: 'C2' })).topic.number).toBe(
          1,
        );
        const endorse = (number: number, key: string, deliveryKey?: string) =>
          store.toggleTopicEndorsement({
            scope: here,
            number,
            endorserKey: key,
            at: 2_000,
            deliveryKey,
            check: pass,
          });
        expect(await endorse(2, 'C', 'e1')).toEqual({
          ok: true,
          value: { endorsed: true, duplicate: false },
        });
        expect(await endorse(2, 'C', 'e1')).toEqual({ ok: true, value: { endorsed: true, duplicate: true } });
        const queue = await store.topicQueue(here, 'C');
        expect(
          queue.map((t) => [t.number, t.text, t.endorsements, t.endorsedByViewer, t.proposerName]),
        ).toEqual([
          [2, 'Deux', 1, true, 'n-B'],
          [1, 'Un', 0, false, 'n-A'],
        ]);
        expect(await endorse(2, 'C')).toEqual({ ok: true, value: { endorsed: false, duplicate: false } });
      }),
    );

    it(
      'toggleTopicEndorsement/withdrawTopic: the check sees the live topic; a refusal writes nothing',
      withStore(async (store) => {
        await store.proposeTopic({
          scope: here,
          text: 'Un',
          proposerKey: 'A',
          proposerName: null,
          at: 1_000,
        });
        const seen: unknown[] = [];
        const refused = await store.toggleTopicEndorsement({
          scope: here,
          number: 1,
          endorserKey: 'A',
          at: 2_000,
          deliveryKey: 'x1',
          check: (topic) => {
            seen.push(topic);
            return { ok: false, error: { code: 'topic.own' } };
          },
        });
        expect(refused).toEqual({ ok: false, error: { code: 'topic.own' } });
        expect(seen).toEqual([expect.objectContaining({ number: 1, proposerKey: 'A', endorsements: 0 })]);
        const missing: unknown[] = [];
        await store.withdrawTopic({
          scope: here,
          number: 7,
          at: 2_000,
          check: (topic) => {
            missing.push(topic);
            return { ok: false, error: { code: 'topic.not_found', params: { number: 7 } } };
          },
        });
        expect(missing).toEqual([undefined]);
        const withdraw = { scope: here, number: 1, at: 3_000, deliveryKey: 'w1', check: pass };
        expect(await store.withdrawTopic(withdraw)).toMatchObject({
          ok: true,
          value: { duplicate: false, topic: { withdrawnAt: 3_000 } },
        });
        expect(await store.topicQueue(here, 'A')).toEqual([]);
        // A withdrawn topic reads as missing.
        const after: unknown[] = [];
        await store
          .toggleTopicEndorsement({
            scope: here,
            number: 1,
            endorserKey: 'B',
            at: 4_000,
            check: (topic) => {
              after.push(topic);
              return pass();
            },
          })
          .catch(() => undefined);
        expect(after).toEqual([undefined]);
      }),
    );

    it(
      'saveChannelSetting/rhythmChannels/openWeekly: each slot taken once; the chosen topic opens and leaves the queue',
      withStore(async (store) => {
        expect((await store.channelSettings(here)).rhythm).toBeNull();
        await store.saveChannelSetting(here, {
          setting: 'rhythm',
          day: 1,
          time: '09:00',
          durationMs: 5_000,
          since: 500,
        });
        expect((await store.channelSettings(here)).rhythm).toEqual({
          day: 1,
          time: '09:00',
          durationMs: 5_000,
          since: 500,
        });
        expect((await store.rhythmChannels(['slack'])).map((c) => [c.scope, c.settings.rhythm?.day])).toEqual(
          [[here, 1]],
        );
        expect(await store.rhythmChannels(['discord'])).toEqual([]);
        for (const text of ['Un', 'Deux'])
          await store.proposeTopic({ scope: here, text, proposerKey: 'P', proposerName: 'Pé', at: 1_000 });
        const seen: number[][] = [];
        const opening = (slotAt: number) =>
          store.openWeekly({
            ...LIVE,
            scope: here,
            slotAt,
            at: slotAt + 1,
            pick: (queue) => {
              seen.push(queue.map((t) => t.number));
              return queue.find((t) => t.number === 2);
            },
            debate: () => ({
              uid: `weekly-${slotAt}`,
              openerKey: 'P',
              openerName: 'Pé',
              anonymous: false,
              hidden: false,
              at: slotAt + 1,
              closesAt: slotAt + 5_000,
              remindAt: slotAt + 4_000,
            }),
          });
        const first = await opening(10_000);
        expect(first).toMatchObject({
          claimed: true,
          topic: { number: 2 },
          debate: { topic: 'Deux', number: 1 },
        });
        // Its scoreboard knows it for the debate of the week; a debate opened by hand does not.
        expect((await store.scoreboard(first.debate!.id)).weekly).toBe(true);
        const byHand = await debateWithArgument(store);
        expect((await store.scoreboard(byHand.id)).weekly).toBe(false);
        expect(first.debate).toMatchObject({
          channelId: 'C1',
          openerName: 'Pé',
          closesAt: 15_000,
          status: 'open',
        });
        expect(await opening(10_000)).toEqual({ claimed: false });
        expect(seen).toEqual([[1, 2]]);
        expect((await store.topicQueue(here, 'V')).map((t) => t.number)).toEqual([1]);
        // Its reminder was stored with it.
        expect(
          (
            await store.claimReminders({
              ...LIVE,
              at: 14_000,
              staleBefore: 0,
              platforms: ['slack'],
              limit: 5,
            })
          ).map((d) => d.id),
        ).toEqual([first.debate?.id]);
        // A slot whose pick chooses nothing is still taken.
        expect(
          await store.openWeekly({
            ...LIVE,
            scope: here,
            slotAt: 20_000,
            at: 20_001,
            pick: () => undefined,
            debate: () => {
              throw new Error('not asked');
            },
          }),
        ).toEqual({ claimed: true });
        await store.saveChannelSetting(here, { setting: 'rhythmOff' });
        expect((await store.channelSettings(here)).rhythm).toBeNull();
        expect(await store.rhythmChannels(['slack'])).toEqual([]);
      }),
    );

    it(
      'claimWeeklyPosts: a weekly debate without its scoreboard is claimed once its opening’s claim is old, once per claim',
      withStore(async (store) => {
        await store.proposeTopic({
          scope: here,
          text: 'Un',
          proposerKey: 'P',
          proposerName: 'Pé',
          at: 1_000,
        });
        await store.proposeTopic({
          scope: { ...here, channelId: 'C2' },
          text: 'Deux',
          proposerKey: 'P',
          proposerName: 'Pé',
          at: 1_000,
        });
        const open = async (scope: ChannelScope, slotAt: number) =>
          (
            await store.openWeekly({
              ...LIVE,
              scope,
              slotAt,
              at: slotAt,
              pick: (queue) => queue[0],
              debate: () => ({
                uid: `weekly-${scope.channelId}`,
                openerKey: 'P',
                openerName: 'Pé',
                anonymous: false,
                hidden: false,
                at: slotAt,
                closesAt: slotAt + 1_000_000,
                remindAt: null,
              }),
            })
          ).debate!;
        const failed = await open(here, 10_000);
        const posted = await open({ ...here, channelId: 'C2' }, 10_000);
        await store.setScoreboardRef(posted.id, 'C2:1.0');
        // A debate opened by hand, without a scoreboard yet, is none of this.
        await debateWithArgument(store);
        const claim = (at: number, staleBefore: number, platforms: Platform[] = ['slack']) =>
          store.claimWeeklyPosts({ ...LIVE, platforms, at, staleBefore, limit: 10 });
        // The opening's own claim holds until it is old.
        expect(await claim(11_000, 9_000)).toEqual([]);
        const taken = await claim(400_000, 300_000);
        expect(taken.map((d) => [d.id, d.channelId])).toEqual([[failed.id, 'C1']]);
        expect(taken[0]).toEqual(failed);
        // Taken: not again until that claim is old too; other platforms' instances never.
        expect(await claim(400_001, 300_001)).toEqual([]);
        expect(await claim(900_000, 800_000, ['discord'])).toEqual([]);
        expect((await claim(900_000, 800_000)).map((d) => d.id)).toEqual([failed.id]);
        // Posted (its scoreboard attached), or closed: no longer claimed.
        await store.setScoreboardRef(failed.id, 'C1:2.0');
        expect(await claim(2_000_000, 1_900_000)).toEqual([]);
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
