// Signed vote clicks fired with autocannon at the Discord HTTP interactions endpoint: the real
// adapter (signature check, engine + SQLite vote, inline ephemeral answer, coalesced scoreboard
// edits sent to a fake Discord) against, in the same run, a bare node:http server that verifies
// the signature and answers. The load generator (which signs every request) and the fake Discord
// REST run in child processes, so their work does not count against the servers.
// Target: ≥ 80 % of the bare server's throughput, p99 within 1.3×.
// `DEBAT_BENCH_BASE=/path/to/an/older/checkout` adds that checkout's adapter as a third server,
// its rounds interleaved with the others: before and after in one run.

import { type ChildProcess, spawn } from 'node:child_process';
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
  verify,
} from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { median, printTable } from './table.ts';

/** The part of autocannon (shipped without types) this benchmark uses. */
interface CannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
}
interface CannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  errors: number;
  timeouts: number;
  non2xx: number;
}
type Cannon = (options: {
  url: string;
  method: string;
  connections: number;
  duration: number;
  requests: { setupRequest: (req: CannonRequest) => CannonRequest }[];
}) => Promise<CannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Cannon;

const CONNECTIONS = 20;
const DURATION_S = 8;
const ROUNDS = 2;
const ROOT = join(import.meta.dirname, '..');
const DISCORD_EPOCH = 1420070400000n;
const PATH = '/discord/interactions';

interface Measure {
  rate: number;
  p50: number;
  p99: number;
  errors: number;
  /** This process's CPU (every thread) over the round, per request answered, in µs. */
  cpuPerRequest: number;
}

/** What the load generator reads: all but the CPU, which only the servers' process can. */
type Fired = Omit<Measure, 'cpuPerRequest'> & { answered: number };

interface FakeInfo {
  api: string;
  token: string;
  applicationId: string;
  guildId: string;
  channelId: string;
}

/** The fake Discord in a child process (with `channels` more text channels in its guild). */
export function startFakeDiscord(channels = 0): Promise<FakeInfo & { child: ChildProcess }> {
  const code = `import { startFakeDiscord } from './test/fakes/discord/index.ts';
    const more = Array.from({ length: ${channels} }, (_, n) => ({ id: String(880000000000000000n + BigInt(n)), type: 0, name: 'c' + n }));
    const guilds = [{ id: '330000000000000001', name: 'Banc', preferred_locale: 'fr',
      channels: [{ id: '330000000000000002', type: 0, name: 'debats' }, ...more] }];
    const fake = await startFakeDiscord({ guilds });
    process.stdout.write(JSON.stringify({ api: fake.api, token: fake.token, applicationId: fake.applicationId,
      guildId: fake.where.guildId, channelId: fake.where.channelId }) + '\\n');
    process.on('SIGTERM', () => fake.close().then(() => process.exit(0)));`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.stdout?.once('data', (chunk: Buffer) =>
      resolve({ ...(JSON.parse(chunk.toString()) as FakeInfo), child }),
    );
    child.once('exit', (code) => reject(new Error(`fake Discord exited (${code})`)));
  });
}

