// Words and numbers that agree, as a person meets them in the terminal: the real terminal adapter
// reads a script, on a real engine and SQLite file whose clock the test holds. The host's zone is
// UTC and the channel's is Paris: every date must be the channel's.
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createTerminalAdapter } from '../../adapters/terminal/index.ts';
import { loadConfig } from '../../src/config.ts';
import { silentLogger } from '../../src/domain/logger.ts';
import { HttpRoutes } from '../../src/http-routes.ts';
import { type TestBed, testEngine } from '../helpers/engine.ts';

let bed: TestBed | undefined;
afterEach(async () => {
  await bed?.cleanup();
  bed = undefined;
});

/** Runs the lines through the terminal adapter as a script; resolves with all it printed. */
async function terminal(lines: string[]): Promise<string> {
  // Sunday 29 November 2026, 15:00 UTC: 16:00 in Paris.
  bed ??= await testEngine({ start: new Date('2026-11-29T15:00:00Z') });
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = '';
  output.on('data', (chunk: Buffer) => {
    printed += chunk.toString('utf8');
  });
  let ended: () => void = () => {};
  const done = new Promise<void>((resolve) => {
    ended = resolve;
  });
  const adapter = await createTerminalAdapter({ input, output, interactive: false })({
    config: loadConfig({ DEBAT_USER: 'Paul', DEBAT_TIMEZONE: 'UTC', DEBAT_LOG_LEVEL: 'warn' }),
    engine: bed.engine,
    logger: silentLogger,
    clock: bed.clock,
    http: new HttpRoutes(silentLogger),
    requestShutdown: () => ended(),
  });
  await adapter.start();
  input.end(`${lines.join('\n')}\n`);
  await done;
  await adapter.stop();
  return printed;
}

