import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { t } from '../../src/i18n/translate.ts';
import { person, type TestBed, testEngine } from '../helpers/engine.ts';
import { errorCode, firstView } from '../helpers/outcome.ts';

let bed: TestBed;
beforeEach(async () => {
  bed = await testEngine();
});
afterEach(() => bed.cleanup());

describe('opening', () => {
  it('posts a public scoreboard and gives the debate a number in the workspace', async () => {
    const outcome = await bed.engine.run(person('opener'), 'lancer Le bureau ouvert ?');
    expect(outcome.opened).toEqual({ number: 1 });
    expect(outcome.replies[0]).toMatchObject({ visibility: 'public', language: 'fr' });
    expect(firstView(outcome, 'scoreboard')).toMatchObject({
      debate: { number: 1, topic: 'Le bureau ouvert ?', openerName: 'name-opener', status: 'open' },
      counts: { pro: 0, con: 0, neutral: 0 },
    });
    const other = await bed.engine.run(person('x', { channel: 'C2' }), 'lancer Autre salon');
    expect(other.opened).toEqual({ number: 2 });
  });

  it('picks the most recent open debate, or the one named by #id', async () => {
    await bed.engine.run(person('o'), 'lancer Premier');
    await bed.engine.run(person('o'), 'lancer Second');
    await bed.engine.run(person('a'), 'voter pour');
    await bed.engine.run(person('a'), 'voter contre #1');
    const list = firstView(await bed.engine.run(person('a'), 'liste'), 'debateList');
    expect(list.items.map((item) => [item.debate.number, item.counts])).toEqual([
      [2, { pro: 1, con: 0, neutral: 0 }],
      [1, { pro: 0, con: 1, neutral: 0 }],
    ]);
  });
});

describe('closing and reopening', () => {
  beforeEach(async () => {
    await bed.engine.run(person('opener'), 'lancer Sujet');
  });

  it('is refused to other members, with a clear message', async () => {
    expect(errorCode(await bed.engine.run(person('member'), 'clore'))).toBe('rights.close');
    expect(firstView(await bed.engine.run(person('member'), 'bilan #1'), 'scoreboard').debate.status).toBe(
      'open',
    );
  });

  it('is allowed to the opener and announced in the channel with the final tally', async () => {
    await bed.engine.run(person('voter'), 'voter pour');
    const closed = await bed.engine.run(person('opener'), 'clore');
    expect(closed.replies[0]).toMatchObject({
      visibility: 'public',
      view: {
        kind: 'scoreboard',
        ended: { channelId: 'C1', byDuration: false },
        debate: { status: 'closed' },
        counts: { pro: 1, con: 0, neutral: 0 },
      },
    });
    expect(closed.refresh).toHaveLength(1);
    expect(errorCode(await bed.engine.run(person('opener'), 'clore #1'))).toBe('debate.already_closed');
    expect(firstView(await bed.engine.run(person('opener'), 'rouvrir #1'), 'notice').key).toBe(
      'notice.reopened',
    );
  });

  it('is allowed to an admin', async () => {
    expect(
      firstView(await bed.engine.run(person('boss', { admin: true }), 'clore'), 'scoreboard').ended,
    ).toEqual({
      channelId: 'C1',
      byDuration: false,
    });
    expect(errorCode(await bed.engine.run(person('member'), 'rouvrir #1'))).toBe('rights.close');
    expect(firstView(await bed.engine.run(person('boss', { admin: true }), 'rouvrir #1'), 'notice').key).toBe(
      'notice.reopened',
    );
  });

  it('without #id: export and page take the debate just closed, reopening the one closed last', async () => {
    const opener = person('opener');
    expect(errorCode(await bed.engine.run(opener, 'rouvrir'))).toBe('debate.none_closed');
    await bed.engine.run(opener, 'clore');
    const exported = firstView(await bed.engine.run(person('member'), 'exporter'), 'export');
    expect(exported.debate).toMatchObject({ number: 1, status: 'closed' });
    expect(exported.content).toContain('Sujet');
    // Another debate opens: the unnumbered export is about it now; reopening still finds #1.
    await bed.engine.run(opener, 'lancer Deuxième sujet');
    expect(firstView(await bed.engine.run(person('member'), 'exporter'), 'export').debate.number).toBe(2);
    expect(firstView(await bed.engine.run(opener, 'rouvrir'), 'notice').params).toEqual({ debate: 1 });
    expect(firstView(await bed.engine.run(person('member'), 'bilan #1'), 'scoreboard').debate.status).toBe(
      'open',
    );
    // Nothing closed any more in this channel, and other channels' debates are not this one's.
    expect(errorCode(await bed.engine.run(opener, 'rouvrir'))).toBe('debate.none_closed');
    await bed.engine.run(person('x', { channel: 'C2' }), 'lancer Ailleurs');
    await bed.engine.run(person('x', { channel: 'C2', admin: true }), 'clore');
    expect(errorCode(await bed.engine.run(opener, 'rouvrir'))).toBe('debate.none_closed');
    expect(t('fr', 'error.debate.none_closed')).toBe('Aucun débat clos dans ce salon.');
  });
});