let counter = 0n;
/** A fresh interaction id (a snowflake of now). */
const snowflake = (): string => {
  counter += 1n;
  return (((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) | (counter & 0x3fffffn)).toString();
};

/** A vote click as Discord sends it: a new interaction, a new person each time. */
function voteBody(i: number, fake: FakeInfo, messageId: string): string {
  const user = { id: String(700000000000000000n + BigInt(i)), username: `u${i}`, global_name: null };
  return JSON.stringify({
    id: snowflake(),
    application_id: fake.applicationId,
    type: 3,
    token: `bench-token-${i}`,
    version: 1,
    guild_id: fake.guildId,
    channel_id: fake.channelId,
    channel: { id: fake.channelId, type: 0 },
    member: { user, roles: [], permissions: '3072', nick: null },
    locale: i % 2 ? 'fr' : 'en-US',
    message: { id: messageId, channel_id: fake.channelId, flags: 0 },
    data: { custom_id: i % 3 === 0 ? 'db:v:1:c' : 'db:v:1:p', component_type: 2 },
    entitlements: [],
    authorizing_integration_owners: { '0': fake.guildId },
  });
}

function signer(privateKey: KeyObject) {
  return (body: string): Record<string, string> => {
    const timestamp = String(Math.floor(Date.now() / 1000));
    return {
      'content-type': 'application/json',
      'x-signature-ed25519': sign(null, Buffer.from(timestamp + body), privateKey).toString('hex'),
      'x-signature-timestamp': timestamp,
    };
  };
}

interface ClientArgs {
  port: number;
  fake: FakeInfo;
  messageId: string;
  privateKeyPem: string;
  /** Offset of the voters' ids, so every round votes with new people. */
  offset: number;
}

/** Requests signed ahead of a round: more than either server has answered in one. */
const SIGNED_AHEAD = 12_000 * DURATION_S;

/**
 * The load generator (run in a child process). Discord signs on its own machines, so the requests
 * are signed before the round (each with the time it was made, well within the 5-minute window):
 * signing during the round took a share of the 2 cores the servers are measured on. Past the
 * signed stock, it signs as it goes.
 */
async function client(args: ClientArgs): Promise<Fired> {
  const sign = signer(createPrivateKey(args.privateKeyPem));
  let i = args.offset;
  const next = (): CannonRequest => {
    i += 1;
    const body = voteBody(i, args.fake, args.messageId);
    return { method: 'POST', path: PATH, body, headers: sign(body) };
  };
  const stock = Array.from({ length: SIGNED_AHEAD }, next);
  let taken = 0;
  const result = await autocannon({
    url: `http://127.0.0.1:${args.port}${PATH}`,
    method: 'POST',
    connections: CONNECTIONS,
    duration: DURATION_S,
    requests: [{ setupRequest: (req) => ({ ...req, ...(stock[taken++] ?? next()) }) }],
  });
  return {
    rate: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx + result.timeouts,
    answered: result.requests.total,
  };
}

let rounds = 0;
async function fire(args: Omit<ClientArgs, 'offset'>): Promise<Measure> {
  const cpu = process.cpuUsage();
  const { answered, ...measure } = await round(args);
  const used = process.cpuUsage(cpu);
  return { ...measure, cpuPerRequest: (used.user + used.system) / Math.max(answered, 1) };
}

function round(args: Omit<ClientArgs, 'offset'>): Promise<Fired> {
  const offset = ++rounds * 10_000_000;
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(import.meta.url), '--client', JSON.stringify({ ...args, offset })],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.once('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out) as Fired) : reject(new Error(`client exited (${code})`)),
    );
  });
}

