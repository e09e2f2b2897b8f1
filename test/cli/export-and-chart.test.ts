// Exports and the week's chart as files for operators: `debat export` and `debat summary --png`.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { person, type TestBed } from '../helpers/engine.ts';
import { seedBeforeWindow, seededBed, seedWindow } from '../summary/seed.ts';
import { debat } from './run.ts';

let bed: TestBed;
let dir: string;
beforeAll(async () => {
  bed = await seededBed();
  await seedBeforeWindow(bed);
  await seedWindow(bed);
  dir = mkdtempSync(join(tmpdir(), 'debat-export-'));
});
afterAll(async () => {
  await bed.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

const run = (args: string[]) =>
  debat(args, { cwd: dir, env: { DEBAT_DB_PATH: bed.path, DEBAT_TIMEZONE: 'Europe/Paris' } });

describe('debat export', () => {
  it('prints a debate as Markdown on stdout when no file is named', async () => {
    const ran = await run(['export', '--channel', 'slack:T1:C1', '--debate', '1']);
    expect(ran.code).toBe(0);
    expect(ran.stdout).toMatch(/^# Débat n° 1 : Télétravail le vendredi \?\n/);
    expect(ran.stdout).toContain('On gagne du temps de trajet');
    expect(ran.stderr).toBe('');
  });

  it('writes CSV to --out and says where on stderr; an anonymous debate names nobody', async () => {
    const ran = await run([
      'export',
      '--channel',
      'slack:T1:C1',
      '--debate',
      '#4',
      '--format',
      'csv',
      '--out',
      'cafe.csv',
    ]);
    expect(ran.code).toBe(0);
    expect(ran.stdout).toBe('');
    expect(ran.stderr).toBe(`Debate #4 exported to ${join(dir, 'cafe.csv')}\n`);
    const csv = readFileSync(join(dir, 'cafe.csv'), 'utf8');
    expect(csv).toContain('Le café, c’est la vie');
    for (const name of ['frank', 'alice', 'gina', 'hugo']) expect(csv).not.toContain(name);
  });

  it('answers a wrong command line with the usage (2) and a missing debate with the reason (1)', async () => {
    const wrong = await run(['export', '--channel', 'slack:T1:C1', '--format', 'pdf']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('--format: "pdf" is neither md nor csv');
    expect(wrong.stderr).toContain('Usage: debat export --channel');
    const missing = await run(['export', '--channel', 'slack:T1:C1', '--debate', '99']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^✗ .*99/);
    const nowhere = await run([
      'export',
      '--channel',
      'slack:T1:C1',
      '--debate',
      '1',
      '--out',
      '/nonexistent/x.md',
    ]);
    expect(nowhere).toMatchObject({
      code: 1,
      stderr: '--out: cannot write /nonexistent/x.md: its folder does not exist\n',
    });
  });
});

describe('debat summary --png', () => {
  it('writes the week’s chart as a PNG file', async () => {
    const ran = await run([
      'summary',
      '--channel',
      'slack:T1:C1',
      '--at',
      '2026-03-27T15:30:00Z',
      '--dry-run',
      '--png',
      'week.png',
    ]);
    expect(ran.code).toBe(0);
    expect(ran.stdout).toContain(`png      chart written to ${join(dir, 'week.png')}`);
    const png = readFileSync(join(dir, 'week.png'));
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    // Width and height from the IHDR chunk: a picture, not an empty file.
    expect(png.readUInt32BE(16)).toBeGreaterThan(100);
    expect(png.readUInt32BE(20)).toBeGreaterThan(50);
  });

  it('says so, and writes nothing, for a week without activity', async () => {
    const ran = await run([
      'summary',
      '--channel',
      'slack:T1:C1',
      '--at',
      '2026-01-09T15:30:00Z',
      '--dry-run',
      '--png',
      'empty.png',
    ]);
    expect(ran.code).toBe(1);
    expect(ran.stdout).toContain('png      nothing happened in this window: no chart written');
    expect(existsSync(join(dir, 'empty.png'))).toBe(false);
  });

  it('draws topics with noncharacters: removed when typed, and dropped from the chart if already stored', async () => {
    const typed = await bed.engine.run(
      person('nc', { channel: 'CNONCHAR' }),
      'lancer Avec\uFFFF des\uFFFE non\u{FDD0}caractères\u{10FFFF} ?',
    );
    expect(typed.replies[0]?.view.kind).not.toBe('error');
    const stored = bed.db
      .prepare("SELECT topic FROM debates WHERE channel_id = 'CNONCHAR'")
      .pluck()
      .get() as string;
    expect(stored).toBe('Avec des noncaractères ?');
    // As a store written before this rule may hold it: the chart still draws, without them.
    bed.db
      .prepare("UPDATE debates SET topic = ? WHERE channel_id = 'C1' AND number = 1")
      .run('Télétravail\uFFFF le\uFFFE vendredi\u0001 ?');
    const ran = await run([
      'summary',
      '--channel',
      'slack:T1:C1',
      '--at',
      '2026-03-27T15:30:00Z',
      '--dry-run',
      '--png',
      'nonchar.png',
    ]);
    expect(ran.code).toBe(0);
    expect(ran.stdout).toContain(`png      chart written to ${join(dir, 'nonchar.png')}`);
    const png = readFileSync(join(dir, 'nonchar.png'));
    const week = readFileSync(join(dir, 'week.png'));
    // The same rows as the week's chart drawn before: nothing was left out.
    expect(png.readUInt32BE(20)).toBe(week.readUInt32BE(20));
  });
});
