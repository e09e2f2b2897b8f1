// Self-test of the fake Slack platform: a real Bolt App (HTTP mode and Socket Mode) talks to it
// over 127.0.0.1 and every piece answers as Slack would.
import type { AddressInfo } from 'node:net';
import { App, LogLevel, SocketModeReceiver, webApi } from '@slack/bolt';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { checkMessage, checkView } from './block-kit-limits.ts';
import { eventually, type FakeSlack, type SignedSlackClient, startFakeSlack } from './index.ts';

const SECRET = 'test-signing-secret';
const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });

function boltOn(slack: FakeSlack, extra: Record<string, unknown> = {}) {
  return new App({
    token: slack.botToken,
    signingSecret: SECRET,
    logLevel: LogLevel.ERROR,
    clientOptions: { slackApiUrl: slack.apiUrl, retryConfig: { retries: 2, minTimeout: 1, maxTimeout: 5 } },
    ...extra,
  });
}

function register(app: App) {
  app.command('/debat', async ({ ack, command, client, respond }) => {
    await ack();
    const posted = await client.chat.postMessage({ channel: command.channel_id, text: command.text });
    await respond({ text: `posted ${posted.ts}`, response_type: 'ephemeral' });
  });
  app.action('vote', async ({ ack, body, client }) => {
    await ack();
    if (body.type !== 'block_actions' || !body.channel || !body.container.message_ts) return;
    await client.chat.update({
      channel: body.channel.id,
      ts: body.container.message_ts,
      text: 'updated',
      blocks: [section('updated')],
    });
    await client.views.open({
      trigger_id: body.trigger_id,
      view: {
        type: 'modal',
        callback_id: 'add',
        title: { type: 'plain_text', text: 'Argument' },
        submit: { type: 'plain_text', text: 'OK' },
        blocks: [
          {
            type: 'input',
            block_id: 'text',
            label: { type: 'plain_text', text: 'Texte' },
            element: { type: 'plain_text_input', action_id: 'text' },
          },
        ],
      },
    });
  });
  app.view('add', async ({ ack, view }) => {
    const text = view.state.values.text?.text?.value ?? '';
    if (text.length < 3) await ack({ response_action: 'errors', errors: { text: 'too short' } });
    else await ack();
  });
  app.message(async ({ message, client }) => {
    if (message.subtype !== undefined) return;
    // A redelivered event meets `already_reacted`: that is fine here.
    await client.reactions
      .add({ channel: message.channel, timestamp: message.ts, name: 'white_check_mark' })
      .catch(() => undefined);
  });
}

