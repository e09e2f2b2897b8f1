// The longest stretch without a turn of the event loop while one request is served: the page of
// a debate at the argument limit (bench/page.ts's data: 100,000 votes over 60 days) built (a cache
// that keeps nothing), from the cache, and its two downloads (built each time), on a SQLite file
// and on PostgreSQL (the same rows, copied). The baseline: the same timer over an idle second in
// the same process, interleaved with the cases. The bodies are checked equal between the stores.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { ManualClock } from '../src/domain/clock.ts';
import { silentLogger } from '../src/domain/logger.ts';
import { LIMITS } from '../src/engine/limits.ts';
import { HttpRoutes } from '../src/http-routes.ts';
import { PageLinks } from '../src/page/links.ts';
import { DebatePages } from '../src/page/service.ts';
import { copyToPostgres } from '../src/store/copy-to-postgres.ts';
import type { DebateStore } from '../src/store/ports/debate-store.ts';
import type { PageStore } from '../src/store/ports/pages.ts';
import { PostgresPageStore } from '../src/store/postgres/page-store.ts';
import { openPool } from '../src/store/postgres/pool.ts';
import { PostgresDebateStore } from '../src/store/postgres/store.ts';
import { migrate } from '../src/store/sqlite/migrate.ts';
import { openDatabase } from '../src/store/sqlite/open-database.ts';
import { SqlitePageStore } from '../src/store/sqlite/page-store.ts';
import { SqliteDebateStore } from '../src/store/sqlite/store.ts';
import { PageCache } from '../src/web/page-cache.ts';
import { registerPageRoutes } from '../src/web/routes.ts';
import { longestStall } from './loop-stall.ts';
import { seed } from './page.ts';
import { benchServer } from './postgres-server.ts';
import { median, printTable } from './table.ts';

const ROUNDS = Number(process.env.ROUNDS ?? 5);
const NOW = Date.parse('2026-03-27T16:00:00Z');
const CASES = [
  'idle (1 s, no request)',
  'page, built (cold)',
  'page, from the cache',
  'CSV download',
  'Markdown download',
];

/** The page routes on `store`, on two servers: one with a cache, one that keeps nothing. */
async function serve(store: DebateStore, pageStore: PageStore, uid: string) {
  const hot = new HttpRoutes(silentLogger);
  const cold = new HttpRoutes(silentLogger);
  const { port } = await hot.listen(0, '127.0.0.1');
  const { port: coldPort } = await cold.listen(0, '127.0.0.1');
  const links = new PageLinks(
    { store: pageStore, publicUrl: `http://127.0.0.1:${port}` },
    'a-benchmark-secret-of-32-chars!!',
    (scope, n) => store.findDebate(scope, n),
  );
  const defaults = { language: 'fr' as const, timezone: 'Europe/Paris', summaryDay: 5, summaryTime: '16:00' };
  const pages = new DebatePages({ links, store, defaults, clock: new ManualClock(new Date(NOW)) });
  registerPageRoutes(hot, pages);
  registerPageRoutes(cold, pages, new PageCache(0));
  const path = new URL((await links.url({ id: 1, uid, platform: 'slack' }))!).pathname;
  const get = async (onPort: number, url: string): Promise<Buffer> => {
    const res = await fetch(`http://127.0.0.1:${onPort}${url}`);
    const body = Buffer.from(await res.arrayBuffer());
    if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
    return body;
  };
  const cases: (() => Promise<Buffer | undefined>)[] = [
    () => new Promise((resolve) => setTimeout(() => resolve(undefined), 1000)),
    () => get(coldPort, path),
    () => get(port, path),
    () => get(coldPort, `${path}/debat-1.csv`),
    () => get(coldPort, `${path}/debat-1.md`),
  ];
  return {
    cases,
    async close() {
      await hot.close();
      await cold.close();
    },
  };
}

interface Measured {
  stall: number[][];
  ms: number[][];
  bodies: (Buffer | undefined)[];
}

async function measure(cases: (() => Promise<Buffer | undefined>)[]): Promise<Measured> {
  for (const run of cases) await run(); // warm-up: JIT, SQLite and PostgreSQL caches, the page cache
  const stall: number[][] = cases.map(() => []);
  const ms: number[][] = cases.map(() => []);
  const bodies: (Buffer | undefined)[] = [];
  for (let round = 0; round < ROUNDS; round++)
    for (const [index, run] of cases.entries()) {
      const started = performance.now();
      const { stallMs, value } = await longestStall(run);
      ms[index]!.push(performance.now() - started);
      stall[index]!.push(stallMs);
      bodies[index] = value;
    }
  return { stall, ms, bodies };
}

export async function run() {
  const dir = mkdtempSync(join(tmpdir(), 'debat-bench-page-stall-'));
  const server = await benchServer();
  const results: { store: string; measured: Measured }[] = [];
  try {
    const db = openDatabase(join(dir, 'pages.sqlite'));
    migrate(db);
    const sqlite = new SqliteDebateStore(db);
    const uid = seed(db, LIMITS.argumentsPerDebate);
    const onSqlite = await serve(sqlite, new SqlitePageStore(db), uid);
    results.push({ store: 'SQLite file', measured: await measure(onSqlite.cases) });
    await onSqlite.close();

    print(results);
    // The copy with the database's triggers off: the revision counter's trigger, run once per row
    // of one transaction on the same row, made the copy take many minutes (revisions stay 0 here).
    const url = await server.freshDatabase();
    const database = new URL(url).pathname.slice(1);
    const admin = await openPool({ url, poolSize: 1 });
    await admin.query(`ALTER DATABASE ${database} SET session_replication_role = replica`);
    await admin.end();
    const copier = await openPool({ url, poolSize: 4 });
    await copyToPostgres(db, copier);
    await copier.query(`ALTER DATABASE ${database} RESET session_replication_role`);
    await copier.query('VACUUM ANALYZE');
    await copier.end();
    await sqlite.close();
    const postgres = new PostgresDebateStore(await openPool({ url, poolSize: 4 }));
    const onPostgres = await serve(postgres, new PostgresPageStore(postgres.db), uid);
    results.push({ store: 'PostgreSQL', measured: await measure(onPostgres.cases) });
    await onPostgres.close();
    await postgres.close();
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  const [a, b] = results;
  for (const index of [1, 2, 3, 4])
    if (!a!.measured.bodies[index]!.equals(b!.measured.bodies[index]!))
      throw new Error(`${CASES[index]}: SQLite and PostgreSQL answered different bytes`);
  print(results.slice(1));
  return results;
}

function print(results: { store: string; measured: Measured }[]): void {
  const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
  const rows = results.flatMap(({ store, measured }) =>
    CASES.map((name, index) => {
      const stalls = measured.stall[index]!;
      const idle = median(measured.stall[0]!);
      return [
        `${store}: ${name}`,
        fmt(median(measured.ms[index]!)),
        fmt(median(stalls)),
        fmt(Math.max(...stalls)),
        (median(stalls) / idle).toFixed(2),
      ];
    }),
  );
  const sizes = results[0]!.measured.bodies.map((body) =>
    body ? `${(body.length / 1024).toFixed(0)} KiB` : '',
  );
  printTable(
    `Longest event-loop stall, one request at a time, debate at the argument limit (page ${sizes[1]}, CSV ${sizes[3]}, Markdown ${sizes[4]}); ${ROUNDS} interleaved rounds; load average ${loadavg()
      .map((n) => n.toFixed(1))
      .join(' ')}`,
    rows,
    ['case', 'time (median)', 'longest stall (median)', 'longest stall (max)', 'stall ratio to idle'],
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
