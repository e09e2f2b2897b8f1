// The page of a debate at the argument limit, fetched by 8 clients at once for 10 s, while
// `/healthz` and Slack vote clicks (the real adapter, signed) are timed one at a time: their p99
// against the same probes on the idle process, in the same run. The page, the adapter and the
// health check share this process's event loop; the clients and the probes run in a child. The
// page is built once before (timed alone): under load, readers get it from the cache.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { ManualClock } from '../src/domain/clock.ts';
import { silentLogger } from '../src/domain/logger.ts';
import { LIMITS } from '../src/engine/limits.ts';
import { HttpRoutes } from '../src/http-routes.ts';
import { PageLinks } from '../src/page/links.ts';
import { DebatePages } from '../src/page/service.ts';
import { migrate } from '../src/store/sqlite/migrate.ts';
import { openDatabase } from '../src/store/sqlite/open-database.ts';
import { SqlitePageStore } from '../src/store/sqlite/page-store.ts';
import { SqliteDebateStore } from '../src/store/sqlite/store.ts';
import { registerPageRoutes } from '../src/web/routes.ts';
import { seed } from './page.ts';
import { realApp, startNullSlack } from './slack-http.ts';
import { printTable } from './table.ts';

const CLIENTS = 8;
const LOAD_S = 10;
const IDLE_S = 5;
const SECRET = 'bench-signing-secret-0123456789';

/** The probes (and, under load, the 8 page clients), in a child: p50/p99 of each probe, pages served. */
const PROBES = `
import { createHmac } from 'node:crypto';
const env = process.env;
const p = (values, q) => { const s = [...values].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(s.length * q))] ?? NaN; };
const until = Date.now() + Number(env.SECONDS) * 1000;
let pages = 0, n = 0, failures = 0;
async function timed(url, init) {
  const started = performance.now();
  const res = await fetch(url, init);
  await res.arrayBuffer();
  if (res.status !== 200) failures++;
  return performance.now() - started;
}
function click() {
  n += 1;
  const side = n % 2 ? 'pro' : 'con';
  const user = 'UPROBE' + n;
  const payload = { type: 'block_actions', user: { id: user, username: user, name: user, team_id: 'T0FAKE' },
    api_app_id: 'A0FAKE', token: 'legacy', trigger_id: n + '.t', team: { id: 'T0FAKE', domain: 'fake' },
    container: { type: 'message', message_ts: env.MESSAGE_TS, channel_id: 'C1', is_ephemeral: false },
    channel: { id: 'C1', name: 'c1' }, message: { type: 'message', ts: env.MESSAGE_TS, user: 'UBOT', text: '' },
    response_url: env.RESPONSE_URL,
    actions: [{ type: 'button', action_id: 'debat.vote.' + side, block_id: 'scoreboard-0', value: '1:' + side,
      action_ts: (Date.now() / 1000).toFixed(6) }] };
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  const ts = Math.floor(Date.now() / 1000);
  const signature = 'v0=' + createHmac('sha256', env.SECRET).update('v0:' + ts + ':' + body).digest('hex');
  return timed(env.SLACK, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded',
    'x-slack-request-timestamp': String(ts), 'x-slack-signature': signature } });
}
const health = [], acks = [];
const pause = () => new Promise((r) => setTimeout(r, 20));
const loops = [
  (async () => { while (Date.now() < until) { health.push(await timed(env.HEALTH)); await pause(); } })(),
  (async () => { while (Date.now() < until) { acks.push(await click()); await pause(); } })(),
  ...Array.from({ length: Number(env.CLIENTS) }, async () => {
    while (Date.now() < until) { await timed(env.PAGE); pages++; }
  }),
];
await Promise.all(loops);
process.stdout.write(JSON.stringify({ health: { p50: p(health, 0.5), p99: p(health, 0.99), n: health.length },
  acks: { p50: p(acks, 0.5), p99: p(acks, 0.99), n: acks.length }, pages, failures }));
`;

interface Probed {
  health: { p50: number; p99: number; n: number };
  acks: { p50: number; p99: number; n: number };
  pages: number;
  failures: number;
}

