// Every `debat` command opens the configured store: with DATABASE_URL set, export, summary and
// forget-workspace read PostgreSQL (no SQLite file appears), and backup says to use pg_dump.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeEngine, openConfiguredStore } from '../../src/compose.ts';
import { loadConfig } from '../../src/config.ts';
import { systemClock } from '../../src/domain/clock.ts';
import { silentLogger } from '../../src/domain/logger.ts';
import { createTestDatabase, type TestDatabase } from '../postgres/databases.ts';
import { debat } from './run.ts';

let database: TestDatabase;
let dir: string;
// On PostgreSQL the anonymity key comes from the environment (never from the database).
const env = () => ({
  DATABASE_URL: database.url,
  DEBAT_TIMEZONE: 'Europe/Paris',
  DEBAT_SECRET: 'a-secret-for-the-cli-tests-0123456789',
});

beforeAll(async () => {
  database = await createTestDatabase();
  dir = mkdtempSync(join(tmpdir(), 'debat-configured-'));
  // A debate opened on PostgreSQL, as a running bot would.
  const config = loadConfig(env());
  const opened = await openConfiguredStore(config, silentLogger);
  const engine = await composeEngine(config, opened, silentLogger, systemClock);
  const inv = {
    platform: 'terminal' as const,
    workspaceId: 'local',
    channelId: 'general',
    user: { id: 'ana', name: 'Ana', isAdmin: false },
  };
  await engine.receive({ kind: 'line', inv, text: 'lancer La semaine de quatre jours ?' });
  await engine.receive({ kind: 'line', inv, text: 'pour Plus de temps pour soi' });
  await engine.close();
  await opened.store.close();
});
afterAll(async () => {
  await database.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe('debat commands on PostgreSQL', () => {
  it('export reads the debate from PostgreSQL and creates no SQLite file', async () => {
    const ran = await debat(['export', '--channel', 'general', '--debate', '1'], { cwd: dir, env: env() });
    expect(ran.stderr).toBe('');
    expect(ran.code).toBe(0);
    expect(ran.stdout).toContain('La semaine de quatre jours ?');
    expect(ran.stdout).toContain('Plus de temps pour soi');
    expect(existsSync(join(dir, 'data'))).toBe(false);
  });

  it('summary --dry-run reads the week from PostgreSQL', async () => {
    const ran = await debat(['summary', '--channel', 'general', '--dry-run'], { cwd: dir, env: env() });
    expect(ran.code).toBe(0);
    expect(ran.stdout).toContain('La semaine de quatre jours ?');
    expect(existsSync(join(dir, 'data'))).toBe(false);
  });

  it('backup refuses with one line naming pg_dump, and writes nothing', async () => {
    const ran = await debat(['backup', 'copy.sqlite'], { cwd: dir, env: env() });
    expect(ran.code).toBe(1);
    expect(ran.stderr.trim().split('\n')).toHaveLength(1);
    expect(ran.stderr).toContain('pg_dump');
    expect(ran.stderr).toContain('DATABASE_URL');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('migrate names the PostgreSQL server, never its password', async () => {
    const ran = await debat(['migrate'], { cwd: dir, env: env() });
    expect(ran.code).toBe(0);
    expect(ran.stdout).toMatch(/^PostgreSQL .+: Nothing to apply; schema version \d+\n$/);
    const password = new URL(database.url).password;
    if (password) expect(ran.stdout).not.toContain(password);
  });
});
