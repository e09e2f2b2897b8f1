// Common ground, closing notes and two rounds through the real Bolt app against the fake Slack.
import { afterEach, describe, expect, it } from 'vitest';
import { closeCleanly, openDebate, PING, type SlackBed, sentTexts, startSlackBed } from '../slack/harness.ts';

const MONDAY = new Date('2026-11-23T09:00:00Z');
const DAY = 86_400_000;
const json = (value: unknown): string => JSON.stringify(value ?? null);

describe('Slack', () => {
  let t: SlackBed;
  afterEach(() => closeCleanly(t));

  it('shows common ground in bilan and the end announcement, and the closing note escaped, pinging nobody', async () => {
    t = await startSlackBed('http');
    await openDebate(t, 'Semaine de quatre jours ?');
    await t.command('UOPENER', 'C1', 'pour Moins de trajets');
    await t.command('UOPENER', 'C1', 'contre Les clients <attendent>');
    await t.command('U2', 'C1', 'voter pour');
    await t.command('U3', 'C1', 'voter contre');
    await t.command('U4', 'C1', 'voter neutre');
    await t.command('U2', 'C1', 'appuyer 2');
    await t.command('U3', 'C1', 'appuyer 2');
    await t.command('U4', 'C1', 'appuyer 1');
    await t.command('U3', 'C1', 'appuyer 1');
    const tally = json((await t.command('U2', 'C1', 'bilan #1')).body);
    expect(tally).toContain('Terrain d’entente');
    expect(tally).toContain('Les clients &lt;attendent&gt;');
    expect(tally).toContain('appuyé par 1 pour et 1 contre');
    // n° 1: a contre voter and a neutral one: not common ground.
    expect(tally.match(/appuyé par/g)).toHaveLength(1);
    await t.command('U2', 'C1', 'clore conclusion Non');
    await t.idle();
    expect(sentTexts(t.slack).join('\n')).toContain('Seuls l’auteur du débat et les admins peuvent le clore');
    await t.command('UOPENER', 'C1', 'clore conclusion On essaie <@U2> <!channel> @everyone en *janvier*');
    await t.idle();
    const ended = t.slack.okCalls('chat.postMessage').filter((c) => json(c.args).includes('🏁'));
    expect(ended).toHaveLength(1);
    const announcement = json(ended[0]!.args.blocks);
    expect(announcement).toContain('Terrain d’entente');
    expect(announcement).toContain('Conclusion');
    expect(announcement).toContain('On essaie &lt;@U2&gt; &lt;!channel&gt; @everyone en *janvier*');
    expect(sentTexts(t.slack).filter((text) => PING.test(text))).toEqual([]);
    await t.command('UOPENER', 'C1', 'conclure Finalement : février');
    const after = json((await t.command('U2', 'C1', 'bilan #1')).body);
    expect(after).toContain('Finalement : février');
  });

  it('posts the half-time of a two-round debate once, with the first round, and both rounds at the end', async () => {
    t = await startSlackBed('http');
    t.bed.clock.set(MONDAY);
    await openDebate(t, '--deux-tours --duree 4j Télétravail ?');
    await t.command('UOPENER', 'C1', 'pour On gagne du temps');
    await t.command('U2', 'C1', 'voter pour');
    await t.command('U3', 'C1', 'voter contre');
    const blind = json((await t.command('U2', 'C1', 'bilan #1')).body);
    expect(blind).toContain('Premier tour à l’aveugle');
    expect(blind).not.toContain('1 (50 %)');
    expect(json((await t.command('U2', 'C1', 'tour2')).body)).toContain(
      'Seuls l’auteur du débat et les admins peuvent ouvrir le second tour.',
    );
    t.bed.clock.set(new Date(MONDAY.getTime() + 2 * DAY));
    await t.bed.engine.sweep();
    await t.bed.engine.sweep();
    await t.idle();
    const halftimes = t.slack.channelMessages('C1').filter((m) => json(m).includes('Mi-temps'));
    expect(halftimes).toHaveLength(1);
    expect(json(halftimes[0])).toContain('1 (50 %)');
    expect(json(halftimes[0])).toContain('debat.vote.pro');
    await t.command('U3', 'C1', 'voter pour');
    t.bed.clock.set(new Date(MONDAY.getTime() + 4 * DAY));
    await t.bed.engine.sweep();
    await t.idle();
    const ended = t.slack.channelMessages('C1').filter((m) => json(m).includes('⏰'));
    expect(ended).toHaveLength(1);
    const end = json(ended[0]);
    expect(end).toContain('1er tour : Pour 1 · Contre 1 · Neutre 0');
    expect(end).toContain('2d tour : Pour 2 · Contre 0 · Neutre 0');
    expect(end).toContain('1 personne a changé d’avis entre les deux tours');
  });
});
