import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChannelScope } from '../../src/domain/types.ts';
import { CopyError, compareTables, copyToPostgres } from '../../src/store/copy-to-postgres.ts';
import { PostgresPageStore } from '../../src/store/postgres/page-store.ts';
import { PostgresDebateStore } from '../../src/store/postgres/store.ts';
import { SqlitePageStore } from '../../src/store/sqlite/page-store.ts';
import { person, type TestBed, testEngine } from '../helpers/engine.ts';
import { createTestDatabase, migratedTestDatabase } from '../postgres/databases.ts';
import { BIN } from '../reliability/support/processes.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const CHANNEL: ChannelScope = { platform: 'slack', workspaceId: 'T1', channelId: 'C1' };

/** A database with a bit of everything, written by the real engine as people would. */
async function livedIn(): Promise<TestBed> {
  const bed = await testEngine();
  cleanups.push(() => bed.cleanup());
  const say = async (who: string, text: string, options: Parameters<typeof person>[1] = {}) => {
    await bed.engine.run(person(who, options), text);
    bed.clock.advance(60_000);
  };
  await say('ana', 'lancer Faut-il un open space ?');
  await say('ana', 'config langue en', { admin: true });
  await say('ana', 'config fuseau America/Toronto', { admin: true });
  await say('bea', 'pour La transparence crée la confiance');
  await say('cem', 'contre Le bruit tue la concentration');
  await say('dan', "contre On s'entend plus penser");
  for (const [who, side] of [
    ['bea', 'pour'],
    ['cem', 'contre'],
    ['eve', 'pour'],
    ['fay', 'neutre'],
  ])
    await say(who!, `voter ${side}`, { delivery: `d-${who}` });
  await say('eve', 'voter contre');
  await say('eve', 'delta 2');
  await say('bea', 'appuyer 2');
  await say('eve', 'appuyer 1');
  await say('dan', 'retirer 3');
  await say('ana', 'lancer --anonyme Un sujet délicat ?', { channel: 'C2' });
  await say('gil', 'voter pour', { channel: 'C2' });
  await say('hal', 'voter contre', { channel: 'C2' });
  await say('ana', 'clore #2', { channel: 'C2' });
  // A summary posted with its snapshot, and a page link revoked.
  const token = 'claim-1';
  await bed.store.claimSummary({
    scope: CHANNEL,
    weekStart: '2026-11-23',
    scheduledAt: bed.clock.now().getTime(),
    token,
    instance: 'instance-1',
    aliveSince: 0,
    at: bed.clock.now().getTime(),
    staleBefore: 0,
    maxAttempts: 3,
  });
  await bed.store.completeSummary({
    scope: CHANNEL,
    weekStart: '2026-11-23',
    token,
    at: bed.clock.now().getTime(),
    status: 'posted',
    messageRef: 'C1:1700000000.000100',
    snapshots: [{ debateId: 1, asOf: bed.clock.now().getTime(), counts: { pro: 1, con: 2, neutral: 1 } }],
  });
  await new SqlitePageStore(bed.db).revokePages(1);
  return bed;
}

describe('debat copy-to: SQLite into PostgreSQL', () => {
  it('copies every table, then reads back the same debates, tallies, history, settings and ledger', async () => {
    const bed = await livedIn();
    const target = await migratedTestDatabase();
    cleanups.push(() => target.dispose());
    const reports = await copyToPostgres(bed.db, target.pool);
    const rows = Object.fromEntries(reports.map((report) => [report.table, report.rows]));
    expect(rows).toMatchObject({ debates: 2, arguments: 3, votes: 6, endorsements: 2, summary_ledger: 1 });
    expect(rows.vote_events).toBe(7);
    expect(rows.deliveries).toBeGreaterThanOrEqual(4);

    const copy = new PostgresDebateStore(target.pool);
    for (const id of [1, 2]) {
      expect(await copy.exportData(id)).toEqual(await bed.store.exportData(id));
      expect(await copy.scoreboard(id)).toEqual(await bed.store.scoreboard(id));
    }
    expect(await copy.channelSettings(CHANNEL)).toEqual(await bed.store.channelSettings(CHANNEL));
    expect(await copy.ledgerSince('2026-01-01')).toEqual(await bed.store.ledgerSince('2026-01-01'));
    const window = { from: 0, to: bed.clock.now().getTime() + 1 };
    expect(await copy.weekActivity(CHANNEL, window)).toEqual(await bed.store.weekActivity(CHANNEL, window));
    expect(await new PostgresPageStore(copy.db).pageVersion(1)).toBe(2);
    expect(await copy.serverSetting('anonymity_key_fingerprint')).toBe(
      await bed.store.serverSetting('anonymity_key_fingerprint'),
    );
    // New rows continue after the copied ids.
    const next = await copy.openDebate({
      scope: CHANNEL,
      uid: 'after-copy',
      topic: 'Après',
      openerKey: 'ana',
      openerName: null,
      anonymous: false,
      hidden: false,
      at: 1,
      closesAt: null,
    });
    expect(next.debate).toMatchObject({ id: 3, number: 3 });
  });

  it('finds a table that differs, and refuses to fill a database that already holds debates', async () => {
    const bed = await livedIn();
    const target = await migratedTestDatabase();
    cleanups.push(() => target.dispose());
    await copyToPostgres(bed.db, target.pool);
    await target.pool.query("UPDATE votes SET side = 'pro' WHERE side = 'con' AND debate_id = 1");
    await expect(compareTables(bed.db, target.pool, ['debates', 'votes'])).rejects.toThrow(
      /table votes differs after the copy \(6 rows in SQLite, 6 in PostgreSQL\)/,
    );
    await expect(copyToPostgres(bed.db, target.pool)).rejects.toThrow(CopyError);
  });

  it('as `debat copy-to --database-url …`: a table per line, then one line that says all compared; again, one line that says no', async () => {
    const bed = await livedIn();
    const target = await createTestDatabase();
    cleanups.push(() => target.drop());
    const copy = (url: string) =>
      spawnSync(process.execPath, [BIN, 'copy-to', '--database-url', url], {
        cwd: bed.dir,
        encoding: 'utf8',
        timeout: 30_000,
        env: { PATH: process.env.PATH, HOME: bed.dir, DEBAT_DB_PATH: bed.path },
      });
    const first = copy(target.url);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('debates: 2 row(s)\n');
    expect(first.stdout).toContain('every table compared, row for row: identical\n');
    // The anonymity key stays behind, and the last line says how to give it to the instances.
    expect(
      first.stdout.endsWith(
        `The anonymity key was not copied (it never is): give every instance DEBAT_SECRET set to the content of ${bed.path}.key\n`,
      ),
    ).toBe(true);
    const again = copy(target.url);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(
      /^Débat stopped: the PostgreSQL database already holds debates: copy-to fills an empty one only/,
    );
    expect(again.stderr.trim().split('\n')).toHaveLength(1);
    const wrong = copy('mysql://somewhere/debat');
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toBe(
      'Invalid configuration: --database-url: must be a PostgreSQL URL, e.g. postgres://debat:password@db.example:5432/debat\n',
    );
  });
});
