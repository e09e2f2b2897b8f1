// Words and numbers on Discord, as people meet them: the real discord.js against the fake Discord.
// The end date is the channel's (a Discord timestamp would follow each reader's zone), the thread
// setting is shown, symbols are explained where they appear, English numbers read the English way.
import { afterEach, describe, expect, it } from 'vitest';
import { alice, bob, type DiscordBed, moderator, startDiscordBed, textOf } from './harness.ts';

let t: DiscordBed;
afterEach(() => t.close());

describe('words and numbers on Discord', () => {
  it('dates in the channel’s zone, the thread setting, the legends, French and English numbers', async () => {
    t = await startDiscordBed();
    // Sunday 29 November 2026, 15:00 UTC: 10:00 in Toronto.
    t.bed.clock.set(new Date('2026-11-29T15:00:00Z'));
    await t.answer(t.fake.slash(moderator, 'config', { fuseau: 'America/Toronto' }));
    const thread = await t.answer(t.fake.slash(moderator, 'config', { fil: 'on' }));
    expect(textOf(thread.body)).toContain('Un fil par débat : oui');

    await t.answer(t.fake.slash(alice, 'lancer', { sujet: 'Bureau ouvert ?', duree: '2j' }));
    const board = textOf(t.scoreboard(1).history[0]);
    expect(board).toContain('Se termine le mar. 1er déc., 10:00');
    expect(board).toContain('**Pour** 0 (0 %)');
    expect(board).not.toContain('<t:');

    await t.answer(t.fake.slash(alice, 'pour', { argument: 'Le calme' }));
    await t.answer(t.fake.slash(bob, 'appuyer', { numero: 1 }));
    const list = await t.answer(t.fake.slash(bob, 'arguments', {}));
    // Bob reads English: the list, its ★ and their legend.
    expect(textOf(list.body)).toContain('(1 endorsement, by alice, ★)');
    expect(textOf(list.body)).toContain('★: an argument you endorse');
    const french = await t.answer(t.fake.slash(alice, 'bilan', { id: 1 }));
    expect(textOf(french.body)).toContain('Se termine le mar. 1er déc., 10:00');

    await t.answer(t.fake.slash(moderator, 'config', { langue: 'en' }));
    await t.answer(t.fake.slash(alice, 'lancer', { sujet: 'Open plan?', duree: '2d' }));
    const english = textOf(t.scoreboard(2).history[0]);
    expect(english).toContain('Ends on Tue 1 Dec, 10:00');
    expect(english).toContain('**For** 0 (0%)');
    expect(english).toContain('0 voters');
  });
});