describe('a debate with a duration', () => {
  it('closes by itself when the duration ends', async () => {
    await bed.engine.run(person('opener'), 'lancer Sujet --duree 48h');
    await bed.engine.run(person('a'), 'voter pour');
    bed.clock.advance(48 * 3_600_000 - 1);
    expect(firstView(await bed.engine.run(person('b'), 'voter contre'), 'notice').key).toBe(
      'notice.vote_cast',
    );
    bed.clock.advance(1);
    const late = await bed.engine.run(person('c'), 'voter contre #1');
    expect(errorCode(late)).toBe('debate.closed');
    expect(late.refresh).toEqual([expect.objectContaining({ number: 1 })]);
    expect(late.ended?.map((debate) => debate.number)).toEqual([1]);
    const board = firstView(await bed.engine.run(person('c'), 'bilan #1'), 'scoreboard');
    expect(board.debate.status).toBe('closed');
    expect(board.counts).toEqual({ pro: 1, con: 1, neutral: 0 });
  });

  it('is closed by the periodic sweep, which names it for a scoreboard refresh', async () => {
    await bed.engine.run(person('opener'), 'lancer Sujet --duree 30min');
    expect(await bed.engine.sweep()).toEqual([]);
    bed.clock.advance(30 * 60_000);
    expect(await bed.engine.sweep()).toEqual([expect.objectContaining({ number: 1, status: 'closed' })]);
    expect(await bed.engine.sweep()).toEqual([]);
  });

  it('does not close again at once when reopened after its end', async () => {
    await bed.engine.run(person('opener'), 'lancer Sujet --duree 30min');
    bed.clock.advance(31 * 60_000);
    await bed.engine.sweep();
    await bed.engine.run(person('opener'), 'rouvrir #1');
    expect(firstView(await bed.engine.run(person('a'), 'voter pour'), 'notice').key).toBe('notice.vote_cast');
  });

  it('can be concluded as soon as its time is up, before any sweep: closed and announced first', async () => {
    const opener = person('opener');
    await bed.engine.run(opener, 'lancer Sujet --duree 30min');
    expect(errorCode(await bed.engine.run(opener, 'conclure On essaie en janvier'))).toBe(
      'conclude.none_closed',
    );
    expect(errorCode(await bed.engine.run(opener, 'conclure #1 On essaie en janvier'))).toBe('conclude.open');
    bed.clock.advance(30 * 60_000);
    const concluded = await bed.engine.run(opener, 'conclure #1 On essaie en janvier');
    expect(firstView(concluded, 'notice').key).toBe('notice.concluded');
    expect(concluded.ended?.map((debate) => debate.number)).toEqual([1]);
    const board = firstView(await bed.engine.run(person('a'), 'bilan #1'), 'scoreboard');
    expect(board.debate.status).toBe('closed');
    expect(JSON.stringify(board.sections)).toContain('On essaie en janvier');
    expect(await bed.engine.sweep()).toEqual([]);
  });
});

describe('channel settings', () => {
  it('show the defaults to anyone', async () => {
    expect(firstView(await bed.engine.run(person('a'), 'config'), 'settings')).toEqual({
      kind: 'settings',
      saved: false,
      timezone: 'Europe/Paris',
      summary: { day: 5, time: '16:00' },
      language: 'fr',
      threads: false,
      openers: 'everyone',
      reminders: true,
      nudges: true,
      rhythm: null,
    });
  });

  it('are changed by admins only', async () => {
    expect(errorCode(await bed.engine.run(person('a'), 'config fuseau America/Toronto'))).toBe(
      'rights.settings',
    );
    const admin = person('boss', { admin: true });
    await bed.engine.run(admin, 'config fuseau America/Toronto');
    await bed.engine.run(admin, 'config bilan lundi 9h');
    expect(firstView(await bed.engine.run(admin, 'config'), 'settings')).toMatchObject({
      timezone: 'America/Toronto',
      summary: { day: 1, time: '09:00' },
    });
    await bed.engine.run(admin, 'config bilan off');
    expect(firstView(await bed.engine.run(admin, 'config'), 'settings').summary).toBeNull();
  });

  it('switch the language of public posts; private answers follow the person’s locale', async () => {
    await bed.engine.run(person('boss', { admin: true }), 'config langue en');
    const opened = await bed.engine.run(person('o'), 'lancer Open plan?');
    expect(opened.replies[0]?.language).toBe('en');
    const french = await bed.engine.run(person('a', { locale: 'fr' }), 'voter pour');
    expect(french.replies[0]?.language).toBe('fr');
    expect(t('en', 'notice.vote_cast', { side: 'For', debate: 1 })).toBe('Vote recorded: For (debate #1).');
  });
});

describe('help', () => {
  it('answers an unknown word privately with a suggestion', async () => {
    const outcome = await bed.engine.run(person('a'), 'lancr Sujet');
    expect(outcome.replies[0]?.visibility).toBe('private');
    expect(firstView(outcome, 'help')).toMatchObject({ unknown: 'lancr', suggestion: 'lancer' });
  });
});
