import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderReply } from '../../adapters/terminal/render.ts';
import { silentLogger } from '../../src/domain/logger.ts';
import { weekSoFar } from '../../src/engine/week-so-far.ts';
import { InstanceLease } from '../../src/live/instance-lease.ts';
import { chartSize, chartSvg } from '../../src/summary/chart-svg.ts';
import { SummaryScheduler } from '../../src/summary/scheduler.ts';
import { summaryChartModel } from '../../src/summary/summary-chart.ts';
import type { WeeklySummaryView } from '../../src/views/weekly-summary.ts';
import { DEFAULTS, type TestBed } from '../helpers/engine.ts';
import {
  CHANNEL,
  type Posted,
  PREVIOUS_SUMMARY,
  recordingPublisher,
  run,
  seedBeforeWindow,
  seededBed,
  seedWindow,
} from './seed.ts';

let bed: TestBed;
let posts: Posted[];

function scheduler(publisher = recordingPublisher()) {
  posts = publisher.posts;
  return new SummaryScheduler({
    store: bed.store,
    clock: bed.clock,
    logger: silentLogger,
    defaults: DEFAULTS,
    publisherFor: () => publisher.publisher,
  });
}

const weekly = (post: Posted | undefined) => {
  expect(post?.reply.view.kind).toBe('weeklySummary');
  return post!.reply.view as WeeklySummaryView;
};

beforeEach(async () => {
  bed = await seededBed();
});
afterEach(async () => {
  await bed.cleanup();
});

