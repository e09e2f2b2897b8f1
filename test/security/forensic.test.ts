// The attacker with the files. After a session with an anonymous debate (a dozen people, votes,
// changes of side, a ∆, endorsements, arguments), everything the bot wrote is read: the SQLite
// database, its -wal and -shm, a `debat backup` taken while it ran, its logs at debug; on
// PostgreSQL, a pg_dump. The attacker must fail to find the anonymity key in any encoding, to
// link any anonymous vote, endorsement or argument to a user id the database lists (under every
// string of the files taken as a key), and to order votes cast on the same day. Once the debate's
// links are destroyed, the same attacker is also given the key, and must still fail.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/domain/clock.ts';
import { silentLogger } from '../../src/domain/logger.ts';
import type { Invocation } from '../../src/domain/types.ts';
import { DebateEngine } from '../../src/engine/engine.ts';
import { participantKey } from '../../src/engine/identity.ts';
import { migratePostgres } from '../../src/store/postgres/migrate.ts';
import { openPool } from '../../src/store/postgres/pool.ts';
import { PostgresDebateStore } from '../../src/store/postgres/store.ts';
import { openDatabase } from '../../src/store/sqlite/open-database.ts';
import { SqliteDebateStore } from '../../src/store/sqlite/store.ts';
import { debat } from '../cli/run.ts';
import { type FakeSlack, startFakeSlack } from '../fakes/slack/index.ts';
import { DEFAULTS } from '../helpers/engine.ts';
import { debianPostgresAvailable, startDebianPostgres } from '../postgres/debian-server.ts';
import { killAll } from '../reliability/support/processes.ts';
import { startSlackBot } from '../reliability/support/slack-process.ts';
import { removeTempDirs, tempDir } from '../reliability/support/temp.ts';
import { type AnonymousRow, dumpTables, linkAttempt, ordersMatch, secretCandidates } from './attacker.ts';
import { keyForms } from './forensics.ts';

const KEY = 'forensic-KEY-0aB1cD2eF3gH4iJ5kL6mN7';
const OPENER = 'U9OPENER000';
const VOTERS = Array.from({ length: 16 }, (_, i) => `U9VOTER${String(i).padStart(4, '0')}`);

let slack: FakeSlack | undefined;
afterEach(async () => {
  await killAll();
  await slack?.close();
  slack = undefined;
  removeTempDirs();
});

/** A session, as a list of (person, command line): a named debate everyone votes in, then the anonymous one. */
const SESSION: [string, string][] = [
  [OPENER, 'lancer Un sujet nommé ?'],
  ...VOTERS.map((id, i): [string, string] => [id, `voter ${i % 2 ? 'contre' : 'pour'}`]),
  [OPENER, 'lancer Un sujet sensible ? --anonyme'],
  [VOTERS[0]!, 'pour Un argument anonyme'],
  [VOTERS[1]!, 'contre Un autre'],
  // The order the attacker must not recover: each voter's first vote, one after the other.
  ...VOTERS.map((id, i): [string, string] => [id, `voter ${i % 3 === 0 ? 'contre' : 'pour'}`]),
  [VOTERS[3]!, 'voter pour'],
  [VOTERS[3]!, 'delta 1'],
  [VOTERS[5]!, 'appuyer 1'],
  [VOTERS[6]!, 'appuyer 2'],
];

