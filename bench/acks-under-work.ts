// Whether a click is still acknowledged quickly while the bot is busy. One process runs the real
// Slack and Discord adapters (Discord's HTTP interactions), engine, debate pages and a store (a
// SQLite file, or with `postgres` as argument a PostgreSQL database the same data is copied to)
// holding the weekly summary benchmark's data (5,000 channels, 10,000 debates, 1,000,000 votes)
// and the page benchmark's debate (1,000 arguments, 100,000 voters). Two load generators (child
// processes) send signed vote clicks, Slack's and Discord's, at a fixed rate each, well below
// saturation, so that the latency read is that of the event loop, not of a queue; their p99 while
// nothing else runs (idle, the median of four idle phases, one between each two cases) is the
// baseline of each case, measured in the same process and run:
//   (a) the weekly summary pass over the 5,000 channels (claims, reads, charts, posts),
//   (b) the big debate's page fetched in a loop by 8 clients,
//   (c) 200 debates' scoreboards being edited (100 on each platform): clicks on all of them,
//       edited at each adapter's pace.
// Target: every case's p99 within 1.5× of idle. Slack's side is a stand-in answering `ok`,
// Discord's the fake of test/fakes in a child process. The longest stall of the event loop in
// each case (monitorEventLoopDelay) says what held it. Where taskset and 2 cores are at hand the
// bot's process (its threads included) runs on core 0 and everything standing for other machines
// (load generators, stand-ins, PostgreSQL) on the others, as in a deployment: see ./cores.ts.
import { spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Server } from 'node:http';
import { Session } from 'node:inspector';
import { setPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHistogram, monitorEventLoopDelay, type RecordableHistogram } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { createDiscordAdapter } from '../adapters/discord/index.ts';
import { createSlackAdapter } from '../adapters/slack/index.ts';
import { loadConfig } from '../src/config.ts';
import { ManualClock, systemClock } from '../src/domain/clock.ts';
import { silentLogger } from '../src/domain/logger.ts';
import type { Invocation } from '../src/domain/types.ts';
import { DebateEngine } from '../src/engine/engine.ts';
import { LIMITS } from '../src/engine/limits.ts';
import { HttpRoutes } from '../src/http-routes.ts';
import { openStore } from '../src/open-store.ts';
import { copyToPostgres } from '../src/store/copy-to-postgres.ts';
import { openPool } from '../src/store/postgres/pool.ts';
import { migrate } from '../src/store/sqlite/migrate.ts';
import { openDatabase } from '../src/store/sqlite/open-database.ts';
import { runStateAt, shiftWeek } from '../src/summary/period.ts';
import { SummaryScheduler } from '../src/summary/scheduler.ts';
import { scheduleOf } from '../src/summary/summary-at.ts';
import { pageLinkOptions, servePages } from '../src/web/serve.ts';
import { freePort } from '../test/postgres/server.ts';
import { CLICKS, DISCORD_CLICKS, PAGES } from './acks-clients.ts';
import { elsewhereCommand, pinBot, pinDescendants, split } from './cores.ts';
import { startFakeDiscord } from './discord-http.ts';
import { seed as seedPage } from './page.ts';
import { type BenchServer, benchServer } from './postgres-server.ts';
import { startNullSlack } from './slack-http.ts';
import { CHANNELS, seed as seedSummaries, TO } from './summary.ts';
import { median, printTable } from './table.ts';

const PHASE_S = 15;
/** The pause after a case, before the idle phase that follows it. */
const SETTLE_MS = 5_000;
/** Measured clicks a second, on each platform. */
const RATE = 100;
const CONNECTIONS = 8;
const PAGE_CLIENTS = 8;
/** Case (c)'s scoreboards and clicks a second on them, on each platform. */
const BOARDS = 100;
const BOARD_RATE = 50;
const SECRET = 'bench-signing-secret-0123456789';
const TEAM = 'T0FAKE';
const ROOT = join(import.meta.dirname, '..');
const PAGE_DEBATE = 20_001;

interface Board {
  channel: string;
  ts: string;
  number: number;
}
interface Acks {
  total: number;
  p50: number;
  p99: number;
  max: number;
  errors: number;
}

