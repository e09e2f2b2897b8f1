// The core's promises as a Discord user meets them: one thread grammar with Slack, a debate stays
// in its channel, an end reaches the scoreboard and is announced, forget-me is confirmed by a button.
import { afterEach, describe, expect, it } from 'vitest';
import { OTHER_CHANNEL } from '../fakes/discord/index.ts';
import { alice, bob, carol, type DiscordBed, moderator, startDiscordBed, textOf } from './harness.ts';

const MINUTE = 60_000;

describe('the core’s rules on Discord', () => {
  let t: DiscordBed;
  afterEach(async () => {
    await t.close();
  });

  it('reads thread replies with the same grammar as Slack: for:, against:, −; +1 is noise, not an argument', async () => {
    t = await startDiscordBed();
    await t.answer(t.fake.slash(moderator, 'config', { fil: 'on' }));
    await t.answer(t.fake.slash(alice, 'lancer', { sujet: 'Le flex office ?' }));
    const [created] = await t.fake.rest.waitFor('threadFromMessage');
    const threadId = (created?.response as { id: string } | undefined)?.id ?? '';
    const where = { channelId: threadId, channelType: 11, parentId: t.fake.where.channelId };
    const noise = t.fake.say(carol, '+1', where);
    const pro = t.fake.say(bob, 'for: fewer empty desks', where);
    const con = t.fake.say(bob, 'Against: no place of my own', where);
    const minus = t.fake.say(alice, '−le bruit', where);
    for (const reply of [pro, con, minus])
      await t.fake.rest.waitFor((c) => c.route === 'reactionAdd' && c.params.message === reply.id);
    await t.bed.engine.settled();
    const texts = [1, 2, 3, 4].map(async (n) => (await t.bed.store.argument(1, n))?.text);
    expect(await Promise.all(texts)).toEqual([
      'fewer empty desks',
      'no place of my own',
      'le bruit',
      undefined,
    ]);
    expect((await t.bed.store.argument(1, 2))?.side).toBe('con');
    expect(t.fake.rest.filter((c) => c.route === 'reactionAdd' && c.params.message === noise.id)).toEqual([]);
  });

  it('answers a debate number from another channel like an unknown one, and changes nothing', async () => {
    t = await startDiscordBed();
    await t.answer(t.fake.slash(alice, 'lancer', { sujet: 'Réservé au salon débats' }));
    await t.answer(t.fake.slash(alice, 'voter', { cote: 'pour' }));
    const elsewhere = { channelId: OTHER_CHANNEL };
    const unknown = textOf((await t.answer(t.fake.slash(carol, 'bilan', { id: 99 }, elsewhere))).body);
    expect(unknown).toContain('Aucun débat n° 99 ici.');
    for (const [sub, options] of [
      ['bilan', { id: 1 }],
      ['arguments', { id: 1 }],
      ['exporter', { id: 1 }],
      ['voter', { cote: 'contre', id: 1 }],
      ['pour', { argument: 'Intrus', id: 1 }],
      ['clore', { id: 1 }],
    ] as const) {
      const answer = await t.answer(
        t.fake.slash({ ...carol, permissions: moderator.permissions }, sub, options, elsewhere),
      );
      expect(textOf(answer.body), sub).toBe(unknown.replace('99', '1'));
      expect(JSON.stringify(answer.body), sub).not.toContain('Réservé');
    }
    expect(await t.bed.store.tally(1)).toEqual({ pro: 1, con: 0, neutral: 0 });
    expect(await t.bed.store.argument(1, 1)).toBeUndefined();
  });

  it('closes a debate whose time is up at the first click after the end: the scoreboard says so and the end is announced', async () => {
    t = await startDiscordBed();
    await t.answer(t.fake.slash(alice, 'lancer', { sujet: 'Une heure pour trancher', duree: '1h' }));
    const board = t.scoreboard(1);
    await t.answer(t.fake.click(bob, board, 'db:v:1:p'));
    await t.bed.engine.settled();
    t.bed.clock.advance(61 * MINUTE);
    const late = await t.answer(t.fake.click(carol, board, 'db:v:1:c'));
    expect(textOf(late.body)).toContain('est clos');
    await t.bed.engine.settled();
    const edited = t.fake.state.messages.get(board.id);
    expect(JSON.stringify(edited?.components)).toContain('db:o:1');
    expect(JSON.stringify(edited?.components)).not.toContain('db:v:1:p');
    const announcement = t.fake.messagesIn().at(-1);
    expect(announcement?.content).toContain(
      `Débat n° 1 arrivé à son terme dans <#${t.fake.where.channelId}>`,
    );
    expect(JSON.stringify(announcement?.embeds)).toContain('1 votant');
    expect(announcement?.components).toEqual([]);
  });

  it('asks before forgetting; the button erases in every channel and refreshes both scoreboards', async () => {
    t = await startDiscordBed();
    const elsewhere = { channelId: OTHER_CHANNEL };
    await t.answer(t.fake.slash(alice, 'lancer', { sujet: 'Ici' }));
    await t.answer(t.fake.slash(alice, 'lancer', { sujet: 'Ailleurs' }, elsewhere));
    await t.answer(t.fake.slash(bob, 'voter', { cote: 'pour' }));
    await t.answer(t.fake.slash(bob, 'pour', { argument: 'Signé de Bob', id: 2 }, elsewhere));
    await t.bed.engine.settled();
    const boardElsewhere = () =>
      t.fake.messagesIn(OTHER_CHANNEL).find((m) => JSON.stringify(m.components).includes('db:v:2:p'));
    expect(JSON.stringify(boardElsewhere()?.embeds)).toContain('bob');

    const asked = t.fake.slash(bob, 'oublier-moi');
    const question = await t.answer(asked);
    expect(textOf(question.body)).toContain('cannot be undone');
    expect(await t.bed.store.tally(1)).toEqual({ pro: 1, con: 0, neutral: 0 });
    const ephemeral = [...t.fake.state.messages.values()].find((m) => m.interaction_id === asked.id);
    if (!ephemeral) throw new Error('no ephemeral question');
    const done = await t.answer(t.fake.click(bob, ephemeral, 'db:f:0'));
    expect(textOf(done.body)).toContain('1 vote');
    await t.bed.engine.settled();
    expect(await t.bed.store.tally(1)).toEqual({ pro: 0, con: 0, neutral: 0 });
    expect(JSON.stringify(t.scoreboard(1).embeds)).toContain('0 votant');
    expect(JSON.stringify(boardElsewhere()?.embeds)).not.toContain('bob');
  });
});
