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

  describe(`DebateStore contract, keeping debates alive: ${name}`, () => {
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
