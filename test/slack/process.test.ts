// The real `debat start` process in Slack HTTP mode: it serves /healthz and /slack/events on PORT,
// and on SIGTERM finishes pending scoreboard updates, closes the database and exits 0.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeSlack, startFakeSlack } from '../fakes/slack/index.ts';
import { SIGNING_SECRET } from './harness.ts';

const ROOT = join(import.meta.dirname, '..', '..');

function start(env: Record<string, string>): {
  child: ChildProcess;
  port: Promise<number>;
  exit: Promise<number | null>;
  stderr: () => string;
} {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'debat.mjs'), 'start'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  const port = new Promise<number>((resolve, reject) => {
    child.stderr?.on('data', (chunk: Buffer) => {
      err += chunk.toString();
      const match = /"port":(\d+)[^\n]*HTTP server listening/.exec(err);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', () => reject(new Error(`exited early:\n${err}`)));
  });
  // A run that is expected to fail never reads the port: that is no unhandled rejection.
  port.catch(() => undefined);
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, port, exit, stderr: () => err };
}

describe('the debat process with Slack over HTTP', () => {
  let slack: FakeSlack;
  let dir: string;
  let child: ChildProcess | undefined;
  afterEach(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await slack.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const env = (token: string) => ({
    SLACK_BOT_TOKEN: token,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    PORT: '0',
    DEBAT_HOST: '127.0.0.1',
    DEBAT_DB_PATH: join(dir, 'debat.sqlite'),
    DEBAT_SCOREBOARD_INTERVAL_MS: '600000',
    DEBAT_LOG_LEVEL: 'info',
  });

  it('serves requests, then on SIGTERM flushes the scoreboard and exits 0', async () => {
    slack = await startFakeSlack();
    dir = mkdtempSync(join(tmpdir(), 'debat-slack-'));
    const run = start(env(slack.botToken));
    child = run.child;
    const port = await run.port;
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);

    const http = slack.httpClient(`http://127.0.0.1:${port}/slack/events`, SIGNING_SECRET);
    await http.command(
      slack.payloads.slashCommand({ user: 'U1', channel: 'C1', text: 'lancer Sujet du jour' }),
    );
    const post = await slack.waitForCall('chat.postMessage');
    const ts = String(post.response?.ts);
    for (const user of ['U2', 'U3', 'U4'])
      await http.interactive(
        slack.payloads.blockAction({
          user,
          channel: 'C1',
          messageTs: ts,
          actionId: 'debat.vote.con',
          value: '1:con',
        }),
      );
    await slack.waitForCall('chat.update');
    // A private answer leaves through the response_url worker; SIGTERM waits for it.
    await http.interactive(
      slack.payloads.blockAction({
        user: 'U5',
        channel: 'C1',
        messageTs: ts,
        actionId: 'debat.args',
        value: '1:1',
      }),
    );

    child.kill('SIGTERM');
    expect(await run.exit).toBe(0);
    expect(JSON.stringify(slack.message('C1', ts)?.blocks)).toContain('3 votants');
    expect(slack.responses((r) => r.user === 'U5').map((r) => JSON.stringify(r.body))).toEqual([
      expect.stringContaining('Arguments du débat n° 1'),
    ]);
  });

  it('stops at once with a message naming SLACK_BOT_TOKEN when Slack refuses it', async () => {
    slack = await startFakeSlack();
    dir = mkdtempSync(join(tmpdir(), 'debat-slack-'));
    const run = start(env('xoxb-not-valid'));
    child = run.child;
    expect(await run.exit).toBe(1);
    expect(run.stderr()).toContain('SLACK_BOT_TOKEN: Slack refused this token (invalid_auth)');
  });
});