describe('fake Slack with Bolt in HTTP mode', () => {
  let slack: FakeSlack;
  let app: App;
  let http: SignedSlackClient;

  beforeAll(async () => {
    slack = await startFakeSlack();
    app = boltOn(slack);
    register(app);
    const server = (await app.start({ port: 0, host: '127.0.0.1' })) as unknown as {
      address(): AddressInfo;
    };
    http = slack.httpClient(`http://127.0.0.1:${server.address().port}/slack/events`, SECRET);
    // Bolt checked its token with auth.test in the constructor.
    await slack.waitForCall('auth.test');
  });

  afterEach(() => slack.clearFaults());

  afterAll(async () => {
    await app.stop();
    await slack.close();
  });

  it('runs a slash command round trip: post, then respond to the response_url', async () => {
    const fields = slack.payloads.slashCommand({ user: 'U1', channel: 'C1', text: 'hello <!channel>' });
    const answer = await http.command(fields);
    expect(answer.status).toBe(200);
    const post = await slack.waitForCall('chat.postMessage');
    expect(post.token).toBe(slack.botToken);
    expect(post.args).toMatchObject({ channel: 'C1', text: 'hello <!channel>' });
    const ts = String(post.response?.ts);
    expect(slack.message('C1', ts)?.text).toBe('hello <!channel>');
    const notes = await eventually(() => slack.privateNotes('U1').length > 0 && slack.privateNotes('U1'));
    expect(notes[0]).toMatchObject({ via: 'response_url', channel: 'C1', text: `posted ${ts}` });
  });

  it('refuses a bad signature and an old timestamp with 401', async () => {
    const before = slack.calls().length;
    const fields = slack.payloads.slashCommand({ user: 'U1', channel: 'C1', text: 'x' });
    expect((await http.command(fields, { badSignature: true })).status).toBe(401);
    expect((await http.command(fields, { skewSec: -6 * 60 })).status).toBe(401);
    expect(slack.calls().length).toBe(before);
  });

  it('clicks a button: chat.update edits the stored message, views.open opens a modal', async () => {
    const post = await slack.waitForCall('chat.postMessage');
    const ts = String(post.response?.ts);
    const answer = await http.interactive(
      slack.payloads.blockAction({
        user: 'U2',
        channel: 'C1',
        messageTs: ts,
        actionId: 'vote',
        value: 'pour',
      }),
    );
    expect(answer.status).toBe(200);
    await slack.waitForCall('views.open');
    expect(slack.message('C1', ts)).toMatchObject({ text: 'updated', edits: 1 });
    const [view] = [...slack.state.views.values()];
    expect(view?.view.callback_id).toBe('add');
  });

  it('submits a modal: validation errors come back in the ack body', async () => {
    const view = await eventually(() => [...slack.state.views.values()][0]);
    const shape = { id: view.id, ...view.view };
    const bad = await http.interactive(
      slack.payloads.viewSubmission({ user: 'U2', view: shape, answers: { text: 'a' } }),
    );
    expect(bad.json).toEqual({ response_action: 'errors', errors: { text: 'too short' } });
    const good = await http.interactive(
      slack.payloads.viewSubmission({ user: 'U2', view: shape, answers: { text: 'a fine argument' } }),
    );
    expect(good.status).toBe(200);
    expect(good.text).toBe('');
  });

  it('delivers Events API callbacks, with retry headers', async () => {
    const body = slack.payloads.messageEvent({
      user: 'U3',
      channel: 'C1',
      text: 'pour: oui',
      thread_ts: '1.1',
    });
    expect((await http.event(body)).status).toBe(200);
    const ts = String((body.event as { ts: string }).ts);
    await eventually(() => slack.state.reactions.get(`C1/${ts}`));
    expect((await http.event(body, { retryNum: 1, retryReason: 'http_timeout' })).status).toBe(200);
    expect(
      (await slack.waitForCall('reactions.add', (c) => c.response?.error === 'already_reacted')).args,
    ).toMatchObject({ timestamp: ts });
  });

  it('answers a 429 with Retry-After; the client waits and retries', async () => {
    const client = new webApi.WebClient(slack.botToken, {
      slackApiUrl: slack.apiUrl,
      logLevel: LogLevel.ERROR,
      retryConfig: { retries: 1, minTimeout: 1, maxTimeout: 1 },
    });
    slack.fault('chat.postMessage', { kind: 'rate_limited', retryAfterSec: 0, times: 1 });
    const res = await client.chat.postMessage({ channel: 'C9', text: 'after a 429' });
    expect(res.ok).toBe(true);
    const calls = slack.calls('chat.postMessage').filter((c) => c.args.channel === 'C9');
    expect(calls.map((c) => c.status)).toEqual([429, 200]);

    const strict = new webApi.WebClient(slack.botToken, {
      slackApiUrl: slack.apiUrl,
      logLevel: LogLevel.ERROR,
      rejectRateLimitedCalls: true,
    });
    slack.fault('chat.update', { kind: 'rate_limited', retryAfterSec: 7, times: 1 });
    await expect(strict.chat.update({ channel: 'C9', ts: String(res.ts), text: 'x' })).rejects.toMatchObject({
      code: 'slack_webapi_rate_limited_error',
      retryAfter: 7,
    });
  });

  it('answers 500, slow answers and platform errors on demand', async () => {
    const client = new webApi.WebClient(slack.botToken, {
      slackApiUrl: slack.apiUrl,
      logLevel: LogLevel.ERROR,
      retryConfig: { retries: 0 },
    });
    slack.fault('users.info', { kind: 'http_error', status: 500, times: 1 });
    await expect(client.users.info({ user: 'U1' })).rejects.toMatchObject({
      code: 'slack_webapi_http_error',
    });
    slack.fault('users.info', { kind: 'slow', delayMs: 50, times: 1 });
    slack.setUser({ id: 'U1', is_admin: true });
    const info = await client.users.info({ user: 'U1' });
    expect(info.user?.is_admin).toBe(true);
    expect(slack.calls('users.info').at(-1)?.fault).toBe('slow 50ms');
    slack.fault('conversations.info', { kind: 'platform_error', error: 'channel_not_found' });
    await expect(client.conversations.info({ channel: 'C1' })).rejects.toMatchObject({
      data: { error: 'channel_not_found' },
    });
  });

  it('applies a fault to a fraction of calls, reproducibly', async () => {
    const client = new webApi.WebClient(slack.botToken, {
      slackApiUrl: slack.apiUrl,
      logLevel: LogLevel.ERROR,
      retryConfig: { retries: 0 },
    });
    slack.fault('auth.test', { kind: 'http_error', status: 503, fraction: 0.5 });
    const results = await Promise.allSettled(Array.from({ length: 40 }, () => client.auth.test()));
    const failed = results.filter((r) => r.status === 'rejected').length;
    expect(failed).toBeGreaterThan(5);
    expect(failed).toBeLessThan(35);
  });

  it('refuses unknown tokens and broken Block Kit', async () => {
    const stranger = new webApi.WebClient('xoxb-unknown', {
      slackApiUrl: slack.apiUrl,
      logLevel: LogLevel.ERROR,
    });
    await expect(stranger.auth.test()).rejects.toMatchObject({ data: { error: 'invalid_auth' } });
    const client = new webApi.WebClient(slack.botToken, {
      slackApiUrl: slack.apiUrl,
      logLevel: LogLevel.ERROR,
    });
    const tooMany = Array.from({ length: 51 }, (_, i) => section(`b${i}`));
    await expect(
      client.chat.postMessage({ channel: 'C1', text: 'x', blocks: tooMany }),
    ).rejects.toMatchObject({
      data: { error: 'invalid_blocks' },
    });
    await expect(
      client.views.open({
        trigger_id: 't',
        view: { type: 'modal', title: { type: 'plain_text', text: 'x'.repeat(25) }, blocks: [] },
      }),
    ).rejects.toMatchObject({ data: { error: 'invalid_blocks' } });
  });

  it('publishes a Home tab and takes a file upload through the external upload flow', async () => {
    const client = new webApi.WebClient(slack.botToken, {
      slackApiUrl: slack.apiUrl,
      logLevel: LogLevel.ERROR,
    });
    await client.views.publish({ user_id: 'U1', view: { type: 'home', blocks: [section('home')] } });
    expect(slack.state.homes.get('U1')?.view.blocks).toHaveLength(1);
    await client.filesUploadV2({ channel_id: 'C1', file: Buffer.from('PNGDATA'), filename: 'chart.png' });
    const [upload] = [...slack.state.uploads.values()];
    expect(upload).toMatchObject({ filename: 'chart.png', completed: true, channel_id: 'C1' });
    expect(upload?.bytes?.toString()).toBe('PNGDATA');
  });

  it('opens one direct conversation per person, shares files in it, and holds the token to its scopes', async () => {
    const scoped = await startFakeSlack({ scopes: ['chat:write', 'files:write', 'im:write'] });
    const client = new webApi.WebClient(scoped.botToken, {
      slackApiUrl: scoped.apiUrl,
      logLevel: LogLevel.ERROR,
      retryConfig: { retries: 0 },
    });
    try {
      const first = await client.conversations.open({ users: 'U7' });
      const again = await client.conversations.open({ users: 'U7' });
      expect(first.channel?.id).toMatch(/^D/);
      expect(again).toMatchObject({ already_open: true, channel: { id: first.channel?.id } });
      await client.filesUploadV2({
        channel_id: first.channel!.id!,
        file: Buffer.from('a,b\r\n'),
        filename: 'debat-1.csv',
        initial_comment: 'Export',
      });
      expect(scoped.directFiles('U7')).toMatchObject([
        { filename: 'debat-1.csv', comment: 'Export', bytes: Buffer.from('a,b\r\n') },
      ]);
      expect(scoped.channelMessages(first.channel!.id!)).toMatchObject([
        { text: 'Export', files: [{ name: 'debat-1.csv' }] },
      ]);
      // A direct conversation never opened cannot receive a file.
      await expect(
        client.filesUploadV2({ channel_id: 'D999', file: Buffer.from('x'), filename: 'x.md' }),
      ).rejects.toMatchObject({ data: { error: 'channel_not_found' } });
      await expect(
        client.reactions.add({ channel: 'C1', timestamp: '1.2', name: 'x' }),
      ).rejects.toMatchObject({
        data: { error: 'missing_scope', needed: 'reactions:write' },
      });
    } finally {
      await scoped.close();
    }
  });
});

