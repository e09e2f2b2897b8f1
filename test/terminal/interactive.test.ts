// `debat start` in a real terminal, as a person types: the prompt, the echo, line editing, history.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KEYS, Pty } from '../helpers/pty.ts';

const BIN = new URL('../../bin/debat.mjs', import.meta.url).pathname;
let dir: string;
let pty: Pty | undefined;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'debat-pty-'));
});
afterEach(async () => {
  await pty?.close();
  pty = undefined;
  rmSync(dir, { recursive: true, force: true });
});

function open(env: Record<string, string> = {}): Pty {
  pty = new Pty([process.execPath, BIN, 'start'], {
    cwd: dir,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: dir,
      DEBAT_DB_PATH: join(dir, 'debat.sqlite'),
      DEBAT_USER: 'moi',
      DEBAT_TIMEZONE: 'Europe/Paris',
      ...env,
    },
  });
  return pty;
}

/** Lines after the last one equal to `line`: the answer to a command. */
const answerTo = (lines: string[], line: string): string[] => lines.slice(lines.lastIndexOf(line) + 1);
const prompted = (prompt: string) => (lines: string[]) => lines.at(-1) === prompt;

describe('the terminal, interactively', () => {
  it('shows a prompt that says who and where, echoes what is typed and answers under it', async () => {
    const t = open();
    const first = await t.waitFor(prompted('moi@#general>'));
    expect(first[0]).toBe('Débat · tapez « aide » pour les commandes, /quit pour sortir.');
    t.type(`lancer Faut-il un open space ?${KEYS.enter}`);
    const lines = await t.waitFor((l) => l.some((line) => line.startsWith('→ voter pour')));
    expect(lines).toContain('moi@#general> lancer Faut-il un open space ?');
    expect(answerTo(lines, 'moi@#general> lancer Faut-il un open space ?')[0]).toBe(
      '━━ Débat n° 1 : Faut-il un open space ? ━━',
    );
    // Typed but not sent yet: the characters are on screen after the prompt.
    await t.waitFor(prompted('moi@#general>'));
    t.type('voter');
    await t.waitFor((l) => l.at(-1) === 'moi@#general> voter');
    // Ctrl-U empties the line, Ctrl-D on an empty line leaves.
    t.type(KEYS.ctrlU + KEYS.ctrlD);
    expect(await t.exited).toBe(0);
  });

  it('edits the line with Backspace and the arrows, and recalls earlier lines with ↑', async () => {
    const t = open();
    await t.waitFor(prompted('moi@#general>'));
    t.type(`lancer Réunions debout ?${KEYS.enter}`);
    await t.waitFor((l) => l.at(-1) === 'moi@#general>' && l.some((line) => line.startsWith('→ voter')));
    // "voter contre" corrected to "voter pour" before Enter: Backspace ×6, then "pr", ←, "ou".
    t.type('voter contre');
    // Each key once the one before is on screen, as a person types (not faster than the echo).
    await t.waitFor((l) => l.at(-1) === 'moi@#general> voter contre');
    await t.press(...KEYS.backspace.repeat(6), 'p', 'r', KEYS.left, 'o', 'u');
    await t.waitFor((l) => l.at(-1) === 'moi@#general> voter pour');
    expect(await t.cursorLine()).toBe('moi@#general> voter pour');
    t.type(KEYS.enter);
    let lines = await t.waitFor((l) => l.some((line) => line.startsWith('✓ Vote enregistré')));
    expect(lines).toContain('moi@#general> voter pour');
    expect(answerTo(lines, 'moi@#general> voter pour')[0]).toBe('✓ Vote enregistré : Pour (débat n° 1).');

    t.type(`arguments${KEYS.enter}`);
    await t.waitFor((l) => l.at(-1) === 'moi@#general>' && l.includes('moi@#general> arguments'));
    // ↑ brings back "arguments", ↑ again "voter pour"; ↓ returns to "arguments", which Enter runs again.
    t.type(KEYS.up);
    await t.waitFor((l) => l.at(-1) === 'moi@#general> arguments');
    t.type(KEYS.up);
    await t.waitFor((l) => l.at(-1) === 'moi@#general> voter pour');
    expect(await t.cursorLine()).toBe('moi@#general> voter pour');
    t.type(KEYS.down + KEYS.enter);
    lines = await t.waitFor(
      (l) =>
        l.filter((line) => line === 'moi@#general> arguments').length === 2 && l.at(-1) === 'moi@#general>',
    );
    expect(answerTo(lines, 'moi@#general> arguments')[0]).toBe('Arguments du débat n° 1 : Réunions debout ?');
    t.type(KEYS.ctrlD);
    expect(await t.exited).toBe(0);
  });

  it('says who speaks and where after /as and /canal, and the prompt follows', async () => {
    const t = open();
    await t.waitFor(prompted('moi@#general>'));
    t.type(`/as Manon${KEYS.enter}`);
    let lines = await t.waitFor(prompted('Manon@#general>'));
    expect(answerTo(lines, 'moi@#general> /as Manon')[0]).toBe(
      '✓ Vous parlez maintenant en tant que Manon (membre).',
    );
    t.type(`/canal compta${KEYS.enter}`);
    lines = await t.waitFor(prompted('Manon@#compta>'));
    expect(answerTo(lines, 'Manon@#general> /canal compta')[0]).toBe('✓ Vous êtes maintenant dans #compta.');
    t.type(`/as moi${KEYS.enter}`);
    lines = await t.waitFor(prompted('moi@#compta>'));
    expect(answerTo(lines, 'Manon@#compta> /as moi')[0]).toBe(
      '✓ Vous parlez maintenant en tant que moi (admin).',
    );
    t.type(`/quit${KEYS.enter}`);
    expect(await t.exited).toBe(0);
  });

  it('answers a typo with the suggestion and one line pointing at the help, not the whole help', async () => {
    const t = open();
    await t.waitFor(prompted('moi@#general>'));
    t.type(`lancr Un sujet${KEYS.enter}`);
    const lines = await t.waitFor(
      (l) => l.at(-1) === 'moi@#general>' && l.includes('moi@#general> lancr Un sujet'),
    );
    expect(answerTo(lines, 'moi@#general> lancr Un sujet')).toEqual([
      'Je ne connais pas « lancr ».',
      'Vouliez-vous dire « lancer » ?',
      'Toutes les commandes : /debat aide',
      'moi@#general>',
    ]);
    t.type(`aide${KEYS.enter}`);
    const help = await t.waitFor((l) => l.includes('Débat : les commandes') && l.at(-1) === 'moi@#general>');
    expect(answerTo(help, 'moi@#general> aide').length).toBeGreaterThan(15);
    t.type(KEYS.ctrlD);
    expect(await t.exited).toBe(0);
  });

  it('speaks English when the channel does, and writes an export as a file it names', async () => {
    const t = open({ DEBAT_LANGUAGE: 'en' });
    const first = await t.waitFor(prompted('moi@#general>'));
    expect(first[0]).toBe('Débat · type “help” for the commands, /quit to leave.');
    t.type(`/as Manon${KEYS.enter}`);
    let lines = await t.waitFor(prompted('Manon@#general>'));
    expect(lines).toContain('✓ You are now speaking as Manon (member).');
    t.type(
      `open Standing meetings?${KEYS.enter}pro Shorter${KEYS.enter}export${KEYS.enter}export #1 csv${KEYS.enter}`,
    );
    lines = await t.waitFor(
      (l) => l.filter((line) => line.startsWith('✓ Debate #1 exported to')).length === 2,
    );
    const markdown = join(dir, 'debat-1.md');
    const csv = join(dir, 'debat-1.csv');
    expect(lines).toContain(`✓ Debate #1 exported to ${markdown}`);
    expect(lines).toContain(`✓ Debate #1 exported to ${csv}`);
    expect(readFileSync(markdown, 'utf8')).toContain('Standing meetings?');
    expect(readFileSync(csv, 'utf8')).toContain('Shorter');
    // The export is not printed on the screen as well.
    expect(lines.some((line) => line.startsWith('# Debate #1'))).toBe(false);
    t.type(`export${KEYS.enter}`);
    lines = await t.waitFor((l) =>
      l.some((line) => line.startsWith('✓ Debate #1 exported to') && line.endsWith('-2.md')),
    );
    expect(existsSync(join(dir, 'debat-1-2.md'))).toBe(true);
    t.type(KEYS.ctrlD);
    expect(await t.exited).toBe(0);
  });
});
