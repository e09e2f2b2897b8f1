// The reopening window of an ended anonymous debate (7 days), the refusal after it in both
// languages, the sweep that then destroys the links, and the times kept to the day.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REOPEN_WINDOW_MS } from '../../src/domain/anonymity.ts';
import { t } from '../../src/i18n/translate.ts';
import { person, type TestBed, testEngine } from '../helpers/engine.ts';
import { firstView } from '../helpers/outcome.ts';

let bed: TestBed;
beforeEach(async () => {
  // 10:00 in Paris (the channel's zone): 09:00 UTC.
  bed = await testEngine({ start: new Date('2026-11-24T09:00:00Z') });
});
afterEach(() => bed.cleanup());

const MIDNIGHT_PARIS = Date.parse('2026-11-23T23:00:00Z');

describe('an ended anonymous debate', () => {
  it('keeps votes, changes and endorsements to the day, in the channel’s zone', async () => {
    await bed.engine.run(person('o'), 'lancer Sujet ? --anonyme');
    await bed.engine.run(person('a'), 'pour Un argument');
    await bed.engine.run(person('v'), 'voter contre');
    bed.clock.advance(3 * 3_600_000);
    await bed.engine.run(person('v'), 'voter pour');
    await bed.engine.run(person('w'), 'appuyer 1');
    const times = bed.db
      .prepare(
        `SELECT voted_at AS at FROM votes UNION ALL SELECT at FROM vote_events UNION ALL SELECT at FROM endorsements`,
      )
      .all() as { at: number }[];
    expect(times.map((row) => row.at)).toEqual([
      MIDNIGHT_PARIS,
      MIDNIGHT_PARIS,
      MIDNIGHT_PARIS,
      MIDNIGHT_PARIS,
    ]);
    // Written with the table's next ids; the sweep gives them random ones, in no order.
    const ids = () =>
      (bed.db.prepare('SELECT id FROM vote_events').all() as { id: number }[]).map((row) => row.id);
    expect(ids().every((id) => id > 0)).toBe(true);
    await bed.engine.sweep();
    expect(ids().every((id) => id < 0)).toBe(true);
    // The ∆ still finds the switch it belongs to.
    await bed.engine.run(person('v'), 'delta 1');
    expect(
      bed.db.prepare('SELECT count(*) AS n FROM vote_events WHERE persuaded_by IS NOT NULL').get(),
    ).toEqual({ n: 1 });
  });

  it('may be reopened for 7 days; after that, reopening is refused in French and English, and its links are gone', async () => {
    await bed.engine.run(person('o'), 'lancer Sujet ? --anonyme');
    await bed.engine.run(person('v'), 'voter contre');
    await bed.engine.run(person('o'), 'clore');
    bed.clock.advance(REOPEN_WINDOW_MS - 60_000);
    expect(firstView(await bed.engine.run(person('o'), 'rouvrir #1'), 'notice').key).toBe('notice.reopened');
    await bed.engine.run(person('v'), 'voter pour');
    await bed.engine.run(person('o'), 'clore #1');
    bed.clock.advance(REOPEN_WINDOW_MS + 60_000);
    await bed.engine.sweep();

    const refused = await bed.engine.run(person('admin', { admin: true }), 'rouvrir #1');
    const error = firstView(refused, 'error').error;
    expect(error).toEqual({ code: 'debate.reopen_too_late', params: { debate: 1, days: 7 } });
    expect(t('fr', 'error.debate.reopen_too_late', error.params)).toBe(
      'Le débat anonyme n° 1 est clos depuis plus de 7 jours : il ne peut plus être rouvert, et plus rien ne relie ses votes aux personnes qui les ont exprimés. Lancez-en un nouveau.',
    );
    expect(t('en', 'error.debate.reopen_too_late', error.params)).toBe(
      'Anonymous debate #1 ended more than 7 days ago: it can no longer be reopened, and nothing links its votes to the people who cast them any more. Open a new one.',
    );
    // The tally stands; nobody is linked to it, the opener included.
    expect(firstView(await bed.engine.run(person('v'), 'bilan #1'), 'scoreboard')).toMatchObject({
      counts: { pro: 1, con: 0, neutral: 0 },
      viewerVote: null,
    });
    expect(bed.db.prepare('SELECT opener_key, unlinked FROM debates').get()).toEqual({
      opener_key: null,
      unlinked: 1,
    });
    expect((await bed.engine.personalDebates(person('v'))).items).toEqual([]);
  });

  it('named debates may be reopened whenever', async () => {
    await bed.engine.run(person('o'), 'lancer Sujet ?');
    await bed.engine.run(person('o'), 'clore');
    bed.clock.advance(10 * REOPEN_WINDOW_MS);
    await bed.engine.sweep();
    expect(firstView(await bed.engine.run(person('o'), 'rouvrir #1'), 'notice').key).toBe('notice.reopened');
  });
});
