// The fake Slack platform in one object: Web API, response_url sink, upload sink and Socket Mode,
// all on one 127.0.0.1 port. Start it with `startFakeSlack()`, close it with `close()`.
import type { FaultSpec } from './faults.ts';
import { FakeOAuth, type Grant, type OAuthOptions } from './oauth.ts';
import { SlackPayloads } from './payloads.ts';
import { type RecordedResponse, ResponseUrlSink } from './response-url-sink.ts';
import { SignedSlackClient } from './signed-requests.ts';
import { type Delivery, SocketModeServer } from './socket-mode-server.ts';
import type { Identity } from './web-api-methods.ts';
import { type RecordedCall, WebApiServer } from './web-api-server.ts';
import { type FakeUser, WorkspaceState } from './workspace-state.ts';

export type { FaultSpec } from './faults.ts';
export type { Grant, InstallTarget, OAuthOptions } from './oauth.ts';
export type { Answers, ViewLike } from './payloads.ts';
export type { RecordedResponse } from './response-url-sink.ts';
export { SignedSlackClient, signature, signedHeaders } from './signed-requests.ts';
export type { Delivery, Envelope } from './socket-mode-server.ts';
export { eventually } from './wait.ts';
export type { RecordedCall } from './web-api-server.ts';
export type { FakeUser, StoredMessage, StoredView } from './workspace-state.ts';

type Json = Record<string, unknown>;

export interface FakeSlackOptions {
  botToken?: string;
  appToken?: string;
  /** More tokens the fake accepts (all others get `invalid_auth`). */
  extraTokens?: string[];
  identity?: Partial<Identity>;
  socketPingIntervalMs?: number;
  /** Responses accepted per response_url (Slack: 5). */
  responsesPerUrl?: number;
  /** The bot token's scopes, e.g. the manifest's; without it every method is allowed. */
  scopes?: readonly string[];
  /** OAuth installs (many workspaces): the app's credentials and token rotation. */
  oauth?: OAuthOptions;
}

/** What a person saw privately: an ephemeral message or an ephemeral response_url answer. */
export interface PrivateNote {
  via: 'chat.postEphemeral' | 'response_url';
  channel?: string;
  text: string;
  blocks: unknown[];
  body: Json;
}

export class FakeSlack {
  readonly botToken: string;
  readonly appToken: string;
  readonly identity: Identity;
  readonly state = new WorkspaceState();
  readonly socket: SocketModeServer;
  readonly sink: ResponseUrlSink;
  readonly payloads: SlackPayloads;
  readonly oauth: FakeOAuth;
  private readonly api: WebApiServer;
  private base = '';

  constructor(opts: FakeSlackOptions = {}) {
    this.botToken = opts.botToken ?? 'xoxb-fake-bot-token';
    this.appToken = opts.appToken ?? 'xapp-fake-app-token';
    this.identity = {
      teamId: 'T0FAKE',
      teamName: 'fake-team',
      botUserId: 'UBOT',
      botId: 'BBOT',
      appId: 'A0FAKE',
      ...opts.identity,
    };
    this.socket = new SocketModeServer(opts.socketPingIntervalMs);
    this.sink = new ResponseUrlSink(() => this.base, opts.responsesPerUrl);
    this.payloads = new SlackPayloads(this.identity, this.sink);
    this.oauth = new FakeOAuth({ scopes: opts.scopes, ...opts.oauth });
    this.api = new WebApiServer({
      oauth: this.oauth,
      state: this.state,
      identity: this.identity,
      tokens: new Set([this.botToken, this.appToken, ...(opts.extraTokens ?? [])]),
      sink: this.sink,
      socket: this.socket,
      scopes: opts.scopes ? new Set(opts.scopes) : undefined,
    });
  }

  async start(): Promise<this> {
    this.base = await this.api.listen();
    return this;
  }

  /** http://127.0.0.1:PORT */
  get url(): string {
    return this.base;
  }

  /** What to give @slack/web-api as `slackApiUrl`. */
  get apiUrl(): string {
    return `${this.base}/api/`;
  }

  // ---- recorded Web API calls ------------------------------------------------------------

  calls(method?: string): RecordedCall[] {
    return method ? this.api.calls.filter((c) => c.method === method) : [...this.api.calls];
  }