describe('Block Kit limits', () => {
  const button = (text: string, value = 'v', action_id = 'a') => ({
    type: 'button',
    text: { type: 'plain_text', text },
    value,
    action_id,
  });

  it('accepts a message at the limits and names every excess', () => {
    const ok = {
      text: 'x',
      blocks: [
        section('x'.repeat(3000)),
        { type: 'actions', block_id: 'b'.repeat(255), elements: [button('y'.repeat(75), 'z'.repeat(2000))] },
      ],
    };
    expect(checkMessage(ok)).toEqual([]);
    const bad = {
      blocks: [
        section('x'.repeat(3001)),
        { type: 'actions', elements: [button('y'.repeat(76), 'z'.repeat(2001), 'a'.repeat(256))] },
        { type: 'actions', elements: Array.from({ length: 26 }, (_, i) => button('b', 'v', `a${i}`)) },
        section(''),
      ],
    };
    expect(checkMessage(bad)).toHaveLength(6);
  });

  it('checks views: 100 blocks, title 24', () => {
    const blocks = Array.from({ length: 100 }, (_, i) => section(`${i}`));
    expect(checkView({ type: 'home', blocks })).toEqual([]);
    expect(checkView({ type: 'home', blocks: [...blocks, section('one more')] })).toHaveLength(1);
    expect(
      checkView({ type: 'modal', title: { type: 'plain_text', text: 'x'.repeat(25) }, blocks: [] }),
    ).toHaveLength(1);
  });
});

