// /healthz latency of the real `debat start` while a hostile client works its open port, against
// the same probe on the idle process, in one run: 2,000 idle connections held open, malformed
// targets, oversized bodies on every route and slow bodies, all on loopback. The bound the server
// is held to is p99 under 100 ms; the tests check that every request is answered or closed, this
// measures how fast.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createSigner, startFakeDiscord } from '../test/fakes/discord/index.ts';
import { startFakeSlack } from '../test/fakes/slack/index.ts';
import { killAll } from '../test/reliability/support/processes.ts';
import { holdOpen, p99, probeHealth, rawRequest, startOpenBot } from '../test/security/support/open-bot.ts';
import { median, printTable } from './table.ts';

const PHASE_MS = 8_000;
const IDLE_CONNECTIONS = 2_000;
const fmt = (value: number, digits = 1) => value.toFixed(digits);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Malformed targets, oversized bodies and slow bodies, round after round, until `until`. */
async function attack(port: number, until: number): Promise<number> {
  const malformed = ['//a:99999/x', 'http://[::1/', 'http://%zz/', '//[/', 'http://a b/'];
  let sent = 0;
  while (Date.now() < until) {
    const oversized = `POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${1024 * 1024 + 1}\r\n\r\n{`;
    const slow = holdOpen(
      port,
      'POST /discord/interactions HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{',
    );
    await Promise.all([
      ...malformed.map((target) => rawRequest(port, `GET ${target} HTTP/1.1\r\nHost: x\r\n\r\n`)),
      rawRequest(port, oversized),
      slow,
    ]);
    sent += malformed.length + 2;
  }
  return sent;
}

export async function run() {
  const dir = mkdtempSync(join(tmpdir(), 'debat-hostile-'));
  const slack = await startFakeSlack();
  const discord = await startFakeDiscord();
  try {
    const bot = await startOpenBot(slack, discord, createSigner(), dir);
    const measure = async (during: () => Promise<unknown>) => {
      const probe = probeHealth(bot.base);
      await during();
      return probe.stop();
    };
    const idle = await measure(() => pause(PHASE_MS));
    const held = [];
    for (let i = 0; i < IDLE_CONNECTIONS; i++)
      held.push(await holdOpen(bot.port, i % 2 ? 'GET /healthz HTTP/1.1\r\n' : ''));
    let requests = 0;
    const hostile = await measure(async () => {
      requests = await attack(bot.port, Date.now() + PHASE_MS);
    });
    for (const connection of held) connection.socket.destroy();
    const after = await measure(() => pause(PHASE_MS));
    const row = (name: string, m: { latencies: number[]; failures: number }, base: number) => [
      name,
      String(m.latencies.length),
      String(m.failures),
      fmt(median(m.latencies), 2),
      fmt(p99(m.latencies), 2),
      fmt(p99(m.latencies) / base, 2),
    ];
    const base = p99(idle.latencies);
    printTable(
      `/healthz under a hostile client (${IDLE_CONNECTIONS} idle connections held, ${requests} hostile requests), load average ${loadavg()[0]!.toFixed(1)}`,
      [row('idle', idle, base), row('hostile', hostile, base), row('idle again', after, base)],
      ['case', 'probes', 'failed', 'p50 ms', 'p99 ms', 'p99 ratio'],
    );
    return { idle, hostile, after };
  } finally {
    await killAll();
    await slack.close();
    await discord.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
