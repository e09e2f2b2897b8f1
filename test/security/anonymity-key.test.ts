// Where the anonymity key lives, through the real `debat` process: never in the database. An
// older database that keeps it in clear is migrated at its first start (the key goes to its key
// file, the start says so), and its open anonymous debate still knows each voter.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TERMINAL_WORKSPACE } from '../../adapters/terminal/index.ts';
import { keyFingerprint } from '../../src/anonymity-secret.ts';
import { ManualClock } from '../../src/domain/clock.ts';
import { silentLogger } from '../../src/domain/logger.ts';
import { DebateEngine } from '../../src/engine/engine.ts';
import { loadMigrations, migrate } from '../../src/store/sqlite/migrate.ts';
import { openDatabase } from '../../src/store/sqlite/open-database.ts';
import { SqliteDebateStore } from '../../src/store/sqlite/store.ts';
import { debat } from '../cli/run.ts';
import { DEFAULTS } from '../helpers/engine.ts';
import { removeTempDirs, tempDir } from '../reliability/support/temp.ts';
import { keyForms } from './forensics.ts';

afterEach(removeTempDirs);

const LEGACY_KEY = 'legacyKEY-kept-in-clear-0123456789abcdef';

/**
 * A database as an older version left it: the key in clear in `server_settings`, an open anonymous
 * debate keyed with it. (The schema is today's: the key left the database at a start, not in a
 * migration, and today's engine writes the debate.)
 */
async function legacyDatabase(path: string): Promise<void> {
  const db = openDatabase(path);
  migrate(db, loadMigrations());
  db.prepare("INSERT INTO server_settings (name, value) VALUES ('anonymity_secret', ?)").run(LEGACY_KEY);
  const store = new SqliteDebateStore(db);
  // The engine keyed voters with the kept key, as older versions did.
  const engine = await DebateEngine.create({
    store,
    clock: new ManualClock(new Date()),
    logger: silentLogger,
    defaults: DEFAULTS,
    secret: LEGACY_KEY,
  });
  const as = (id: string) => ({
    platform: 'terminal' as const,
    workspaceId: TERMINAL_WORKSPACE,
    channelId: 'general',
    user: { id, name: id, isAdmin: id === 'moi' },
  });
  await engine.run(as('moi'), 'lancer Sujet sensible ? --anonyme');
  await engine.run(as('zoe'), 'voter pour');
  await engine.run(as('leo'), 'voter contre');
  await engine.close();
  await store.close();
}

/** Every byte of the database's files, as one string. */
const filesOf = (path: string): string =>
  ['', '-wal', '-shm', '-journal']
    .map((suffix) => `${path}${suffix}`)
    .filter((file) => existsSync(file))
    .map((file) => readFileSync(file).toString('latin1'))
    .join('\n');

const run = (dir: string, input: string, env: Record<string, string> = {}) =>
  debat(['start'], {
    cwd: dir,
    env: { DEBAT_DB_PATH: join(dir, 'debat.sqlite'), DEBAT_USER: 'moi', DEBAT_LOG_LEVEL: 'info', ...env },
    input,
  });

describe('the anonymity key', () => {
  it('leaves an older database at its first start, for a key file of its own; open anonymous debates still know each voter', {
    timeout: 90_000,
  }, async () => {
    const dir = tempDir();
    const path = join(dir, 'debat.sqlite');
    await legacyDatabase(path);
    expect(filesOf(path).includes(LEGACY_KEY)).toBe(true);

    // zoe voted pour before the upgrade: voting contre now changes her vote, it adds none.
    const first = await run(dir, '/as zoe\nvoter contre\nbilan\n');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Vote changé : Pour → Contre');
    const moved = first.stderr.split('\n').filter((line) => line.includes('anonymity key moved'));
    expect(moved).toHaveLength(1);
    expect(moved[0]).toContain(`the key file ${path}.key`);

    const keyFile = `${path}.key`;
    expect(readFileSync(keyFile, 'utf8').trim()).toBe(LEGACY_KEY);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    for (const form of keyForms(LEGACY_KEY))
      expect(
        filesOf(path).includes(form),
        `the database's files hold the key as ${JSON.stringify(form)}`,
      ).toBe(false);
    const db = openDatabase(path);
    expect(db.prepare('SELECT name, value FROM server_settings ORDER BY name').all()).toEqual([
      { name: 'anonymity_key_fingerprint', value: keyFingerprint(LEGACY_KEY) },
    ]);
    db.close();

    // A second start finds the key file and says nothing more; leo is still one voter.
    const second = await run(dir, '/as leo\nvoter contre\n/as zoe\nvoter contre\n');
    expect(second.code).toBe(0);
    expect(second.stderr).not.toContain('anonymity key moved');
    expect(second.stdout).toContain('Vote retiré');
    const after = openDatabase(path);
    expect(after.prepare('SELECT side, count(*) AS n FROM votes GROUP BY side').all()).toEqual([]);
    after.close();
  });

  it('refuses to start with a key file that is not the database’s, naming the file', async () => {
    const dir = tempDir();
    const path = join(dir, 'debat.sqlite');
    expect((await run(dir, 'lancer Un sujet ? --anonyme\n')).code).toBe(0);
    expect(statSync(`${path}.key`).mode & 0o777).toBe(0o600);
    writeFileSync(`${path}.key`, 'another-key-of-thirty-two-chars-0000\n', { mode: 0o600 });
    const refused = await run(dir, 'liste\n');
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim()).toBe(
      `Invalid configuration: DEBAT_DB_PATH: the key file ${path}.key differs from the key this database was used with; restore the right one, or set DEBAT_SECRET`,
    );
  });

  it('is sealed in the database with DEBAT_ENCRYPTION_KEY when set: no key file, the key in no readable form', async () => {
    const dir = tempDir();
    const path = join(dir, 'debat.sqlite');
    await legacyDatabase(path);
    const sealing = { DEBAT_ENCRYPTION_KEY: Buffer.alloc(32, 9).toString('base64') };
    const first = await run(dir, '/as zoe\nvoter contre\n', sealing);
    expect(first.stdout).toContain('Vote changé : Pour → Contre');
    expect(first.stderr).toContain('sealed with DEBAT_ENCRYPTION_KEY');
    expect(existsSync(`${path}.key`)).toBe(false);
    for (const form of keyForms(LEGACY_KEY)) expect(filesOf(path).includes(form)).toBe(false);
    // Without the encryption key, the sealed key does not open: the start says which variable.
    const without = await run(dir, 'liste\n', { DEBAT_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('hex') });
    expect(without.code).toBe(1);
    expect(without.stderr).toMatch(
      /^Invalid configuration: DEBAT_ENCRYPTION_KEY: does not open the anonymity key/,
    );
  });

  it('is never in a backup, and `debat backup` says so', async () => {
    const dir = tempDir();
    const path = join(dir, 'debat.sqlite');
    expect((await run(dir, 'lancer Un sujet ? --anonyme\nvoter pour\n')).code).toBe(0);
    const key = readFileSync(`${path}.key`, 'utf8').trim();
    const backup = await debat(['backup', join(dir, 'copy.sqlite')], {
      cwd: dir,
      env: { DEBAT_DB_PATH: path },
    });
    expect(backup.code).toBe(0);
    expect(backup.stdout).toContain(`The anonymity key file ${path}.key is not in the backup`);
    const bytes = readFileSync(join(dir, 'copy.sqlite')).toString('latin1');
    for (const form of keyForms(key)) expect(bytes.includes(form)).toBe(false);
  });
});
