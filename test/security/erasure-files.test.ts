// Forgotten means gone from the files: after `oublier-moi confirmer`, a workspace's erasure
// (forget-workspace) or its retention after an uninstall, the person's (or the workspace's) id and
// name are searched byte for byte in every file of the database, while the store is still open:
// SQLite's main file, -wal and -shm; every relation file of the PostgreSQL database (tables,
// indexes, TOAST), read by the server itself after a CHECKPOINT.
import { existsSync, readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/domain/clock.ts';
import { type Logger, silentLogger } from '../../src/domain/logger.ts';
import type { Invocation } from '../../src/domain/types.ts';
import { DebateEngine } from '../../src/engine/engine.ts';
import { eraseExpired, forgetWorkspace } from '../../src/installations/retention.ts';
import { sealInstallation } from '../../src/installations/sealed.ts';
import { Sealer } from '../../src/secrets/sealer.ts';
import type { InstallationStore } from '../../src/store/ports/installations.ts';
import { PostgresInstallationStore } from '../../src/store/postgres/installation-store.ts';
import { PostgresDebateStore } from '../../src/store/postgres/store.ts';
import { SqliteInstallationStore } from '../../src/store/sqlite/installation-store.ts';
import { DEFAULTS, type TestBed, testEngine } from '../helpers/engine.ts';
import { recordingLogger } from '../helpers/logger.ts';
import { databaseUrl, migratedTestDatabase } from '../postgres/databases.ts';

const MARKER_ID = 'UMARKQX7ZZ';
const MARKER_NAME = 'Zéphyrine Marqueur';
const WORKSPACE = 'TMARKWS9QQ';
const WORKSPACE_NAME = 'Théodore Espace-Effacé';

const as = (id: string, name: string, workspaceId = 'T1', isAdmin = false): Invocation => ({
  platform: 'slack',
  workspaceId,
  channelId: 'C1',
  user: { id, name, isAdmin },
});
const marker = as(MARKER_ID, MARKER_NAME);

/** The marker's traces everywhere a person leaves some, among many other writes (the log grows). */
async function session(engine: DebateEngine): Promise<void> {
  await engine.run(marker, 'lancer Faut-il un open space ?');
  await engine.run(marker, 'pour La lumière du jour');
  await engine.run(as('UOTHER1', 'Autre Un'), 'contre Le bruit');
  await engine.run(marker, 'voter contre');
  await engine.run(marker, 'voter pour');
  await engine.run(marker, 'delta 1');
  await engine.run(marker, 'appuyer 1');
  await engine.run(marker, 'sujets proposer Et le télétravail ?');
  await engine.run(marker, 'sujets appuyer 1');
  await engine.run(as('UOTHER1', 'Autre Un'), 'lancer Un débat anonyme ? --anonyme');
  await engine.run(marker, 'voter neutre #2');
  for (let i = 0; i < 40; i += 1)
    await engine.run(as(`UCROWD${i}`, `Foule ${i}`), `voter ${i % 2 ? 'pour' : 'contre'} #1`);
  await engine.run(marker, 'voter contre #1');
}

/** The same session in a workspace of its own, then its installation. */
async function workspaceSession(engine: DebateEngine, installations: InstallationStore): Promise<void> {
  const member = as('UWSMEMBER1', WORKSPACE_NAME, WORKSPACE, true);
  await engine.run(member, 'lancer Dans un espace à effacer ?');
  await engine.run(member, 'pour Un argument signé');
  await engine.run(member, 'voter pour');
  await engine.run(member, 'config langue en');
  await engine.run(member, 'sujets proposer Un sujet de l’espace');
  for (let i = 0; i < 30; i += 1) await engine.run(as(`UWS${i}`, `Membre ${i}`, WORKSPACE), 'voter contre');
  const sealer = new Sealer(Buffer.alloc(32, 5));
  await installations.saveInstallation({
    platform: 'slack',
    key: WORKSPACE,
    enterpriseId: null,
    teamId: WORKSPACE,
    sealed: sealInstallation(sealer, 'slack', WORKSPACE, { team: { id: WORKSPACE, name: WORKSPACE_NAME } }),
    expiresAt: null,
    at: 1_000,
  });
}

/** Every form of a marker as it would sit in a file: its UTF-8 bytes read as latin1. */
const forms = (...markers: string[]) => markers.map((text) => Buffer.from(text, 'utf8').toString('latin1'));

const found = (bytes: string, markers: string[]) => markers.filter((form) => bytes.includes(form));

describe('SQLite: erased means gone from every file, the store still open', () => {
  let bed: TestBed | undefined;
  afterEach(async () => {
    await bed?.cleanup();
    bed = undefined;
  });

  const files = (path: string) =>
    ['', '-wal', '-shm']
      .map((suffix) => `${path}${suffix}`)
      .filter((file) => existsSync(file))
      .map((file) => readFileSync(file).toString('latin1'))
      .join('\n');

  it('oublier-moi confirmer: the id and the name in neither the main file, -wal nor -shm', async () => {
    bed = await testEngine();
    await session(bed.engine);
    const markers = forms(MARKER_ID, MARKER_NAME);
    expect(found(files(bed.path), markers), 'the session wrote the markers').toEqual(markers);
    expect(existsSync(`${bed.path}-wal`)).toBe(true);
    await bed.engine.run(marker, 'oublier-moi confirmer');
    expect(found(files(bed.path), markers)).toEqual([]);
    // The bot goes on: the others' votes are all there.
    expect(await bed.store.tally(1)).toEqual({ pro: 20, con: 20, neutral: 0 });
  });

  it('oublier-moi confirmer while another connection reads the file: answered without waiting for the reader, the log cut by the first sweep after it', async () => {
    const log = recordingLogger();
    bed = await testEngine({ logger: log.logger });
    await session(bed.engine);
    const markers = forms(MARKER_ID, MARKER_NAME);
    // An export on the reading thread, or another process: a read transaction on an older snapshot.
    // SQLite's busy wait for it would hold the event loop 5 s a try.
    const reader = new Database(bed.path, { readonly: true });
    try {
      reader.exec('BEGIN');
      reader.prepare('SELECT count(*) FROM votes').get();
      await bed.engine.run(marker, 'oublier-moi confirmer');
      await bed.engine.sweep();
      expect(found(files(bed.path), markers), 'kept while the reader may read them').not.toEqual([]);
      expect(log.lines.filter((line) => line.level === 'warn').map((line) => line.message)).toEqual([
        expect.stringMatching(/^erasure: .* their files are cleaned at a later sweep$/),
      ]);
      reader.exec('COMMIT');
    } finally {
      reader.close();
    }
    await bed.engine.sweep();
    expect(found(files(bed.path), markers)).toEqual([]);
    expect(log.lines.at(-1)).toMatchObject({
      level: 'info',
      message: 'erasure: the files of every erasure are clean',
    });
    expect(await bed.store.tally(1)).toEqual({ pro: 20, con: 20, neutral: 0 });
  }, 10_000);

  it('forget-workspace and the retention after an uninstall: the workspace id and its names in no file', async () => {
    for (const erase of ['forget', 'retention'] as const) {
      bed = await testEngine();
      const installations = new SqliteInstallationStore(bed.db);
      await session(bed.engine);
      await workspaceSession(bed.engine, installations);
      const markers = forms(WORKSPACE, WORKSPACE_NAME);
      expect(found(files(bed.path), markers)).toEqual(markers);
      if (erase === 'forget') expect(await forgetWorkspace(installations, 'slack', WORKSPACE)).toBe(1);
      else {
        await installations.removeInstallation({ platform: 'slack', key: WORKSPACE }, 2_000);
        expect(await eraseExpired(installations, 'slack', 10_000, 5_000)).toEqual([WORKSPACE]);
      }
      expect(found(files(bed.path), markers), erase).toEqual([]);
      // The other workspace's debates stay.
      expect(await bed.store.tally(1)).toEqual({ pro: 20, con: 21, neutral: 0 });
      await bed.cleanup();
      bed = undefined;
    }
  });
});

describe('PostgreSQL: erased means gone from every relation file, after the rewrite', () => {
  let dispose: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await dispose?.();
    dispose = undefined;
  });

  /** Every table, index and TOAST file of the database, as the server reads them after a CHECKPOINT. */
  async function relationFiles(pool: pg.Pool): Promise<string> {
    await pool.query('CHECKPOINT');
    const { rows } = await pool.query<{ path: string }>(
      `SELECT pg_relation_filepath(c.oid) AS path FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE c.relkind IN ('r', 'i', 't') AND pg_relation_filepath(c.oid) IS NOT NULL
         AND (n.nspname = current_schema() OR c.oid IN (
           SELECT reltoastrelid FROM pg_class t JOIN pg_namespace tn ON tn.oid = t.relnamespace
           WHERE tn.nspname = current_schema()))`,
    );
    let bytes = '';
    for (const { path } of rows) {
      const read = await pool.query<{ b: Buffer }>('SELECT pg_read_binary_file($1, true) AS b', [path]);
      bytes += `${read.rows[0]?.b?.toString('latin1') ?? ''}\n`;
    }
    return bytes;
  }

  async function bedOnPostgres(logger: Logger = silentLogger) {
    const database = await migratedTestDatabase();
    // The rewrite keeps rows that an older snapshot still sees (README, "Privacy"); the store waits
    // for those that run when it starts. An autovacuum of this database starting meanwhile, with a
    // snapshot as old as another test's transaction elsewhere on the server, is kept out.
    const { rows } = await database.pool.query<{ name: string }>(
      'SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = current_schema()',
    );
    for (const { name } of rows)
      await database.pool.query(
        `ALTER TABLE ${name} SET (autovacuum_enabled = false, toast.autovacuum_enabled = false)`,
      );
    const store = new PostgresDebateStore(database.pool);
    const engine = await DebateEngine.create({
      store,
      clock: new ManualClock(new Date('2026-11-24T10:00:00Z')),
      logger,
      defaults: DEFAULTS,
    });
    dispose = async () => {
      await engine.close();
      await database.dispose();
    };
    return { database, store, engine };
  }

  it('oublier-moi confirmer: the id and the name in no table, index or TOAST file', async () => {
    const { database, store, engine } = await bedOnPostgres();
    await session(engine);
    const markers = forms(MARKER_ID, MARKER_NAME);
    expect(found(await relationFiles(database.pool), markers)).toEqual(markers);
    await engine.run(marker, 'oublier-moi confirmer');
    expect(found(await relationFiles(database.pool), markers)).toEqual([]);
    expect(await store.tally(1)).toEqual({ pro: 20, con: 20, neutral: 0 });
  });

  // A transaction that has written holds a transaction id but, between its statements, no
  // snapshot: rows erased after it began stay visible to it. In the same database, it is another
  // instance's; in another database of the server, another application's, and every snapshot
  // taken while it runs (the rewrite's own too) starts at or before it.
  it.each([
    [
      'another connection to the database',
      (url: string) => url,
      "INSERT INTO instance_leases (instance, renewed_at) VALUES ('other', 1)",
    ],
    [
      'a connection to another database of the server',
      () => databaseUrl('postgres'),
      'CREATE TEMP TABLE scratch (x int)',
    ],
  ])(
    'oublier-moi confirmer while %s holds an open transaction that wrote: the rewrite waits for it',
    async (_, where, write) => {
      const { database, store, engine } = await bedOnPostgres();
      await session(engine);
      const markers = forms(MARKER_ID, MARKER_NAME);
      const other = new pg.Client({ connectionString: where(database.url) });
      await other.connect();
      try {
        await other.query('BEGIN');
        await other.query(write);
        const erasing = engine.run(marker, 'oublier-moi confirmer');
        await new Promise((resolve) => setTimeout(resolve, 500));
        await other.query('COMMIT');
        await erasing;
      } finally {
        await other.end();
      }
      expect(found(await relationFiles(database.pool), markers)).toEqual([]);
      expect(await store.tally(1)).toEqual({ pro: 20, con: 20, neutral: 0 });
    },
  );

  it('oublier-moi confirmer while another connection holds a table (a pg_dump): answered without waiting for the lock, the rewrite done by the first sweep after it', async () => {
    const log = recordingLogger();
    const { database, store, engine } = await bedOnPostgres(log.logger);
    await session(engine);
    const markers = forms(MARKER_ID, MARKER_NAME);
    const dump = new pg.Client({ connectionString: database.url });
    await dump.connect();
    try {
      await dump.query('BEGIN');
      await dump.query('LOCK TABLE votes IN ACCESS SHARE MODE');
      await engine.run(marker, 'oublier-moi confirmer');
      await engine.sweep();
      expect(found(await relationFiles(database.pool), markers), 'kept until the rewrite').not.toEqual([]);
      expect(log.lines.filter((line) => line.level === 'warn').map((line) => line.message)).toEqual([
        expect.stringMatching(/^erasure: .* their files are cleaned at a later sweep$/),
      ]);
      // The votes go on meanwhile.
      await engine.run(as('ULATE', 'Tardif'), 'voter pour #1');
      await dump.query('COMMIT');
    } finally {
      await dump.end();
    }
    await engine.sweep();
    expect(found(await relationFiles(database.pool), markers)).toEqual([]);
    expect(log.lines.at(-1)).toMatchObject({
      level: 'info',
      message: 'erasure: the files of every erasure are clean',
    });
    expect(await store.tally(1)).toEqual({ pro: 21, con: 20, neutral: 0 });
  });

  it('forget-workspace and the retention after an uninstall: the workspace id and its names in no file', async () => {
    for (const erase of ['forget', 'retention'] as const) {
      const { database, store, engine } = await bedOnPostgres();
      const installations = new PostgresInstallationStore(store.db);
      await session(engine);
      await workspaceSession(engine, installations);
      const markers = forms(WORKSPACE, WORKSPACE_NAME);
      expect(found(await relationFiles(database.pool), markers)).toEqual(markers);
      if (erase === 'forget') expect(await forgetWorkspace(installations, 'slack', WORKSPACE)).toBe(1);
      else {
        await installations.removeInstallation({ platform: 'slack', key: WORKSPACE }, 2_000);
        expect(await eraseExpired(installations, 'slack', 10_000, 5_000)).toEqual([WORKSPACE]);
      }
      expect(found(await relationFiles(database.pool), markers), erase).toEqual([]);
      expect(await store.tally(1)).toEqual({ pro: 20, con: 21, neutral: 0 });
      await dispose?.();
      dispose = undefined;
    }
  });
});