/** Every key column of the anonymous debates' rows, read as an attacker reads a SQLite file. */
function sqliteRows(path: string) {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const anonymous = db.prepare('SELECT id, uid FROM debates WHERE anonymous = 1').all() as {
      id: number;
      uid: string;
    }[];
    const rows: AnonymousRow[] = [];
    for (const { id, uid } of anonymous) {
      const keys = db
        .prepare(
          `SELECT voter_key AS key FROM votes WHERE debate_id = @id
           UNION ALL SELECT voter_key FROM vote_events WHERE debate_id = @id
           UNION ALL SELECT e.endorser_key FROM endorsements e JOIN arguments a ON a.id = e.argument_id WHERE a.debate_id = @id
           UNION ALL SELECT author_key FROM arguments WHERE debate_id = @id AND author_key IS NOT NULL
           UNION ALL SELECT opener_key FROM debates WHERE id = @id AND opener_key IS NOT NULL`,
        )
        .all({ id }) as { key: string }[];
      rows.push(...keys.map(({ key }) => ({ key, debateUid: uid })));
    }
    // The user ids the database lists: named debates' voters, authors, openers.
    const userIds = (
      db
        .prepare(
          `SELECT voter_key AS id FROM votes v JOIN debates d ON d.id = v.debate_id WHERE d.anonymous = 0
           UNION SELECT author_key FROM arguments a JOIN debates d ON d.id = a.debate_id WHERE d.anonymous = 0
           UNION SELECT opener_key FROM debates WHERE anonymous = 0`,
        )
        .all() as { id: string | null }[]
    ).flatMap((row) => (row.id ? [row.id] : []));
    const [{ workspace_id: workspaceId, id: debateId, uid }] = db
      .prepare('SELECT workspace_id, id, uid FROM debates WHERE anonymous = 1')
      .all() as { workspace_id: string; id: number; uid: string }[] as [
      { workspace_id: string; id: number; uid: string },
    ];
    const distinct = (sql: string) => (db.prepare(sql).all(debateId) as unknown[]).length;
    return {
      rows,
      userIds,
      workspaceId,
      uid,
      // Orders the attacker can read: each first vote's event id, the votes table's own order.
      eventOrder: (
        db
          .prepare('SELECT voter_key FROM vote_events WHERE debate_id = ? AND old_side IS NULL ORDER BY id')
          .all(debateId) as { voter_key: string }[]
      ).map((row) => row.voter_key),
      tableOrder: (
        db.prepare('SELECT voter_key FROM votes WHERE debate_id = ?').all(debateId) as { voter_key: string }[]
      ).map((row) => row.voter_key),
      times: {
        votes: distinct('SELECT DISTINCT voted_at FROM votes WHERE debate_id = ?'),
        events: distinct('SELECT DISTINCT at FROM vote_events WHERE debate_id = ?'),
        endorsements: distinct(
          'SELECT DISTINCT e.at FROM endorsements e JOIN arguments a ON a.id = e.argument_id WHERE a.debate_id = ?',
        ),
      },
    };
  } finally {
    db.close();
  }
}

const readAll = (files: readonly string[]) =>
  files.filter((file) => existsSync(file)).map((file) => readFileSync(file).toString('latin1'));

/** The voters' keys in the order of where each first (or last) sits in the file's bytes. */
const fileOrder = (bytes: string, keys: readonly string[], last = false) =>
  keys
    .map((key) => ({ key, at: last ? bytes.lastIndexOf(key) : bytes.indexOf(key) }))
    .filter((entry) => entry.at >= 0)
    .sort((a, b) => a.at - b.at)
    .map((entry) => entry.key);

