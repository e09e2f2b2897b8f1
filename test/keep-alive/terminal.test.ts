// Editing an argument and keeping the opening of debates to admins, as a person types them in the
// terminal: the real terminal adapter reads a script, on a real engine and SQLite file.
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
async function terminal(lines: string[], env: Record<string, string> = {}): Promise<string> {
  bed ??= await testEngine();
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
    config: loadConfig({ DEBAT_USER: 'Paul', DEBAT_LOG_LEVEL: 'warn', ...env }),
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

describe('keeping debates alive in the terminal', () => {
  it('in French: an author edits their argument until it is endorsed; admins keep the opening', async () => {
    const out = await terminal([
      'aide',
      'lancer Bureau ouvert ?',
      'pour Le calme',
      'modifier 1 Le calme, enfin',
      'arguments',
      '/as Manon',
      'modifier 1 Le bruit',
      'appuyer 1',
      '/as Paul',
      'modifier 1 Le calme, vraiment',
      'config lancer admins',
      '/as Manon',
      'lancer Encore un ?',
      'config lancer tous',
    ]);
    expect(answerTo(out, 'aide')).toContain('/debat modifier <n°> <texte> : corriger son argument');
    expect(answerTo(out, 'modifier 1 Le calme, enfin')).toContain('Argument n° 1 du débat n° 1 modifié.');
    expect(answerTo(out, 'arguments')).toContain(
      'n° 1 · Pour · Le calme, enfin (0 appui, par Paul, modifié)',
    );
    expect(answerTo(out, 'modifier 1 Le bruit')).toContain(
      '✗ Vous ne pouvez modifier que vos propres arguments.',
    );
    expect(answerTo(out, 'modifier 1 Le calme, vraiment')).toContain(
      '✗ L’argument n° 1 a déjà été appuyé ou cité (∆) : son texte ne change plus. Retirez-le (/debat retirer 1) et publiez-en un nouveau.',
    );
    expect(answerTo(out, 'config lancer admins')).toContain('Qui lance les débats : les admins seulement');
    expect(answerTo(out, 'lancer Encore un ?')).toContain(
      '✗ Dans ce salon, seuls les admins lancent les débats.',
    );
    expect(answerTo(out, 'config lancer tous')).toContain(
      '✗ Seuls les admins changent les réglages du salon.',
    );
  });

  it('in English', async () => {
    const out = await terminal(
      [
        'settings language en',
        'open Open office?',
        'con The noise',
        'edit 1 The noise, all day',
        'arguments',
        'settings open admins',
        '/as Manon',
        'open Another one?',
        'edit 1 Nope',
      ],
      { DEBAT_LANGUAGE: 'en' },
    );
    expect(answerTo(out, 'edit 1 The noise, all day')).toContain('Argument #1 of debate #1 edited.');
    expect(answerTo(out, 'arguments')).toContain(
      '#1 · Against · The noise, all day (0 endorsements, by Paul, edited)',
    );
    expect(answerTo(out, 'settings open admins')).toContain('Who may open debates: admins only');
    expect(answerTo(out, 'open Another one?')).toContain('✗ In this channel, only admins open debates.');
    expect(answerTo(out, 'edit 1 Nope')).toContain('✗ You can only edit your own arguments.');
  });
});
