import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PERMISSIONS } from '../fakes/discord/index.ts';
import { alice, bob, carol, type DiscordBed, moderator, startDiscordBed, textOf } from './harness.ts';

describe('Discord gateway: every subcommand end to end', () => {
  let t: DiscordBed;
  beforeEach(async () => {
    t = await startDiscordBed();
  });
  afterEach(async () => {
    await t.close();
  });

  const open = async (topic = 'Faut-il du café ?', options: Record<string, string | boolean> = {}) =>
    t.answer(t.fake.slash(alice, 'lancer', { sujet: topic, ...options }));

  it('lancer posts the scoreboard in the channel and answers the opener privately', async () => {
    const answer = await open();
    expect(answer.body).toMatchObject({ type: 4, data: { flags: 64, allowed_mentions: { parse: [] } } });
    expect(textOf(answer.body)).toContain('Débat n° 1 lancé');
    const board = t.scoreboard(1);
    expect(textOf(board.history[0])).toContain('Faut-il du café ?');
    expect(board.history[0]).toMatchObject({ allowed_mentions: { parse: [] } });
    const labels = JSON.stringify(board.components);
    for (const label of ['Pour', 'Contre', 'Neutre', '+ Argument', 'Arguments', 'Clore'])
      expect(labels).toContain(label);
    const debate = await t.bed.store.findDebate(
      { platform: 'discord', workspaceId: t.fake.where.guildId },
      1,
    );
    expect(debate?.scoreboardRef).toBe(`${t.fake.where.channelId}:${board.id}`);
  });

  it('lancer with options: anonymous, hidden, duration; a bad duration is refused privately', async () => {
    await open('Secret ?', { anonyme: true, masque: true, duree: '2j' });
    const debate = await t.bed.store.findDebate(
      { platform: 'discord', workspaceId: t.fake.where.guildId },
      1,
    );
    expect(debate).toMatchObject({ anonymous: true, hidden: true });
    expect(debate?.closesAt).not.toBeNull();
    expect(textOf(t.scoreboard(1).history[0])).toContain('Résultats masqués');
    const bad = await t.answer(t.fake.slash(alice, 'lancer', { sujet: 'x', duree: 'bientôt' }));
    expect(textOf(bad.body)).toContain('Durée invalide');
    expect(bad.body).toMatchObject({ data: { flags: 64 } });
  });

  it('a topic with #3 or --anonyme inside stays the topic', async () => {
    await open('Le ticket #3 --anonyme est-il clos ?');
    const debate = await t.bed.store.findDebate(
      { platform: 'discord', workspaceId: t.fake.where.guildId },
      1,
    );
    expect(debate).toMatchObject({ topic: 'Le ticket #3 --anonyme est-il clos ?', anonymous: false });
  });

  it('votes privately in the voter’s locale; public replies in the channel’s language', async () => {
    await open();
    const vote = await t.answer(t.fake.slash(bob, 'voter', { cote: 'pour' }));
    expect(vote.body).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(textOf(vote.body)).toContain('Vote recorded: For');
    const pro = await t.answer(t.fake.slash(bob, 'pour', { argument: 'Le café rend aimable' }));
    expect(pro.body).toMatchObject({ type: 4 });
    expect((pro.body as { data: { flags?: number } }).data.flags ?? 0).toBe(0);
    expect(textOf(pro.body)).toContain('Argument n° 1 ajouté (Pour)');
    await t.fake.rest.waitFor((c) => c.route === 'messageEdit' && textOf(c.body).includes('1 votant'));
  });

  it('contre, appuyer, arguments, bilan, liste and the same vote again withdrawing it', async () => {
    await open();
    await t.answer(t.fake.slash(alice, 'contre', { argument: 'Trop de caféine' }));
    const endorse = await t.answer(t.fake.slash(bob, 'appuyer', { numero: 1 }));
    expect(textOf(endorse.body)).toContain('You endorse argument #1');
    const list = await t.answer(t.fake.slash(carol, 'arguments', {}));
    expect(list.body).toMatchObject({ data: { flags: 64 } });
    expect(textOf(list.body)).toContain('Trop de caféine');
    expect(JSON.stringify(list.body)).toContain('db:e:1:1:1');
    await t.answer(t.fake.slash(carol, 'voter', { cote: 'contre' }));
    const again = await t.answer(t.fake.slash(carol, 'voter', { cote: 'contre' }));
    expect(textOf(again.body)).toContain('Vote retiré');
    const tally = await t.answer(t.fake.slash(carol, 'bilan', { id: 1 }));
    expect(textOf(tally.body)).toContain('Vous n’avez pas encore voté');
    const liste = await t.answer(t.fake.slash(carol, 'liste'));
    expect(textOf(liste.body)).toContain('Faut-il du café ?');
  });

  it('clore and rouvrir: the opener and admins (Manage Messages / Manage Server) only', async () => {
    await open();
    const refused = await t.answer(t.fake.slash(bob, 'clore'));
    expect(textOf(refused.body)).toContain('opener and admins can close');
    const closed = await t.answer(t.fake.slash(moderator, 'clore', { id: 1 }));
    expect(textOf(closed.body)).toContain(`Débat n° 1 terminé dans <#${t.fake.where.channelId}>`);
    expect((closed.body as { data: { flags?: number } }).data.flags ?? 0).toBe(0);
    await t.fake.rest.waitFor((c) => c.route === 'messageEdit' && JSON.stringify(c.body).includes('db:o:1'));
    const server = { ...carol, permissions: PERMISSIONS.manageGuild };
    expect(textOf((await t.answer(t.fake.slash(server, 'rouvrir', { id: 1 }))).body)).toContain('rouvert');
    expect(textOf((await t.answer(t.fake.slash(alice, 'clore'))).body)).toContain('terminé');
  });

  it('retirer and delta: own arguments only; a ∆ after a switch of side', async () => {
    await open();
    await t.answer(t.fake.slash(bob, 'pour', { argument: 'Argument de Bob' }));
    const notMine = await t.answer(t.fake.slash(carol, 'retirer', { numero: 1 }));
    expect(textOf(notMine.body)).toContain('que vos propres arguments');
    await t.answer(t.fake.slash(carol, 'voter', { cote: 'contre' }));
    const switched = t.fake.slash(carol, 'voter', { cote: 'pour' });
    expect(textOf((await t.answer(switched)).body)).toContain('Vote changé');
    const prompt = await t.followUp(switched);
    expect(prompt.body).toMatchObject({ flags: 64 });
    expect(JSON.stringify(prompt.body)).toContain('db:d:1:1');
    const delta = await t.answer(t.fake.slash(carol, 'delta', { numero: 1 }));
    expect(textOf(delta.body)).toContain('∆');
    const mine = await t.answer(t.fake.slash(bob, 'retirer', { numero: 1 }));
    expect(textOf(mine.body)).toContain('Argument #1 withdrawn');
  });

  it('config (admins only), exporter (a file), oublier-moi and aide', async () => {
    await open();
    expect(textOf((await t.answer(t.fake.slash(bob, 'config', { langue: 'en' }))).body)).toContain(
      'Only admins',
    );
    const saved = await t.answer(t.fake.slash(moderator, 'config', { langue: 'en' }));
    expect(textOf(saved.body)).toContain('Language: English');
    const shown = await t.answer(t.fake.slash(bob, 'config'));
    expect(textOf(shown.body)).toContain('Channel settings');
    const exported = t.fake.slash(bob, 'exporter', { format: 'csv' });
    const file = await t.answer(exported);
    expect(file.files).toEqual([expect.objectContaining({ filename: 'debat-1.csv' })]);
    expect(file.body).toMatchObject({ type: 4, data: { flags: 64 } });
    await t.answer(t.fake.slash(bob, 'voter', { cote: 'neutre' }));
    // Forgetting asks first, with a button; the option says yes at once.
    const asked = await t.answer(t.fake.slash(bob, 'oublier-moi'));
    expect(textOf(asked.body)).toContain('cannot be undone');
    expect(JSON.stringify(asked.body)).toContain('db:f:0');
    const forgot = await t.answer(t.fake.slash(bob, 'oublier-moi', { confirmer: true }));
    expect(textOf(forgot.body)).toContain('1 vote');
    const help = await t.answer(t.fake.slash(bob, 'aide'));
    expect(textOf(help.body)).toContain('/debat open');
    const aide = await t.answer(t.fake.slash(alice, 'aide'));
    expect(textOf(aide.body)).toContain('/debat lancer');
  });

  it('public messages follow the channel language once set to English', async () => {
    await t.answer(t.fake.slash(moderator, 'config', { langue: 'en' }));
    await open('Coffee?');
    expect(textOf(t.scoreboard(1).history[0])).toContain('Debate #1: Coffee?');
    const pro = await t.answer(t.fake.slash(alice, 'pour', { argument: 'Warm' }));
    expect(textOf(pro.body)).toContain('Argument #1 added (For)');
  });

  it('an unknown subcommand or command name gets the help, never an error', async () => {
    const unknown = await t.answer(t.fake.slash(alice, 'danser'));
    expect(textOf(unknown.body)).toContain('Débat : les commandes');
  });
});