describe('the attacker with the SQLite files, the logs and a backup', () => {
  it('finds no key, links nobody, orders no two votes of the day; nor with the key once the links are gone', {
    timeout: 120_000,
  }, async () => {
    slack = await startFakeSlack();
    const fake = slack;
    const dir = tempDir();
    const path = join(dir, 'debat.sqlite');
    const bot = await startSlackBot(fake, dir, { DEBAT_SECRET: KEY, DEBAT_LOG_LEVEL: 'debug' });
    for (const [user, text] of SESSION) {
      const answer = await bot.client.command(fake.payloads.slashCommand({ user, channel: 'C9ANON', text }));
      expect(answer.status).toBe(200);
    }
    const backup = join(dir, 'backup.sqlite');
    expect((await debat(['backup', backup], { cwd: dir, env: { DEBAT_DB_PATH: path } })).code).toBe(0);
    bot.child.process.kill('SIGTERM');
    expect(await bot.child.exited).toEqual({ code: 0, signal: null });

    const logs = bot.child.stderr;
    expect(/"level":20/.test(logs), 'debug lines were logged').toBe(true);
    const files = [path, `${path}-wal`, `${path}-shm`, backup];
    const texts = [...readAll(files), logs];
    for (const form of keyForms(KEY))
      for (const text of texts) expect(text.includes(form), `the key, as ${form}`).toBe(false);

    for (const file of [path, backup]) {
      const seen = sqliteRows(file);
      expect(seen.rows.length).toBeGreaterThan(VOTERS.length);
      expect(seen.userIds).toEqual(expect.arrayContaining([OPENER, ...VOTERS]));
      const attack = {
        rows: seen.rows,
        userIds: seen.userIds,
        platform: 'slack' as const,
        workspaceId: seen.workspaceId,
      };
      expect(linkAttempt({ ...attack, candidates: secretCandidates(texts) }), file).toEqual([]);
      // The same attack given the key links every one of them: it is a real attack.
      expect(linkAttempt({ ...attack, candidates: [KEY] }).length).toBeGreaterThanOrEqual(VOTERS.length);

      // The order the votes were cast in, known to the test alone.
      const cast = VOTERS.map((userId) =>
        participantKey(
          KEY,
          { uid: seen.uid, anonymous: true },
          { platform: 'slack', workspaceId: seen.workspaceId, userId },
        ),
      );
      expect(seen.times).toEqual({ votes: 1, events: 1, endorsements: 1 });
      expect(ordersMatch(seen.eventOrder, cast), `${file}: event ids`).toBe(false);
      expect(ordersMatch(seen.tableOrder, cast), `${file}: the table's order`).toBe(false);
      expect(
        ordersMatch(fileOrder(readFileSync(file).toString('latin1'), cast), cast),
        `${file}: bytes`,
      ).toBe(false);
    }

    // Seven days after the end, the links are destroyed (the sweep's step, on the same file).
    const db = openDatabase(path);
    const store = new SqliteDebateStore(db);
    const closedAt = Date.now();
    db.prepare("UPDATE debates SET status = 'closed', closed_at = ? WHERE anonymous = 1").run(closedAt);
    expect(await store.unlinkEnded(closedAt + 1)).toHaveLength(1);
    await store.close();
    const after = join(dir, 'after.sqlite');
    expect((await debat(['backup', after], { cwd: dir, env: { DEBAT_DB_PATH: path } })).code).toBe(0);
    for (const file of [path, after]) {
      const seen = sqliteRows(file);
      const attack = {
        rows: seen.rows,
        userIds: seen.userIds,
        platform: 'slack' as const,
        workspaceId: seen.workspaceId,
      };
      expect(
        linkAttempt({ ...attack, candidates: [KEY, ...secretCandidates(readAll([file]))] }),
        file,
      ).toEqual([]);
      expect(seen.times).toEqual({ votes: 1, events: 1, endorsements: 1 });
    }
  });
});

