// A start that cannot go on: one plain sentence on stderr naming the variable, exit 1, no JSON line.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeDiscord, startFakeDiscord } from '../fakes/discord/index.ts';
import { debat } from './run.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'debat-startup-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const start = (env: Record<string, string>) =>
  debat(['start'], { cwd: dir, env: { DEBAT_DB_PATH: join(dir, 'debat.sqlite'), ...env } });

/** A port nothing listens on: bound, then closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('start-up errors', () => {
  it('Slack out of reach: the sentence alone, not after the log lines of the start (migrations, Bolt)', async () => {
    const port = await closedPort();
    const ran = await start({
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_APP_TOKEN: 'xapp-1',
      SLACK_API_URL: `http://127.0.0.1:${port}/api/`,
    });
    expect(ran.code).toBe(1);
    expect(ran.stderr).toMatch(
      new RegExp(
        `^Invalid configuration: SLACK_API_URL: could not check the bot token with auth\\.test at http://127\\.0\\.0\\.1:${port}/api/ \\([^\\n]+\\)\\n$`,
      ),
    );
    expect(ran.stdout).toBe('');
  });

  describe('Discord', () => {
    let fake: FakeDiscord;
    beforeEach(async () => {
      fake = await startFakeDiscord();
    });
    afterEach(async () => {
      await fake.close();
    });

    it('a refused token', async () => {
      const ran = await start({
        DISCORD_TOKEN: 'not-the-token',
        DISCORD_APPLICATION_ID: fake.applicationId,
        DISCORD_API_URL: fake.api,
      });
      expect(ran).toMatchObject({
        code: 1,
        stderr:
          'Invalid configuration: DISCORD_TOKEN: Discord refused the token (401); copy it again from the Developer Portal (Bot → Reset Token)\n',
      });
    });

    it('out of reach', async () => {
      const port = await closedPort();
      const ran = await start({
        DISCORD_TOKEN: fake.token,
        DISCORD_APPLICATION_ID: fake.applicationId,
        DISCORD_API_URL: `http://127.0.0.1:${port}/api`,
      });
      expect(ran).toMatchObject({
        code: 1,
        stderr: `Invalid configuration: DISCORD_API_URL: cannot reach Discord at http://127.0.0.1:${port}/api (ECONNREFUSED)\n`,
      });
    });
  });

  it('with DEBAT_LOG_LEVEL=debug, the log lines of the start come first, then the sentence', async () => {
    const port = await closedPort();
    const ran = await start({
      DEBAT_LOG_LEVEL: 'debug',
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_APP_TOKEN: 'xapp-1',
      SLACK_API_URL: `http://127.0.0.1:${port}/api/`,
    });
    const lines = ran.stderr.trimEnd().split('\n');
    expect(lines.at(-1)).toMatch(/^Invalid configuration: SLACK_API_URL: /);
    expect(JSON.parse(lines[0]!)).toMatchObject({ msg: 'migrations applied' });
  });
});
