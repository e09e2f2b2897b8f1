// Memory of `debat start` (the built JavaScript) with Slack and Discord configured: its resident
// set once ready and idle, then after each of two storms of 100,000 signed Slack vote clicks (each
// from a new person, on one debate). Between the two storms the click and delivery memories are
// full: a resident set that keeps growing would show in the second. With `storm [minutes]` as
// arguments, one storm of signed clicks as fast as 20 connections allow for that long (10 minutes
// by default), the resident set read every 30 s: bounded memories show as a flat line once the
// first minute has grown V8's heap and SQLite's caches. Slack is a stand-in answering `ok`;
// Discord is the tests' fake (gateway and REST), both in child processes.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { freePort } from '../test/postgres/server.ts';
import { CLICKS } from './acks-clients.ts';
import { child } from './acks-under-work.ts';
import { bothPlatforms, rssMb, startFakeDiscordChild } from './cold-start.ts';
import { engineOnFile } from './engine-on-file.ts';
import { startNullSlack } from './slack-http.ts';
import { printTable } from './table.ts';

const CLICKS_PER_STORM = 100_000;
const SETTLE_MS = 3_000;
const MESSAGE_TS = '1700000000.000001';
const ROOT = join(import.meta.dirname, '..');

const settle = () => new Promise((resolve) => setTimeout(resolve, SETTLE_MS));

const SAMPLE_MS = 30_000;

export async function run(stormMinutes?: number) {
  const dir = mkdtempSync(join(tmpdir(), 'debat-bench-memory-'));
  const slack = await startNullSlack();
  const discord = await startFakeDiscordChild();
  try {
    const port = await freePort();
    const env = bothPlatforms(dir, port, slack.url, discord);
    // The debate the clicks vote on, its scoreboard attached, written before the start.
    const { engine, store } = await engineOnFile(env.DEBAT_DB_PATH!);
    const opener = {
      platform: 'slack' as const,
      workspaceId: 'T0FAKE',
      channelId: 'C1',
      user: { id: 'UOPENER', name: 'opener', isAdmin: false },
    };
    await engine.run(opener, 'lancer Le banc d’essai');
    await engine.attachScoreboard(opener, 1, `C1:${MESSAGE_TS}`);
    await engine.close();
    await store.close();

    const debat = spawn(process.execPath, [join(ROOT, 'bin', 'debat.mjs'), 'start'], {
      cwd: dir,
      env,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const exited = new Promise<void>((resolve) => debat.once('exit', () => resolve()));
    try {
      for (;;) {
        const ok = await fetch(`http://127.0.0.1:${port}/healthz`)
          .then((response) => response.status === 200)
          .catch(() => false);
        if (ok) break;
        if (debat.exitCode !== null) throw new Error('debat exited before it was ready');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await settle();
      const idle = rssMb(debat.pid!);
      if (stormMinutes !== undefined)
        return await longStorm(debat.pid!, idle, stormMinutes, port, env, slack.url);
      const storms: { clicks: number; errors: number; rss: number }[] = [];
      for (let storm = 1; storm <= 2; storm++) {
        const fired = await child<{ total: number; errors: number }>(CLICKS, {
          TARGET: `http://127.0.0.1:${port}/slack/events`,
          BOARDS: JSON.stringify([{ channel: 'C1', ts: MESSAGE_TS, number: 1 }]),
          OFFSET: String(storm * 10_000_000),
          AMOUNT: String(CLICKS_PER_STORM),
          CONNECTIONS: '20',
          SECRET: env.SLACK_SIGNING_SECRET!,
          TEAM: 'T0FAKE',
          RESPONSE_URL: `${slack.url}/response/R1`,
        });
        await settle();
        storms.push({ clicks: fired.total, errors: fired.errors, rss: rssMb(debat.pid!) });
      }
      printTable(
        'Memory of debat start (built), Slack and Discord configured, SQLite',
        [
          ['ready, idle', '0', '', idle.toFixed(1)],
          ...storms.map((s, i) => [
            `after storm ${i + 1}`,
            String((i + 1) * s.clicks),
            String(s.errors),
            s.rss.toFixed(1),
          ]),
        ],
        ['case', 'clicks', 'errors', 'RSS MB'],
      );
      return { idle, storms };
    } finally {
      debat.kill('SIGTERM');
      await exited;
    }
  } finally {
    slack.child.kill('SIGTERM');
    discord.child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One storm of `minutes`, the resident set read every 30 s meanwhile. */
async function longStorm(
  pid: number,
  idle: number,
  minutes: number,
  port: number,
  env: Record<string, string | undefined>,
  slackUrl: string,
) {
  const started = performance.now();
  const samples: { at: number; rss: number }[] = [];
  const sampler = setInterval(
    () => samples.push({ at: (performance.now() - started) / 1000, rss: rssMb(pid) }),
    SAMPLE_MS,
  );
  const fired = await child<{ total: number; errors: number; p99: number }>(CLICKS, {
    TARGET: `http://127.0.0.1:${port}/slack/events`,
    BOARDS: JSON.stringify([{ channel: 'C1', ts: MESSAGE_TS, number: 1 }]),
    OFFSET: '10000000',
    DURATION: String(minutes * 60),
    CONNECTIONS: '20',
    SECRET: env.SLACK_SIGNING_SECRET!,
    TEAM: 'T0FAKE',
    RESPONSE_URL: `${slackUrl}/response/R1`,
  }).finally(() => clearInterval(sampler));
  await settle();
  samples.push({ at: (performance.now() - started) / 1000, rss: rssMb(pid) });
  // Growth per minute after the first two, by least squares over the samples.
  const late = samples.filter((s) => s.at >= 120);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const mx = mean(late.map((s) => s.at));
  const my = mean(late.map((s) => s.rss));
  const slope =
    late.reduce((a, s) => a + (s.at - mx) * (s.rss - my), 0) / late.reduce((a, s) => a + (s.at - mx) ** 2, 0);
  printTable(
    `Memory of debat start (built) across a ${minutes}-minute storm: ${fired.total} signed Slack vote clicks (${Math.round(fired.total / (minutes * 60))}/s, each from a new person, 20 connections), ${fired.errors} errors, ack p99 ${fired.p99} ms`,
    [['ready, idle', idle.toFixed(1)], ...samples.map((s) => [`${Math.round(s.at)} s`, s.rss.toFixed(1)])],
    ['when', 'RSS MB'],
  );
  // A storm of under three minutes has too few readings after the first two for a trend.
  if (late.length >= 2)
    console.log(
      `RSS after the first 2 minutes: ${Math.min(...late.map((s) => s.rss)).toFixed(1)}–${Math.max(...late.map((s) => s.rss)).toFixed(1)} MB, trend ${(slope * 60).toFixed(2)} MB a minute`,
    );
  return { idle, samples, clicks: fired.total, errors: fired.errors };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const storm = process.argv[2] === 'storm';
  await run(storm ? Number(process.argv[3] ?? 10) : undefined);
}
