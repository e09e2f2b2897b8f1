// One Slack app installed by many workspaces: real Bolt with its OAuth (InstallProvider) on one or
// more instances sharing one SQLite file, against the fake Slack's OAuth. `install` goes through
// the install page and the redirect as a browser would; `as` sends what one workspace's people do.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { createSlackAdapter, type SlackAdapter } from '../../adapters/slack/index.ts';
import { botScopes } from '../../adapters/slack/oauth/scopes.ts';
import { EVENTS_PATH, INSTALL_PATH, REDIRECT_PATH } from '../../adapters/slack/transport.ts';
import { loadConfig } from '../../src/config.ts';
import { HttpRoutes } from '../../src/http-routes.ts';
import { SqliteInstallationStore } from '../../src/store/sqlite/installation-store.ts';
import {
  type FakeSlack,
  type Grant,
  type InstallTarget,
  SignedSlackClient,
  startFakeSlack,
} from '../fakes/slack/index.ts';
import type { SlackPayloads } from '../fakes/slack/payloads.ts';
import { engineOnPath } from '../helpers/engine.ts';
import { RecordingLogger, SIGNING_SECRET } from './harness.ts';

type Json = Record<string, unknown>;

export interface Instance {
  adapter: SlackAdapter;
  engine: Awaited<ReturnType<typeof engineOnPath>>['engine'];
  store: Awaited<ReturnType<typeof engineOnPath>>['store'];
  db: Awaited<ReturnType<typeof engineOnPath>>['db'];
  clock: Awaited<ReturnType<typeof engineOnPath>>['clock'];
  installations: SqliteInstallationStore;
  http: HttpRoutes;
  base: string;
  client: SignedSlackClient;
  logger: RecordingLogger;
}

export interface ManyBed {
  slack: FakeSlack;
  dir: string;
  path: string;
  instances: Instance[];
  /** Starts one more instance on the same database (its own variables over the bed's, its own start time). */
  addInstance(o?: { env?: Record<string, string>; start?: Date }): Promise<Instance>;
  /** Installs through the install page, Slack's approval and the redirect; returns the grant. */
  install(target: InstallTarget, via?: Instance): Promise<Grant>;
  /** What Slack sends from a workspace (of an org-wide install: give the team). */
  as(grant: Grant, teamId?: string): SlackPayloads;
  idle(): Promise<void>;
  close(): Promise<void>;
}

export interface ManyOptions {
  instances?: number;
  rotateAfterSec?: number;
  installExpiresInSec?: number;
  cacheMs?: number;
  refreshBeforeMs?: number;
  env?: Record<string, string>;
}

export const STATE_SECRET = 'state-secret-0123456789abcdef';

export async function startManyBed(o: ManyOptions = {}): Promise<ManyBed> {
  const slack = await startFakeSlack({
    scopes: botScopes(),
    oauth: { rotateAfterSec: o.rotateAfterSec, installExpiresInSec: o.installExpiresInSec },
  });
  const dir = mkdtempSync(join(tmpdir(), 'debat-many-'));
  const path = join(dir, 'debat.sqlite');
  const env = {
    SLACK_CLIENT_ID: slack.oauth.clientId,
    SLACK_CLIENT_SECRET: slack.oauth.clientSecret,
    SLACK_STATE_SECRET: STATE_SECRET,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    DEBAT_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    DEBAT_SCOREBOARD_INTERVAL_MS: '50',
    DEBAT_LOG_LEVEL: 'warn',
    ...o.env,
  };
  const instances: Instance[] = [];
  for (let i = 0; i < (o.instances ?? 1); i += 1) instances.push(await startInstance(path, env, o));
  const bed: ManyBed = {
    slack,
    dir,
    path,
    instances,
    install: (target, via = instances[0]!) => installVia(via.base, slack, target),
    as: (grant, teamId) => slack.payloadsFor(grant, teamId),
    async addInstance(more = {}) {
      const instance = await startInstance(path, { ...env, ...more.env }, o, more.start);
      instances.push(instance);
      return instance;
    },
    async idle() {
      for (const instance of instances) await instance.adapter.whenIdle();
    },
    async close() {
      for (const instance of instances) {
        await instance.http.close();
        await instance.adapter.stop();
        await instance.engine.close();
        await instance.store.close();
      }
      await slack.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return bed;
}

/** The bearer token of the instances' `GET /metrics`. */
export const METRICS_TOKEN = 'metrics-token-of-the-many-workspaces-bed';

/** A person installs the app through `base`'s install page, Slack's approval and the redirect. */
export async function installVia(base: string, slack: FakeSlack, target: InstallTarget): Promise<Grant> {
  const page = await fetch(`${base}${INSTALL_PATH}`);
  expect(page.status).toBe(200);
  const html = await page.text();
  const href = /<a class="add" href="([^"]+)"/.exec(html)?.[1]?.replace(/&#38;/g, '&');
  if (!href) throw new Error(`no Add to Slack link in ${html}`);
  const link = new URL(href);
  expect(link.searchParams.get('scope')?.split(',')).toEqual(botScopes());
  const state = link.searchParams.get('state')!;
  const cookie = page.headers.get('set-cookie')?.split(';')[0] ?? '';
  const code = slack.oauth.approve(target);
  const issuedBefore = slack.oauth.issued.length;
  const back = await fetch(`${base}${REDIRECT_PATH}?code=${code}&state=${encodeURIComponent(state)}`, {
    headers: { cookie },
  });
  const text = await back.text();
  expect(back.status, text).toBe(200);
  const token = slack.oauth.issued.slice(issuedBefore).find((t) => t.startsWith('xoxb-'));
  return slack.oauth.grant(token!)!;
}

async function startInstance(
  path: string,
  env: Record<string, string>,
  o: ManyOptions,
  start?: Date,
): Promise<Instance> {
  const { engine, store, db, clock } = await engineOnPath(path, { scoreboardIntervalMs: 50, start });
  const installations = new SqliteInstallationStore(db);
  const logger = new RecordingLogger();
  const http = new HttpRoutes(logger, { metricsToken: METRICS_TOKEN });
  const adapter = await createSlackAdapter({
    installations: {
      ...(o.cacheMs !== undefined ? { cacheMs: o.cacheMs } : {}),
      ...(o.refreshBeforeMs !== undefined ? { refreshBeforeMs: o.refreshBeforeMs } : {}),
    },
  })({ config: loadConfig(env), engine, logger, clock, http, requestShutdown: () => {}, installations });
  await adapter.start();
  const address = await http.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${address.port}`;
  return {
    adapter,
    engine,
    store,
    db,
    clock,
    installations,
    http,
    base,
    logger,
    client: new SignedSlackClient(`${base}${EVENTS_PATH}`, SIGNING_SECRET),
  };
}

/** The scoreboard message the bot posted in `channel` (the newest one with vote buttons). */
export function scoreboardIn(slack: FakeSlack, channel: string): { ts: string; blocks: unknown[] } {
  const message = slack
    .channelMessages(channel)
    .filter((m) => JSON.stringify(m.blocks ?? []).includes('debat.vote'))
    .at(-1);
  if (!message) throw new Error(`no scoreboard in ${channel}`);
  return { ts: message.ts, blocks: message.blocks ?? [] };
}

export type { Json };
