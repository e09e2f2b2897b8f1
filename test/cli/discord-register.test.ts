// `debat discord-register` when Discord says no or cannot be reached: one clear line, no stack.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeDiscord, startFakeDiscord } from '../fakes/discord/index.ts';
import { debat } from './run.ts';

let fake: FakeDiscord;
let dir: string;
beforeEach(async () => {
  fake = await startFakeDiscord();
  dir = mkdtempSync(join(tmpdir(), 'debat-register-'));
});
afterEach(async () => {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

const register = (args: string[], env: Record<string, string> = {}) =>
  debat(['discord-register', ...args], {
    cwd: dir,
    env: {
      DISCORD_TOKEN: fake.token,
      DISCORD_APPLICATION_ID: fake.applicationId,
      DISCORD_API_URL: fake.api,
      ...env,
    },
  });

/** One line on stdout, exit 1, nothing on stderr (no stack, no log line). */
function expectOneLine(ran: { code: number | null; stdout: string; stderr: string }, said: string | RegExp) {
  expect(ran.code).toBe(1);
  expect(ran.stdout.split('\n').filter(Boolean)).toHaveLength(1);
  if (typeof said === 'string') expect(ran.stdout).toBe(`${said}\n`);
  else expect(ran.stdout).toMatch(said);
  expect(ran.stderr).toBe('');
}

/** A port nothing listens on: bound, then closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('debat discord-register, when Discord says no', () => {
  it('registers and says where when all is well', async () => {
    const ran = await register(['--guild', fake.where.guildId]);
    expect(ran.code).toBe(0);
    expect(ran.stdout).toContain(`Registered /debat in server ${fake.where.guildId} (available now).`);
  });

  it('a refused token', async () => {
    expectOneLine(
      await register([], { DISCORD_TOKEN: 'not-the-token' }),
      'DISCORD_TOKEN: Discord refused the token (401); copy it again from the Developer Portal (Bot → Reset Token)',
    );
  });

  it('a missing permission in the server', async () => {
    fake.rest.failNext(1, {
      kind: 'discordError',
      status: 403,
      error: { code: 50001, message: 'Missing Access' },
    });
    expectOneLine(
      await register(['--guild', fake.where.guildId]),
      `Discord refused (403): the application may not add commands to server ${fake.where.guildId}; invite it there with the applications.commands scope`,
    );
  });

  it('an unknown application', async () => {
    fake.rest.failNext(1, {
      kind: 'discordError',
      status: 404,
      error: { code: 10002, message: 'Unknown Application' },
    });
    expectOneLine(
      await register([]),
      'DISCORD_APPLICATION_ID: Discord knows no application with this id; copy it from General Information',
    );
  });

  it('Discord out of reach', async () => {
    const port = await closedPort();
    expectOneLine(
      await register([], { DISCORD_API_URL: `http://127.0.0.1:${port}/api` }),
      `Cannot reach Discord at http://127.0.0.1:${port}/api (ECONNREFUSED); check the network, or DISCORD_API_URL if it is set`,
    );
  });

  it('a mistyped option gets the usage and exit 2', async () => {
    const ran = await register(['--gild', '1']);
    expect(ran.code).toBe(2);
    expect(ran.stdout).toContain("Unknown option '--gild'");
    expect(ran.stdout).toContain('Usage: debat discord-register [--guild ID]');
  });
});
