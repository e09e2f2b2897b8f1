import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { person, type TestBed, testEngine } from '../helpers/engine.ts';
import { errorCode, firstView } from '../helpers/outcome.ts';

let bed: TestBed;
beforeEach(async () => {
  bed = await testEngine();
  await bed.engine.run(person('opener'), 'lancer Semaine de quatre jours ?');
});
afterEach(() => bed.cleanup());

describe('arguments', () => {
  it('are numbered per debate and announced in the channel', async () => {
    const first = await bed.engine.run(person('a'), 'pour Plus de temps pour soi');
    expect(first.replies[0]?.visibility).toBe('public');
    expect(firstView(first, 'argumentAdded').argument).toMatchObject({
      number: 1,
      side: 'pro',
      authorName: 'name-a',
    });
    const second = await bed.engine.run(person('b'), 'contre Les clients appellent le vendredi');
    expect(firstView(second, 'argumentAdded').argument.number).toBe(2);

    await bed.engine.run(person('opener'), 'lancer Un autre débat');
    const other = await bed.engine.run(person('a'), 'pour Un premier argument ailleurs');
    expect(firstView(other, 'argumentAdded')).toMatchObject({
      debate: { number: 2 },
      argument: { number: 1 },
    });
  });

  it('keep their numbers after a withdrawal', async () => {
    await bed.engine.run(person('a'), 'pour Un');
    await bed.engine.run(person('a'), 'pour Deux');
    await bed.engine.run(person('a'), 'retirer 1');
    const third = await bed.engine.run(person('a'), 'pour Trois');
    expect(firstView(third, 'argumentAdded').argument.number).toBe(3);
    const list = firstView(await bed.engine.run(person('a'), 'arguments'), 'arguments');
    expect(list.items.map((item) => item.number)).toEqual([2, 3]);
  });

  it('can be endorsed once per person; endorsing again withdraws the endorsement', async () => {
    await bed.engine.run(person('a'), 'pour Un argument');
    expect(firstView(await bed.engine.run(person('b'), 'appuyer 1'), 'notice').key).toBe('notice.endorsed');
    await bed.engine.run(person('c'), 'appuyer 1');
    let list = firstView(await bed.engine.run(person('b'), 'arguments'), 'arguments');
    expect(list.items[0]).toMatchObject({ endorsements: 2, endorsedByViewer: true });
    expect(firstView(await bed.engine.run(person('b'), 'appuyer 1'), 'notice').key).toBe('notice.unendorsed');
    list = firstView(await bed.engine.run(person('b'), 'arguments'), 'arguments');
    expect(list.items[0]).toMatchObject({ endorsements: 1, endorsedByViewer: false });
  });

  it('cannot be endorsed by their author, nor when missing', async () => {
    await bed.engine.run(person('a'), 'pour Un argument');
    expect(errorCode(await bed.engine.run(person('a'), 'appuyer 1'))).toBe('argument.own');
    expect(errorCode(await bed.engine.run(person('b'), 'appuyer 7'))).toBe('argument.not_found');
  });

  it('rank the scoreboard: top pro and con by endorsements, newest last added', async () => {
    await bed.engine.run(person('a'), 'pour P1');
    await bed.engine.run(person('a'), 'pour P2');
    await bed.engine.run(person('b'), 'contre C3');
    await bed.engine.run(person('c'), 'appuyer 2');
    const board = firstView(await bed.engine.run(person('c'), 'bilan #1'), 'scoreboard');
    expect(board.topPro).toMatchObject({ number: 2, endorsements: 1 });
    expect(board.topCon).toMatchObject({ number: 3 });
    expect(board.newest).toMatchObject({ number: 3 });
    expect(board.argumentCounts).toEqual({ pro: 2, con: 1 });
  });

  it('can be withdrawn by their author or an admin, not by others', async () => {
    await bed.engine.run(person('a'), 'pour Un');
    await bed.engine.run(person('a'), 'pour Deux');
    expect(errorCode(await bed.engine.run(person('b'), 'retirer 1'))).toBe('rights.withdraw');
    expect(firstView(await bed.engine.run(person('a'), 'retirer 1'), 'notice').key).toBe('notice.withdrawn');
    expect(firstView(await bed.engine.run(person('boss', { admin: true }), 'retirer 2'), 'notice').key).toBe(
      'notice.withdrawn',
    );
    expect(errorCode(await bed.engine.run(person('a'), 'retirer 2'))).toBe('argument.withdrawn');
  });

  it('are listed in pages of ten', async () => {
    for (let i = 1; i <= 23; i++) await bed.engine.run(person('a'), `pour Argument ${i}`);
    const page3 = firstView(await bed.engine.run(person('a'), 'arguments 3'), 'arguments');
    expect(page3).toMatchObject({ page: 3, pages: 3, total: 23 });
    expect(page3.items.map((item) => item.number)).toEqual([21, 22, 23]);
  });

  it('is added once when the same delivery comes twice', async () => {
    const message = person('a', { delivery: 'Ev1' });
    await bed.engine.run(message, 'pour Une seule fois');
    const again = await bed.engine.run(message, 'pour Une seule fois');
    expect(firstView(again, 'notice').key).toBe('notice.duplicate');
    expect(bed.db.prepare('SELECT count(*) AS n FROM arguments').get()).toEqual({ n: 1 });
  });

  it('store nothing when too long, and say what the limit is', async () => {
    const outcome = await bed.engine.run(person('a'), `pour ${'x'.repeat(1200)}`);
    expect(firstView(outcome, 'error').error).toEqual({
      code: 'argument.too_long',
      params: { max: 1000, length: 1200 },
    });
    expect(bed.db.prepare('SELECT count(*) AS n FROM arguments').get()).toEqual({ n: 0 });
  });
});
