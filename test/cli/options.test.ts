// `debat --help`, `-h`, `help`, `--version` and mistakes answer and exit; none of them starts the bot.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { debat } from './run.ts';

const VERSION = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version;
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'debat-options-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The bot never started if it created no database. */
const started = () => existsSync(join(dir, 'data'));

describe('the debat command line', () => {
  it.each([['--help'], ['-h'], ['help'], ['start', '--help'], ['export', '-h']])(
    '`debat %s` prints the usage and exits 0',
    async (...args) => {
      const ran = await debat(args, { cwd: dir });
      expect(ran.code).toBe(0);
      expect(ran.stdout).toMatch(/^Usage: debat \[command\] \[options\]\n/);
      expect(ran.stdout).toContain('debat export --channel');
      expect(ran.stdout).toContain('[--png FILE]');
      expect(ran.stderr).toBe('');
      expect(started()).toBe(false);
    },
  );

  it.each([['--version'], ['-v'], ['version']])('`debat %s` prints the version and exits 0', async (flag) => {
    const ran = await debat([flag], { cwd: dir });
    expect(ran).toMatchObject({ code: 0, stdout: `debat ${VERSION}\n`, stderr: '' });
    expect(started()).toBe(false);
  });

  it.each([
    [['--verbose'], 'Unknown option "--verbose".'],
    [['-x'], 'Unknown option "-x".'],
    [['start', '--port', '80'], 'Unknown option "--port" for "start".'],
    [['migrate', 'now'], 'Unexpected argument "now" for "migrate".'],
    [['lancer'], 'Unknown command "lancer".'],
  ])('`debat %j` names the mistake, shows the usage and exits 2', async (args, said) => {
    const ran = await debat(args, { cwd: dir });
    expect(ran.code).toBe(2);
    expect(ran.stderr.split('\n')[0]).toBe(said);
    expect(ran.stderr).toContain('Usage: debat [command] [options]');
    expect(ran.stdout).toBe('');
    expect(started()).toBe(false);
  });

  it('starts the bot with no arguments (a script on stdin, then end of input)', async () => {
    const ran = await debat([], { cwd: dir, env: { DEBAT_USER: 'Paul' }, input: 'lancer Café ?\n' });
    expect(ran.code).toBe(0);
    expect(ran.stdout).toContain('Paul@#general> lancer Café ?');
    expect(started()).toBe(true);
  });
});
