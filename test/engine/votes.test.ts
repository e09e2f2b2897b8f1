import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { person, type TestBed, testEngine } from '../helpers/engine.ts';
import { errorCode, firstView } from '../helpers/outcome.ts';

let bed: TestBed;
beforeEach(async () => {
  bed = await testEngine();
  await bed.engine.run(person('opener'), 'lancer Faut-il mêler vie perso et vie pro sur Twitter ?');
});
afterEach(() => bed.cleanup());

const tally = async (viewer = 'opener') =>
  firstView(await bed.engine.run(person(viewer), 'bilan #1'), 'scoreboard');

describe('voting', () => {
  it('casts, changes, and withdraws with the same vote again', async () => {
    const alice = person('alice');
    expect(firstView(await bed.engine.run(alice, 'voter pour'), 'notice').key).toBe('notice.vote_cast');
    expect((await tally()).counts).toEqual({ pro: 1, con: 0, neutral: 0 });

    const changed = await bed.engine.run(alice, 'voter contre');
    expect(firstView(changed, 'notice')).toMatchObject({
      key: 'notice.vote_changed',
      params: { from: 'Pour', to: 'Contre' },
    });
    expect((await tally()).counts).toEqual({ pro: 0, con: 1, neutral: 0 });

    expect(firstView(await bed.engine.run(alice, 'voter contre'), 'notice').key).toBe(
      'notice.vote_withdrawn',
    );
    expect((await tally()).counts).toEqual({ pro: 0, con: 0, neutral: 0 });
  });

  it('marks a vote as shown on the scoreboard, unless the results are hidden', async () => {
    const alice = person('alice');
    const shown = async (line: string, who = alice) =>
      (await bed.engine.run(who, line)).replies.map((reply) => reply.alsoOnScoreboard === true);
    expect(await shown('voter pour')).toEqual([true]);
    expect(await shown('voter contre')).toEqual([true]);
    expect(await shown('voter contre')).toEqual([true]);

    await bed.engine.run(person('opener'), 'lancer --masque Un débat aux résultats masqués');
    expect(await shown('voter pour #2')).toEqual([false]);
  });

  it('tells a redelivery with a delivery time from a new delivery at the same time', async () => {
    const at = Date.UTC(2026, 10, 24, 9, 0, 0);
    const click = (delivery: string) => ({ ...person('alice', { delivery }), deliveredAt: at });
    await bed.engine.run(click('U1:1.1'), 'voter pour');
    expect(firstView(await bed.engine.run(click('U1:1.1'), 'voter pour'), 'notice').key).toBe(
      'notice.duplicate',
    );
    expect(firstView(await bed.engine.run(click('U1:1.2'), 'voter pour'), 'notice').key).toBe(
      'notice.vote_withdrawn',
    );
  });

  it('records every change in the vote history', async () => {
    const alice = person('alice');
    for (const side of ['pour', 'contre', 'neutre', 'neutre']) {
      bed.clock.advance(1000);
      await bed.engine.run(alice, `voter ${side}`);
    }
    const rows = bed.db.prepare('SELECT old_side, new_side, at FROM vote_events ORDER BY id').all();
    expect(rows).toEqual([
      { old_side: null, new_side: 'pro', at: Date.parse('2026-11-24T10:00:01Z') },
      { old_side: 'pro', new_side: 'con', at: Date.parse('2026-11-24T10:00:02Z') },
      { old_side: 'con', new_side: 'neutral', at: Date.parse('2026-11-24T10:00:03Z') },
      { old_side: 'neutral', new_side: null, at: Date.parse('2026-11-24T10:00:04Z') },
    ]);
  });

  it('counts the latest vote of each distinct voter', async () => {
    await bed.engine.run(person('a'), 'voter pour');
    await bed.engine.run(person('b'), 'voter pour');
    await bed.engine.run(person('c'), 'voter neutre');
    await bed.engine.run(person('b'), 'voter contre');
    const board = await tally();
    expect(board.counts).toEqual({ pro: 1, con: 1, neutral: 1 });
    expect(board.participants).toBe(4 - 1);
  });

  it('asks a person who switched sides which argument moved them, and records the ∆', async () => {
    await bed.engine.run(person('p'), 'pour Un bon argument pour');
    await bed.engine.run(person('q'), 'contre Un argument contre');
    const alice = person('alice');
    await bed.engine.run(alice, 'voter contre');
    const switched = await bed.engine.run(alice, 'voter pour');
    const prompt = switched.replies[1]?.view;
    expect(prompt).toMatchObject({
      kind: 'persuasionPrompt',
      side: 'pro',
      options: [{ number: 1, side: 'pro' }],
    });
    expect(switched.replies[1]?.visibility).toBe('private');

    expect(firstView(await bed.engine.run(alice, 'delta 1'), 'notice').key).toBe('notice.persuaded');
    const board = await tally();
    expect(board.deltas).toBe(1);
    expect(board.topPro).toMatchObject({ number: 1, deltas: 1 });
  });

  it('refuses a ∆ without a switch, or for an argument of the other side', async () => {
    await bed.engine.run(person('p'), 'pour Pour');
    await bed.engine.run(person('q'), 'contre Contre');
    const alice = person('alice');
    await bed.engine.run(alice, 'voter pour');
    expect(errorCode(await bed.engine.run(alice, 'delta 1'))).toBe('persuasion.no_switch');
    await bed.engine.run(alice, 'voter contre');
    expect(errorCode(await bed.engine.run(alice, 'delta 1'))).toBe('persuasion.wrong_side');
  });

  it('does not prompt when moving to neutral', async () => {
    await bed.engine.run(person('q'), 'contre Contre');
    const alice = person('alice');
    await bed.engine.run(alice, 'voter pour');
    const outcome = await bed.engine.run(alice, 'voter neutre');
    expect(outcome.replies).toHaveLength(1);
  });

  it('counts a redelivered vote once', async () => {
    const click = person('alice', { delivery: 'action-1' });
    await bed.engine.run(click, 'voter pour');
    const again = await bed.engine.run(click, 'voter pour');
    expect(firstView(again, 'notice').key).toBe('notice.duplicate');
    expect((await tally()).counts?.pro).toBe(1);
  });

  it('asks for a scoreboard refresh after each vote', async () => {
    const outcome = await bed.engine.run(person('alice'), 'voter pour');
    expect(outcome.refresh).toEqual([
      { scope: { platform: 'slack', workspaceId: 'T1', channelId: 'C1' }, number: 1 },
    ]);
  });

  it('refuses votes on a closed debate and changes nothing', async () => {
    await bed.engine.run(person('opener'), 'clore');
    expect(errorCode(await bed.engine.run(person('alice'), 'voter pour #1'))).toBe('debate.closed');
    expect(errorCode(await bed.engine.run(person('alice'), 'voter pour'))).toBe('debate.none_open');
    expect(bed.db.prepare('SELECT count(*) AS n FROM votes').get()).toEqual({ n: 0 });
  });

  it('says so when the channel has no open debate', async () => {
    expect(errorCode(await bed.engine.run(person('alice', { channel: 'C9' }), 'voter pour'))).toBe(
      'debate.none_open',
    );
    expect(errorCode(await bed.engine.run(person('alice'), 'voter pour #42'))).toBe('debate.not_found');
  });
});
