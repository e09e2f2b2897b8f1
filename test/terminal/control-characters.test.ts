// Control characters and escape sequences in a script: never sent raw to the terminal, never stored.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanUserText } from '../../src/commands/user-text.ts';
import { debat } from '../cli/run.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'debat-control-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const ESC = '\u001b';
const BEL = '\u0007';

describe('escape sequences in user text', () => {
  it.each([
    ['a colour (CSI)', `Contrôle${ESC}[31m rouge`, 'Contrôle rouge'],
    ['a 24-bit colour with its parameters', `a${ESC}[38;2;255;0;0mb`, 'ab'],
    ['a window title (OSC) with spaces, ended by BEL', `a${ESC}]0;mon titre à moi${BEL}b`, 'ab'],
    [
      'a hyperlink (OSC 8) ended by ST',
      `a${ESC}]8;;https://x.example/${ESC}\\lien${ESC}]8;;${ESC}\\b`,
      'alienb',
    ],
    ['a device control string (DCS)', `a${ESC}Pq#0;2;0;0;0#1~-${ESC}\\b`, 'ab'],
    ['the 8-bit CSI', 'a\u009b31mb', 'ab'],
    ['a terminal reset and a charset switch', `a${ESC}cb${ESC}(Bc`, 'abc'],
    [
      'an OSC never closed, which a terminal would swallow to the end',
      `garder${ESC}]2;tout le reste`,
      'garder',
    ],
    ['a bell and a backspace', `a${BEL}b\bc`, 'abc'],
  ])('removes %s whole', (_what, raw, clean) => {
    expect(cleanUserText(raw)).toBe(clean);
  });

  it('keeps text that only looks like a sequence, and emoji sequences', () => {
    expect(cleanUserText('Le code [31m et ]0; restent')).toBe('Le code [31m et ]0; restent');
    expect(cleanUserText('Famille 👨‍👩‍👧 🇫🇷')).toBe('Famille 👨‍👩‍👧 🇫🇷');
  });

  it('a script with escape sequences: the echo, the answers and the stored text are clean', async () => {
    const script = [
      `lancer Titre${ESC}]0;piège${BEL} propre`,
      `pour Contrôle${ESC}[31m rouge${BEL}`,
      `/as ${ESC}[1mÈve${ESC}[0m`,
      `voter${ESC}[2J pour`,
      `${ESC}[31mlancr`,
      'arguments',
    ].join('\n');
    const ran = await debat(['start'], {
      cwd: dir,
      env: { DEBAT_DB_PATH: join(dir, 'debat.sqlite'), DEBAT_USER: 'Paul' },
      input: `${script}\n`,
    });
    expect(ran.code).toBe(0);
    // Not one escape or bell byte reaches the terminal (a script's answers have no colours).
    expect(ran.stdout).not.toMatch(/(?!\n)\p{Cc}/u);
    expect(ran.stdout).toContain('Paul@#general> lancer Titre propre\n━━ Débat n° 1 : Titre propre ━━');
    expect(ran.stdout).toContain('Paul@#general> pour Contrôle rouge\n');
    expect(ran.stdout).toContain('« Contrôle rouge »');
    expect(ran.stdout).toContain(
      '✓ Vous parlez maintenant en tant que Ève (membre).\nÈve@#general> voter pour',
    );
    expect(ran.stdout).toContain('Je ne connais pas « lancr ».');
    // Read back from the database by the `arguments` command: no "[31m" left behind.
    expect(ran.stdout).toContain('n° 1 · Pour · Contrôle rouge');
    expect(ran.stdout).not.toContain('[31m');
    expect(ran.stdout).not.toContain('piège');
  });
});
