import { afterEach, describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/commands/parse.ts';
import { alice, bob, type DiscordBed, moderator, startDiscordBed, textOf } from './harness.ts';

describe('the thread-per-debate channel setting (core)', () => {
  it('is read by the grammar in both languages', () => {
    expect(parseCommand('config fil on')).toEqual({
      ok: true,
      value: { kind: 'settings', change: { setting: 'threads', enabled: true } },
    });
    expect(parseCommand('settings thread off')).toEqual({
      ok: true,
      value: { kind: 'settings', change: { setting: 'threads', enabled: false } },
    });
    expect(parseCommand('config fil peut-être')).toMatchObject({
      ok: false,
      error: { code: 'settings.bad_switch' },
    });
  });
});

describe('Discord threads', () => {
  let t: DiscordBed;
  afterEach(async () => {
    await t.close();
  });

  async function openWithThread(): Promise<string> {
    const saved = await t.answer(t.fake.slash(moderator, 'config', { fil: 'on' }));
    expect(textOf(saved.body)).toContain('Un fil par débat : oui');
    await t.answer(t.fake.slash(alice, 'lancer', { sujet: 'Pause café à 10 h ?' }));
    const [created] = await t.fake.rest.waitFor('threadFromMessage');
    expect(created?.body).toMatchObject({ name: 'Débat n° 1 : Pause café à 10 h ?' });
    const threadId = (created?.response as { id: string } | undefined)?.id ?? '';
    expect(threadId).toBe(t.scoreboard(1).id);
    await t.fake.rest.waitFor((c) => c.route === 'messageCreate' && c.params.channel === threadId);
    return threadId;
  }

  it('opens a thread under the scoreboard; replies with a side become arguments, confirmed with ✅', async () => {
    t = await startDiscordBed();
    const threadId = await openWithThread();
    const where = { channelId: threadId, channelType: 11, parentId: t.fake.where.channelId };
    const reply = t.fake.say(bob, 'pour : on revient plus frais', where);
    const [reaction] = await t.fake.rest.waitFor(
      (c) => c.route === 'reactionAdd' && c.params.message === reply.id,
    );
    expect(reaction?.params.emoji).toBe('✅');
    expect(await t.bed.store.argument(1, 1)).toMatchObject({
      side: 'pro',
      text: 'on revient plus frais',
      authorName: 'bob',
    });
    await t.fake.rest.waitFor(
      (c) => c.route === 'messageEdit' && textOf(c.body).includes('on revient plus frais'),
    );

    t.fake.say(bob, 'sans préfixe, juste une remarque', where);
    const minus = t.fake.say(alice, '- la réunion de 10 h', where);
    await t.fake.rest.waitFor((c) => c.route === 'reactionAdd' && c.params.message === minus.id);
    expect(t.fake.rest.filter('reactionAdd')).toHaveLength(2);
    expect((await t.bed.store.argument(1, 2))?.side).toBe('con');

    // A command typed in the thread is about the thread's debate.
    const vote = await t.answer(t.fake.slash(bob, 'voter', { cote: 'pour' }, where));
    expect(textOf(vote.body)).toContain('debate #1');
  });

  it('answers in the thread when the reply cannot become an argument, without pinging', async () => {
    t = await startDiscordBed();
    const threadId = await openWithThread();
    await t.answer(t.fake.slash(alice, 'clore'));
    const reply = t.fake.say(bob, 'pour: trop tard ?', {
      channelId: threadId,
      channelType: 11,
      parentId: t.fake.where.channelId,
    });
    const [answer] = await t.fake.rest.waitFor(
      (c) => c.route === 'messageCreate' && c.params.channel === threadId && textOf(c.body).includes('clos'),
    );
    expect(answer?.body).toMatchObject({
      allowed_mentions: { parse: [], replied_user: false },
      message_reference: { message_id: reply.id },
    });
  });

  it('without the Message Content intent, thread replies are not read (and nothing breaks)', async () => {
    t = await startDiscordBed({ grantedPrivilegedIntents: 0 });
    const threadId = await openWithThread();
    t.fake.say(bob, 'pour: invisible', {
      channelId: threadId,
      channelType: 11,
      parentId: t.fake.where.channelId,
    });
    const after = await t.answer(t.fake.slash(bob, 'arguments'));
    expect(textOf(after.body)).toContain('No arguments yet');
    expect(t.fake.rest.filter('reactionAdd')).toHaveLength(0);
  });
});
