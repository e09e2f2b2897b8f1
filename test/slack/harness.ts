// A real Slack adapter (real Bolt, real engine on a temp SQLite file) against the fake Slack, in
// HTTP mode (signed requests to the process's HTTP server) or Socket Mode (envelopes on the fake
// WebSocket). `send` hides the difference: both give back what the app acked.

import { expect } from 'vitest';
import { createSlackAdapter, type SlackAdapter } from '../../adapters/slack/index.ts';
import { EVENTS_PATH } from '../../adapters/slack/transport.ts';
import { loadConfig } from '../../src/config.ts';
import type { Logger } from '../../src/domain/logger.ts';
import { HttpRoutes } from '../../src/http-routes.ts';
import {
  type FakeSlack,
  type FakeSlackOptions,
  type SignedSlackClient,
  startFakeSlack,
} from '../fakes/slack/index.ts';
import { type TestBed, testEngine } from '../helpers/engine.ts';

type Json = Record<string, unknown>;
export type Mode = 'http' | 'socket';

export const SIGNING_SECRET = 'test-signing-secret-0123456789';

/** What the app answered: the HTTP status and body, or the Socket Mode ack payload (status 200). */
export interface Acked {
  status: number;
  body: Json | undefined;
}

/** A logger that keeps errors, so tests can check that nothing went wrong quietly. */
export class RecordingLogger implements Logger {
  readonly errors: Array<{ context: object; message: string }> = [];
  readonly warnings: Array<{ context: object; message: string }> = [];
  debug(): void {}
  info(): void {}
  warn(context: object, message: string): void {
    this.warnings.push({ context, message });
  }
  error(context: object, message: string): void {
    this.errors.push({ context, message });
  }
}

export interface SlackBed {
  mode: Mode;
  slack: FakeSlack;
  bed: TestBed;
  adapter: SlackAdapter;
  http: HttpRoutes;
  logger: RecordingLogger;
  /** Only in HTTP mode. */
  client: SignedSlackClient | undefined;
  /** Sends a slash command as `user` in `channel`. */
  command(user: string, channel: string, text: string): Promise<Acked>;
  /** Sends an interactive payload (block_actions, view_submission, shortcut). */
  interactive(payload: Json): Promise<Acked>;
  /** Sends an Events API callback. */
  event(body: Json): Promise<Acked>;
  /** Waits until the adapter has nothing left to do. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export interface BedOptions {
  intervalMs?: number;
  env?: Record<string, string>;
  /** How the fake Slack is set up (e.g. the bot token's scopes). */
  fake?: FakeSlackOptions;
}

export async function startSlackBed(mode: Mode, options: BedOptions = {}): Promise<SlackBed> {
  const slack = await startFakeSlack(options.fake);
  const logger = new RecordingLogger();
  const intervalMs = String(options.env?.DEBAT_SCOREBOARD_INTERVAL_MS ?? options.intervalMs ?? 50);
  const bed = await testEngine({ scoreboardIntervalMs: Number(intervalMs) });
  const config = loadConfig({
    SLACK_BOT_TOKEN: slack.botToken,
    ...(mode === 'socket' ? { SLACK_APP_TOKEN: slack.appToken } : { SLACK_SIGNING_SECRET: SIGNING_SECRET }),
    SLACK_API_URL: slack.apiUrl,
    DEBAT_SCOREBOARD_INTERVAL_MS: intervalMs,
    DEBAT_LOG_LEVEL: 'warn',
    ...options.env,
  });
  const http = new HttpRoutes(logger);
  const adapter = await createSlackAdapter()({
    config,
    engine: bed.engine,
    logger,
    clock: bed.clock,
    http,
    requestShutdown: () => {},
  });
  await adapter.start();
  let client: SignedSlackClient | undefined;
  if (mode === 'http') {
    const address = await http.listen(0, '127.0.0.1');
    client = slack.httpClient(`http://127.0.0.1:${address.port}${EVENTS_PATH}`, SIGNING_SECRET);
  } else {
    await slack.socket.waitForConnection();
  }
  const viaHttp = async (answer: Promise<{ status: number; json: Json | undefined }>): Promise<Acked> => {
    const { status, json } = await answer;
    return { status, body: json };
  };
  const viaSocket = async (ack: Promise<Json>): Promise<Acked> => {
    const payload = await ack;
    return { status: 200, body: Object.keys(payload).length > 0 ? payload : undefined };
  };
  return {
    mode,
    slack,
    bed,
    adapter,
    http,
    logger,
    client,
    command(user, channel, text) {
      const fields = slack.payloads.slashCommand({ user, channel, text });
      return client
        ? viaHttp(client.command(fields))
        : viaSocket(slack.socket.send('slash_commands', fields).ack);
    },
    interactive(payload) {
      return client ? viaHttp(client.interactive(payload)) : viaSocket(slack.socketInteractive(payload).ack);
    },
    event(body) {
      return client ? viaHttp(client.event(body)) : viaSocket(slack.socketEvent(body).ack);
    },
    idle: () => adapter.whenIdle(),
    async close() {
      await http.close();
      await adapter.stop();
      await bed.engine.close();
      await slack.close();
      await bed.cleanup();
    },
  };
}

/** Every mrkdwn or plain string the app sent to Slack (Web API calls and response_url posts). */
export function sentTexts(slack: FakeSlack): string[] {
  const out: string[] = [];
  const walk = (value: unknown): void => {
    if (typeof value === 'string') out.push(value);
    else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  for (const call of slack.calls())
    walk({ text: call.args.text, blocks: call.args.blocks, view: call.args.view });
  for (const post of slack.responses()) walk(post.body);
  return out;
}

/** Tokens that notify people in Slack text. Channel links `<#C…>` and dates `<!date…>` notify nobody. */
export const PING = /<!(?:channel|here|everyone|subteam)|<@[UW][A-Z0-9]*>/;

/** Calls or response_url posts that Slack refused for broken Block Kit. */
export function invalidBlocks(slack: FakeSlack): unknown[] {
  return [
    ...slack.calls().filter((c) => c.response?.error === 'invalid_blocks'),
    ...slack.responses((r) => r.errors.length > 0),
  ];
}

/** Opens a debate with `/debat lancer` and returns the ts of its scoreboard message. */
export async function openDebate(t: SlackBed, topic: string, user = 'UOPENER'): Promise<string> {
  await t.command(user, 'C1', `lancer ${topic}`);
  await t.idle();
  return String(t.slack.okCalls('chat.postMessage')[0]!.response?.ts);
}

/** Ends a test: Slack refused no Block Kit, nothing was logged as an error, everything is closed. */
export async function closeCleanly(t: SlackBed): Promise<void> {
  expect(invalidBlocks(t.slack)).toEqual([]);
  expect(t.logger.errors).toEqual([]);
  await t.close();
}
