// `exporter` in the terminal: a file in the working folder, never over another, or why not.
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { debat } from '../cli/run.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'debat-export-file-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const script = (lines: string[], cwd = dir) =>
  debat(['start'], {
    cwd,
    env: { DEBAT_DB_PATH: join(dir, 'debat.sqlite'), DEBAT_USER: 'Paul' },
    input: `${lines.join('\n')}\n`,
  });

describe('exporter in the terminal', () => {
  it('writes the file in the working folder, keeps an existing one, and says where', async () => {
    writeFileSync(join(dir, 'debat-1.md'), 'mes notes\n');
    const ran = await script(['lancer Bureau ouvert ?', 'pour Moins de murs', 'exporter', 'exporter csv']);
    expect(ran.code).toBe(0);
    expect(ran.stdout).toContain(
      `Paul@#general> exporter\n✓ Débat n° 1 exporté dans ${join(dir, 'debat-1-2.md')}\n`,
    );
    expect(ran.stdout).toContain(
      `Paul@#general> exporter csv\n✓ Débat n° 1 exporté dans ${join(dir, 'debat-1.csv')}\n`,
    );
    expect(readFileSync(join(dir, 'debat-1.md'), 'utf8')).toBe('mes notes\n');
    expect(readFileSync(join(dir, 'debat-1-2.md'), 'utf8')).toContain('Moins de murs');
    expect(readFileSync(join(dir, 'debat-1.csv'), 'utf8')).toContain('Moins de murs');
    // The file, not the screen: the export's own lines are not printed.
    expect(ran.stdout).not.toContain('# Débat n° 1');
  });

  it('says why when the working folder takes no file', async () => {
    await script(['lancer Bureau ouvert ?']);
    // sysfs refuses new files even to root; elsewhere a folder without the write bit does.
    let folder = '/sys';
    if (process.getuid?.() !== 0) {
      folder = join(dir, 'locked');
      mkdirSync(folder);
      chmodSync(folder, 0o555);
    }
    const ran = await script(['exporter'], folder);
    expect(ran.code).toBe(0);
    expect(ran.stdout).toContain(
      `Paul@#general> exporter\n✗ Impossible d’écrire l’export dans ${folder} : accès refusé\n`,
    );
  });
});
