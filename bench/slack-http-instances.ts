// Slack HTTP vote clicks on one PostgreSQL: one `debat start` process against two, same load
// (bench/slack-http.ts's generator, its connections split evenly between two autocannons in both
// cases), same server, same run. Each instance is a real process of its own, as behind a load
// balancer; the stand-in Slack answers every call at once.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { systemClock } from '../src/domain/clock.ts';
import { silentLogger } from '../src/domain/logger.ts';
import { DebateEngine } from '../src/engine/engine.ts';
import { openPool } from '../src/store/postgres/pool.ts';
import { PostgresDebateStore } from '../src/store/postgres/store.ts';
import { freePort } from '../test/postgres/server.ts';
import { benchServer } from './postgres-server.ts';
import { DURATION_S, fire, type Measure, medianOf, startNullSlack } from './slack-http.ts';
import { median, printTable } from './table.ts';

const ROUNDS = 2;
const SECRET = 'bench-signing-secret-0123456789';
const TEAM = 'T0FAKE';
const MESSAGE_TS = '1700000000.000001';
const BIN = join(import.meta.dirname, '..', 'bin', 'debat.mjs');

/** CPU time (user + system) of processes, from /proc; Linux counts it in ticks of 10 ms. */
function cpuMs(pids: readonly number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // Gone meanwhile: its time is not counted.
    }
  }
  return ticks * 10;
}

/** The server processes serving the database's connections. */
async function backends(url: string): Promise<number[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>(
      'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
    );
    return rows.map((row) => row.pid);
  } finally {
    await client.end();
  }
}

/** A `debat start` process on the database, ready once its health check answers. */
async function instance(
  url: string,
  apiUrl: string,
  dir: string,
): Promise<{ port: number; pid: number; stop: () => Promise<void> }> {
  const port = await freePort();
  const child = spawn(process.execPath, [BIN, 'start'], {
    cwd: dir,
    env: {
      PATH: process.env.PATH,
      HOME: dir,
      DEBAT_ADAPTERS: 'slack',
      DATABASE_URL: url,
      DEBAT_SECRET: 'the-fleet-anonymity-key',
      DATABASE_POOL_SIZE: '10',
      SLACK_BOT_TOKEN: 'xoxb-fake-bot-token',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: apiUrl,
      SLACK_BOT_USER_ID: 'UBOT',
      SLACK_BOT_ID: 'BBOT',
      PORT: String(port),
      DEBAT_HOST: '127.0.0.1',
      DEBAT_LOG_LEVEL: 'warn',
      DEBAT_TIMEZONE: 'UTC',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  for (let attempt = 0; ; attempt++) {
    const healthy = await fetch(`http://127.0.0.1:${port}/healthz`)
      .then((response) => response.ok)
      .catch(() => false);
    if (healthy) return { port, pid: child.pid!, stop };
    if (child.exitCode !== null || attempt > 300) {
      await stop();
      throw new Error(`instance on port ${port} did not start`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The debate the clicks vote on, with its scoreboard attached, written through the store. */
async function openDebate(url: string): Promise<void> {
  const store = new PostgresDebateStore(await openPool({ url, poolSize: 1 }));
  const engine = await DebateEngine.create({
    store,
    clock: systemClock,
    logger: silentLogger,
    defaults: { language: 'fr', timezone: 'UTC', summaryDay: 5, summaryTime: '16:00' },
  });
  const opener = {
    platform: 'slack' as const,
    workspaceId: TEAM,
    channelId: 'C1',
    user: { id: 'UOPENER', name: 'opener', isAdmin: false },
  };
  await engine.run(opener, 'lancer Le banc d’essai');
  await engine.attachScoreboard(opener, 1, `C1:${MESSAGE_TS}`);
  await engine.close();
  await store.close();
}

/** CPU spent per thousand acknowledged clicks, by the instances and by PostgreSQL. */
interface CpuPerClicks {
  instances: number;
  postgres: number;
}

export async function run(): Promise<{ one: Measure; two: Measure; cpu: CpuPerClicks }> {
  const dir = mkdtempSync(join(tmpdir(), 'debat-bench-instances-'));
  const server = await benchServer();
  const slack = await startNullSlack();
  const stops: Array<() => Promise<void>> = [];
  try {
    const url = await server.freshDatabase();
    await openDebate(url);
    const apiUrl = `${slack.url}/api/`;
    const responseUrl = `${slack.url}/response/R1`;
    const [a, b] = await Promise.all([instance(url, apiUrl, dir), instance(url, apiUrl, dir)]);
    stops.push(a!.stop, b!.stop);
    const cpu: CpuPerClicks[] = [];
    // One instance's rounds also say where the cores go: per click, in the instance and in PostgreSQL.
    const one = async () => {
      const servers = await backends(url);
      const before = { instances: cpuMs([a!.pid, b!.pid]), postgres: cpuMs(servers) };
      const measured = await fire(a!.port, MESSAGE_TS, responseUrl, 2);
      const thousands = (measured.rate * DURATION_S) / 1000;
      cpu.push({
        instances: (cpuMs([a!.pid, b!.pid]) - before.instances) / thousands,
        postgres: (cpuMs(servers) - before.postgres) / thousands,
      });
      return measured;
    };
    const two = () => fire([a!.port, b!.port], MESSAGE_TS, responseUrl);
    // Warm both instances (JIT, connections), then alternate and keep the medians.
    await two();
    const ones: Measure[] = [];
    const twos: Measure[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      ones.push(await one());
      twos.push(await two());
    }
    const result = {
      one: medianOf(ones),
      two: medianOf(twos),
      cpu: {
        instances: median(cpu.map((c) => c.instances)),
        postgres: median(cpu.map((c) => c.postgres)),
      },
    };
    const fmt = (n: number, digits = 0) => n.toFixed(digits);
    const row = (name: string, m: Measure, ratio: string) => [
      name,
      fmt(m.rate),
      fmt(m.p50, 1),
      fmt(m.p99, 1),
      String(m.errors),
      ratio,
    ];
    printTable(
      `Slack HTTP vote clicks on one PostgreSQL: one debat process vs two (${ROUNDS} rounds, medians)`,
      [
        row('one instance', result.one, '1.00'),
        row('two instances', result.two, fmt(result.two.rate / result.one.rate, 2)),
      ],
      ['case', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'ratio'],
    );
    printTable(
      'Where one instance’s clicks spend CPU (per 1,000 acknowledged clicks, median)',
      [
        ['debat process', `${fmt(result.cpu.instances)} ms`, `${fmt(1e6 / result.cpu.instances)} clicks/s`],
        [
          'PostgreSQL backends',
          `${fmt(result.cpu.postgres)} ms`,
          `${fmt(1e6 / result.cpu.postgres)} clicks/s`,
        ],
      ],
      ['where', 'CPU', 'one core would carry'],
    );
    return result;
  } finally {
    await Promise.all(stops.map((stop) => stop()));
    slack.child.kill('SIGTERM');
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
