// The real `debat start` facing the internet: Slack over HTTP and Discord's interactions endpoint
// on one loopback server, pages on, metrics behind a token; and what a client on a raw socket sees.
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import type { FakeDiscord, InteractionSigner } from '../../fakes/discord/index.ts';
import type { FakeSlack } from '../../fakes/slack/index.ts';
import { type Child, startDebat } from '../../reliability/support/processes.ts';
import { SIGNING_SECRET } from '../../reliability/support/slack-process.ts';

export const METRICS_TOKEN = 'metrics-token-SECRET0METRICS-0123456789';

export interface OpenBot {
  child: Child;
  port: number;
  base: string;
}

/** Starts `debat start` with both platforms over HTTP, on 127.0.0.1 and a free port. */
export async function startOpenBot(
  slack: FakeSlack,
  discord: FakeDiscord,
  signer: InteractionSigner,
  dir: string,
  env: Record<string, string> = {},
): Promise<OpenBot> {
  const child = startDebat(
    ['start'],
    {
      DEBAT_ADAPTERS: 'slack,discord',
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      DISCORD_APPLICATION_ID: discord.applicationId,
      DISCORD_PUBLIC_KEY: signer.publicKeyHex,
      DISCORD_API_URL: discord.api,
      DEBAT_PUBLIC_URL: 'https://debat.example.org',
      DEBAT_METRICS_TOKEN: METRICS_TOKEN,
      PORT: '0',
      DEBAT_HOST: '127.0.0.1',
      DEBAT_DB_PATH: join(dir, 'debat.sqlite'),
      DEBAT_LOG_LEVEL: 'info',
      DEBAT_TIMEZONE: 'Europe/Paris',
      ...env,
    },
    dir,
  );
  const listening = /"port":(\d+)[^\n]*HTTP server listening/;
  await child.until((c) => listening.test(c.stderr), 'the HTTP server to listen', 20_000);
  const port = Number(listening.exec(child.stderr)![1]);
  return { child, port, base: `http://127.0.0.1:${port}` };
}

export interface RawAnswer {
  /** Everything the server sent before it closed the connection (or before `waitMs`). */
  text: string;
  /** The server closed the connection. */
  closed: boolean;
  status: number | undefined;
}

/** Writes raw bytes on a fresh connection and reads until the server closes it or `waitMs` passes. */
export function rawRequest(port: number, bytes: string | Buffer, waitMs = 5_000): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    const finish = (closed: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      const status = /^HTTP\/1\.1 (\d{3})/.exec(text)?.[1];
      resolve({ text, closed, status: status ? Number(status) : undefined });
    };
    const timer = setTimeout(() => finish(false), waitMs);
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      text += chunk;
    });
    socket.on('close', () => finish(true));
    socket.on('error', () => {});
    socket.write(bytes);
  });
}

/** Opens a connection that sends `bytes` (maybe nothing) and then holds still; resolves once connected. */
export function holdOpen(port: number, bytes = ''): Promise<{ socket: Socket; closed: Promise<string> }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      text += chunk;
    });
    const closed = new Promise<string>((done) => socket.on('close', () => done(text)));
    socket.once('error', reject);
    socket.once('connect', () => {
      socket.off('error', reject);
      socket.on('error', () => {});
      if (bytes) socket.write(bytes);
      resolve({ socket, closed });
    });
  });
}

/** Asks /healthz over and over (one at a time) until `stop` is called; latencies in ms. */
export function probeHealth(base: string): { stop(): Promise<{ latencies: number[]; failures: number }> } {
  const latencies: number[] = [];
  let failures = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      try {
        const res = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(5_000) });
        await res.text();
        if (res.status === 200) latencies.push(performance.now() - started);
        else failures++;
      } catch {
        failures++;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return { latencies, failures };
    },
  };
}

export const p99 = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] ?? Number.NaN;
};