/**
 * What stands for other machines (Slack, Discord, the readers of a page, the people clicking on
 * other debates) runs at the lowest CPU priority: on 2 shared cores their own work would otherwise
 * stand between the bot and its measured clicks, which no deployment has. The bot's share of
 * their work (answering, rendering, sending edits) stays on its event loop, as in production.
 */
export function elsewhere(pid: number | undefined): void {
  if (pid !== undefined) setPriority(pid, 19);
}

/** Whether the bot has a core of its own (see ./cores.ts); `--shared-cores` turns it off. */
let cores = false;

let offset = 0;
export function child<T>(code: string, env: Record<string, string>, background = false): Promise<T> {
  const [file, args] = cores
    ? elsewhereCommand(process.execPath, ['--input-type=module', '-e', code])
    : [process.execPath, ['--input-type=module', '-e', code]];
  const process_ = spawn(file, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (background) elsewhere(process_.pid);
  let out = '';
  process_.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  return new Promise((resolve, reject) =>
    process_.once('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out) as T) : reject(new Error(`child exited with ${code}`)),
    ),
  );
}

/** One load generator's clicks at `rate` a second for a phase, on the given scoreboards. */
function clicksAt(
  code: string,
  target: string,
  boards: Board[],
  rate: number,
  platformEnv: Record<string, string>,
  background: boolean,
): Promise<Acks> {
  offset += 10_000_000;
  const env = {
    TARGET: target,
    BOARDS: JSON.stringify(boards),
    OFFSET: String(offset),
    RATE: String(rate),
    CONNECTIONS: String(CONNECTIONS),
    DURATION: String(PHASE_S),
    ...platformEnv,
  };
  return child<Acks>(code, env, background);
}

const discordClicks = (
  port: number,
  boards: Board[],
  rate: number,
  discord: { applicationId: string; guildId: string; privateKey: string },
  background = false,
) =>
  clicksAt(
    DISCORD_CLICKS,
    `http://127.0.0.1:${port}/discord/interactions`,
    boards,
    rate,
    { PRIVATE_KEY: discord.privateKey, APP: discord.applicationId, GUILD: discord.guildId },
    background,
  );

const clicks = (port: number, boards: Board[], rate: number, responseUrl: string, background = false) =>
  clicksAt(
    CLICKS,
    `http://127.0.0.1:${port}/slack/events`,
    boards,
    rate,
    { SECRET, TEAM, RESPONSE_URL: responseUrl },
    background,
  );

/** The data: the summary benchmark's channels with last week's summaries posted, and the big debate. */
function seedFile(file: string, day: number, time: string): string {
  const db = openDatabase(file);
  migrate(db);
  seedSummaries(db);
  const uid = seedPage(db, LIMITS.argumentsPerDebate, {
    debateId: PAGE_DEBATE,
    argumentBase: 1_000_000,
    workspaceId: 'WPAGE',
  });
  // Last week was summarised: the pass posts this week's, as every Friday.
  const now = new Date(TO + 60_000);
  const schedule = scheduleOf(day, time)!;
  const last = shiftWeek(runStateAt('UTC', schedule, now).week, -1, schedule);
  const posted = db.prepare(
    `INSERT INTO summary_ledger (platform, workspace_id, channel_id, week_start, status, claimed_at, attempts,
       scheduled_at, completed_at) VALUES ('slack', 'W', ?, ?, 'posted', ?, 1, ?, ?)`,
  );
  const at = last.scheduledAt.getTime();
  db.transaction(() => {
    for (let c = 1; c <= CHANNELS; c++) posted.run(`C${c}`, last.weekStart, at, at, at);
  })();
  db.close();
  return uid;
}

const fmt = (n: number, digits = 1) => n.toFixed(digits);

/** Both platforms' clicks at once, and the longest stall of the event loop meanwhile. */
interface Case {
  slack: Acks;
  discord: Acks;
  stallMs: number;
  /** The p99 of the time from a click's request to the end of its answer, inside the bot's process. */
  inProcess: { slack: number; discord: number };
}

/**
 * Times every request to the platforms' endpoints inside this process, from the server's
 * 'request' event to the answer's end. What the clients see beyond that is the wait before the
 * event loop reads the request (at most the phase's longest stall) and time outside the bot.
 */
function timeRequests(into: { slack: RecordableHistogram; discord: RecordableHistogram }): void {
  const emit = Server.prototype.emit;
  Server.prototype.emit = function (this: Server, event: string | symbol, ...args: unknown[]) {
    if (event === 'request') {
      const [req, res] = args as [{ url?: string }, { once: (e: string, f: () => void) => void }];
      const to = req.url?.startsWith('/slack/')
        ? into.slack
        : req.url?.startsWith('/discord/')
          ? into.discord
          : undefined;
      if (to) {
        const start = process.hrtime.bigint();
        res.once('finish', () => to.record(Number(process.hrtime.bigint() - start) || 1));
      }
    }
    return emit.apply(this, [event, ...args] as Parameters<typeof emit>);
  } as typeof emit;
}

/** The seeded SQLite data in a fresh PostgreSQL database (`debat copy-to`'s code): its URL. */
async function copiedToPostgres(file: string, server: BenchServer): Promise<string> {
  const url = await server.freshDatabase();
  const pool = await openPool({ url, poolSize: 4 });
  const sqlite = openDatabase(file);
  try {
    await copyToPostgres(sqlite, pool);
    await pool.query('VACUUM ANALYZE');
  } finally {
    sqlite.close();
    await pool.end();
  }
  return url;
}

export async function run(
  kind: 'sqlite' | 'postgres' = 'sqlite',
  cases: ReadonlySet<string> = new Set(['a', 'b', 'c']),
  profileDir?: string,
  ownCore = split !== undefined,
  /** How many times each case runs, each time followed by an idle phase. */
  repeat = 1,
) {
  cores = ownCore;
  const unpin = cores ? pinBot() : () => {};
  const dir = mkdtempSync(join(tmpdir(), 'debat-bench-acks-'));
  const slack = await startNullSlack();
  const fake = await startFakeDiscord(BOARDS + 1);
  elsewhere(slack.child.pid);
  elsewhere(fake.child.pid);
  const closers: Array<() => Promise<void>> = [];
  const pgServer = kind === 'postgres' ? await benchServer() : undefined;
  if (pgServer) closers.push(() => pgServer.stop());
  try {
    const port = await freePort();
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const publicKeyHex = Buffer.from(String(publicKey.export({ format: 'jwk' }).x), 'base64url').toString(
      'hex',
    );
    const env = {
      SLACK_BOT_TOKEN: 'xoxb-fake-bot-token',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: `${slack.url}/api/`,
      SLACK_BOT_USER_ID: 'UBOT',
      SLACK_BOT_ID: 'BBOT',
      DISCORD_TOKEN: fake.token,
      DISCORD_APPLICATION_ID: fake.applicationId,
      DISCORD_PUBLIC_KEY: publicKeyHex,
      DISCORD_API_URL: fake.api,
      DEBAT_DB_PATH: join(dir, 'debat.sqlite'),
      DEBAT_PUBLIC_URL: `http://127.0.0.1:${port}`,
      DEBAT_SECRET: 'a-benchmark-secret-of-32-chars!!',
      DEBAT_TIMEZONE: 'UTC',
      DEBAT_LOG_LEVEL: 'silent',
    };
    const seedConfig = loadConfig(env);
    const seeded = performance.now();
    const pageUid = seedFile(
      seedConfig.DEBAT_DB_PATH,
      seedConfig.DEBAT_SUMMARY_AT.day,
      seedConfig.DEBAT_SUMMARY_AT.time,
    );
    const databaseUrl = pgServer && (await copiedToPostgres(seedConfig.DEBAT_DB_PATH, pgServer));
    const seedS = (performance.now() - seeded) / 1000;
    const config = loadConfig({ ...env, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) });
    const defaults = {
      language: config.DEBAT_LANGUAGE,
      timezone: config.DEBAT_TIMEZONE,
      summaryDay: config.DEBAT_SUMMARY_AT.day,
      summaryTime: config.DEBAT_SUMMARY_AT.time,
    };

    // The bot as `debat start` builds it, its summary scheduler left to each case.
    const opened = await openStore(config, silentLogger);
    const { store } = opened;
    closers.push(() => store.close());
    const http = new HttpRoutes(silentLogger);
    const engine = await DebateEngine.create({
      store,
      clock: systemClock,
      logger: silentLogger,
      secret: config.DEBAT_SECRET,
      scoreboardIntervalMs: config.DEBAT_SCOREBOARD_INTERVAL_MS,
      pages: pageLinkOptions(config, opened.pages, http, silentLogger),
      defaults,
    });
    const links = engine.pages!;
    const pageCache = servePages(http, { links, store, defaults, clock: systemClock });
    const deps = {
      config,
      engine,
      logger: silentLogger,
      clock: systemClock,
      http,
      requestShutdown: () => {},
    };
    const adapter = await createSlackAdapter()(deps);
    const discordAdapter = await createDiscordAdapter()(deps);
    engine.registerPublisher('slack', adapter.publisher);
    await adapter.start();
    await discordAdapter.start();
    closers.push(() => adapter.stop());
    closers.push(() => discordAdapter.stop());
    await http.listen(port, '127.0.0.1');
    closers.push(() => http.close());
    if (cores) pinDescendants();

    // Each platform's measured debate, and the 100 of case (c), each with its scoreboard posted.
    const boardsOf = async (platform: 'slack' | 'discord', channel: (b: number) => string) => {
      const boards: Board[] = [];
      const publisher = platform === 'slack' ? adapter.publisher : discordAdapter.publisher;
      for (let b = 0; b <= BOARDS; b++) {
        const who: Invocation = {
          platform,
          workspaceId: platform === 'slack' ? TEAM : fake.guildId,
          channelId: channel(b),
          user: {
            id: platform === 'slack' ? 'UOPENER' : '600000000000000001',
            name: 'opener',
            isAdmin: false,
          },
        };
        await engine.run(who, `lancer Le banc d’essai ${b}`);
        const number = b + 1;
        const live = await engine.liveScoreboard(who, number);
        const ref = live && (await publisher.post(who, live));
        if (!ref) throw new Error(`${platform}: scoreboard not posted`);
        await engine.attachScoreboard(who, number, ref);
        boards.push({ channel: who.channelId, ts: ref.split(':')[1] ?? '', number });
      }
      return boards;
    };
    const [measured, ...others] = (await boardsOf('slack', (b) => `S${b}`)) as [Board, ...Board[]];
    const [discordMeasured, ...discordOthers] = (await boardsOf('discord', (b) =>
      b === 0 ? fake.channelId : String(880000000000000000n + BigInt(b - 1)),
    )) as [Board, ...Board[]];
    const discordKeys = {
      applicationId: fake.applicationId,
      guildId: fake.guildId,
      privateKey: String(privateKey.export({ format: 'pem', type: 'pkcs8' })),
    };
    const responseUrl = `${slack.url}/response/R1`;
    const pageUrl = (await links.url({ id: PAGE_DEBATE, uid: pageUid, platform: 'slack' }))!;
    const stalls = monitorEventLoopDelay({ resolution: 10 });
    stalls.enable();
    const inProcess = { slack: createHistogram(), discord: createHistogram() };
    timeRequests(inProcess);
    const ack = async (): Promise<Case> => {
      stalls.reset();
      inProcess.slack.reset();
      inProcess.discord.reset();
      const [s, d] = await Promise.all([
        clicks(port, [measured], RATE, responseUrl),
        discordClicks(port, [discordMeasured], RATE, discordKeys),
      ]);
      const p99 = (h: RecordableHistogram) => h.percentile(99) / 1e6;
      return {
        slack: s,
        discord: d,
        stallMs: stalls.max / 1e6,
        inProcess: { slack: p99(inProcess.slack), discord: p99(inProcess.discord) },
      };
    };

    await ack(); // warm-up: JIT, store pages
    const profiled = async (name: string, measure: () => Promise<Case>): Promise<Case> => {
      if (!profileDir) return measure();
      const session = new Session();
      session.connect();
      const post = (method: string) =>
        new Promise<unknown>((resolve, reject) =>
          session.post(method, (error, result) => (error ? reject(error) : resolve(result))),
        );
      await post('Profiler.enable');
      await post('Profiler.start');
      try {
        return await measure();
      } finally {
        const { profile } = (await post('Profiler.stop')) as { profile: unknown };
        writeFileSync(join(profileDir, `${kind}-${name}.cpuprofile`), JSON.stringify(profile));
        session.disconnect();
      }
    };
    const idles: Case[] = [await profiled('idle', ack)];
    const rows: Array<[string, Case, string]> = [['idle', idles[0]!, '']];
    /** Each case's rows, by its letter: one a repeat. */
    const byCase = new Map<string, Case[]>();
    const idleAfter = async () => {
      // What a case leaves behind (the last scoreboard edits, closing connections, its garbage)
      // settles first, so that the idle phase measures an idle bot.
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
      const idle = await ack();
      idles.push(idle);
      rows.push([`idle ${idles.length}`, idle, '']);
    };
    const phase = async (letter: string, name: string, done: (m: Case) => Promise<string>) => {
      const m = await profiled(`${letter}${repeat > 1 ? `-${byCase.get(letter)?.length ?? 0}` : ''}`, ack);
      const work = await done(m);
      byCase.set(letter, [...(byCase.get(letter) ?? []), m]);
      rows.push([`${name}${repeat > 1 ? ` #${byCase.get(letter)!.length}` : ''}`, m, work]);
      await idleAfter();
    };

    for (let r = 0; r < repeat; r++) {
      if (cases.has('a')) {
        // (a) the weekly pass, started with the clicks, stopped (between batches) after them. A
        // repeat resumes the pass where the last one stopped, as a restarted instance would.
        let firstError: string | undefined;
        const scheduler = new SummaryScheduler({
          store,
          clock: new ManualClock(new Date(TO + 60_000)),
          logger: {
            ...silentLogger,
            error: (fields: { err?: unknown }) => {
              firstError ??= String(fields.err);
            },
          },
          defaults,
          publisherFor: () => adapter.publisher,
          pageLinks: links,
        });
        const pass = scheduler.runOnce();
        await phase('a', '(a) weekly summary pass', async () => {
          await scheduler.stop();
          const outcomes = new Map<string, number>();
          for (const r of await pass) outcomes.set(r.outcome, (outcomes.get(r.outcome) ?? 0) + 1);
          const done = [...outcomes].map(([outcome, n]) => `${n} ${outcome}`).join(', ') || 'none';
          if (firstError) process.stdout.write(`the pass's first error: ${firstError}\n`);
          return `of ${CHANNELS} channels meanwhile: ${done}`;
        });
      }

      if (cases.has('b')) {
        // (b) the big debate's page, fetched by 8 clients in a loop.
        const fetched = child<{ pages: number; failed: number; bytes: number }>(
          PAGES,
          { URL: pageUrl, CLIENTS: String(PAGE_CLIENTS), DURATION: String(PHASE_S) },
          true,
        );
        const cacheBefore = { ...pageCache.counts };
        await phase('b', `(b) big page × ${PAGE_CLIENTS} clients`, async () => {
          const pages = await fetched;
          const cache = Object.fromEntries(
            Object.entries(pageCache.counts).map(([k, v]) => [
              k,
              v - cacheBefore[k as keyof typeof cacheBefore],
            ]),
          );
          if (pages.pages === 0 || pages.failed > 0)
            throw new Error(`page fetches: ${JSON.stringify(pages)}`);
          return `${pages.pages} pages (${fmt(pages.bytes / pages.pages / 1024, 0)} KiB each; cache: ${cache.hits} hits, ${cache.recent} recent, ${cache.builds} builds)`;
        });
      }

      if (cases.has('c')) {
        // (c) 200 scoreboards clicked on together (100 a platform), each edited at its adapter's pace.
        const background = Promise.all([
          clicks(port, others, BOARD_RATE, responseUrl, true),
          discordClicks(port, discordOthers, BOARD_RATE, discordKeys, true),
        ]);
        await phase('c', `(c) ${2 * BOARDS} scoreboards edited`, async () => {
          const [busySlack, busyDiscord] = await background;
          return `${busySlack.total} + ${busyDiscord.total} clicks on them, p99 ${fmt(busySlack.p99)} / ${fmt(busyDiscord.p99)} ms`;
        });
      }
    }

    // The baseline: the median of the idle phases' p99, one before and one after each case (one
    // idle phase's p99 moved by 2× between phases on this machine).
    const baseline = {
      slack: median(idles.map((m) => m.slack.p99)),
      discord: median(idles.map((m) => m.discord.p99)),
    };
    const row = ([name, m, work]: [string, Case, string]) => [
      name,
      `${m.slack.total} / ${m.discord.total}`,
      `${fmt(m.slack.p50)} / ${fmt(m.discord.p50)}`,
      `${fmt(m.slack.p99)} / ${fmt(m.discord.p99)}`,
      `${fmt(m.slack.max)} / ${fmt(m.discord.max)}`,
      `${fmt(m.inProcess.slack)} / ${fmt(m.inProcess.discord)}`,
      String(m.slack.errors + m.discord.errors),
      `${fmt(m.slack.p99 / baseline.slack, 2)} / ${fmt(m.discord.p99 / baseline.discord, 2)}`,
      fmt(m.stallMs, 0),
      work,
    ];
    printTable(
      `Acks under work (${kind === 'postgres' ? 'PostgreSQL' : 'SQLite'}, seeded in ${fmt(seedS, 0)} s, ${cores ? `the bot on core ${split?.bot}, the rest on ${split?.elsewhere}` : 'cores shared'}): vote clicks at ${RATE}/s on Slack and ${RATE}/s on Discord, ${CONNECTIONS} connections each, ${PHASE_S} s a case; values Slack / Discord`,
      rows.map(row),
      [
        'case',
        'clicks',
        'p50 ms',
        'p99 ms',
        'max ms',
        'p99 in the bot ms',
        'errors',
        'p99 / median idle p99 (≤ 1.5)',
        'longest stall ms',
        'work done',
      ],
    );
    if (repeat > 1) {
      // A p99 over one phase follows the phase's longest stall, and stalls come from outside the
      // bot too: each case's median over its repeats is the figure to read.
      const ratios = (ms: Case[], side: 'slack' | 'discord') => ms.map((m) => m[side].p99 / baseline[side]);
      const span = (xs: number[]) =>
        `${fmt(median(xs), 2)} (${fmt(Math.min(...xs), 2)}–${fmt(Math.max(...xs), 2)})`;
      printTable(
        `Each case over its ${repeat} repeats: median (lowest–highest)`,
        [...byCase, ['idle', idles] as const].map(([letter, ms]) => [
          letter,
          span(ratios(ms, 'slack')),
          span(ratios(ms, 'discord')),
          `${fmt(median(ms.map((m) => m.inProcess.slack)))} / ${fmt(median(ms.map((m) => m.inProcess.discord)))}`,
        ]),
        ['case', 'Slack p99 / median idle p99 (≤ 1.5)', 'Discord', 'median p99 in the bot ms'],
      );
    }
    console.log(`load average: ${readFileSync('/proc/loadavg', 'utf8').trim()}`);
    return { idles, rows, baseline, byCase };
  } finally {
    for (const close of closers.reverse()) await close().catch(() => undefined);
    slack.child.kill('SIGTERM');
    fake.child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
    unpin();
  }
}

// `bench/acks-under-work.ts [postgres] [a] [b] [c] [--repeat N] [--profile DIR] [--shared-cores]`:
// the cases named (all by default); with --repeat, the cases in turn N times and each case's median;
// with --profile, a CPU profile of the process during each case, written to DIR; with
// --shared-cores, the bot and the rest share every core, as they did before.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--profile');
  const profileDir = at >= 0 ? args.splice(at, 2)[1] : undefined;
  const repeatAt = args.indexOf('--repeat');
  const repeat = repeatAt >= 0 ? Number(args.splice(repeatAt, 2)[1]) : 1;
  if (!Number.isInteger(repeat) || repeat < 1) throw new Error('--repeat: expected a whole number from 1');
  const named = new Set(args.filter((a) => ['a', 'b', 'c'].includes(a)));
  await run(
    args.includes('postgres') ? 'postgres' : 'sqlite',
    named.size > 0 ? named : undefined,
    profileDir,
    split !== undefined && !args.includes('--shared-cores'),
    repeat,
  );
  // A platform client may still be retrying a call to the stand-ins, now gone.
  process.exit(0);
}
