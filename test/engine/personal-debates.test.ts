import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseText } from '../../src/commands/parse.ts';
import { person, type TestBed, testEngine } from '../helpers/engine.ts';

describe('a person’s own debates and scoreboard lookup', () => {
  let bed: TestBed;
  beforeEach(async () => {
    bed = await testEngine();
  });
  afterEach(() => bed.cleanup());

  it('lists the debates someone opened, voted in, argued in or endorsed in, with their vote', async () => {
    const { engine } = bed;
    await engine.run(person('A', { channel: 'C1' }), 'lancer Sujet un');
    await engine.run(person('A', { channel: 'C2' }), 'lancer Sujet deux --anonyme');
    await engine.run(person('A', { channel: 'C3' }), 'lancer Sujet trois --masque');
    await engine.run(person('A', { channel: 'C4' }), 'lancer Sujet quatre');
    await engine.run(person('B', { channel: 'C1' }), 'voter contre');
    await engine.run(person('B', { channel: 'C2' }), 'pour un argument anonyme');
    await engine.run(person('B', { channel: 'C3' }), 'voter pour');
    await engine.run(person('A', { channel: 'C4' }), 'pour un argument de A');
    await engine.run(person('B', { channel: 'C4' }), 'appuyer 1');
    await engine.run(person('C', { channel: 'C1' }), 'voter pour');

    const mine = await engine.personalDebates({
      platform: 'slack',
      workspaceId: 'T1',
      user: person('B').user,
    });
    expect(mine.items.map((i) => [i.debate.number, i.channelId, i.viewerVote, i.opened])).toEqual([
      [4, 'C4', null, false],
      [3, 'C3', 'pro', false],
      [2, 'C2', null, false],
      [1, 'C1', 'con', false],
    ]);
    expect(mine.items.find((i) => i.debate.number === 3)?.counts).toBeNull();
    expect(mine.items.find((i) => i.debate.number === 1)?.counts).toEqual({ pro: 1, con: 1, neutral: 0 });

    const opener = await engine.personalDebates({
      platform: 'slack',
      workspaceId: 'T1',
      user: person('A').user,
    });
    expect(opener.items.every((i) => i.opened)).toBe(true);
    const stranger = await engine.personalDebates({
      platform: 'slack',
      workspaceId: 'T9',
      user: person('B').user,
    });
    expect(stranger.items).toEqual([]);
  });

  it('validates free text typed outside the grammar', () => {
    expect(parseText('argument', '  un   argument ')).toEqual({ ok: true, value: 'un argument' });
    expect(parseText('argument', '   ')).toMatchObject({ ok: false, error: { code: 'text.empty' } });
    expect(parseText('argument', 'x'.repeat(1001))).toMatchObject({
      ok: false,
      error: { code: 'argument.too_long' },
    });
  });
});
