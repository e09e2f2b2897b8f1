// A real engine on a real SQLite file, the real Discord adapter, and the real discord.js over
// loopback against the fake Discord of test/fakes/discord.
import type { AddressInfo } from 'node:net';
import { createDiscordAdapter, type DiscordAdapterOptions } from '../../adapters/discord/index.ts';
import type { Adapter } from '../../src/adapter.ts';
import { loadConfig } from '../../src/config.ts';
import type { Logger } from '../../src/domain/logger.ts';
import { HttpRoutes } from '../../src/http-routes.ts';
import {
  type Actor,
  createSigner,
  type FakeDiscord,
  type InteractionSigner,
  type Payload,
  PERMISSIONS,
  type RecordedCall,
  type StoredMessage,
  startFakeDiscord,
} from '../fakes/discord/index.ts';
import { type TestBed, testEngine } from '../helpers/engine.ts';

export interface LogEntry {
  level: 'debug' | 'info' | 'warn' | 'error';
  context: object;
  message: string;
}

export class RecordingLogger implements Logger {
  readonly entries: LogEntry[] = [];
  debug(context: object, message: string) {
    this.entries.push({ level: 'debug', context, message });
  }
  info(context: object, message: string) {
    this.entries.push({ level: 'info', context, message });
  }
  warn(context: object, message: string) {
    this.entries.push({ level: 'warn', context, message });
  }
  error(context: object, message: string) {
    this.entries.push({ level: 'error', context, message });
  }
  matching(pattern: RegExp): LogEntry[] {
    return this.entries.filter((e) => pattern.test(e.message));
  }
}

export const alice: Actor = { id: '400000000000000001', username: 'alice', locale: 'fr' };
export const bob: Actor = { id: '400000000000000002', username: 'bob', locale: 'en-US' };
export const carol: Actor = { id: '400000000000000003', username: 'carol', locale: 'fr' };
export const moderator: Actor = {
  id: '400000000000000009',
  username: 'modo',
  locale: 'fr',
  permissions: PERMISSIONS.manageMessages,
};

export interface BedOptions {
  /** 'gateway' (default): DISCORD_TOKEN only. 'http': DISCORD_PUBLIC_KEY (+ token for REST). */
  mode?: 'gateway' | 'http';
  /** Without a bot token at all (HTTP only). */
  noToken?: boolean;
  grantedPrivilegedIntents?: number;
  adapter?: DiscordAdapterOptions;
  env?: Record<string, string>;
}

export interface DiscordBed {
  fake: FakeDiscord;
  bed: TestBed;
  adapter: Adapter;
  http: HttpRoutes;
  logger: RecordingLogger;
  signer: InteractionSigner;
  /** The HTTP interactions endpoint (http mode). */
  endpoint: string;
  /** The callback (first answer) of an interaction sent over the gateway. */
  answer(payload: Payload): Promise<RecordedCall>;
  /** The n-th follow-up (webhook execute) of an interaction. */
  followUp(payload: Payload, n?: number): Promise<RecordedCall>;
  /** The debate's scoreboard message in the fake channel. */
  scoreboard(number?: number): StoredMessage;
  close(): Promise<void>;
}

export async function startDiscordBed(options: BedOptions = {}): Promise<DiscordBed> {
  const fake = await startFakeDiscord(
    options.grantedPrivilegedIntents === undefined
      ? {}
      : { grantedPrivilegedIntents: options.grantedPrivilegedIntents },
  );
  const logger = new RecordingLogger();
  const signer = createSigner();
  const http = new HttpRoutes(logger);
  const mode = options.mode ?? 'gateway';
  const intervalMs = String(options.env?.DEBAT_SCOREBOARD_INTERVAL_MS ?? 5);
  const bed = await testEngine({ scoreboardIntervalMs: Number(intervalMs) });
  const config = loadConfig({
    DISCORD_APPLICATION_ID: fake.applicationId,
    DISCORD_API_URL: fake.api,
    DEBAT_DB_PATH: bed.path,
    DEBAT_TIMEZONE: 'Europe/Paris',
    DEBAT_SCOREBOARD_INTERVAL_MS: intervalMs,
    ...(options.noToken ? {} : { DISCORD_TOKEN: fake.token }),
    ...(mode === 'http' ? { DISCORD_PUBLIC_KEY: signer.publicKeyHex } : {}),
    ...options.env,
  });
  const adapter = await createDiscordAdapter(options.adapter)({
    config,
    engine: bed.engine,
    logger,
    clock: bed.clock,
    http,
    requestShutdown: () => {},
  });
  await adapter.start();
  let endpoint = '';
  if (http.needed) {
    const address: AddressInfo = await http.listen(0, '127.0.0.1');
    endpoint = `http://127.0.0.1:${address.port}/discord/interactions`;
  }
  if (mode === 'gateway' && !options.noToken) await fake.gateway.waitForSessionStart(1);
  const byInteraction = (route: string, payload: Payload) => (c: RecordedCall) =>
    c.route === route && (c.params.id === payload.id || c.params.token === payload.token);
  return {
    fake,
    bed,
    adapter,
    http,
    logger,
    signer,
    endpoint,
    answer: async (payload) =>
      (await fake.rest.waitFor(byInteraction('interactionCallback', payload)))[0] as RecordedCall,
    followUp: async (payload, n = 1) =>
      (await fake.rest.waitFor(byInteraction('webhookExecute', payload), n))[n - 1] as RecordedCall,
    scoreboard(number = 1) {
      const found = fake
        .messagesIn()
        .find((m) => m.components.length > 0 && JSON.stringify(m.components).includes(`"db:v:${number}:p"`));
      if (!found) throw new Error(`no scoreboard for debate ${number}`);
      return found;
    },
    async close() {
      await http.close();
      await adapter.stop();
      await bed.engine.close();
      await fake.close();
      await bed.cleanup();
    },
  };
}

/** The content and embed text of a recorded message body, for assertions. */
export function textOf(body: unknown): string {
  const b = (body ?? {}) as {
    content?: string;
    embeds?: {
      title?: string;
      description?: string;
      fields?: { name: string; value: string }[];
      footer?: { text: string };
    }[];
    data?: unknown;
  };
  const data = (b.data ?? b) as typeof b;
  const parts = [data.content ?? ''];
  for (const e of data.embeds ?? []) {
    parts.push(e.title ?? '', e.description ?? '', e.footer?.text ?? '');
    for (const f of e.fields ?? []) parts.push(f.name, f.value);
  }
  return parts.join('\n');
}