/** The answer printed after the echoed line `line` (up to the next prompt). */
const answerTo = (printed: string, line: string): string => {
  const start = printed.indexOf(`> ${line}\n`);
  if (start < 0) throw new Error(`no line ${line}`);
  const rest = printed.slice(start + line.length + 3);
  const next = rest.search(/^\S+@#\S+> /m);
  return next < 0 ? rest : rest.slice(0, next);
};

describe('words and numbers in the terminal', () => {
  it('in French: one vocabulary, counts that say what they count, dates in the channel’s zone', async () => {
    const out = await terminal([
      'aide',
      'config fuseau Europe/Paris',
      'config fil on',
      'config',
      'lancer --duree 2j Bureau ouvert ?',
      'pour Le calme',
      'pour La lumière',
      'contre Le bruit',
      'arguments #1 2',
      'arguments #1 0',
      'voter contre',
      '/as Manon',
      'voter contre',
      'appuyer 1',
      'arguments',
      'delta 1',
      'voter pour',
      'delta 1',
      'bilan #1',
    ]);
    // Half an hour later, the week so far.
    bed!.clock.set(new Date('2026-11-29T15:30:00Z'));
    const later = await terminal(['bilan']);
    // Every symbol is explained in the help.
    expect(answerTo(out, 'aide')).toContain(
      '  Symboles : ∆ un changement d’avis attribué à un argument ; ★ un argument que vous appuyez.',
    );
    expect(answerTo(out, 'aide')).toContain('→ : ce que vous pouvez taper ensuite');
    // The thread setting is shown with the others.
    expect(answerTo(out, 'config fil on')).toContain('Un fil par débat : oui');
    expect(answerTo(out, 'config')).toContain('Un fil par débat : oui');
    // The end of the debate in Paris time (15:00 UTC), with the French ordinal.
    expect(answerTo(out, 'lancer --duree 2j Bureau ouvert ?')).toContain(
      'Se termine le mar. 1er déc., 16:00',
    );
    expect(answerTo(out, 'lancer --duree 2j Bureau ouvert ?')).toMatch(/Pour {4}░+ 0 \(0 %\)\n/);
    // A page past the end shows the last page, numbered right; page 0 is a bad page.
    const page = answerTo(out, 'arguments #1 2');
    expect(page).toContain('n° 3 · Contre · Le bruit');
    expect(page).toContain('Page 1 sur 1');
    expect(page).not.toContain('Aucun argument');
    expect(answerTo(out, 'arguments #1 0')).toContain(
      '✗ « 0 » n’est pas un numéro de page valide : 1, 2, 3…',
    );
    // ★ is explained where it appears.
    const list = answerTo(out, 'arguments');
    expect(list).toContain('n° 1 · Pour · Le calme (1 appui, par Paul, ★)');
    expect(list).toContain('★ : un argument que vous appuyez');
    // A ∆ before any change of side says what a ∆ is for, in the same words.
    expect(answerTo(out, 'delta 1')).toContain(
      '✗ Vous n’avez pas changé d’avis récemment dans le débat n° 1 : un ∆ se donne juste après avoir changé de côté.',
    );
    // The tally: people voting now, ∆ given, and the legend of ∆.
    const tally = answerTo(out, 'bilan #1');
    expect(tally).toContain('Se termine le mar. 1er déc., 16:00');
    expect(tally).toContain('\n2 votants\n');
    expect(tally).toContain('2 participants · 3 arguments · 1 ∆ donné');
    expect(tally).toContain('∆ : un changement d’avis attribué à l’argument qui l’a provoqué');
    // The week: votes cast this week, changes included (3), against people voting now (2).
    const week = answerTo(later, 'bilan');
    expect(week).toContain('━━ La semaine jusqu’ici · du ven. 27 nov., 16:00 au dim. 29 nov., 16:30 ━━');
    expect(week).toContain(
      '1 débat actif · 3 votes exprimés cette semaine, changements compris · 3 nouveaux arguments · 1 changement d’avis',
    );
    expect(week).toContain('  2 votants\n');
    expect(out + later).not.toMatch(/camp|15:00|15:30/);
  });

  it('shows page 2 of a long list', async () => {
    const args = Array.from({ length: 12 }, (_, i) => `pour Argument ${i + 1}`);
    const out = await terminal(['lancer Longue liste ?', ...args, 'arguments #1 2']);
    const page = answerTo(out, 'arguments #1 2');
    expect(page).toContain('n° 11 · Pour · Argument 11');
    expect(page).toContain('n° 12 · Pour · Argument 12');
    expect(page).not.toContain('n° 10 ·');
    expect(page).toContain('Page 2 sur 2');
  });

  it('in English: English numbers and percentages, the same counts and dates', async () => {
    const out = await terminal([
      'config langue en',
      'config fuseau Europe/Paris',
      'config',
      'help',
      'open --duration 2d Open plan?',
      'pro Quiet',
      'vote for',
      '/as Manon',
      'vote against',
      'vote for',
      'delta 1',
      'endorse 1',
      'arguments #1 0',
      'arguments',
      'tally #1',
    ]);
    bed!.clock.set(new Date('2026-11-29T15:30:00Z'));
    const later = await terminal(['tally']);
    expect(answerTo(out, 'config')).toContain('A thread per debate: no');
    expect(answerTo(out, 'help')).toContain(
      '  Symbols: ∆ a change of mind credited to an argument; ★ an argument you endorse.',
    );
    expect(answerTo(out, 'help')).toContain('→: what you can type next');
    const opened = answerTo(out, 'open --duration 2d Open plan?');
    expect(opened).toContain('Ends on Tue 1 Dec, 16:00');
    expect(opened).toMatch(/For {5}░+ 0 \(0%\)\n/);
    expect(opened).toContain('\n0 voters\n');
    expect(answerTo(out, 'arguments #1 0')).toContain('✗ “0” is not a valid page number: 1, 2, 3…');
    const list = answerTo(out, 'arguments');
    expect(list).toContain('#1 · For · Quiet (1 endorsement, 1 ∆, by Paul, ★)');
    expect(list).toContain('∆: a change of mind credited to the argument that caused it');
    expect(list).toContain('★: an argument you endorse');
    const tally = answerTo(out, 'tally #1');
    expect(tally).toMatch(/For {5}█+ 2 \(100%\)\n/);
    expect(tally).toContain('\n2 voters\n');
    expect(tally).toContain('2 participants · 1 argument · 1 ∆ given');
    const week = answerTo(later, 'tally');
    expect(week).toContain('━━ This week so far · Fri 27 Nov, 16:00 to Sun 29 Nov, 16:30 ━━');
    expect(week).toContain(
      '1 active debate · 3 votes cast this week, changes included · 1 new argument · 1 change of mind',
    );
    expect(week).toContain('  2 voters\n');
  });
});