describe.runIf(debianPostgresAvailable())('the attacker with a pg_dump', () => {
  it('finds no key, links nobody, orders no two votes of the day; nor with the key once the links are gone', async () => {
    const server = await startDebianPostgres();
    const pool = await openPool({ url: server.url, poolSize: 4 });
    const store = new PostgresDebateStore(pool);
    const clock = new ManualClock(new Date('2026-11-24T09:00:00Z'));
    try {
      await migratePostgres(pool);
      const engine = await DebateEngine.create({
        store,
        clock,
        logger: silentLogger,
        defaults: DEFAULTS,
        secret: KEY,
      });
      const as = (id: string): Invocation => ({
        platform: 'slack',
        workspaceId: 'T9WORK',
        channelId: 'C9ANON',
        user: { id, name: `name-${id}`, isAdmin: false },
      });
      for (const [user, text] of SESSION) {
        clock.advance(60_000);
        await engine.run(as(user), text);
      }
      await engine.sweep();

      const read = (dump: string) => {
        const tables = dumpTables(dump);
        const debates = tables.get('debates')!;
        const anonymous = debates.find((d) => d.anonymous === 't')!;
        const argumentsOf = new Set(
          tables
            .get('arguments')!
            .filter((a) => a.debate_id === anonymous.id)
            .map((a) => a.id),
        );
        const of = (name: string) => tables.get(name)!.filter((row) => row.debate_id === anonymous.id);
        const endorsements = tables.get('endorsements')!.filter((e) => argumentsOf.has(e.argument_id!));
        const keys = [
          ...of('votes').map((v) => v.voter_key!),
          ...of('vote_events').map((e) => e.voter_key!),
          ...endorsements.map((e) => e.endorser_key!),
          ...of('arguments').map((a) => a.author_key!),
          anonymous.opener_key!,
        ].filter((key) => key !== '\\N');
        const named = new Set(debates.filter((d) => d.anonymous === 'f').map((d) => d.id));
        const userIds = [
          ...new Set([
            ...tables
              .get('votes')!
              .filter((v) => named.has(v.debate_id!))
              .map((v) => v.voter_key!),
            ...debates.filter((d) => d.anonymous === 'f').map((d) => d.opener_key!),
          ]),
        ];
        return {
          uid: anonymous.uid!,
          rows: keys.map((key) => ({ key, debateUid: anonymous.uid! })),
          userIds,
          dumpOrder: of('votes').map((v) => v.voter_key!),
          eventOrder: of('vote_events')
            .filter((e) => e.old_side === '\\N')
            .sort((a, b) => Number(a.id) - Number(b.id))
            .map((e) => e.voter_key!),
          times: new Set([
            ...of('votes').map((v) => v.voted_at),
            ...of('vote_events').map((e) => e.at),
            ...endorsements.map((e) => e.at),
          ]).size,
        };
      };

      const dump = server.dump();
      for (const form of keyForms(KEY)) expect(dump.includes(form), `the key, as ${form}`).toBe(false);
      const seen = read(dump);
      expect(seen.userIds).toEqual(expect.arrayContaining([OPENER, ...VOTERS]));
      const attack = {
        rows: seen.rows,
        userIds: seen.userIds,
        platform: 'slack' as const,
        workspaceId: 'T9WORK',
      };
      expect(linkAttempt({ ...attack, candidates: secretCandidates([dump]) })).toEqual([]);
      expect(linkAttempt({ ...attack, candidates: [KEY] }).length).toBeGreaterThanOrEqual(VOTERS.length);
      const cast = VOTERS.map((userId) =>
        participantKey(
          KEY,
          { uid: seen.uid, anonymous: true },
          { platform: 'slack', workspaceId: 'T9WORK', userId },
        ),
      );
      expect(seen.times).toBe(1);
      expect(ordersMatch(seen.dumpOrder, cast), 'the dump’s order').toBe(false);
      expect(ordersMatch(seen.eventOrder, cast), 'event ids').toBe(false);

      // Closed, then seven days and a minute later the sweep destroys the links.
      await engine.run({ ...as(OPENER), user: { id: OPENER, name: 'o', isAdmin: true } }, 'clore');
      clock.advance(7 * 24 * 3_600_000 + 60_000);
      await engine.sweep();
      const later = server.dump();
      const unlinked = read(later);
      expect(unlinked.rows.length).toBeGreaterThan(VOTERS.length);
      expect(
        linkAttempt({
          rows: unlinked.rows,
          userIds: unlinked.userIds,
          platform: 'slack',
          workspaceId: 'T9WORK',
          candidates: [KEY, ...secretCandidates([later])],
        }),
      ).toEqual([]);
      expect(unlinked.times).toBe(1);
      await engine.close();
    } finally {
      await store.close();
      await server.stop();
    }
  }, 120_000);
});
