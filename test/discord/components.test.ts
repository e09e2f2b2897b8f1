import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkModal } from '../fakes/discord/index.ts';
import { alice, bob, carol, type DiscordBed, startDiscordBed, textOf } from './harness.ts';

type Row = { components: { custom_id: string; label: string }[] };
const buttonsOf = (body: unknown): { custom_id: string; label: string }[] => {
  const b = body as { data?: { components?: Row[] }; components?: Row[] };
  return (b.data?.components ?? b.components ?? []).flatMap((r) => r.components);
};

describe('Discord components: buttons, the argument form, the list and the ∆ prompt', () => {
  let t: DiscordBed;
  beforeEach(async () => {
    t = await startDiscordBed();
    await t.answer(t.fake.slash(alice, 'lancer', { sujet: 'Réunions le vendredi ?' }));
  });
  afterEach(async () => {
    await t.close();
  });

  it('a vote button is acknowledged without a message, the scoreboard shows it; a double click acts once', async () => {
    const board = t.scoreboard(1);
    expect(textOf(board.history.at(-1))).toContain('Un second clic sur votre choix retire votre vote.');
    const first = t.fake.click(bob, board, 'db:v:1:p');
    const second = t.fake.click(bob, board, 'db:v:1:p');
    expect((await t.answer(first)).body).toEqual({ type: 6 });
    expect((await t.answer(second)).body).toEqual({ type: 6 });
    await t.fake.rest.waitFor((c) => c.route === 'messageEdit' && textOf(c.body).includes('1 votant'));
    expect(
      await t.bed.store.tally(
        (await t.bed.store.findDebate({ platform: 'discord', workspaceId: t.fake.where.guildId }, 1))!.id,
      ),
    ).toEqual({ pro: 1, con: 0, neutral: 0 });
  });

  it('in a hidden-results debate, a vote button tells the voter their own vote privately', async () => {
    await t.answer(t.fake.slash(alice, 'lancer', { sujet: 'Vote secret ?', masque: true }));
    const answer = await t.answer(t.fake.click(bob, t.scoreboard(2), 'db:v:2:c'));
    expect(answer.body).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(textOf(answer.body)).toContain('Vote recorded: Against');
  });

  it('the same interaction delivered twice (a replay after a resume) is answered once', async () => {
    const board = t.scoreboard(1);
    const payload = t.fake.click(carol, board, 'db:v:1:c');
    t.fake.interact(payload);
    await t.answer(payload);
    await t.answer(t.fake.slash(carol, 'aide'));
    expect(
      t.fake.rest.filter((c) => c.route === 'interactionCallback' && c.params.id === payload.id),
    ).toHaveLength(1);
  });

  it('+ Argument opens a form within Discord’s limits; submitting it adds the argument', async () => {
    const board = t.scoreboard(1);
    const click = t.fake.click(bob, board, 'db:a:1');
    const answer = await t.answer(click);
    expect(answer.body).toMatchObject({ type: 9, data: { custom_id: 'db:m:1', title: 'New argument' } });
    expect(checkModal((answer.body as { data: unknown }).data)).toEqual([]);
    const submit = t.fake.submitModal(bob, 'db:m:1', { side: ['con'], text: '  Personne n’est là  ' }, board);
    const added = await t.answer(submit);
    expect(textOf(added.body)).toContain('Argument n° 1 ajouté (Contre)');
    const stored = await t.bed.store.argument(1, 1);
    expect(stored).toMatchObject({ side: 'con', text: 'Personne n’est là' });
    const empty = t.fake.submitModal(bob, 'db:m:1', { side: ['pro'], text: '   ' }, board);
    expect(textOf((await t.answer(empty)).body)).toContain('The text is empty');
  });

  it('Arguments: an ephemeral list with an endorse button each, updated in place, paginated', async () => {
    for (let i = 1; i <= 12; i++)
      await t.answer(
        t.fake.slash(i % 2 ? alice : carol, i % 3 ? 'pour' : 'contre', { argument: `Argument ${i}` }),
      );
    const board = t.scoreboard(1);
    const open = t.fake.click(bob, board, 'db:l:1:1');
    const list = await t.answer(open);
    expect(list.body).toMatchObject({ type: 4, data: { flags: 64 } });
    const buttons = buttonsOf(list.body);
    expect(buttons.filter((b) => b.custom_id.startsWith('db:e:1:'))).toHaveLength(10);
    expect(buttons.map((b) => b.custom_id)).toContain('db:l:1:2');
    const ephemeral = t.fake.state.messages.get(
      t.fake.state.interactions.get(open.id)?.originalMessageId ?? '',
    );
    if (!ephemeral) throw new Error('no list message');
    const endorse = t.fake.click(bob, ephemeral, 'db:e:1:3:1');
    const updated = await t.answer(endorse);
    expect(updated.body).toMatchObject({ type: 7 });
    expect(buttonsOf(updated.body).find((b) => b.custom_id === 'db:e:1:3:1')?.label).toContain(
      'Withdraw endorsement',
    );
    const next = await t.answer(t.fake.click(bob, ephemeral, 'db:l:1:2'));
    expect(next.body).toMatchObject({ type: 7 });
    expect(textOf(next.body)).toContain('Page 2 of 2');
  });

  it('switching sides with the buttons brings the ∆ prompt; its button gives the ∆ and closes the prompt', async () => {
    await t.answer(t.fake.slash(alice, 'pour', { argument: 'Le week-end commence tôt' }));
    const board = t.scoreboard(1);
    await t.answer(t.fake.click(carol, board, 'db:v:1:c'));
    const switched = t.fake.click(carol, board, 'db:v:1:p');
    // The change itself goes without a word (the scoreboard shows it): the prompt is the answer.
    const prompt = await t.answer(switched);
    expect(buttonsOf(prompt.body).map((b) => b.custom_id)).toEqual(['db:d:1:1']);
    const promptId = t.fake.state.interactions.get(switched.id)?.originalMessageId ?? '';
    const promptMessage = t.fake.state.messages.get(promptId);
    if (!promptMessage) throw new Error('no prompt');
    const delta = await t.answer(t.fake.click(carol, promptMessage, 'db:d:1:1'));
    expect(delta.body).toMatchObject({ type: 7, data: { components: [], embeds: [] } });
    expect(textOf(delta.body)).toContain('∆');
    expect((await t.bed.store.argument(1, 1))?.deltas).toBe(1);
  });

  it('Clore: refused to others, done by the opener; the closed scoreboard offers Rouvrir', async () => {
    const board = t.scoreboard(1);
    expect(textOf((await t.answer(t.fake.click(bob, board, 'db:x:1'))).body)).toContain('opener and admins');
    await t.answer(t.fake.click(alice, board, 'db:x:1'));
    await t.fake.rest.waitFor((c) => c.route === 'messageEdit' && JSON.stringify(c.body).includes('db:o:1'));
    const debate = await t.bed.store.findDebate(
      { platform: 'discord', workspaceId: t.fake.where.guildId },
      1,
    );
    expect(debate?.status).toBe('closed');
  });

  it('an unknown button is acknowledged silently', async () => {
    expect((await t.answer(t.fake.click(bob, t.scoreboard(1), 'autre:chose'))).body).toEqual({ type: 6 });
  });
});