/** The bare server: node:http, verifies the signature with node:crypto, answers an ephemeral message. */
async function bareServer(publicKey: KeyObject): Promise<{ port: number; close: () => Promise<void> }> {
  const answer = JSON.stringify({ type: 4, data: { content: 'ok', flags: 64 } });
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const timestamp = String(req.headers['x-signature-timestamp'] ?? '');
      const signature = String(req.headers['x-signature-ed25519'] ?? '');
      const ok = verify(
        null,
        Buffer.concat([Buffer.from(timestamp), body]),
        publicKey,
        Buffer.from(signature, 'hex'),
      );
      if (!ok) return void res.writeHead(401).end();
      JSON.parse(body.toString('utf8'));
      res
        .writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(answer) })
        .end(answer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The real adapter on its engine and a SQLite file, with one open debate and its scoreboard posted. */
async function realApp(fake: FakeInfo, publicKeyHex: string, dir: string, root = ROOT) {
  const { createDiscordAdapter } = (await import(
    pathToFileURL(join(root, 'adapters/discord/index.ts')).href
  )) as typeof import('../adapters/discord/index.ts');
  const { adapterWithDebate } = (await import(
    pathToFileURL(join(root, 'bench/adapter-on-file.ts')).href
  )) as typeof import('./adapter-on-file.ts');
  const env = {
    DISCORD_TOKEN: fake.token,
    DISCORD_APPLICATION_ID: fake.applicationId,
    DISCORD_PUBLIC_KEY: publicKeyHex,
    DISCORD_API_URL: fake.api,
  };
  const opener = {
    platform: 'discord' as const,
    workspaceId: fake.guildId,
    channelId: fake.channelId,
    user: { id: '600000000000000001', name: 'opener', isAdmin: false },
  };
  const app = await adapterWithDebate(createDiscordAdapter(), env, dir, opener);
  return { port: app.port, messageId: app.scoreboardId, close: app.close };
}

const fmt = (n: number, digits = 0) => n.toFixed(digits);

export async function run(): Promise<{ bare: Measure; real: Measure }> {
  const dir = mkdtempSync(join(tmpdir(), 'debat-bench-discord-'));
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const publicKeyHex = Buffer.from(String(publicKey.export({ format: 'jwk' }).x), 'base64url').toString(
    'hex',
  );
  const verifyKey = createPublicKey(publicKey.export({ format: 'pem', type: 'spki' }));
  const privateKeyPem = String(privateKey.export({ format: 'pem', type: 'pkcs8' }));
  const fake = await startFakeDiscord();
  const bare = await bareServer(verifyKey);
  const real = await realApp(fake, publicKeyHex, dir);
  const baseRoot = process.env.DEBAT_BENCH_BASE;
  if (baseRoot) mkdirSync(join(dir, 'base'));
  const base = baseRoot ? await realApp(fake, publicKeyHex, join(dir, 'base'), baseRoot) : undefined;
  try {
    const args = { fake, messageId: real.messageId, privateKeyPem };
    const baseArgs = base && { fake, messageId: base.messageId, privateKeyPem, port: base.port };
    // Warm each (JIT, SQLite pages), then alternate rounds and keep the medians.
    await fire({ ...args, port: bare.port });
    await fire({ ...args, port: real.port });
    if (baseArgs) await fire(baseArgs);
    const bares: Measure[] = [];
    const reals: Measure[] = [];
    const bases: Measure[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      bares.push(await fire({ ...args, port: bare.port }));
      if (baseArgs) bases.push(await fire(baseArgs));
      reals.push(await fire({ ...args, port: real.port }));
    }
    const pick = (ms: Measure[]): Measure => ({
      rate: median(ms.map((m) => m.rate)),
      p50: median(ms.map((m) => m.p50)),
      p99: median(ms.map((m) => m.p99)),
      errors: ms.reduce((sum, m) => sum + m.errors, 0),
      cpuPerRequest: median(ms.map((m) => m.cpuPerRequest)),
    });
    const b = pick(bares);
    const r = pick(reals);
    const row = (name: string, m: Measure) => [
      name,
      fmt(m.rate),
      fmt(m.p50, 1),
      fmt(m.p99, 1),
      String(m.errors),
      fmt(m.cpuPerRequest),
      fmt(m.rate / b.rate, 2),
      fmt(m.p99 / Math.max(b.p99, 0.001), 2),
    ];
    printTable(
      `Discord HTTP interactions: signed vote clicks, ${CONNECTIONS} connections, ${DURATION_S} s × ${ROUNDS} rounds (medians)`,
      [
        [
          'bare node:http (verify + answer)',
          fmt(b.rate),
          fmt(b.p50, 1),
          fmt(b.p99, 1),
          String(b.errors),
          fmt(b.cpuPerRequest),
          '1.00',
          '1.00',
        ],
        ...(bases.length ? [row(`Débat adapter at ${baseRoot}`, pick(bases))] : []),
        row('Débat adapter', r),
      ],
      [
        'case',
        'req/s',
        'p50 ms',
        'p99 ms',
        'errors',
        'CPU µs a request',
        'throughput ratio (target ≥ 0.80)',
        'p99 ratio (≤ 1.30)',
      ],
    );
    console.log(`load average: ${readFileSync('/proc/loadavg', 'utf8').trim()}`);
    return { bare: b, real: r };
  } finally {
    await real.close();
    await base?.close();
    await bare.close();
    fake.child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (process.argv[2] === '--client')
    process.stdout.write(JSON.stringify(await client(JSON.parse(process.argv[3] ?? '{}'))));
  else await run();
}
