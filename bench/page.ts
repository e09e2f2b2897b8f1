// The debate's page for a debate of 1,000 arguments, then of as many as a debate takes
// (LIMITS.argumentsPerDebate), and 100,000 voters (10,000 of whom changed sides, half of them
// naming the argument that moved them), over sixty days and eight weekly summaries: built on each
// request (cold: a cache that keeps nothing), from the page cache (hit), and the same bytes
// served from memory by the same HTTP server. The bodies are compared before any figure is printed.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import type Database from 'better-sqlite3';
import { ManualClock } from '../src/domain/clock.ts';
import { silentLogger } from '../src/domain/logger.ts';
import { LIMITS } from '../src/engine/limits.ts';
import { HttpRoutes } from '../src/http-routes.ts';
import { t } from '../src/i18n/translate.ts';
import { PageLinks } from '../src/page/links.ts';
import { DebatePages } from '../src/page/service.ts';
import { migrate } from '../src/store/sqlite/migrate.ts';
import { openDatabase } from '../src/store/sqlite/open-database.ts';
import { SqlitePageStore } from '../src/store/sqlite/page-store.ts';
import { SqliteDebateStore } from '../src/store/sqlite/store.ts';
import { PAGE_ARGUMENTS_PER_SIDE } from '../src/web/arguments-section.ts';
import { pageHeaders } from '../src/web/headers.ts';
import { PageCache } from '../src/web/page-cache.ts';
import { pageHtml } from '../src/web/page-html.ts';
import { registerPageRoutes } from '../src/web/routes.ts';
import { median, printTable } from './table.ts';

const VOTERS = 100_000;
const SWITCH_SHARE = 0.1;
const ENDORSEMENTS = 50_000;
const DAYS = 60;
const REQUESTS = 30;
const DAY = 86_400_000;
const NOW = Date.parse('2026-03-27T16:00:00Z');
const OPENED = NOW - DAYS * DAY;
const SIDES = ['pro', 'con', 'neutral'] as const;

function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Where the debate goes: its id, the id before its first argument's, its workspace. */
export interface PagePlace {
  debateId: number;
  argumentBase: number;
  workspaceId: string;
}

/** One debate, numbered 1 in its workspace (W by default), channel C; returns its uid. */
export function seed(
  db: Database.Database,
  ARGUMENTS: number,
  { debateId, argumentBase, workspaceId }: PagePlace = { debateId: 1, argumentBase: 0, workspaceId: 'W' },
): string {
  const rnd = random(7);
  const uid = randomUUID();
  const when = () => OPENED + Math.floor(rnd() * DAYS * DAY);
  db.transaction(() => {
    db.prepare(
      `INSERT INTO debates (id, uid, platform, workspace_id, channel_id, number, topic, opener_key, opener_name,
         anonymous, hidden, status, opened_at, next_argument)
       VALUES (?, ?, 'slack', ?, 'C', 1, 'Faut-il passer à la semaine de quatre jours ?', 'u0', 'Opener', 0, 0,
         'open', ?, ?)`,
    ).run(debateId, uid, workspaceId, OPENED, ARGUMENTS + 1);
    const argument = db.prepare(
      `INSERT INTO arguments (id, debate_id, number, side, text, author_key, author_name, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (let n = 1; n <= ARGUMENTS; n++)
      argument.run(
        argumentBase + n,
        debateId,
        n,
        n % 2 ? 'pro' : 'con',
        `Argument n° ${n} : ${'une raison bien pesée, '.repeat(1 + (n % 5))}voilà.`,
        `u${n}`,
        `Personne ${n}`,
        when(),
      );
    const event = db.prepare(
      'INSERT INTO vote_events (debate_id, voter_key, old_side, new_side, at, persuaded_by) VALUES (?, ?, ?, ?, ?, ?)',
    );
    const vote = db.prepare(
      'INSERT INTO votes (debate_id, voter_key, voter_name, side, voted_at, last_event) VALUES (?, ?, ?, ?, ?, ?)',
    );
    for (let v = 0; v < VOTERS; v++) {
      const voter = `v${v}`;
      const side = SIDES[Math.floor(rnd() * 3)]!;
      let at = when();
      let last: number;
      if (rnd() < SWITCH_SHARE) {
        const before = SIDES[(SIDES.indexOf(side) + 1) % 3]!;
        event.run(debateId, voter, null, before, at, null);
        at = Math.min(NOW, at + Math.floor(rnd() * 5 * DAY));
        // Half name the argument that moved them: one of the first hundred of their new side.
        const persuaded =
          side !== 'neutral' && rnd() < 0.5
            ? argumentBase + 1 + 2 * Math.floor(rnd() * 100) + (side === 'pro' ? 0 : 1)
            : null;
        last = Number(event.run(debateId, voter, before, side, at, persuaded).lastInsertRowid);
      } else last = Number(event.run(debateId, voter, null, side, at, null).lastInsertRowid);
      vote.run(debateId, voter, `Votant ${v}`, side, at, last);
    }
    const endorsement = db.prepare(
      'INSERT OR IGNORE INTO endorsements (argument_id, endorser_key, at) VALUES (?, ?, ?)',
    );
    for (let e = 0; e < ENDORSEMENTS; e++)
      endorsement.run(
        argumentBase + 1 + Math.floor(rnd() ** 2 * ARGUMENTS),
        `v${Math.floor(rnd() * VOTERS)}`,
        when(),
      );
    const snapshot = db.prepare(
      `INSERT INTO summary_snapshots (debate_id, week_start, as_of, taken_at, pro, con, neutral)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    for (let w = 0; w < 8; w++) {
      const asOf = OPENED + (w + 1) * 7 * DAY;
      const share = (w + 1) / 8;
      snapshot.run(
        debateId,
        new Date(asOf - 4 * DAY).toISOString().slice(0, 10),
        asOf,
        asOf,
        ...[0.4, 0.35, 0.25].map((p) => Math.round(VOTERS * share * p)),
      );
    }
  })();
  db.exec('ANALYZE');
  return uid;
}

const agent = new Agent({ keepAlive: true, maxSockets: 1 });
function get(port: number, path: string): Promise<{ ms: number; body: Buffer; status: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          ms: performance.now() - started,
          body: Buffer.concat(chunks),
          status: res.statusCode ?? 0,
        }),
      );
    })
      .on('error', reject)
      .end();
  });
}

