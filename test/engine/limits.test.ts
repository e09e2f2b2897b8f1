// The limits an office never meets in good faith: reached, each answers with its number in both
// languages and changes nothing; the hourly one lets the person go on an hour later.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/engine/limits.ts';
import { t } from '../../src/i18n/translate.ts';
import { person, type TestBed, testEngine } from '../helpers/engine.ts';

let bed: TestBed;
beforeEach(async () => {
  bed = await testEngine();
});
afterEach(async () => {
  await bed.cleanup();
});

const errorOf = (outcome: Awaited<ReturnType<TestBed['engine']['run']>>) => {
  const view = outcome.replies[0]?.view;
  return view?.kind === 'error' ? view.error : undefined;
};
const count = (sql: string) => bed.db.prepare(sql).pluck().get() as number;

describe('limits', () => {
  it('arguments per person per hour, then again an hour later', async () => {
    await bed.engine.run(person('o'), 'lancer Rythme ?');
    for (let i = 0; i < LIMITS.argumentsPerPersonPerHour; i++)
      expect(errorOf(await bed.engine.run(person('a'), `pour Argument ${i}`))).toBeUndefined();
    const refused = errorOf(await bed.engine.run(person('a'), 'pour Un de trop'));
    expect(refused).toEqual({
      code: 'limit.arguments_per_hour',
      params: { max: LIMITS.argumentsPerPersonPerHour },
    });
    expect(t('fr', 'error.limit.arguments_per_hour', refused!.params)).toContain(
      `${LIMITS.argumentsPerPersonPerHour} arguments`,
    );
    expect(t('en', 'error.limit.arguments_per_hour', refused!.params)).toContain(
      `${LIMITS.argumentsPerPersonPerHour} arguments`,
    );
    expect(count('SELECT count(*) FROM arguments')).toBe(LIMITS.argumentsPerPersonPerHour);
    // Someone else is not held back; the same person is, an hour later, no more.
    expect(errorOf(await bed.engine.run(person('b'), 'contre Autre voix'))).toBeUndefined();
    bed.clock.advance(60 * 60_000);
    expect(errorOf(await bed.engine.run(person('a'), 'pour Une heure après'))).toBeUndefined();
  });

  it('arguments per debate, withdrawn ones counted', async () => {
    await bed.engine.run(person('o'), 'lancer Plein ?');
    const debateId = count('SELECT id FROM debates');
    // Filled in the store: the limit is what is tested here, not 2,000 commands.
    const insert = bed.db.prepare(
      "INSERT INTO arguments (debate_id, number, side, text, author_key, author_name, created_at, withdrawn_at) VALUES (?, ?, 'pro', 'x', ?, 'x', 0, ?)",
    );
    bed.db.transaction(() => {
      for (let n = 1; n <= LIMITS.argumentsPerDebate; n++)
        insert.run(debateId, n, `k${n % 97}`, n % 2 ? 1 : null);
      bed.db
        .prepare('UPDATE debates SET next_argument = ? WHERE id = ?')
        .run(LIMITS.argumentsPerDebate + 1, debateId);
    })();
    const refused = errorOf(await bed.engine.run(person('z'), 'pour Encore un'));
    expect(refused).toEqual({
      code: 'limit.arguments_per_debate',
      params: { max: LIMITS.argumentsPerDebate },
    });
    expect(t('fr', 'error.limit.arguments_per_debate', refused!.params)).toMatch(/2\D?000 arguments/u);
    expect(count('SELECT count(*) FROM arguments')).toBe(LIMITS.argumentsPerDebate);
  });

  it('open debates per channel, and topics in the queue', async () => {
    for (let i = 0; i < LIMITS.openDebatesPerChannel; i++)
      expect(errorOf(await bed.engine.run(person('o'), `lancer Débat ${i} ?`))).toBeUndefined();
    expect(errorOf(await bed.engine.run(person('o'), 'lancer Un de trop ?'))).toEqual({
      code: 'limit.open_debates',
      params: { max: LIMITS.openDebatesPerChannel },
    });
    expect(count('SELECT count(*) FROM debates')).toBe(LIMITS.openDebatesPerChannel);
    // Another channel is another count.
    expect(
      errorOf(await bed.engine.run(person('o', { channel: 'C2' }), 'lancer Ailleurs ?')),
    ).toBeUndefined();

    for (let i = 0; i < LIMITS.topicsInQueue; i++)
      expect(
        errorOf(await bed.engine.run(person(`p${i % 7}`), `sujets proposer Sujet ${i} ?`)),
      ).toBeUndefined();
    expect(errorOf(await bed.engine.run(person('q'), 'sujets proposer Un de trop ?'))).toEqual({
      code: 'limit.topics',
      params: { max: LIMITS.topicsInQueue },
    });
    expect(count('SELECT count(*) FROM topics')).toBe(LIMITS.topicsInQueue);
  });
});
