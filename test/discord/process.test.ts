// The real `debat` process: the CLI's discord-register, and a bot started on the gateway.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeDiscord, startFakeDiscord } from '../fakes/discord/index.ts';
import { alice, textOf } from './harness.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'debat.mjs');

function debat(args: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function exited(child: ChildProcess): Promise<{ code: number | null; out: string; err: string }> {
  let out = '';
  let err = '';
  child.stdout?.on('data', (c: Buffer) => {
    out += c.toString();
  });
  child.stderr?.on('data', (c: Buffer) => {
    err += c.toString();
  });
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, out, err })));
}

describe('the debat process with Discord', () => {
  let fake: FakeDiscord;
  let dir: string;
  beforeEach(async () => {
    fake = await startFakeDiscord();
    dir = mkdtempSync(join(tmpdir(), 'debat-discord-process-'));
  });
  afterEach(async () => {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const env = () => ({
    DISCORD_TOKEN: fake.token,
    DISCORD_APPLICATION_ID: fake.applicationId,
    DISCORD_API_URL: fake.api,
    DEBAT_DB_PATH: join(dir, 'debat.sqlite'),
    DEBAT_LOG_LEVEL: 'warn',
  });

  it('debat discord-register --guild ID registers the commands in that server', async () => {
    const result = await exited(debat(['discord-register', '--guild', fake.where.guildId], env()));
    expect(result.code, result.err).toBe(0);
    expect(result.out).toContain(`Registered /debat in server ${fake.where.guildId}`);
    expect(fake.state.guildCommands.get(fake.where.guildId)?.[0]?.name).toBe('debat');
  });

  it('a missing variable is named at start', async () => {
    const result = await exited(
      debat(['start'], { DISCORD_TOKEN: fake.token, DEBAT_DB_PATH: join(dir, 'x.sqlite') }),
    );
    expect(result.code).toBe(1);
    expect(result.err).toContain('DISCORD_APPLICATION_ID');
  });

  it('debat start runs the gateway, answers a command, and stops cleanly on SIGTERM', async () => {
    const child = debat(['start'], env());
    const done = exited(child);
    await fake.gateway.waitForSessionStart(1);
    const payload = fake.slash(alice, 'lancer', { sujet: 'Depuis un vrai processus ?' });
    const [answer] = await fake.rest.waitFor(
      (c) => c.route === 'interactionCallback' && c.params.id === payload.id,
    );
    expect(textOf(answer?.body)).toContain('Débat n° 1 lancé');
    child.kill('SIGTERM');
    const result = await done;
    expect(result.code, result.err).toBe(0);
  });
});