async function timed(port: number, path: string): Promise<{ ms: number; body: Buffer }> {
  await get(port, path); // warm-up
  const times: number[] = [];
  let body: Buffer = Buffer.alloc(0);
  for (let i = 0; i < REQUESTS; i++) {
    const response = await get(port, path);
    if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
    times.push(response.ms);
    body = response.body;
  }
  return { ms: median(times), body };
}

/** The same page three ways, for a debate of `args` arguments; medians in ms. */
export async function measure(args: number) {
  const dir = mkdtempSync(join(tmpdir(), 'debat-bench-page-'));
  const db = openDatabase(join(dir, 'debat.sqlite'));
  migrate(db);
  const store = new SqliteDebateStore(db);
  const hot = new HttpRoutes(silentLogger);
  const cold = new HttpRoutes(silentLogger);
  try {
    const seeded = performance.now();
    const uid = seed(db, args);
    const seedMs = performance.now() - seeded;
    const { port } = await hot.listen(0, '127.0.0.1');
    const { port: coldPort } = await cold.listen(0, '127.0.0.1');
    const links = new PageLinks(
      { store: new SqlitePageStore(db), publicUrl: `http://127.0.0.1:${port}` },
      'a-benchmark-secret-of-32-chars!!',
      (scope, n) => store.findDebate(scope, n),
    );
    const defaults = {
      language: 'fr' as const,
      timezone: 'Europe/Paris',
      summaryDay: 5,
      summaryTime: '16:00',
    };
    const pages = new DebatePages({ links, store, defaults, clock: new ManualClock(new Date(NOW)) });
    const cache = registerPageRoutes(hot, pages);
    // A cache with no room: every request builds the page, as a first request after a change does.
    registerPageRoutes(cold, pages, new PageCache(0));
    const url = (await links.url({ id: 1, uid, platform: 'slack' }))!;
    const path = new URL(url).pathname;
    const token = path.slice(path.lastIndexOf('/') + 1);

    // In the process: reading the store and working out the model, then the HTML.
    const readMs: number[] = [];
    const htmlMs: number[] = [];
    let html = '';
    for (let i = 0; i < REQUESTS; i++) {
      const t0 = performance.now();
      const model = (await pages.modelOf((await pages.target(token))!))!;
      const t1 = performance.now();
      html = pageHtml(model, token);
      htmlMs.push(performance.now() - t1);
      readMs.push(t1 - t0);
    }
    // The same bytes, from memory, with the same headers, on the same server.
    const memory = Buffer.from(html);
    hot.route(
      'GET',
      '/bench/memory',
      (_req, res) => void res.writeHead(200, pageHeaders(memory)).end(memory),
    );
    const fromMemory = await timed(port, '/bench/memory');
    const built = await timed(coldPort, path);
    const hit = await timed(port, path);
    for (const body of [built.body, hit.body, fromMemory.body])
      if (!body.equals(memory)) throw new Error('the pages served and the bytes in memory differ');
    if (cache.counts.builds !== 1) throw new Error(`the cache built the page ${cache.counts.builds} times`);
    const items = html.match(/<li id="argument-/g)?.length ?? 0;
    if (items !== 2 * PAGE_ARGUMENTS_PER_SIDE) throw new Error(`the page lists ${items} arguments`);
    if (!html.includes(t('fr', 'scoreboard.votes', { count: VOTERS })))
      throw new Error('the page does not count every voter');
    return {
      args,
      seedMs,
      bytes: memory.length,
      memory: fromMemory.ms,
      cold: built.ms,
      hit: hit.ms,
      read: median(readMs),
      html: median(htmlMs),
    };
  } finally {
    agent.destroy();
    await hot.close();
    await cold.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run() {
  const results = [await measure(1_000), await measure(LIMITS.argumentsPerDebate)];
  const fmt = (ms: number) => `${ms.toFixed(2)} ms`;
  const rows = results.flatMap((r) => [
    [
      `${r.args.toLocaleString('en')} arguments (${(r.bytes / 1024).toFixed(0)} KiB), from memory`,
      fmt(r.memory),
      '1.00',
    ],
    ['  GET /d/<token>, built (cold)', fmt(r.cold), (r.cold / r.memory).toFixed(1)],
    ['    of which: store read and model', fmt(r.read), ''],
    ['    of which: HTML and SVG', fmt(r.html), ''],
    ['  GET /d/<token>, from the cache (hit)', fmt(r.hit), (r.hit / r.memory).toFixed(2)],
  ]);
  printTable(
    `Debate page: ${VOTERS.toLocaleString('en')} votes, ${DAYS} days, ${PAGE_ARGUMENTS_PER_SIDE} arguments shown per side; medians of ${REQUESTS}`,
    rows,
    ['case', 'time', 'ratio to memory'],
  );
  return results;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
