// What every view says where hidden counts would be: a blind first round shows them at half-time,
// `--masque` keeps them until the close, in a two-round debate too. The real engine on a SQLite
// file; the summary read as each platform renders it.
import { afterEach, describe, expect, it } from 'vitest';
import { renderWeeklySummary as discordSummary } from '../../adapters/discord/render/weekly-summary.ts';
import { renderWeeklySummary as slackSummary } from '../../adapters/slack/render/weekly-summary.ts';
import { renderReply } from '../../adapters/terminal/render.ts';
import { translator } from '../../src/i18n/translate.ts';
import { summaryChartModel } from '../../src/summary/summary-chart.ts';
import type { WeeklySummaryView } from '../../src/views/weekly-summary.ts';
import { person, type TestBed, testEngine } from '../helpers/engine.ts';
import { firstView } from '../helpers/outcome.ts';
import { recordingScheduler } from '../summary/seed.ts';

// Monday 23 November 2026; the summary falls on Friday at 16:00 in Paris, before either half-time.
const MONDAY = new Date('2026-11-23T09:00:00Z');
const FRIDAY = new Date('2026-11-27T15:01:00Z');

const AT_HALF_TIME = 'Premier tour à l’aveugle : résultats dévoilés à la mi-temps.';
const AT_CLOSE = 'Résultats masqués jusqu’à la clôture.';

let bed: TestBed;
afterEach(() => bed.cleanup());

const opener = person('opener', { admin: true });
const printed = async (line: string) =>
  renderReply((await bed.engine.run(opener, line)).replies[0]!, { color: false });

async function twoDebates(): Promise<void> {
  bed = await testEngine({ start: MONDAY });
  await bed.engine.run(opener, 'lancer --deux-tours --duree 10j Semaine de quatre jours ?');
  await bed.engine.run(opener, 'lancer --masque --deux-tours --duree 10j Bureau ouvert ?');
  for (const debate of [1, 2]) {
    await bed.engine.run(person('a'), `voter pour #${debate}`);
    await bed.engine.run(person('b'), `voter contre #${debate}`);
  }
}

describe('hidden counts, and until when', () => {
  it('the scoreboard, bilan and the export say half-time for a blind round, the close for --masque', async () => {
    await twoDebates();
    const blind = await printed('bilan #1');
    expect(blind).toContain(AT_HALF_TIME);
    expect(blind).toContain('les votes sont dévoilés à la mi-temps, puis le second tour s’ouvre');
    const masked = await printed('bilan #2');
    expect(masked).toContain(AT_CLOSE);
    expect(masked).toContain(
      'Premier tour à l’aveugle : le second tour s’ouvre à la mi-temps ; les votes restent masqués jusqu’à la clôture.',
    );
    expect(masked).not.toContain('dévoilés');
    const exportOf = async (n: number) =>
      firstView(await bed.engine.run(opener, `exporter #${n}`), 'export').content;
    expect(await exportOf(1)).toContain(AT_HALF_TIME);
    expect(await exportOf(1)).not.toContain(AT_CLOSE);
    expect(await exportOf(2)).toContain(AT_CLOSE);
    expect(await exportOf(2)).not.toContain('dévoilés');
  });

  it('the half-time of a --masque debate opens the second round and shows no first-round tally', async () => {
    await twoDebates();
    const masked = await printed('tour2 #2');
    expect(masked).toContain(
      '⏱️ Mi-temps du débat n° 2 : le second tour est ouvert, gardez ou changez votre vote. Les votes restent masqués jusqu’à la clôture.',
    );
    expect(masked).not.toContain('voici le premier tour');
    expect(masked).not.toMatch(/\d+ \(\d+ %\)/);
    expect(masked).toContain(AT_CLOSE);
    // The blind one reveals its first round: its tally and the usual heading.
    const revealed = await printed('tour2 #1');
    expect(revealed).toContain('⏱️ Mi-temps du débat n° 1 : voici le premier tour.');
    expect(revealed).toContain('1 (50 %)');
    await bed.engine.run(opener, 'config langue en');
    await bed.engine.run(opener, 'open --hidden --two-rounds --duration 4d Hot desks?');
    expect(await printed('round2 #3')).toContain(
      '⏱️ Half-time in debate #3: the second round is open, keep or change your vote. Votes stay hidden until the debate closes.',
    );
    expect(await printed('summary #2')).toContain('Results hidden until the debate closes.');
  });

  it('the weekly summary says so on every platform and on its chart, in both languages', async () => {
    await twoDebates();
    const { scheduler, posts } = recordingScheduler(bed);
    bed.clock.set(FRIDAY);
    await scheduler.runOnce();
    expect(posts).toHaveLength(1);
    const reply = posts[0]!.reply;
    const view = reply.view as WeeklySummaryView;
    expect(view.kind).toBe('weeklySummary');
    const terminal = renderReply(reply, { color: false });
    const second = terminal.indexOf('Débat n° 2');
    expect(terminal.slice(0, second)).toContain(AT_HALF_TIME);
    expect(terminal.slice(second)).toContain(AT_CLOSE);
    expect(terminal.slice(second)).not.toContain('dévoilés');

    const fr = translator('fr');
    const discord = discordSummary(view, fr, 'fr').embeds?.[0]?.fields ?? [];
    expect(discord.map((f) => f.value)).toEqual([
      expect.stringContaining('premier tour à l’aveugle : résultats dévoilés à la mi-temps'),
      expect.stringContaining('résultats masqués jusqu’à la clôture'),
    ]);
    const slack = JSON.stringify(slackSummary(fr, 'fr', view).blocks);
    expect(slack.indexOf(AT_HALF_TIME)).toBeGreaterThan(-1);
    expect(slack.indexOf(AT_CLOSE)).toBeGreaterThan(slack.indexOf(AT_HALF_TIME));
    const english = JSON.stringify(slackSummary(translator('en'), 'en', view).blocks);
    expect(english).toContain('Blind first round: results revealed at half-time.');
    expect(english).toContain('Results hidden until the debate closes.');

    expect(summaryChartModel(view, 'fr').rows.map((row) => row.hidden)).toEqual([
      'premier tour à l’aveugle : résultats dévoilés à la mi-temps',
      'résultats masqués jusqu’à la clôture',
    ]);
    expect(summaryChartModel(view, 'en').rows.map((row) => row.hidden)).toEqual([
      'blind first round: results revealed at half-time',
      'results hidden until closing',
    ]);
  });
});
