// Hidden results stay hidden: while a `--masque` debate is open, someone who has not voted reads
// no side's count in any view, not even in pieces. A ∆ says that someone moved to an argument's
// side, so ∆ counts (and an order by them) wait for the results, like the tally.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderReply } from '../../adapters/terminal/render.ts';
import type { Outcome } from '../../src/engine/outcome.ts';
import { t } from '../../src/i18n/translate.ts';
import { OPINION_SPAN_MS, pageModel } from '../../src/page/model.ts';
import { SqlitePageStore } from '../../src/store/sqlite/page-store.ts';
import { pageHtml } from '../../src/web/page-html.ts';
import { person, type TestBed, testEngine } from '../helpers/engine.ts';

let bed: TestBed;
beforeEach(async () => {
  bed = await testEngine();
  await bed.engine.run(person('o'), 'lancer Faut-il un open space ? --masque');
  await bed.engine.run(person('a'), 'pour La lumière du jour');
  await bed.engine.run(person('b'), 'contre Le bruit');
  await bed.engine.run(person('b'), 'contre Les odeurs');
  // v moves from contre to pour, thanks to argument 1: a ∆ that says "one more pour".
  await bed.engine.run(person('v'), 'voter contre');
  await bed.engine.run(person('v'), 'voter pour');
  await bed.engine.run(person('v'), 'delta 1');
  await bed.engine.run(person('e'), 'appuyer 3');
  await bed.engine.run(person('e'), 'appuyer 1');
  bed.clock.advance(60_000);
});
afterEach(() => bed.cleanup());

const text = (outcome: Outcome): string =>
  outcome.replies
    .map((reply) => `${renderReply(reply, { color: false })}\n${JSON.stringify(reply.view)}`)
    .join('\n');

/** Every view a person who has not voted can open, as text and as the view's data. */
async function everyView(): Promise<string> {
  const viewer = person('w');
  const author = person('a');
  const page = await new SqlitePageStore(bed.db).pageData(1, OPINION_SPAN_MS);
  const model = pageModel(page!, 'fr', 'Europe/Paris', bed.clock.now().getTime());
  return [
    text(await bed.engine.run(viewer, 'bilan #1')),
    text(await bed.engine.run(viewer, 'bilan')),
    text(await bed.engine.run(viewer, 'arguments #1')),
    text(await bed.engine.run(viewer, 'liste')),
    text(await bed.engine.run(viewer, 'exporter #1')),
    text(await bed.engine.run(viewer, 'exporter #1 csv')),
    JSON.stringify((await bed.engine.liveScoreboard(viewer, 1))?.view),
    // App Home of someone who argued and did not vote.
    JSON.stringify(await bed.engine.personalDebates(author)),
    pageHtml(model, 'token'),
    JSON.stringify(model),
  ].join('\n');
}

/** The CSV export's `deltas` column, one field per argument. */
async function csvDeltas(): Promise<string[]> {
  const view = (await bed.engine.run(person('w'), 'exporter #1 csv')).replies[0]?.view;
  const content = view?.kind === 'export' ? view.content : '';
  const [header, ...rows] = content.trimEnd().split('\r\n');
  const column = header!.split(',').indexOf('deltas');
  return rows.filter((row) => row.startsWith('argument,')).map((row) => row.split(',')[column]!);
}

describe('a hidden-results debate, to someone who has not voted', () => {
  it('shows no ∆ count, no ∆ log and no order by ∆ while open; all of it once closed', async () => {
    const open = await everyView();
    const oneDelta = t('fr', 'argument.deltas', { count: 1 });
    const given = t('fr', 'scoreboard.deltas', { count: 1 });
    const moved = t('fr', 'page.delta_people', { count: 1 });
    for (const leak of [oneDelta, given, moved, '"deltas":1', '"weekDeltas"', 'Le plus convaincant'])
      expect(open.includes(leak), `an open hidden debate shows ${JSON.stringify(leak)}`).toBe(false);
    expect(open).not.toMatch(/"persuasive":\{/);
    expect(open).not.toMatch(/"persuasion":\[\{/);
    // Argument 3 (con) and 1 (pro) are endorsed once each: the top pro is 1 either way, and no
    // list puts an argument first for its ∆.
    expect(open).toContain('"counts":null');
    expect(await csvDeltas()).toEqual(['', '', '']);

    await bed.engine.run(person('o'), 'clore');
    bed.clock.advance(60_000);
    const closed = await everyView();
    for (const shown of [oneDelta, given, moved, '"deltas":1', '"weekDeltas":1'])
      expect(closed.includes(shown), `a closed debate shows ${JSON.stringify(shown)}`).toBe(true);
    expect(await csvDeltas()).toEqual(['1', '0', '0']);
  });
});
