// Cold start to ready and idle memory of `debat start` with Slack (HTTP) and Discord (gateway and
// HTTP interactions) configured: the built JavaScript (bin/debat.mjs, what `npm start` runs)
// against the same sources run through tsx, as every start ran them before the build. Each
// start is a fresh process on a fresh SQLite file (the migrations run), timed from spawn to the
// first `GET /healthz` answered 200; the memory is its resident set 2 s after that. Rounds
// alternate between the two, medians. Slack is a stand-in answering `ok`; Discord is the fake of
// the tests (gateway and REST), both in child processes.
import { type ChildProcess, spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { freePort } from '../test/postgres/server.ts';
import { startNullSlack } from './slack-http.ts';
import { median, printTable } from './table.ts';

const ROUNDS = 5;
const IDLE_MS = 2_000;
const ROOT = join(import.meta.dirname, '..');

interface FakeDiscord {
  api: string;
  token: string;
  applicationId: string;
  child: ChildProcess;
}

export function startFakeDiscordChild(): Promise<FakeDiscord> {
  const code = `import { startFakeDiscord } from './test/fakes/discord/index.ts';
    const fake = await startFakeDiscord();
    process.stdout.write(JSON.stringify({ api: fake.api, token: fake.token, applicationId: fake.applicationId }) + '\\n');
    process.on('SIGTERM', () => fake.close().then(() => process.exit(0)));`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.stdout?.once('data', (chunk: Buffer) =>
      resolve({ ...(JSON.parse(chunk.toString()) as Omit<FakeDiscord, 'child'>), child }),
    );
    child.once('exit', (code) => reject(new Error(`fake Discord exited (${code})`)));
  });
}

/** The resident set of a process, in MB (from /proc). */
export function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return Number(line?.replace(/\D+/g, '') ?? 0) / 1024;
}

/** The environment of `debat start` with both platforms configured, on a fresh file in `dir`. */
export function bothPlatforms(
  dir: string,
  port: number,
  slackUrl: string,
  discord: Omit<FakeDiscord, 'child'>,
): Record<string, string> {
  const { publicKey } = generateKeyPairSync('ed25519');
  const publicKeyHex = Buffer.from(String(publicKey.export({ format: 'jwk' }).x), 'base64url').toString(
    'hex',
  );
  return {
    PATH: process.env.PATH ?? '',
    HOME: dir,
    SLACK_BOT_TOKEN: 'xoxb-fake-bot-token',
    SLACK_SIGNING_SECRET: 'bench-signing-secret-0123456789',
    SLACK_API_URL: `${slackUrl}/api/`,
    SLACK_BOT_USER_ID: 'UBOT',
    SLACK_BOT_ID: 'BBOT',
    DISCORD_TOKEN: discord.token,
    DISCORD_APPLICATION_ID: discord.applicationId,
    DISCORD_PUBLIC_KEY: publicKeyHex,
    DISCORD_API_URL: discord.api,
    PORT: String(port),
    DEBAT_HOST: '127.0.0.1',
    DEBAT_LOG_LEVEL: 'warn',
    DEBAT_DB_PATH: join(dir, 'debat.sqlite'),
  };
}

interface Start {
  readyMs: number;
  rssMb: number;
}

/** Starts `args` (node's arguments), waits for /healthz, reads its memory after IDLE_MS, stops it. */
async function coldStart(args: string[], env: Record<string, string>, port: number): Promise<Start> {
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: env.HOME, env, stdio: ['ignore', 'ignore', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    for (;;) {
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`)
        .then((response) => response.status === 200)
        .catch(() => false);
      if (ok) break;
      if (child.exitCode !== null) throw new Error(`debat exited (${child.exitCode}) before it was ready`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const readyMs = performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
    return { readyMs, rssMb: rssMb(child.pid!) };
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

const fmt = (n: number, digits = 0) => n.toFixed(digits);

export async function run(): Promise<{ built: Start; tsx: Start }> {
  const slack = await startNullSlack();
  const discord = await startFakeDiscordChild();
  const dirs: string[] = [];
  try {
    const variants = {
      built: [join(ROOT, 'bin', 'debat.mjs'), 'start'],
      // tsx named by its path: the process runs in a temporary folder.
      tsx: [
        '--import',
        pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href,
        join(ROOT, 'adapters', 'cli.ts'),
        'start',
      ],
    };
    const measured: Record<keyof typeof variants, Start[]> = { built: [], tsx: [] };
    for (let round = 0; round <= ROUNDS; round++)
      for (const name of ['built', 'tsx'] as const) {
        const dir = mkdtempSync(join(tmpdir(), 'debat-bench-start-'));
        dirs.push(dir);
        const port = await freePort();
        const start = await coldStart(variants[name], bothPlatforms(dir, port, slack.url, discord), port);
        // The first round warms the disk cache and is left out.
        if (round > 0) measured[name].push(start);
      }
    const pick = (starts: Start[]): Start => ({
      readyMs: median(starts.map((s) => s.readyMs)),
      rssMb: median(starts.map((s) => s.rssMb)),
    });
    const built = pick(measured.built);
    const tsx = pick(measured.tsx);
    printTable(
      `Cold start to /healthz 200 and idle memory, Slack and Discord configured, ${ROUNDS} rounds (medians)`,
      [
        ['sources through tsx', fmt(tsx.readyMs), fmt(tsx.rssMb, 1), '1.00', '1.00'],
        [
          'built JavaScript',
          fmt(built.readyMs),
          fmt(built.rssMb, 1),
          fmt(built.readyMs / tsx.readyMs, 2),
          fmt(built.rssMb / tsx.rssMb, 2),
        ],
      ],
      ['case', 'ready ms', 'RSS MB', 'time ratio', 'memory ratio'],
    );
    return { built, tsx };
  } finally {
    slack.child.kill('SIGTERM');
    discord.child.kill('SIGTERM');
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
