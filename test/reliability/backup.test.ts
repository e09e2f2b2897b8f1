import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { BackupError, backupDatabase } from '../../src/store/sqlite/backup.ts';
import { figure } from './support/figures.ts';
import { killAll, startDebat, startScript } from './support/processes.ts';
import { removeTempDirs, tempDir } from './support/temp.ts';

afterEach(async () => {
  await killAll();
  removeTempDirs();
});

const env = (db: string) => ({ DEBAT_DB_PATH: db, DEBAT_USER: 'paul', DEBAT_TIMEZONE: 'Europe/Paris' });

const SESSION = [
  'lancer Faut-il un open space ?',
  'pour La porte toujours ouverte',
  '/as Zoé',
  'contre Le bruit permanent',
  'voter contre',
  'appuyer 1',
  '/as Marc',
  'voter pour',
  '/canal compta',
  'lancer Budget café --anonyme --masque',
  'voter pour',
  '/as paul',
  '/canal general',
];
/** What "the same debates" means here: what these reads print, to the character. */
// Each debate is read from its own channel.
const READS = [
  'liste',
  'bilan #1',
  'arguments #1',
  'exporter #1 csv',
  '/canal compta',
  'bilan #2',
  '/canal general',
];
const SENTINEL = 'voter fin-de-lecture';

describe('debat backup <file>', () => {
  it('copies the database of a running bot, and the restored copy holds the same debates', {
    timeout: 60_000,
  }, async () => {
    const dir = tempDir();
    const bot = startDebat(['start'], env(join(dir, 'live.sqlite')), dir);
    for (const line of SESSION) bot.send(line);
    bot.send(SENTINEL);
    await bot.waitForOutput('« fin-de-lecture »');
    const before = bot.stdout.length;
    for (const line of [...READS, SENTINEL]) bot.send(line);
    await bot.waitForOutput('« fin-de-lecture »', before);
    const liveReads = bot.stdout.slice(before);

    // A second process takes the backup while the bot still runs (its stdin stays open).
    const backup = startDebat(['backup', 'copie.sqlite'], env(join(dir, 'live.sqlite')), dir);
    expect(await backup.exited).toEqual({ code: 0, signal: null });
    expect(backup.stdout).toMatch(/Backup written to .*copie\.sqlite: schema version \d+, 2 debate\(s\)/);
    expect(bot.running).toBe(true);
    // One self-contained file: no partial copy, no -wal beside it.
    expect(readdirSync(dir).filter((name) => name.startsWith('copie'))).toEqual(['copie.sqlite']);

    // The bot goes on after the backup; its later writes are not in the copy.
    bot.send('lancer Après la sauvegarde');
    await bot.waitForOutput('Après la sauvegarde');

    copyFileSync(join(dir, 'copie.sqlite'), join(dir, 'restored.sqlite'));
    // In a folder of its own, so its export is a file beside the live bot's, not a second copy.
    const elsewhere = join(dir, 'restored');
    mkdirSync(elsewhere);
    // The anonymity key is never in a backup: without its key file the copy refuses to start
    // (a new key would count every anonymous voter twice); restored with it, it starts.
    const keyless = startDebat(['start'], env(join(dir, 'restored.sqlite')), elsewhere);
    keyless.process.stdin.end('liste\n');
    expect(await keyless.exited).toEqual({ code: 1, signal: null });
    expect(keyless.stderr).toContain(`the key file ${join(dir, 'restored.sqlite.key')} is missing`);
    expect(existsSync(join(dir, 'restored.sqlite.key'))).toBe(false);
    copyFileSync(join(dir, 'live.sqlite.key'), join(dir, 'restored.sqlite.key'));
    const restored = startDebat(['start'], env(join(dir, 'restored.sqlite')), elsewhere);
    restored.process.stdin.end(`${[...READS, SENTINEL].join('\n')}\n`);
    expect(await restored.exited).toEqual({ code: 0, signal: null });
    expect(restored.stdout.replaceAll(elsewhere, dir)).toBe(liveReads);
    expect(readFileSync(join(elsewhere, 'debat-1.csv'), 'utf8')).toBe(
      readFileSync(join(dir, 'debat-1.csv'), 'utf8'),
    );
    expect(restored.stdout).toContain('Faut-il un open space ?');
    expect(restored.stdout).toContain('Budget café');
    expect(restored.stdout).not.toContain('Après la sauvegarde');
  });

  it('takes a consistent copy while another process keeps writing votes', async () => {
    const dir = tempDir();
    const path = join(dir, 'live.sqlite');
    const writer = startScript('vote-writer.ts', [path], {}, dir);
    await writer.waitForOutput('writing');
    const backup = startDebat(['backup', 'copie.sqlite'], env(path), dir);
    expect(await backup.exited).toEqual({ code: 0, signal: null });
    // The writer was still writing when the backup ended: it stops only now.
    writer.send('stop');
    await writer.waitForOutput(/done \d+/);
    const written = Number(/done (\d+)/.exec(writer.stdout)![1]);

    const copy = new Database(join(dir, 'copie.sqlite'), { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    const votes = (copy.prepare('SELECT count(*) AS n FROM votes').get() as { n: number }).n;
    const events = copy.prepare('SELECT voter_key FROM vote_events ORDER BY id').all() as {
      voter_key: string;
    }[];
    // A snapshot taken mid-stream: some of the votes, and every vote with its history row.
    expect(votes).toBeGreaterThanOrEqual(200);
    expect(votes).toBeLessThanOrEqual(written);
    figure('backup under writes', { votesInCopy: votes, votesWritten: written });
    expect(events).toHaveLength(votes);
    expect(events.map((row) => row.voter_key)).toEqual(
      Array.from({ length: votes }, (_, i) => `writer-${i}`),
    );
    copy.close();
  });

  it('refuses to overwrite an existing file or the database itself', async () => {
    const dir = tempDir();
    const path = join(dir, 'live.sqlite');
    new Database(path).close();
    writeFileSync(join(dir, 'taken.sqlite'), 'précieux');
    await expect(backupDatabase(path, join(dir, 'taken.sqlite'))).rejects.toThrow(BackupError);
    await expect(backupDatabase(path, path)).rejects.toThrow(BackupError);
    await expect(backupDatabase(join(dir, 'none.sqlite'), join(dir, 'x.sqlite'))).rejects.toThrow(
      /No database/,
    );
    expect(existsSync(join(dir, 'x.sqlite'))).toBe(false);
    expect(existsSync(join(dir, 'none.sqlite'))).toBe(false);
  });
});