describe('the weekly summary of a seeded week', () => {
  async function postTwoWeeks() {
    const s = scheduler();
    await seedBeforeWindow(bed);
    bed.clock.set(new Date(PREVIOUS_SUMMARY.getTime() + 60_000));
    await s.runOnce();
    expect(posts).toHaveLength(1);
    await seedWindow(bed);
    bed.clock.set(new Date('2026-03-27T15:45:00Z')); // 45 minutes late
    await s.runOnce();
    expect(posts).toHaveLength(2);
    return weekly(posts[1]);
  }

  it('the previous summary: both new debates, no shift yet', async () => {
    await postTwoWeeks();
    const first = weekly(posts[0]);
    expect(first.weekStart).toBe('2026-03-16');
    expect(first.debates.map((d) => [d.debate.number, d.counts, d.shift])).toEqual([
      [1, { pro: 2, con: 1, neutral: 0 }, null],
      [2, { pro: 1, con: 0, neutral: 0 }, null],
    ]);
  });

  it('field by field', async () => {
    const view = await postTwoWeeks();
    expect(posts[1]!.scope).toEqual(CHANNEL);
    expect(posts[1]!.reply.visibility).toBe('public');
    expect(posts[1]!.reply.language).toBe('fr');
    expect(view).toMatchObject({
      mode: 'weekly',
      timezone: 'Europe/Paris',
      weekStart: '2026-03-23',
      from: Date.parse('2026-03-20T15:00:00Z'),
      to: Date.parse('2026-03-27T15:00:00Z'),
      more: 0,
      totals: { debates: 3, voteEvents: 8, newArguments: 2, opinionChanges: 1, closed: 1 },
    });
    // Busiest open debates first, closed ones last; #2 had nothing this week.
    expect(view.debates.map((d) => d.debate.number)).toEqual([1, 3, 4]);

    const [one, hidden, closed] = view.debates;
    expect(one).toMatchObject({
      debate: { number: 1, topic: 'Télétravail le vendredi ?', openerName: 'name-alice', status: 'open' },
      // erin's switch to neutral at 16:30 came after the scheduled instant: not in this tally.
      counts: { pro: 3, con: 1, neutral: 1 },
      shift: { pro: 1, con: 0, neutral: 1 },
      closedThisWeek: false,
      newArguments: 1,
      participants: 4,
      voteEvents: 3,
      opinionChanges: 1,
      topPro: { number: 1, authorName: 'name-alice', endorsements: 1, deltas: 1 },
      topCon: { number: 3, authorName: 'name-erin', endorsements: 1 },
      persuasive: { argument: { number: 1 }, weekDeltas: 1 },
    });
    expect(one!.newArgumentsTop.map((a) => [a.number, a.side, a.text])).toEqual([
      [3, 'con', 'Les réunions à distance s’éternisent'],
    ]);

    expect(hidden).toMatchObject({
      debate: { number: 3, hidden: true, status: 'open' },
      counts: null,
      shift: null,
      voteEvents: 2,
      participants: 2,
      newArguments: 0,
      topPro: null,
      topCon: null,
      persuasive: null,
    });

    expect(closed).toMatchObject({
      debate: { number: 4, anonymous: true, openerName: null, status: 'closed' },
      counts: { pro: 2, con: 1, neutral: 0 },
      shift: null,
      closedThisWeek: true,
      voteEvents: 3,
      participants: 4,
      newArguments: 1,
      topPro: { number: 1, authorName: null },
    });
    expect(JSON.stringify(closed)).not.toMatch(/frank|gina|hugo|name-/);
  });

  it('renders in French in the terminal', async () => {
    await postTwoWeeks();
    const text = renderReply(posts[1]!.reply, { color: false, timezone: 'Europe/Paris' });
    const lines = text.split('\n');
    expect(lines[0]).toBe('━━ Bilan de la semaine · du ven. 20 mars, 16:00 au ven. 27 mars, 16:00 ━━');
    expect(lines[1]).toBe(
      '3 débats actifs · 8 votes exprimés cette semaine, changements compris · 2 nouveaux arguments · 1 changement d’avis',
    );
    expect(text).toContain('Débat n° 1 : Télétravail le vendredi ? · Lancé par name-alice');
    expect(text).toMatch(/ {2}Pour {4}\S+ 3 \(60 %\) \+1/);
    expect(text).toMatch(/ {2}Contre {2}\S+ 1 \(20 %\) ±0/);
    expect(text).toContain('  depuis le dernier bilan : Pour +1 · Contre ±0 · Neutre +1');
    expect(text).toContain('  5 votants');
    expect(text).toContain('  4 participants · 1 nouvel argument · 1 changement d’avis');
    // ∆ appears in the text: the legend explains it.
    expect(text).toContain('∆ : un changement d’avis attribué à l’argument qui l’a provoqué');
    expect(text).toContain(
      '    n° 3 · Contre · Les réunions à distance s’éternisent (1 appui, par name-erin)',
    );
    expect(text).toContain(
      '  Le plus convaincant (∆) : n° 1 · Pour · On gagne du temps de trajet (1 appui, 1 ∆, par name-alice) · 1 ∆ cette semaine',
    );
    expect(text).toContain('  Résultats masqués jusqu’à la clôture.');
    expect(text).toContain('── Clos cette semaine ──');
    expect(text).toContain('  Décompte final');
    expect(text).toContain('  premier bilan de ce débat');
  });

  it('renders in English in the terminal', async () => {
    await postTwoWeeks();
    const text = renderReply(
      { ...posts[1]!.reply, language: 'en' },
      { color: false, timezone: 'Europe/Paris' },
    );
    const lines = text.split('\n');
    expect(lines[0]).toBe('━━ Weekly summary · Fri 20 Mar, 16:00 to Fri 27 Mar, 16:00 ━━');
    expect(lines[1]).toBe(
      '3 active debates · 8 votes cast this week, changes included · 2 new arguments · 1 change of mind',
    );
    expect(text).toMatch(/ {2}For {5}\S+ 3 \(60%\) \+1/);
    expect(text).toContain('  5 voters');
    expect(text).toContain('  since the last summary: For +1 · Against ±0 · Neutral +1');
    expect(text).toContain('  4 participants · 1 new argument · 1 change of mind');
    expect(text).toContain('Closed this week');
    expect(text).toContain('  Final tally');
    expect(text).toContain('  first summary of this debate');
    expect(text).toContain('1 ∆ this week');
  });

  it('posts in the channel language and attaches the chart PNG of the listed debates', async () => {
    await run(bed, 'admin', 'config langue en', '2026-03-16T08:30:00Z', true);
    const view = await postTwoWeeks();
    expect(posts[1]!.reply.language).toBe('en');
    const [chart] = posts[1]!.attachments;
    expect(chart).toMatchObject({ filename: 'debat-bilan-2026-03-23.png', mimeType: 'image/png' });
    const png = Buffer.from(chart!.data);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) }).toEqual(
      chartSize(view.debates.length),
    );
  });

  it('draws the chart with the text’s numbering, headed figures and each language’s numbers', async () => {
    const view = await postTwoWeeks();
    const french = chartSvg(summaryChartModel(view, 'fr'));
    // Debates are numbered as in the text; the figures are headed by the sides and a caption.
    expect(french).toContain('>n° 1 · Télétravail le vendredi ?</text>');
    expect(french).toContain('>Votants par côté ; entre parenthèses, l’écart depuis le dernier bilan</text>');
    expect(french).toContain('>Bilan de la semaine du 23 mars 2026</text>');
    expect(french).toContain('>60 %</text>');
    const english = chartSvg(summaryChartModel(view, 'en'));
    expect(english).toContain('>#1 · Télétravail le vendredi ?</text>');
    expect(english).toContain('>Voters per side; in brackets, the change since the last summary</text>');
    expect(english).toContain('>Week of 23 March 2026</text>');
    expect(english).toContain('>60%</text>');
    for (const side of ['For', 'Against', 'Neutral']) expect(english).toContain(`>${side}</text>`);
  });

  it('a long week: ten debates listed, the rest counted, in the text and on the chart', async () => {
    for (let i = 1; i <= 12; i++) {
      await run(bed, `p${i}`, `lancer Sujet ${i}`, `2026-03-23T09:${String(i).padStart(2, '0')}:00Z`);
      for (let v = 0; v < i; v++)
        await run(bed, `v${v}`, `voter contre #${i}`, `2026-03-24T10:${String(v).padStart(2, '0')}:00Z`);
    }
    const s = scheduler();
    bed.clock.set(new Date('2026-03-27T15:00:00Z'));
    await s.runOnce();
    const view = weekly(posts[0]);
    expect(view.debates).toHaveLength(10);
    expect(view.more).toBe(2);
    expect(view.totals.debates).toBe(12);
    // The busiest first: debate 12 had 12 votes.
    expect(view.debates.map((d) => d.debate.number).slice(0, 3)).toEqual([12, 11, 10]);
    expect(renderReply(posts[0]!.reply, { color: false, timezone: 'Europe/Paris' })).toContain(
      '…et 2 autres débats',
    );
    const png = Buffer.from(posts[0]!.attachments[0]!.data);
    expect({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) }).toEqual(chartSize(10, 2));
  });

  it('`/debat bilan` without #id: the week so far, from the last summary, same builder', async () => {
    await postTwoWeeks();
    bed.clock.set(new Date('2026-03-30T10:00:00Z'));
    const deps = {
      store: bed.store,
      clock: bed.clock,
      logger: silentLogger,
      defaults: DEFAULTS,
      secret: 's',
      lease: new InstanceLease(bed.store, bed.clock, silentLogger),
    };
    const outcome = await weekSoFar(
      deps,
      { ...CHANNEL, user: { id: 'x', name: 'x', isAdmin: false } },
      {
        public: 'fr',
        private: 'en',
        timezone: 'Europe/Paris',
      },
    );
    const reply = outcome.replies[0]!;
    expect(reply.visibility).toBe('private');
    expect(reply.language).toBe('en');
    const view = reply.view as WeeklySummaryView;
    expect(view).toMatchObject({ kind: 'weeklySummary', mode: 'soFar', weekStart: '2026-03-30' });
    expect(view.from).toBe(Date.parse('2026-03-27T15:00:00Z'));
    expect(view.to).toBe(Date.parse('2026-03-30T10:00:00Z'));
    // Only erin's switch (con → neutral) happened since the summary.
    expect(view.debates.map((d) => [d.debate.number, d.counts, d.shift, d.opinionChanges])).toEqual([
      [1, { pro: 3, con: 0, neutral: 2 }, { pro: 0, con: -1, neutral: 1 }, 1],
    ]);
  });

  it('`/debat bilan` without #id on a quiet week says so', async () => {
    await seedBeforeWindow(bed);
    bed.clock.set(new Date('2026-03-25T10:00:00Z'));
    const deps = {
      store: bed.store,
      clock: bed.clock,
      logger: silentLogger,
      defaults: DEFAULTS,
      secret: 's',
      lease: new InstanceLease(bed.store, bed.clock, silentLogger),
    };
    const outcome = await weekSoFar(
      deps,
      { ...CHANNEL, user: { id: 'x', name: 'x', isAdmin: false } },
      {
        public: 'fr',
        private: 'fr',
        timezone: 'Europe/Paris',
      },
    );
    expect(outcome.replies[0]!.view).toEqual({ kind: 'notice', key: 'summary.empty', params: {} });
  });
});
