// Signed vote clicks fired with autocannon at the Slack HTTP endpoint, at fixed concurrency:
// the real adapter (engine + SQLite + Bolt + after-ack work) against, in the same run, a bare
// Bolt app on the same HTTP server whose handler only acks. The app runs in this process; the
// load generator and the fake Slack (which takes the ephemeral answers and scoreboard edits)
// each run in a child process. Target: ≥ 70 % of the bare app's throughput, p99 ≤ 1.5×.

import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import { createSlackAdapter } from '../adapters/slack/index.ts';
import { silentLogger } from '../src/domain/logger.ts';
import { BODY_LIMITS } from '../src/http/limits.ts';
import { HttpRoutes } from '../src/http-routes.ts';
import { SLACK_SIGNED } from './acks-clients.ts';
import { adapterWithDebate } from './adapter-on-file.ts';
import { median, printTable } from './table.ts';

const SECRET = 'bench-signing-secret-0123456789';
const CONNECTIONS = 20;
export const DURATION_S = 8;
const ROUNDS = 2;
// Each person clicks every few seconds at the rates measured here: clicks of one person on one
// button closer than 1.5 s are a double click, which the adapter acts on once (and cheaply).
const VOTERS = 50_000;
const TEAM = 'T0FAKE';
const ROOT = join(import.meta.dirname, '..');

export interface Measure {
  rate: number;
  p50: number;
  p99: number;
  errors: number;
  /** CPU of this process (both servers' and their threads') per request answered, in µs. */
  cpuPerRequest: number;
}

/**
 * Slack's side for the benchmark, in a child process: every Web API call and response_url post is
 * answered `ok` at once, without parsing or recording (tests use the full fake; here only the
 * app's own work should count).
 */
const NULL_SLACK = `
import { createServer } from 'node:http';
let seq = 0;
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    seq += 1;
    const ts = '1700000000.' + String(seq).padStart(6, '0');
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"ok":true,"channel":"C1","ts":"' + ts + '"}');
  });
});
server.listen(0, '127.0.0.1', () => process.stdout.write('http://127.0.0.1:' + server.address().port + '\\n'));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
`;

export function startNullSlack(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', NULL_SLACK], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.stdout?.once('data', (chunk: Buffer) => resolve({ url: chunk.toString().trim(), child }));
    child.once('exit', (code) => reject(new Error(`Slack stand-in exited (${code})`)));
  });
}

/**
 * The load generator, in a process of its own so the app keeps its event loop: autocannon firing
 * vote clicks as Slack sends them, each signed, each from one of VOTERS people, stamped with the
 * time of the click as Slack's action_ts is.
 */
const LOAD_GENERATOR = `
import autocannon from 'autocannon';
import { createHmac } from 'node:crypto';
${SLACK_SIGNED}const env = process.env;
const voters = Number(env.VOTERS);
let i = 0;
function body(n) {
  const side = n % 3 === 0 ? 'con' : 'pro';
  const user = 'U' + (n % voters);
  const payload = {
    type: 'block_actions',
    user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: env.TEAM },
    api_app_id: 'A0FAKE',
    token: 'legacy',
    trigger_id: n + '.trigger',
    team: { id: env.TEAM, domain: 'fake' },
    container: { type: 'message', message_ts: env.MESSAGE_TS, channel_id: 'C1', is_ephemeral: false },
    channel: { id: 'C1', name: 'c1' },
    message: { type: 'message', ts: env.MESSAGE_TS, user: 'UBOT', text: '' },
    response_url: env.RESPONSE_URL,
    actions: [{ type: 'button', action_id: 'debat.vote.' + side, block_id: 'scoreboard-0', value: '1:' + side,
      action_ts: (Date.now() / 1000).toFixed(3) + String(n % 1000).padStart(3, '0') }],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}
// One autocannon per target, the connections split evenly: the same shape whatever the targets.
const targets = env.TARGETS.split(',');
const results = await Promise.all(targets.map((url) => autocannon({
  url,
  method: 'POST',
  connections: Number(env.CONNECTIONS) / targets.length,
  duration: Number(env.DURATION),
  requests: [{
    setupRequest: (req) => slackSigned(req, body(++i)),
  }],
})));
const sum = (pick) => results.reduce((total, result) => total + pick(result), 0);
process.stdout.write(JSON.stringify({ rate: sum((r) => r.requests.average),
  p50: Math.max(...results.map((r) => r.latency.p50)), p99: Math.max(...results.map((r) => r.latency.p99)),
  errors: sum((r) => r.errors + r.non2xx + r.timeouts) }));
`;

/** The CPU the process spent over the round, per request answered (the load generator is another process). */
const withCpu = (m: Omit<Measure, 'cpuPerRequest'>, cpu: NodeJS.CpuUsage): Measure => ({
  ...m,
  cpuPerRequest: (cpu.user + cpu.system) / Math.max(1, m.rate * DURATION_S),
});

/**
 * One measurement: the load generator against `port` for DURATION_S seconds. Given several ports,
 * it splits its connections between them, one autocannon each (`split` splits even one port, so
 * that one target and several are loaded the same way); the rates add up, the latencies are the
 * worst target's.
 */