describe('fake Slack with Bolt in Socket Mode', () => {
  let slack: FakeSlack;
  let app: App;

  beforeAll(async () => {
    slack = await startFakeSlack();
    const receiver = new SocketModeReceiver({
      appToken: slack.appToken,
      logLevel: LogLevel.ERROR,
      clientPingTimeout: 200,
      installerOptions: { clientOptions: { slackApiUrl: slack.apiUrl } },
    });
    app = new App({
      token: slack.botToken,
      botId: slack.identity.botId,
      botUserId: slack.identity.botUserId,
      receiver,
      socketMode: true,
      logLevel: LogLevel.ERROR,
      clientOptions: { slackApiUrl: slack.apiUrl },
    });
    register(app);
    await app.start();
  });

  afterAll(async () => {
    await app.stop();
    await slack.close();
  });

  it('connects through apps.connections.open with the app token and gets hello', async () => {
    await slack.socket.waitForConnection();
    const open = await slack.waitForCall('apps.connections.open');
    expect(open.token).toBe(slack.appToken);
    expect(slack.calls('auth.test')).toHaveLength(0);
  });

  it('sends a slash command envelope and awaits the ack, then the work after it', async () => {
    const delivery = slack.socketCommand({ user: 'U1', channel: 'C2', text: 'via socket' });
    expect(await delivery.ack).toEqual({});
    const post = await slack.waitForCall('chat.postMessage', (c) => c.args.channel === 'C2');
    expect(post.args.text).toBe('via socket');
  });

  it('returns a modal ack payload over the socket', async () => {
    const view = { id: 'V1', callback_id: 'add', blocks: [] as unknown[] };
    view.blocks.push({
      type: 'input',
      block_id: 'text',
      label: { type: 'plain_text', text: 'T' },
      element: { type: 'plain_text_input', action_id: 'text' },
    });
    const delivery = slack.socketInteractive(
      slack.payloads.viewSubmission({ user: 'U1', view, answers: { text: 'a' } }),
    );
    expect(await delivery.ack).toEqual({ response_action: 'errors', errors: { text: 'too short' } });
  });

  it('redelivers an envelope with retry fields and the app acks it again', async () => {
    const first = slack.socketEvent(
      slack.payloads.messageEvent({ user: 'U1', channel: 'C2', text: 'pour: x' }),
    );
    await first.ack;
    const ts = String((first.envelope.payload.event as { ts: string }).ts);
    await slack.waitForCall('reactions.add', (c) => c.args.timestamp === ts);
    const again = slack.socket.redeliver(first.envelope);
    expect(again.envelope).toMatchObject({ retry_attempt: 1, retry_reason: 'timeout' });
    await again.ack;
    await slack.waitForCall('reactions.add', (c) => c.args.timestamp === ts && c.response?.ok === false);
    expect(slack.socket.acks.filter((a) => a.envelope_id === first.envelope.envelope_id)).toHaveLength(2);
  });

  it('cuts the socket; the app reconnects and keeps working', async () => {
    slack.socket.cut();
    await slack.socket.waitForConnection(2);
    await eventually(() => slack.socket.connectionCount === 1);
    const delivery = slack.socketCommand({ user: 'U1', channel: 'C3', text: 'after the cut' });
    expect(await delivery.ack).toEqual({});
    await eventually(() => slack.responses((r) => r.channel === 'C3').length === 1);
    expect(slack.calls('apps.connections.open').length).toBeGreaterThanOrEqual(2);
  });
});
