// `debat` from the built JavaScript alone: bin/ and dist/ copied into a folder of their own, with
// every installed package except the TypeScript tool chain (tsx, esbuild, typescript). Any module
// still loaded from the sources or through tsx, and any migration, manifest or worker script that
// does not resolve from dist/, fails here.
import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { debat } from '../cli/run.ts';
import { type FakeSlack, startFakeSlack } from '../fakes/slack/index.ts';
import { SIGNING_SECRET } from '../slack/harness.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const TOOL_CHAIN = new Set(['tsx', 'esbuild', '@esbuild', 'typescript', '.bin', '.package-lock.json']);

let home: string;
let bin: string;
beforeAll(() => {
  home = mkdtempSync(join(tmpdir(), 'debat-built-'));
  cpSync(join(ROOT, 'bin'), join(home, 'bin'), { recursive: true });
  cpSync(join(ROOT, 'dist'), join(home, 'dist'), { recursive: true });
  mkdirSync(join(home, 'node_modules'));
  for (const name of readdirSync(join(ROOT, 'node_modules')).filter((entry) => !TOOL_CHAIN.has(entry)))
    symlinkSync(join(ROOT, 'node_modules', name), join(home, 'node_modules', name));
  bin = join(home, 'bin', 'debat.mjs');
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('the built debat command', () => {
  let work: string;
  let slack: FakeSlack | undefined;
  let child: ChildProcess | undefined;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'debat-built-work-'));
  });
  afterEach(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await slack?.close();
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('answers its version from the copied package.json', async () => {
    const ran = await debat(['--version'], { cwd: work, bin });
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(ran).toMatchObject({ code: 0, stdout: `debat ${version}\n` });
  });

  it('runs a terminal debate on a SQLite file migrated from dist/migrations', async () => {
    const ran = await debat(['start'], {
      cwd: work,
      bin,
      env: { DEBAT_USER: 'Paul' },
      input: 'lancer Bureau ouvert ?\nvoter pour\n',
    });
    expect(ran.stderr).toBe('');
    expect(ran.code).toBe(0);
    expect(ran.stdout).toContain('Débat n° 1 : Bureau ouvert ?');
    expect(ran.stdout).toContain('✓ Vote enregistré : Pour (débat n° 1).');
  });

  it('serves Slack over HTTP, answers privately through its worker script, and stops on SIGTERM', async () => {
    slack = await startFakeSlack();
    child = spawn(process.execPath, [bin, 'start'], {
      cwd: work,
      env: {
        PATH: process.env.PATH ?? '',
        SLACK_BOT_TOKEN: slack.botToken,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: slack.apiUrl,
        PORT: '0',
        DEBAT_HOST: '127.0.0.1',
        DEBAT_DB_PATH: join(work, 'slack.sqlite'),
        DEBAT_LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const running = child;
    let err = '';
    const exit = new Promise<number | null>((resolve) => running.once('exit', resolve));
    const port = await new Promise<number>((resolve, reject) => {
      running.stderr?.on('data', (chunk: Buffer) => {
        err += chunk.toString();
        const match = /"port":(\d+)[^\n]*HTTP server listening/.exec(err);
        if (match) resolve(Number(match[1]));
      });
      running.once('exit', () => reject(new Error(`exited early:\n${err}`)));
    });
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);

    const http = slack.httpClient(`http://127.0.0.1:${port}/slack/events`, SIGNING_SECRET);
    await http.command(slack.payloads.slashCommand({ user: 'U1', channel: 'C1', text: 'lancer Sujet' }));
    const ts = String((await slack.waitForCall('chat.postMessage')).response?.ts);
    await http.interactive(
      slack.payloads.blockAction({
        user: 'U2',
        channel: 'C1',
        messageTs: ts,
        actionId: 'debat.args',
        value: '1:1',
      }),
    );
    running.kill('SIGTERM');
    expect(await exit).toBe(0);
    expect(slack.responses((r) => r.user === 'U2').map((r) => JSON.stringify(r.body))).toEqual([
      expect.stringContaining('Arguments du débat n° 1'),
    ]);
  });

  it('says in one line how to build when dist/ is missing', async () => {
    const bare = mkdtempSync(join(tmpdir(), 'debat-unbuilt-'));
    try {
      cpSync(join(ROOT, 'bin'), join(bare, 'bin'), { recursive: true });
      const ran = await debat(['start'], { cwd: work, bin: join(bare, 'bin', 'debat.mjs') });
      expect(ran.code).toBe(1);
      expect(ran.stdout).toBe('');
      expect(ran.stderr).toBe(`debat is not built: run \`npm install\` (or \`npm run build\`) in ${bare}/\n`);
    } finally {
      rmSync(bare, { recursive: true, force: true });
    }
  });
});
