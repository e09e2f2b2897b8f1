// Common ground, closing notes and two rounds through real discord.js against the fake Discord:
// the typed slash options (deux-tours, conclusion, conclure, tour2) registered from the grammar.
import { afterEach, describe, expect, it } from 'vitest';
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

const MONDAY = new Date('2026-11-23T09:00:00Z');
const DAY = 86_400_000;

describe('Discord', () => {
  let t: DiscordBed | undefined;
  const bedOf = (bed: DiscordBed) => {
    t = bed;
  };
  afterEach(async () => {
    await t?.close();
  });

  it('registers the new options and subcommands in both languages', () => {
    const [debat] = commandDefinitions();
    const sub = (name: string) => debat!.options.find((o) => o.name === name);
    expect(sub('lancer')?.options?.find((o) => o.name === 'deux-tours')).toMatchObject({
      type: 5,
      name_localizations: { 'en-US': 'two-rounds' },
    });
    expect(sub('clore')?.options?.find((o) => o.name === 'conclusion')).toMatchObject({
      type: 3,
      max_length: 500,
      name_localizations: { 'en-US': 'note' },
    });
    expect(sub('conclure')).toMatchObject({ name_localizations: { 'en-US': 'conclude' } });
    expect(sub('tour2')).toMatchObject({ name_localizations: { 'en-US': 'round2' } });
  });

  it('common ground in bilan and the end; the closing note escaped, set at the close and changed after', async () => {
    const t = await startDiscordBed();
    bedOf(t);
    await t.answer(t.fake.slash(alice, 'lancer', { sujet: 'Semaine de quatre jours ?' }));
    await t.answer(t.fake.slash(alice, 'pour', { argument: 'Moins de trajets' }));
    await t.answer(t.fake.slash(bob, 'voter', { cote: 'pour' }));
    await t.answer(t.fake.slash(carol, 'voter', { cote: 'contre' }));
    await t.answer(t.fake.slash(bob, 'appuyer', { numero: 1 }));
    await t.answer(t.fake.slash(carol, 'appuyer', { numero: 1 }));
    const tally = textOf((await t.answer(t.fake.slash(carol, 'bilan', { id: 1 }))).body);
    expect(tally).toContain('Terrain d’entente');
    expect(tally).toContain('appuyé par 1 pour et 1 contre');
    // Bob reads Discord in English: his private answers are English.
    const english = textOf((await t.answer(t.fake.slash(bob, 'bilan', { id: 1 }))).body);
    expect(english).toContain('Common ground');
    expect(english).toContain('endorsed by 1 for and 1 against');
    const refused = await t.answer(t.fake.slash(bob, 'clore', { conclusion: 'Non' }));
    expect(textOf(refused.body)).toContain('Only the debate’s opener and admins');
    const closed = await t.answer(
      t.fake.slash(alice, 'clore', {
        conclusion: 'On essaie <@400000000000000002> @everyone en **janvier**',
      }),
    );
    await t.bed.engine.settled();
    // The announcement: the close's answer in the channel, or a message of its own.
    const ended = [closed, ...t.fake.rest.filter((c) => c.route === 'messageCreate')].filter((c) =>
      textOf(c.body).includes('🏁'),
    );
    expect(ended).toHaveLength(1);
    const end = textOf(ended[0]!.body);
    expect(end).toContain('Terrain d’entente');
    expect(end).toContain('Conclusion');
    expect(end).toContain('On essaie <\u200b@400000000000000002\\> @\u200beveryone en \\*\\*janvier\\*\\*');
    expect(JSON.stringify(ended[0]!.body)).toContain('"allowed_mentions":{"parse":[]}');
    const concluded = await t.answer(
      t.fake.slash(moderator, 'conclure', { conclusion: 'Finalement : février' }),
    );
    expect(textOf(concluded.body)).toContain('Conclusion du débat n° 1 enregistrée.');
    const after = textOf((await t.answer(t.fake.slash(bob, 'bilan', { id: 1 }))).body);
    expect(after).toContain('Closing note');
    expect(after).toContain('Finalement : février');
  });

  it('two rounds: blind first, tour2 by the opener only, the half-time post, both rounds at the end', async () => {
    const t = await startDiscordBed();
    bedOf(t);
    t.bed.clock.set(MONDAY);
    const short = await t.answer(t.fake.slash(alice, 'lancer', { sujet: 'Court ?', 'deux-tours': true }));
    expect(textOf(short.body)).toContain('Un débat à deux tours a besoin d’une durée de 2 jours au moins');
    await t.answer(
      t.fake.slash(alice, 'lancer', { sujet: 'Télétravail ?', 'deux-tours': true, duree: '2j' }),
    );
    await t.answer(t.fake.slash(bob, 'voter', { cote: 'pour' }));
    await t.answer(t.fake.slash(carol, 'voter', { cote: 'contre' }));
    expect(textOf((await t.answer(t.fake.slash(carol, 'bilan', { id: 1 }))).body)).toContain(
      'Premier tour à l’aveugle',
    );
    expect(textOf((await t.answer(t.fake.slash(bob, 'tour2', {}))).body)).toContain(
      'Only the debate’s opener and admins may open the second round.',
    );
    const early = await t.answer(t.fake.slash(alice, 'tour2', {}));
    await t.bed.engine.settled();
    const halftime = [
      early.body,
      ...t.fake.rest.filter((c) => c.route === 'messageCreate').map((c) => c.body),
    ]
      .map(textOf)
      .filter((text) => text.includes('Mi-temps'));
    expect(halftime).toHaveLength(1);
    expect(halftime[0]).toContain('1 (50 %)');
    await t.answer(t.fake.slash(carol, 'voter', { cote: 'pour' }));
    t.bed.clock.set(new Date(MONDAY.getTime() + DAY + 60_000));
    await t.bed.engine.sweep();
    t.bed.clock.set(new Date(MONDAY.getTime() + 2 * DAY));
    await t.bed.engine.sweep();
    await t.bed.engine.settled();
    const posts = t.fake.rest.filter((c) => c.route === 'messageCreate').map((c) => textOf(c.body));
    expect(posts.filter((text) => text.includes('Mi-temps'))).toEqual([]);
    const end = posts.find((text) => text.includes('⏰'));
    expect(end).toContain('1er tour : Pour 1 · Contre 1 · Neutre 0');
    expect(end).toContain('2d tour : Pour 2 · Contre 0 · Neutre 0');
    expect(end).toContain('1 personne a changé d’avis entre les deux tours');
  });
});
