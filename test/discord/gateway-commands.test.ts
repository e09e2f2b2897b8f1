import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { alice, bob, type DiscordBed, startDiscordBed, textOf } from './harness.ts';

describe('Discord gateway: slash commands end to end', () => {
  let t: DiscordBed;
  beforeEach(async () => {
    t = await startDiscordBed();
  });
  afterEach(async () => {
    await t.close();
  });

  it('lancer posts the scoreboard in the channel and answers the opener privately', async () => {
    const p = t.fake.slash(alice, 'lancer', { sujet: 'Faut-il du café ?' });
    const answer = await t.answer(p);
    expect(answer.body).toMatchObject({ type: 4, data: { flags: 64, allowed_mentions: { parse: [] } } });
    expect(textOf(answer.body)).toContain('Débat n° 1 lancé');
    const board = t.scoreboard(1);
    expect(textOf(board.history[0])).toContain('Faut-il du café ?');
    expect(board.history[0]).toMatchObject({ allowed_mentions: { parse: [] } });
    const debate = await t.bed.store.findDebate(
      { platform: 'discord', workspaceId: t.fake.where.guildId },
      1,
    );
    expect(debate?.scoreboardRef).toBe(`${t.fake.where.channelId}:${board.id}`);
  });

  it('votes privately in the voter’s locale and updates the scoreboard', async () => {
    await t.answer(t.fake.slash(alice, 'lancer', { sujet: 'Télétravail ?' }));
    const vote = await t.answer(t.fake.slash(bob, 'voter', { cote: 'pour' }));
    expect(vote.body).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(textOf(vote.body)).toContain('Vote recorded: For');
    await t.fake.rest.waitFor((c) => c.route === 'messageEdit' && textOf(c.body).includes('1 vote'));
  });
});
