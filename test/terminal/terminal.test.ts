import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const BIN = new URL('../../bin/debat.mjs', import.meta.url).pathname;
const EXAMPLE = new URL('../../examples/twitter.txt', import.meta.url).pathname;
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'debat-terminal-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `debat start` as a person would, with a script on stdin. */
function runScript(script: string, env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'start'], {
      cwd: dir,
      env: {
        PATH: process.env.PATH,
        HOME: dir,
        DEBAT_DB_PATH: join(dir, 'debat.sqlite'),
        DEBAT_USER: 'Paul',
        ...env,
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(script);
  });
}

describe('the terminal adapter', () => {
  it('replays the Twitter debate from examples/ and exits 0 at end of input', async () => {
    const { code, stdout } = await runScript(readFileSync(EXAMPLE, 'utf8'));
    expect(code).toBe(0);
    expect(stdout).toContain('Débat n° 1 : Sur Twitter, faut-il mêler vie perso et vie pro ?');
    expect(stdout).toContain('Sophie@#general> /debat pour Mes abonnés');
    expect(stdout).toContain('✓ Vote changé : Contre → Pour (débat n° 1).');
    expect(stdout).toContain('Qu’est-ce qui vous a fait changer d’avis ?');
    expect(stdout).toContain('Vouliez-vous dire « lancer » ?');
    // Julien is an ordinary member: he may not close Paul's debate.
    expect(stdout).toContain('✗ Seuls l’auteur du débat et les admins peuvent le clore ou le rouvrir.');
    expect(stdout).toMatch(/Pour\s+█+[▏▎▍▌▋▊▉]?░* 2 \(67 %\)/);
    // The script's `# …` comment lines are skipped, not answered with the help.
    expect(stdout).not.toContain('Je ne connais pas « # »');
  });

  it('keeps going after a bad line, and remembers debates across runs', async () => {
    const first = await runScript(
      'lancer Bureau ouvert ?\nvoter peut-être\n\u0000\u0007\npour Un argument\n',
    );
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('✗ « peut-être » n’est pas un côté');
    expect(first.stdout).toContain('+ Argument n° 1 ajouté (Pour) au débat n° 1.');
    const second = await runScript('/as Zoé\nvoter contre\n/canal compta\nvoter pour\n/quit\nvoter pour\n');
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('✓ Vote enregistré : Contre (débat n° 1).');
    expect(second.stdout).toContain('Zoé@#compta> voter pour\n✗ Aucun débat ouvert dans ce salon.');
    // Nothing is read after /quit.
    expect(second.stdout.match(/voter pour/g)).toHaveLength(1);
  });

  it('gives the keyboard back to its owner with /as <owner>: same person, still the admin', async () => {
    const { code, stdout } = await runScript(
      'lancer Bureau ouvert ?\n/as Manon\nvoter pour\n/as paul\nvoter contre\nclore\n',
    );
    expect(code).toBe(0);
    expect(stdout).toContain('Paul@#general> voter contre\n✓ Vote enregistré : Contre (débat n° 1).');
    expect(stdout).toContain(
      'Paul@#general> clore\n🏁 Débat n° 1 terminé dans #general : voici le résultat final.',
    );
  });

  it('speaks English when the channel language is English', async () => {
    const { stdout } = await runScript('config langue en\nopen Open plan offices?\nvote for\n', {});
    expect(stdout).toContain('Debate #1: Open plan offices?');
    expect(stdout).toContain('✓ Vote recorded: For (debate #1).');
  });

  it('suggests what to type next in the channel’s language', async () => {
    const english = await runScript(
      'config langue en\nopen Open plan offices?\npro Quiet matters\nclose\ntally #1\n',
    );
    expect(english.stdout).toContain('→ vote for | vote against | vote neutral | pro <argument>');
    expect(english.stdout).toContain('  “Quiet matters” (by Paul)');
    expect(english.stdout).toContain('→ reopen #1 | export #1');
    expect(english.stdout).not.toContain('voter pour');
    const french = await runScript('/canal compta\nlancer Bureau ouvert ?\n');
    expect(french.stdout).toContain('→ voter pour | voter contre | voter neutre | pour <argument>');
  });

  it('says what is missing in a summary setting, and names the wrong word', async () => {
    const { stdout } = await runScript('config bilan jeudi\nconfig bilan 25:00 lundi\nconfig couleur bleu\n');
    expect(stdout).toContain(
      'config bilan jeudi\n✗ Précisez le jour et l’heure du bilan. Exemple : /debat config bilan vendredi 16:00 (ou bilan off).',
    );
    expect(stdout).toContain('✗ Heure invalide : « 25:00 ». Exemple : 16:00.');
    expect(stdout).toContain('Réglages : fuseau, bilan, langue, fil, lancer, rappels, relances, rythme.');
  });

  it('names the English command in an English usage error', async () => {
    const { stdout } = await runScript('config langue en\nopen Open plan offices?\npro\nendorse\n');
    expect(stdout).toContain('✗ The argument is missing: /debat pro <argument>');
    expect(stdout).toContain('✗ Give the argument’s number: /debat endorse <n>');
  });

  it('refuses a bad configuration at once, naming the variable', async () => {
    const { code, stderr } = await runScript('', { DEBAT_TIMEZONE: 'Mars/Olympus' });
    expect(code).toBe(1);
    expect(stderr).toContain('DEBAT_TIMEZONE');
    expect(stderr).toContain('Mars/Olympus');
  });
});