function probe(env: Record<string, string>, clients: number, seconds: number): Promise<Probed> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', PROBES], {
    env: { ...process.env, ...env, CLIENTS: String(clients), SECONDS: String(seconds), SECRET },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  return new Promise((resolve, reject) =>
    child.once('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out) as Probed) : reject(new Error(`probes exited with ${code}`)),
    ),
  );
}

export async function run() {
  const dir = mkdtempSync(join(tmpdir(), 'debat-bench-page-load-'));
  const slack = await startNullSlack();
  const db = openDatabase(join(dir, 'pages.sqlite'));
  migrate(db);
  const store = new SqliteDebateStore(db);
  const http = new HttpRoutes(silentLogger);
  const app = await realApp(`${slack.url}/api/`, dir);
  try {
    const uid = seed(db, LIMITS.argumentsPerDebate);
    const { port } = await http.listen(0, '127.0.0.1');
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
    const pages = new DebatePages({ links, store, defaults, clock: new ManualClock(new Date()) });
    const cache = registerPageRoutes(http, pages);
    const url = (await links.url({ id: 1, uid, platform: 'slack' }))!;
    const env = {
      HEALTH: `http://127.0.0.1:${app.port}/healthz`,
      SLACK: `http://127.0.0.1:${app.port}/slack/events`,
      PAGE: url,
      MESSAGE_TS: app.messageTs,
      RESPONSE_URL: `${slack.url}/response/R1`,
    };
    await probe(env, 0, 2); // warm-up: JIT, SQLite pages
    // The page's one build, alone (what the first reader after a change pays, and the loop with it).
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const built = performance.now();
    await (await fetch(url)).arrayBuffer();
    const buildMs = performance.now() - built;
    // The delay is recorded by the monitor's next timer, after the block: let it run first.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const buildLoopMax = loop.max / 1e6;
    loop.disable();
    loop.reset();
    loop.enable();
    const idle = await probe(env, 0, IDLE_S);
    const idleLoopMax = loop.max / 1e6;
    loop.reset();
    const loaded = await probe(env, CLIENTS, LOAD_S);
    const loadLoopMax = loop.max / 1e6;
    loop.disable();
    const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
    printTable(
      `The page at the argument limit (${LIMITS.argumentsPerDebate.toLocaleString('en')}), ${CLIENTS} clients for ${LOAD_S} s: ${loaded.pages} pages served (${cache.counts.builds} built, ${cache.counts.hits} from the cache), ${loaded.failures + idle.failures} failures; load average ${loadavg()
        .map((n) => n.toFixed(1))
        .join(' ')}`,
      [
        [
          '/healthz p99',
          fmt(idle.health.p99),
          fmt(loaded.health.p99),
          (loaded.health.p99 / idle.health.p99).toFixed(2),
        ],
        [
          '/healthz p50',
          fmt(idle.health.p50),
          fmt(loaded.health.p50),
          (loaded.health.p50 / idle.health.p50).toFixed(2),
        ],
        [
          'Slack vote ack p99',
          fmt(idle.acks.p99),
          fmt(loaded.acks.p99),
          (loaded.acks.p99 / idle.acks.p99).toFixed(2),
        ],
        [
          'Slack vote ack p50',
          fmt(idle.acks.p50),
          fmt(loaded.acks.p50),
          (loaded.acks.p50 / idle.acks.p50).toFixed(2),
        ],
        ['longest event-loop stall', fmt(idleLoopMax), fmt(loadLoopMax), ''],
        [
          `the page's one build (${(loaded.pages > 0 ? buildMs : 0).toFixed(0)} ms), longest event-loop stall`,
          '',
          fmt(buildLoopMax),
          '',
        ],
      ],
      ['probe', 'idle', 'under page load', 'ratio'],
    );
    return { idle, loaded, idleLoopMax, loadLoopMax, buildMs, buildLoopMax, builds: cache.counts.builds };
  } finally {
    await http.close();
    await app.close();
    await store.close();
    slack.child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