export function fire(
  port: number | readonly number[],
  messageTs: string,
  responseUrl: string,
  split = 1,
): Promise<Measure> {
  const ports = typeof port === 'number' ? Array.from({ length: split }, () => port) : port;
  const child = spawn(process.execPath, ['--input-type=module', '-e', LOAD_GENERATOR], {
    cwd: ROOT,
    env: {
      ...process.env,
      TARGETS: ports.map((p) => `http://127.0.0.1:${p}/slack/events`).join(','),
      SECRET,
      MESSAGE_TS: messageTs,
      RESPONSE_URL: responseUrl,
      TEAM,
      VOTERS: String(VOTERS),
      CONNECTIONS: String(CONNECTIONS),
      DURATION: String(DURATION_S),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  const cpuBefore = process.cpuUsage();
  return new Promise((resolve, reject) => {
    child.once('exit', (code) =>
      code === 0
        ? resolve(withCpu(JSON.parse(out) as Omit<Measure, 'cpuPerRequest'>, process.cpuUsage(cpuBefore)))
        : reject(new Error(`load generator exited with ${code}`)),
    );
  });
}

/** The bare app: Bolt on the same kind of HTTP server, a handler that only acks. */
export async function bareApp(): Promise<{ port: number; close: () => Promise<void> }> {
  const http = new HttpRoutes(silentLogger);
  const receiver = new HTTPReceiver({ signingSecret: SECRET, logLevel: LogLevel.ERROR });
  const app = new App({
    token: 'xoxb-bench',
    botId: 'BBOT',
    botUserId: 'UBOT',
    receiver,
    convoStore: false,
    logLevel: LogLevel.ERROR,
  });
  app.action(/.*/, async ({ ack }) => {
    await ack();
  });
  // The same body limit as the adapter's route: without one, every click would be refused (413).
  http.route('POST', '/slack/events', receiver.requestListener, { maxBody: BODY_LIMITS.slack });
  const address = await http.listen(0, '127.0.0.1');
  return { port: address.port, close: () => http.close() };
}

/** The real adapter on its engine and a SQLite file, with one open debate and its scoreboard. */
export async function realApp(
  apiUrl: string,
  dir: string,
  engineFor?: Parameters<typeof adapterWithDebate>[4],
) {
  const env = {
    SLACK_BOT_TOKEN: 'xoxb-fake-bot-token',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: apiUrl,
    SLACK_BOT_USER_ID: 'UBOT',
    SLACK_BOT_ID: 'BBOT',
  };
  const opener = {
    platform: 'slack' as const,
    workspaceId: TEAM,
    channelId: 'C1',
    user: { id: 'UOPENER', name: 'opener', isAdmin: false },
  };
  const app = await adapterWithDebate(createSlackAdapter(), env, dir, opener, engineFor);
  return { port: app.port, messageTs: app.scoreboardId, close: app.close };
}

const fmt = (n: number, digits = 0) => n.toFixed(digits);

function report(b: Measure, r: Measure): void {
  printTable(
    `Slack HTTP: signed vote clicks, ${CONNECTIONS} connections, ${DURATION_S} s × ${ROUNDS} rounds (medians)`,
    [
      ['bare Bolt (ack only)', fmt(b.rate), fmt(b.p50, 1), fmt(b.p99, 1), String(b.errors), '1.00'],
      ['Débat adapter', fmt(r.rate), fmt(r.p50, 1), fmt(r.p99, 1), String(r.errors), fmt(r.rate / b.rate, 2)],
      ['p99 ratio (target ≤ 1.5)', '', '', fmt(r.p99 / b.p99, 2), '', ''],
      [
        'CPU µs per request: bare, adapter, ratio',
        fmt(b.cpuPerRequest),
        fmt(r.cpuPerRequest),
        fmt(b.cpuPerRequest / r.cpuPerRequest, 2),
        '',
        '',
      ],
    ],
    ['case', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'throughput ratio (target ≥ 0.70)'],
  );
}

export const medianOf = (ms: Measure[]): Measure => ({
  rate: median(ms.map((m) => m.rate)),
  p50: median(ms.map((m) => m.p50)),
  p99: median(ms.map((m) => m.p99)),
  errors: ms.reduce((sum, m) => sum + m.errors, 0),
  cpuPerRequest: median(ms.map((m) => m.cpuPerRequest)),
});

export async function run(): Promise<{ bare: Measure; real: Measure }> {
  const dir = mkdtempSync(join(tmpdir(), 'debat-bench-slack-'));
  const slack = await startNullSlack();
  const closers: Array<() => Promise<void>> = [];
  try {
    const responseUrl = `${slack.url}/response/R1`;
    const bare = await bareApp();
    closers.push(bare.close);
    const real = await realApp(`${slack.url}/api/`, dir);
    closers.push(real.close);
    // Warm both (JIT, SQLite pages), then alternate rounds and keep the medians.
    await fire(bare.port, real.messageTs, responseUrl);
    await fire(real.port, real.messageTs, responseUrl);
    const bares: Measure[] = [];
    const reals: Measure[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      bares.push(await fire(bare.port, real.messageTs, responseUrl));
      reals.push(await fire(real.port, real.messageTs, responseUrl));
    }
    const result = { bare: medianOf(bares), real: medianOf(reals) };
    report(result.bare, result.real);
    return result;
  } finally {
    for (const close of closers.reverse()) await close();
    slack.child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