  /** Calls answered `{ok:true}`. */
  okCalls(method: string): RecordedCall[] {
    return this.calls(method).filter((c) => c.response?.ok === true);
  }

  /** The first call (past or future) of `method` that satisfies `match`. */
  waitForCall(method: string, match: (c: RecordedCall) => boolean = () => true, timeoutMs = 10_000) {
    const found = this.calls(method).find(match);
    if (found) return Promise.resolve(found);
    return new Promise<RecordedCall>((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        reject(new Error(`timed out waiting for a ${method} call`));
      }, timeoutMs);
      const off = this.api.onCall((c) => {
        if (c.method === method && match(c)) {
          clearTimeout(timer);
          off();
          resolve(c);
        }
      });
    });
  }

  // ---- faults ------------------------------------------------------------------------------

  /** Injects a fault on `method` ('*' for all): rate_limited, http_error, slow or platform_error. */
  fault(method: string, spec: FaultSpec): void {
    this.api.faults.add(method, spec);
  }

  clearFaults(method?: string): void {
    this.api.faults.clear(method);
  }

  // ---- workspace ---------------------------------------------------------------------------

  setUser(user: Partial<FakeUser> & { id: string }): void {
    this.state.setUser(user);
  }

  message(channel: string, ts: string) {
    return this.state.message(channel, ts);
  }

  /** The files the bot shared with `user` in their direct conversation, with their bytes. */
  directFiles(user: string): { filename: string; title?: string; comment?: string; bytes: Buffer }[] {
    const im = this.state.ims.get(user);
    return [...this.state.uploads.values()]
      .filter((u) => u.completed && im !== undefined && u.channel_id === im && u.bytes !== undefined)
      .map((u) => ({
        filename: u.filename,
        ...(u.title ? { title: u.title } : {}),
        ...(u.initial_comment ? { comment: u.initial_comment } : {}),
        bytes: u.bytes!,
      }));
  }

  /** Channel messages the bot posted, oldest first. */
  channelMessages(channel: string) {
    return [...this.state.messages.values()].filter((m) => m.channel === channel);
  }

  responses(match: (r: RecordedResponse) => boolean = () => true): RecordedResponse[] {
    return this.sink.posts.filter(match);
  }

  /** Everything `user` was told privately, oldest first. */
  privateNotes(user: string): PrivateNote[] {
    const notes: Array<PrivateNote & { at: number }> = [];
    for (const e of this.state.ephemerals) {
      if (e.user !== user) continue;
      notes.push({
        via: 'chat.postEphemeral',
        channel: e.channel,
        text: e.text ?? '',
        blocks: e.blocks ?? [],
        body: { ...e },
        at: e.at,
      });
    }
    for (const r of this.sink.posts) {
      if (r.user !== user || r.responseType !== 'ephemeral' || r.errors.length > 0) continue;
      notes.push({
        via: 'response_url',
        channel: r.channel,
        text: typeof r.body.text === 'string' ? r.body.text : '',
        blocks: Array.isArray(r.body.blocks) ? r.body.blocks : [],
        body: r.body,
        at: r.at,
      });
    }
    return notes.sort((a, b) => a.at - b.at).map(({ at: _at, ...n }) => n);
  }

  // ---- talking to an app -------------------------------------------------------------------

  /** What Slack sends an app from another workspace or org (an OAuth install's grant). */
  payloadsFor(grant: Grant, teamId = grant.target.teamId): SlackPayloads {
    return new SlackPayloads({ ...this.oauth.identityOf(grant, this.identity.appId), teamId }, this.sink);
  }

  /** A client that POSTs signed requests to a Bolt HTTP endpoint. */
  httpClient(endpoint: string, signingSecret: string): SignedSlackClient {
    return new SignedSlackClient(endpoint, signingSecret);
  }

  socketCommand(o: Parameters<SlackPayloads['slashCommand']>[0]): Delivery {
    return this.socket.send('slash_commands', this.payloads.slashCommand(o));
  }

  socketInteractive(payload: Json): Delivery {
    return this.socket.send('interactive', payload);
  }

  socketEvent(body: Json): Delivery {
    return this.socket.send('events_api', body);
  }

  async close(): Promise<void> {
    await this.socket.close();
    await this.api.close();
  }
}

export async function startFakeSlack(opts: FakeSlackOptions = {}): Promise<FakeSlack> {
  return new FakeSlack(opts).start();
}
