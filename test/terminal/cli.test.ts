import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadMigrations } from '../../src/store/sqlite/migrate.ts';

const BIN = new URL('../../bin/debat.mjs', import.meta.url).pathname;
const versions = loadMigrations().map((migration) => migration.version);
const latest = versions.length;
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'debat-cli-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** `debat <args>` run in a fresh folder, as an operator would. */
const debat = (args: string[], input = '') =>
  spawnSync(process.execPath, [BIN, ...args], {
    cwd: dir,
    input,
    encoding: 'utf8',
    timeout: 20_000,
    env: { PATH: process.env.PATH, HOME: dir, DEBAT_USER: 'Paul' },
  });

describe('the debat command', () => {
  it('applies the migrations once with `debat migrate`, into ./data/debat.sqlite by default', () => {
    const first = debat(['migrate']);
    expect(first.status).toBe(0);
    expect(first.stdout).toContain(`Applied ${versions.join(', ')}; schema version ${latest}\n`);
    const again = debat(['migrate']);
    expect(again.stdout).toContain(`Nothing to apply; schema version ${latest}\n`);
  });

  it('answers an unknown subcommand with the usage and exit code 2', () => {
    const result = debat(['lancer']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('Unknown command "lancer"');
    expect(result.stderr).toContain('Usage: debat [command] [options]');
  });

  it('reads a .env file from the working folder (empty values mean the default)', () => {
    writeFileSync(join(dir, '.env'), 'DEBAT_LANGUAGE=en\nDEBAT_DB_PATH=./autre/base.sqlite\nPORT=\n');
    const result = debat(['start'], 'open Open plan?\n');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Debate #1: Open plan?');
    expect(debat(['migrate']).stdout).toContain(`Nothing to apply; schema version ${latest}\n`);
  });
});
