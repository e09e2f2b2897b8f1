// DEBAT_DB_PATH that cannot hold the database: one line naming the variable and why, exit 1.
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { debat } from './run.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'debat-dbpath-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const start = (path: string) =>
  debat(['start'], { cwd: dir, env: { DEBAT_DB_PATH: path }, input: 'liste\n' });

/** What an operator must see: exactly one line, no stack trace, no JSON log line. */
function expectOneLine(ran: { code: number | null; stdout: string; stderr: string }, said: string) {
  expect(ran.code).toBe(1);
  expect(ran.stderr).toBe(`Invalid configuration: DEBAT_DB_PATH: ${said}\n`);
  expect(ran.stdout).toBe('');
}

describe('DEBAT_DB_PATH that cannot be used', () => {
  it('a folder', async () => {
    mkdirSync(join(dir, 'data'));
    expectOneLine(
      await start(join(dir, 'data')),
      `${join(dir, 'data')} is a folder; give a file path, e.g. ${join(dir, 'data')}/debat.sqlite`,
    );
  });

  it('a file that is not a database, left as it was', async () => {
    const notes = 'Courses : pain, lait\n'.repeat(100);
    writeFileSync(join(dir, 'notes.txt'), notes);
    expectOneLine(
      await start(join(dir, 'notes.txt')),
      `${join(dir, 'notes.txt')} is not a SQLite database (or it is damaged)`,
    );
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe(notes);
  });

  it('under a file', async () => {
    writeFileSync(join(dir, 'passwd'), 'root:x:0:0\n');
    const path = join(dir, 'passwd', 'x.sqlite');
    expectOneLine(
      await start(path),
      `${join(dir, 'passwd')} is a file, not a folder, so ${path} cannot be created`,
    );
    expectOneLine(
      await start('/etc/passwd/x.sqlite'),
      '/etc/passwd is a file, not a folder, so /etc/passwd/x.sqlite cannot be created',
    );
  });

  it('somewhere this user may not write', async () => {
    // Root writes anywhere a permission bit forbids; sysfs refuses new files even to root.
    if (process.getuid?.() === 0) {
      expectOneLine(await start('/sys/debat.sqlite'), 'cannot create /sys/debat.sqlite (permission denied)');
      expectOneLine(
        await start('/sys/debat/x.sqlite'),
        'cannot create the folder /sys/debat (permission denied)',
      );
    } else {
      mkdirSync(join(dir, 'locked'));
      chmodSync(join(dir, 'locked'), 0o555);
      const path = join(dir, 'locked', 'debat.sqlite');
      expectOneLine(await start(path), `cannot create ${path} (permission denied)`);
      chmodSync(join(dir, 'locked'), 0o755);
    }
  });

  it('under /proc, answered at once instead of spinning in mkdir', async () => {
    expectOneLine(
      await start('/proc/debat/data/debat.sqlite'),
      'cannot create the folder /proc/debat (the system does not allow it there)',
    );
    expectOneLine(
      await start('/proc/debat.sqlite'),
      'cannot create /proc/debat.sqlite (the system does not allow it there)',
    );
  });

  it('creates the missing folders of a usable path, one level at a time', async () => {
    const ran = await start(join(dir, 'a', 'b', 'debat.sqlite'));
    expect(ran.code).toBe(0);
    expect(ran.stdout).toContain('Aucun débat ouvert');
  });
});
