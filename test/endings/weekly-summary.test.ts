// Common ground, the two rounds and the closing note in the weekly summary: posted by the real
// scheduler on a real engine and SQLite file, read as the terminal prints it.
import { afterEach, describe, expect, it } from 'vitest';
import { renderReply } from '../../adapters/terminal/render.ts';
import type { SummaryScheduler } from '../../src/summary/scheduler.ts';
import { person, type TestBed, testEngine } from '../helpers/engine.ts';
import { type Posted, recordingPublisher, recordingScheduler } from '../summary/seed.ts';

// Monday 23 November 2026; the summaries fall on Fridays at 16:00 in Paris (15:00 UTC).
const MONDAY = new Date('2026-11-23T09:00:00Z');
const FIRST_FRIDAY = new Date('2026-11-27T15:01:00Z');
const SECOND_FRIDAY = new Date('2026-12-04T15:01:00Z');

let bed: TestBed;
afterEach(() => bed.cleanup());

const opener = person('opener', { admin: true });
const run = (who: string, line: string) => bed.engine.run(person(who), line);

async function summaryAt(at: Date, posts: Posted[], scheduler: SummaryScheduler): Promise<string> {
  bed.clock.set(at);
  const before = posts.length;
  await scheduler.runOnce();
  expect(posts).toHaveLength(before + 1);
  return renderReply(posts.at(-1)!.reply, { color: false });
}

describe('the weekly summary', () => {
  it('lists at most three arguments of common ground per debate, says which are new this week, hides it while results are hidden, and shows the rounds and the closing note', async () => {
    bed = await testEngine({ start: MONDAY });
    const rec = recordingScheduler(bed);
    const { scheduler } = rec;
    await bed.engine.run(opener, 'lancer Semaine de quatre jours ?');
    for (const n of [1, 2, 3, 4, 5]) await bed.engine.run(opener, `${n % 2 ? 'pour' : 'contre'} Raison ${n}`);
    await run('p1', 'voter pour');
    await run('p2', 'voter pour');
    await run('k1', 'voter contre');
    await run('n1', 'voter neutre');
    // n° 1: pour and contre endorsers; n° 2: pour and a neutral one (not common ground).
    for (const who of ['p1', 'k1']) await run(who, 'appuyer 1 #1');
    for (const who of ['p2', 'n1']) await run(who, 'appuyer 2 #1');
    // A hidden debate with common ground: not shown while open.
    await bed.engine.run(opener, 'lancer --masque Bureau ouvert ?');
    await bed.engine.run(opener, 'pour Le calme #2');
    await run('p1', 'voter pour #2');
    await run('k1', 'voter contre #2');
    for (const who of ['p1', 'k1']) await run(who, 'appuyer 1 #2');
    const first = await summaryAt(FIRST_FRIDAY, rec.posts, scheduler);
    expect(first).toContain('Terrain d’entente');
    expect(first).toContain(
      'n° 1 · Pour · Raison 1 (2 appuis, par name-opener) · appuyé par 1 pour et 1 contre',
    );
    expect(first).not.toContain('Nouveau terrain d’entente');
    expect(first.match(/Terrain d’entente/g)).toHaveLength(1);

    // The next week: n° 2, 3, 4 become common ground too (four in all: three listed, one counted).
    await bed.clock.set(new Date('2026-11-30T09:00:00Z'));
    await run('k1', 'appuyer 2 #1');
    for (const who of ['p1', 'k1']) {
      await run(who, 'appuyer 3 #1');
      await run(who, 'appuyer 4 #1');
    }
    await run('p2', 'appuyer 4 #1');
    await bed.engine.run(opener, 'clore #2 conclusion Open space refusé, on en reparle en mars');
    const second = await summaryAt(SECOND_FRIDAY, rec.posts, scheduler);
    const block = second.slice(second.indexOf('Débat n° 1'));
    expect(block).toContain(
      'n° 4 · Contre · Raison 4 (3 appuis, par name-opener) · appuyé par 2 pour et 1 contre',
    );
    expect(block).toContain('et 1 autre argument');
    expect(block).toContain('Nouveaux terrains d’entente cette semaine : n° 4, n° 2, n° 3');
    // The hidden debate, closed this week: its common ground appears with the reveal, and its note.
    const closed = second.slice(second.indexOf('Débat n° 2'));
    expect(closed).toContain('n° 1 · Pour · Le calme');
    expect(closed).toContain('Conclusion\n    « Open space refusé, on en reparle en mars »');
  });

  it('shows a two-round debate’s rounds side by side', async () => {
    bed = await testEngine({ start: MONDAY });
    const rec = recordingScheduler(bed);
    const { scheduler } = rec;
    const channel = recordingPublisher();
    bed.engine.registerPublisher('slack', channel.publisher);
    await bed.engine.run(opener, 'lancer --deux-tours --duree 3j Télétravail ?');
    await run('a', 'voter pour');
    await run('b', 'voter contre');
    bed.clock.set(new Date(MONDAY.getTime() + 36 * 3_600_000));
    await bed.engine.sweep();
    await run('b', 'voter pour');
    bed.clock.set(new Date(MONDAY.getTime() + 3 * 86_400_000));
    await bed.engine.sweep();
    await bed.engine.settled();
    expect(channel.posts.map((p) => p.reply.view.kind)).toEqual(['scoreboard', 'scoreboard']);
    const summary = await summaryAt(FIRST_FRIDAY, rec.posts, scheduler);
    expect(summary).toContain('Deux tours');
    expect(summary).toContain('1er tour : Pour 1 · Contre 1 · Neutre 0');
    expect(summary).toContain('2d tour : Pour 2 · Contre 0 · Neutre 0');
    expect(summary).toContain('1 personne a changé d’avis entre les deux tours');
  });
});
