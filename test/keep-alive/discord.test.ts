// Editing one's own argument and who may open debates, through the real discord.js against the
// fake Discord: the slash command built from the grammar, the list's button, the form filled in.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commandDefinitions } from '../../adapters/discord/commands.ts';
import {
  alice,
  bob,
  carol,
  type DiscordBed,
  moderator,
  startDiscordBed,
  textOf,
} from '../discord/harness.ts';
import { checkModal } from '../fakes/discord/index.ts';

type Row = { components: { custom_id: string; label: string }[] };
const buttonsOf = (body: unknown): { custom_id: string; label: string }[] => {
  const b = body as { data?: { components?: Row[] }; components?: Row[] };
  return (b.data?.components ?? b.components ?? []).flatMap((r) => r.components);
};

describe('Discord: keeping debates alive', () => {
  let t: DiscordBed;
  beforeEach(async () => {
    t = await startDiscordBed();
    await t.answer(t.fake.slash(alice, 'lancer', { sujet: 'Réunions le vendredi ?' }));
    await t.answer(t.fake.slash(carol, 'pour', { argument: 'On finit la semaine ensemble' }));
    await t.answer(t.fake.slash(bob, 'contre', { argument: 'Personne n’est là' }));
  });
  afterEach(async () => {
    await t.close();
  });

  it('the grammar gives /debat modifier and config’s lancer option, in both languages', () => {
    const [debat] = commandDefinitions();
    const edit = debat?.options.find((o) => o.name === 'modifier');
    expect(edit?.name_localizations?.['en-US']).toBe('edit');
    expect(edit?.options?.map((o) => [o.name, o.required ?? false])).toEqual([
      ['numero', true],
      ['argument', true],
      ['id', false],
    ]);
    const config = debat?.options.find((o) => o.name === 'config');
    const lancer = config?.options?.find((o) => o.name === 'lancer');
    expect(lancer?.description).toBe('Qui peut lancer un débat dans ce salon : tous ou admins');
    expect(lancer?.description_localizations?.['en-US']).toBe(
      'Who may open a debate in this channel: everyone or admins',
    );
  });

  it('the list offers Modifier on one’s own argument; the form opens filled in and saves', async () => {
    const open = t.fake.click(carol, t.scoreboard(1), 'db:l:1:1');
    const list = await t.answer(open);
    expect(buttonsOf(list.body).map((b) => [b.custom_id, b.label])).toEqual([
      ['db:u:1:1', 'Modifier · 1'],
      ['db:e:1:2:1', 'Appuyer · 2'],
    ]);
    const ephemeral = t.fake.state.messages.get(
      t.fake.state.interactions.get(open.id)?.originalMessageId ?? '',
    );
    if (!ephemeral) throw new Error('no list message');
    const form = await t.answer(t.fake.click(carol, ephemeral, 'db:u:1:1'));
    expect(form.body).toMatchObject({
      type: 9,
      data: { custom_id: 'db:me:1:1', title: 'Modifier l’argument' },
    });
    expect(checkModal((form.body as { data: unknown }).data)).toEqual([]);
    expect(JSON.stringify(form.body)).toContain('"value":"On finit la semaine ensemble"');
    // The same rules as a new argument: the text is kept raw and shown escaped, nobody pinged.
    const saved = await t.answer(
      t.fake.submitModal(carol, 'db:me:1:1', { text: 'On finit ensemble @everyone **enfin**' }, ephemeral),
    );
    expect(textOf(saved.body)).toContain('Argument n° 1 du débat n° 1 modifié.');
    expect((await t.bed.store.argument(1, 1))?.text).toBe('On finit ensemble @everyone **enfin**');
    const edit = await t.fake.rest.waitFor(
      (c) => c.route === 'messageEdit' && textOf(c.body).includes('On finit ensemble'),
    );
    const shown = textOf(edit.at(-1)?.body);
    expect(shown).toContain('modifié');
    expect(shown).not.toContain('@everyone **enfin**');
  });

  it('someone else’s argument, or an endorsed one, cannot be edited; the answer says what to do', async () => {
    const other = await t.answer(t.fake.slash(carol, 'modifier', { numero: 2, argument: 'Piraté' }));
    expect(textOf(other.body)).toContain('Vous ne pouvez modifier que vos propres arguments.');
    await t.answer(t.fake.slash(alice, 'appuyer', { numero: 1 }));
    const frozen = await t.answer(t.fake.slash(carol, 'modifier', { numero: 1, argument: 'Autre chose' }));
    expect(textOf(frozen.body)).toContain('Retirez-le (/debat retirer 1) et publiez-en un nouveau.');
    // A button from a list read before: refused privately, no form.
    const refused = await t.answer(t.fake.click(carol, t.scoreboard(1), 'db:u:1:1'));
    expect(refused.body).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(textOf(refused.body)).toContain('a déjà été appuyé ou cité (∆)');
    // In English for an English-speaking author.
    const english = await t.answer(
      t.fake.slash(bob, 'modifier', { numero: 2, argument: 'Nobody is around' }),
    );
    expect(textOf(english.body)).toContain('Argument #2 of debate #1 edited.');
  });

  it('config lancer admins: members are refused, a moderator opens', async () => {
    const member = await t.answer(t.fake.slash(carol, 'config', { lancer: 'admins' }));
    expect(textOf(member.body)).toContain('Seuls les admins changent les réglages du salon.');
    const saved = await t.answer(t.fake.slash(moderator, 'config', { lancer: 'admins' }));
    expect(textOf(saved.body)).toContain('Qui lance les débats : les admins seulement');
    const refused = await t.answer(t.fake.slash(bob, 'lancer', { sujet: 'One more?' }));
    expect(textOf(refused.body)).toContain('In this channel, only admins open debates.');
    await t.answer(t.fake.slash(moderator, 'lancer', { sujet: 'Débat de modo ?' }));
    expect(t.scoreboard(2)).toBeDefined();
  });
});
