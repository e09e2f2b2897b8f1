// Starting and stopping: clear errors for bad settings, identity from one auth.test (or from
// config), pending scoreboard updates finished on stop, and the publisher's posts with files.
import { afterEach, describe, expect, it } from 'vitest';
import { createSlackAdapter } from '../../adapters/slack/index.ts';
import { type Config, ConfigError, loadConfig } from '../../src/config.ts';
import { HttpRoutes } from '../../src/http-routes.ts';
import { type FakeSlack, startFakeSlack } from '../fakes/slack/index.ts';
import { type TestBed, testEngine } from '../helpers/engine.ts';
import { clickOnMessage } from './clicks.ts';
import { openDebate, RecordingLogger, SIGNING_SECRET, type SlackBed, startSlackBed } from './harness.ts';

describe('starting the Slack adapter', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function setup(
    env: Record<string, string>,
  ): Promise<{ slack: FakeSlack; bed: TestBed; config: Config }> {
    const slack = await startFakeSlack();
    const bed = await testEngine();
    cleanups.push(
      () => slack.close(),
      () => bed.cleanup(),
    );
    const config = loadConfig({ SLACK_API_URL: slack.apiUrl, SLACK_SIGNING_SECRET: SIGNING_SECRET, ...env });
    return { slack, bed, config };
  }

  const create = (config: Config, bed: TestBed) =>
    createSlackAdapter({ socket: { clientPingTimeoutMs: 200 } })({
      config,
      engine: bed.engine,
      logger: new RecordingLogger(),
      clock: bed.clock,
      http: new HttpRoutes(new RecordingLogger()),
      requestShutdown: () => {},
    });

  it('names SLACK_BOT_TOKEN when Slack refuses it, after one auth.test', async () => {
    const { slack, bed, config } = await setup({ SLACK_BOT_TOKEN: 'xoxb-revoked' });
    const error = await create(config, bed).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect(String((error as Error).message)).toMatch(
      /SLACK_BOT_TOKEN: Slack refused this token \(invalid_auth\)/,
    );
    expect(slack.calls('auth.test')).toHaveLength(1);
  });

  it('names SLACK_API_URL when Slack cannot be reached, without retrying', async () => {
    const { bed, config } = await setup({ SLACK_BOT_TOKEN: 'xoxb-any' });
    const error = await create({ ...config, SLACK_API_URL: 'http://127.0.0.1:9/api/' }, bed).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConfigError);
    expect(String((error as Error).message)).toContain('SLACK_API_URL: could not check the bot token');
  });

  it('names a missing variable before anything starts', () => {
    expect(() => loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1' })).toThrow(/SLACK_SIGNING_SECRET/);
    expect(() => loadConfig({ SLACK_BOT_TOKEN: 'xapp-1', SLACK_SIGNING_SECRET: 's' })).toThrow(
      /SLACK_BOT_TOKEN/,
    );
  });

  it('takes the bot identity from configuration without calling auth.test', async () => {
    const { slack, bed, config } = await setup({
      SLACK_BOT_TOKEN: 'xoxb-fake-bot-token',
      SLACK_BOT_USER_ID: 'UBOT',
      SLACK_BOT_ID: 'BBOT',
    });
    const adapter = await create(config, bed);
    await adapter.start();
    await adapter.stop();
    expect(slack.calls('auth.test')).toEqual([]);
  });

  it('names SLACK_APP_TOKEN when Slack refuses the Socket Mode connection', async () => {
    const { bed, config } = await setup({
      SLACK_BOT_TOKEN: 'xoxb-fake-bot-token',
      SLACK_APP_TOKEN: 'xapp-wrong',
    });
    const adapter = await create(config, bed);
    const error = await adapter.start().catch((e: unknown) => e);
    expect(String((error as Error).message)).toContain(
      'SLACK_APP_TOKEN: Slack refused to open a Socket Mode connection (invalid_auth)',
    );
    await adapter.stop().catch(() => undefined);
  });
});

describe.each(['http', 'socket'] as const)('stopping and publishing in %s mode', (mode) => {
  let t: SlackBed;
  afterEach(async () => {
    await t.slack.close();
    await t.bed.cleanup();
  });

  it('finishes pending scoreboard updates after the adapter stops, so the message ends exact', async () => {
    t = await startSlackBed(mode, { intervalMs: 600_000 });
    const ts = await openDebate(t, 'Un sujet');
    for (const user of ['U1', 'U2', 'U3']) await clickOnMessage(t, user, 'C1', ts, 'debat.vote.pro');
    // The first change went out at once; the later ones wait for the interval.
    await t.slack.waitForCall('chat.update');
    await t.http.close();
    await t.adapter.stop();
    // As the process does: the adapter's last commands are done, then the core flushes.
    await t.bed.engine.close();
    expect(JSON.stringify(t.slack.message('C1', ts)?.blocks)).toContain('3 votants');
  });

  it('posts a view with its files: the message, then the upload in the same channel', async () => {
    t = await startSlackBed(mode);
    const ref = await t.adapter.publisher.post(
      { platform: 'slack', workspaceId: t.slack.identity.teamId, channelId: 'C5' },
      {
        visibility: 'public',
        language: 'fr',
        view: { kind: 'notice', key: 'notice.settings_saved', params: {} },
      },
      [
        {
          filename: 'semaine.png',
          mimeType: 'image/png',
          data: new Uint8Array([137, 80, 78, 71]),
          title: 'Graphique',
        },
      ],
    );
    const post = t.slack.okCalls('chat.postMessage').at(-1);
    expect(ref).toBe(`C5:${post?.response?.ts}`);
    const [upload] = [...t.slack.state.uploads.values()];
    expect(upload).toMatchObject({
      filename: 'semaine.png',
      completed: true,
      channel_id: 'C5',
      title: 'Graphique',
      // The description under the argument Slack documents, so screen readers get it.
      alt_txt: 'Graphique',
    });
    expect([...(upload?.bytes ?? [])]).toEqual([137, 80, 78, 71]);
    await t.http.close();
    await t.adapter.stop();
  });
});
