// The HTTP server as an attacker meets it, on the real `debat start`: malformed and absolute-form
// targets, slow headers and bodies, 2,000 idle connections and oversized bodies on every route.
// Every request gets an answer or a closed connection, /healthz keeps answering every probe (how
// fast is measured by bench/hostile-http.ts), and the logs get one line per kind of trouble, never
// a stack.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSigner, type FakeDiscord, startFakeDiscord } from '../fakes/discord/index.ts';
import { type FakeSlack, startFakeSlack } from '../fakes/slack/index.ts';
import { killAll } from '../reliability/support/processes.ts';
import { removeTempDirs, tempDir } from '../reliability/support/temp.ts';
import {
  holdOpen,
  METRICS_TOKEN,
  type OpenBot,
  probeHealth,
  rawRequest,
  startOpenBot,
} from './support/open-bot.ts';

let slack: FakeSlack;
let discord: FakeDiscord;
let bot: OpenBot;
let health: ReturnType<typeof probeHealth>;

beforeAll(async () => {
  slack = await startFakeSlack();
  discord = await startFakeDiscord();
  bot = await startOpenBot(slack, discord, createSigner(), tempDir());
  health = probeHealth(bot.base);
}, 30_000);

afterAll(async () => {
  await health?.stop();
  await killAll();
  await slack?.close();
  await discord?.close();
  removeTempDirs();
});

const request = (target: string, headers = 'Host: x\r\n') => `GET ${target} HTTP/1.1\r\n${headers}\r\n`;

describe('a hostile client on the open port', () => {
  it('gets a 400 and a closed connection for a malformed target, and the logs get one line', async () => {
    const targets = ['//a:99999/x', 'http://[::1/', 'http://%zz/', '//[/', 'http://a b/'];
    // More than the 226 requests that once took the server's descriptors.
    for (let round = 0; round < 60; round++) {
      const answers = await Promise.all(targets.map((target) => rawRequest(bot.port, request(target))));
      for (const answer of answers)
        expect({ status: answer.status, closed: answer.closed }).toEqual({ status: 400, closed: true });
    }
    const lines = bot.child.stderr.split('\n');
    expect(lines.filter((line) => line.includes('malformed target'))).toHaveLength(1);
    expect(bot.child.stderr).not.toMatch(/\n\s+at /);
    expect(bot.child.stderr).not.toContain('"stack"');
  });

  it('answers absolute-form targets by their path', async () => {
    const health = await rawRequest(
      bot.port,
      request('http://elsewhere.example/healthz', 'Host: elsewhere.example\r\nConnection: close\r\n'),
    );
    expect(health.status).toBe(200);
    const unknown = await rawRequest(
      bot.port,
      request('http://elsewhere.example/nothing', 'Host: x\r\nConnection: close\r\n'),
    );
    expect(unknown.status).toBe(404);
  });

  it('refuses an oversized body on every route, declared or chunked, before reading it', async () => {
    const big = (path: string, method: string, bytes: number) =>
      rawRequest(
        bot.port,
        `${method} ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${bytes}\r\n\r\n${'x'.repeat(Math.min(bytes, 1024))}`,
      );
    const routes: [string, string, number][] = [
      ['/slack/events', 'POST', 1024 * 1024 + 1],
      ['/discord/interactions', 'POST', 256 * 1024 + 1],
      ['/healthz', 'GET', 1],
      ['/metrics', 'GET', 1],
      ['/d/some-page-token', 'GET', 1],
    ];
    for (const [path, method, bytes] of routes) {
      const answer = await big(path, method, bytes);
      expect({ path, status: answer.status, closed: answer.closed }).toEqual({
        path,
        status: 413,
        closed: true,
      });
    }
    // No length declared: the body is counted as it comes and cut at the limit.
    const chunk = Buffer.alloc(64 * 1024, 'y');
    const chunked = await new Promise<string>((resolve) => {
      void holdOpen(
        bot.port,
        'POST /discord/interactions HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n',
      ).then(({ socket, closed }) => {
        for (let i = 0; i < 6; i++)
          socket.write(`${chunk.length.toString(16)}\r\n${chunk.toString('latin1')}\r\n`);
        void closed.then(resolve);
      });
    });
    expect(chunked).toMatch(/^HTTP\/1\.1 413/);
  });

  it('closes slow headers and slow bodies (408) instead of holding them', async () => {
    const slowHeaders = await holdOpen(bot.port, 'GET /healthz HTTP/1.1\r\nHost: x\r\n');
    const slowBody = await holdOpen(
      bot.port,
      'POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"a":',
    );
    const silent = await holdOpen(bot.port);
    // The test's own timeout is the bound: headers within 10 s, a request within 15 s.
    const [headersAnswer, bodyAnswer] = await Promise.all([
      slowHeaders.closed,
      slowBody.closed,
      silent.closed,
    ]);
    expect(headersAnswer === '' || /^HTTP\/1\.1 408/.test(headersAnswer)).toBe(true);
    expect(bodyAnswer).toMatch(/^HTTP\/1\.1 408/);
  }, 40_000);

  it('keeps answering /healthz with 2,000 idle connections open, and lets them go', async () => {
    const idle = [];
    for (let i = 0; i < 2000; i++)
      idle.push(await holdOpen(bot.port, i % 2 ? 'GET /healthz HTTP/1.1\r\n' : ''));
    const during = probeHealth(bot.base);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const { latencies, failures } = await during.stop();
    expect(failures).toBe(0);
    expect(latencies.length).toBeGreaterThan(20);
    // None is kept past the header timeout.
    await Promise.all(idle.map((connection) => connection.closed));
  }, 60_000);

  it('serves /metrics only with its token', async () => {
    expect((await fetch(`${bot.base}/metrics`)).status).toBe(401);
    const scraped = await fetch(`${bot.base}/metrics`, {
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    });
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toContain('debat_process_open_fds');
  });

  it('answered every /healthz probe throughout, and the process lives', async () => {
    const { latencies, failures } = await health.stop();
    expect(failures).toBe(0);
    expect(latencies.length).toBeGreaterThan(50);
    expect(bot.child.running).toBe(true);
    expect(bot.child.stderr).not.toMatch(/\n\s+at /);
  });
});
