/**
 * The fake Discord REST API on 127.0.0.1 (port 0), under /api/v10. It records every call with its
 * body, checks Discord's limits (400 / 50035 when broken), and injects faults on demand.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { appRoutes } from './app-routes.ts';
import { parseBody, readRaw } from './body.ts';
import { channelRoutes } from './channel-routes.ts';
import { EDIT_LIMIT, NOT_FOUND, TOO_LARGE, UNAUTHORIZED, UNKNOWN_INTERACTION } from './errors.ts';
import { type Fault, FaultInjector, type FaultMatch, faultAnswer } from './faults.ts';
import { interactionRoutes } from './interaction-routes.ts';
import { type CallPredicate, CallRecorder, type RecordedCall, type RecordedFile } from './recorder.ts';
import { badRequest, matchRoute, type RouteResult } from './router.ts';
import type { FakeDiscordState } from './state.ts';

const PREFIX = '/api/v10';
const ROUTES = [...appRoutes, ...interactionRoutes, ...channelRoutes];
const MAX_FILES = 10;
const MAX_FILE_BYTES = 10 * 1024 * 1024;

export interface FakeRestOptions {
  state: FakeDiscordState;
  /** When set, bot-authenticated routes need `Authorization: Bot <token>`. */
  token?: string;
  /** The gateway URL handed out by GET /gateway/bot. */
  gatewayUrl?: () => string;
}

export class FakeDiscordRest {
  readonly recorder = new CallRecorder();
  readonly faults = new FaultInjector();
  readonly state: FakeDiscordState;
  readonly #options: FakeRestOptions;
  readonly #server: Server;
  #seq = 0;
  #url = '';

  constructor(options: FakeRestOptions) {
    this.#options = options;
    this.state = options.state;
    this.#server = createServer((req, res) => {
      this.#handle(req, res).catch((err: unknown) => {
        res.statusCode = 500;
        res.end(JSON.stringify({ code: 0, message: String(err) }));
      });
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    this.#url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    return this;
  }

  /** Base URL, e.g. http://127.0.0.1:PORT */
  get url(): string {
    return this.#url;
  }

  /** What to give discord.js / @discordjs/rest as `api` (they append /v10). */
  get api(): string {
    return `${this.#url}/api`;
  }

  get calls(): RecordedCall[] {
    return this.recorder.calls;
  }

  filter(match: string | CallPredicate): RecordedCall[] {
    return this.recorder.filter(match);
  }

  waitFor(match: string | CallPredicate, count = 1): Promise<RecordedCall[]> {
    return this.recorder.waitFor(match, count);
  }

  failNext(count: number, fault: Fault, match?: FaultMatch): void {
    this.faults.next(count, fault, match);
  }

  failFraction(fraction: number, fault: Fault, match?: FaultMatch): void {
    this.faults.fraction(fraction, fault, match);
  }

  rateLimitNext(count: number, match?: FaultMatch, retryAfter = 0.05, global = false): void {
    this.faults.next(count, { kind: 'rateLimit', retryAfter, global }, match);
  }

  serverErrorNext(count: number, match?: FaultMatch): void {
    this.faults.next(count, { kind: 'serverError' }, match);
  }

  /** The next `count` message edits answer 30046 (too many edits to a message older than 1 h). */
  editLimitNext(count: number, match: FaultMatch = ['messageEdit', 'webhookMessageEdit']): void {
    this.faults.next(count, { kind: 'discordError', status: 400, error: EDIT_LIMIT }, match);
  }

  /** The next `count` interaction callbacks answer 10062 (Unknown interaction). */
  unknownInteractionNext(count: number): void {
    this.faults.next(
      count,
      { kind: 'discordError', status: 404, error: UNKNOWN_INTERACTION },
      'interactionCallback',
    );
  }

  async close(): Promise<void> {
    if (!this.#server.listening) return;
    const closed = new Promise<void>((resolve) => this.#server.close(() => resolve()));
    this.#server.closeAllConnections();
    await closed;
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const method = req.method ?? 'GET';
    const raw = await readRaw(req);
    const path = url.pathname.startsWith(PREFIX)
      ? url.pathname.slice(PREFIX.length).split('/').map(decodeURIComponent).join('/')
      : url.pathname;
    const found = url.pathname.startsWith(PREFIX) ? matchRoute(ROUTES, method, path) : null;
    const routeName = found?.route.name ?? 'unknown';
    let parsed: ReturnType<typeof parseBody> = { body: undefined, files: [] };
    let result: RouteResult;
    try {
      parsed = parseBody(raw, req.headers['content-type']);
      result = this.#answer(found, method, path, req, url.searchParams, parsed.body, parsed.files);
    } catch {
      result = { status: 400, body: { code: 50109, message: 'The request body contains invalid JSON.' } };
    }
    this.recorder.add({
      seq: ++this.#seq,
      method,
      route: routeName,
      path,
      params: found?.params ?? {},
      query: url.searchParams,
      headers: req.headers,
      body: parsed.body,
      files: parsed.files,
      status: result.status,
      response: result.body,
    });
    res.statusCode = result.status;
    for (const [k, v] of Object.entries(result.headers ?? {})) res.setHeader(k, v);
    if (result.body === undefined) {
      res.end();
      return;
    }
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(result.body));
  }

  #answer(
    found: ReturnType<typeof matchRoute>,
    method: string,
    path: string,
    req: IncomingMessage,
    query: URLSearchParams,
    body: unknown,
    files: readonly RecordedFile[],
  ): RouteResult {
    if (!found) return { status: 404, body: NOT_FOUND };
    // Discord takes at most 10 files a message, each of at most 10 MiB (a server without boosts).
    if (files.some((f) => f.size > MAX_FILE_BYTES)) return { status: 413, body: TOO_LARGE };
    if (files.length > MAX_FILES)
      return badRequest([
        {
          path: 'attachments',
          code: 'BASE_TYPE_MAX_LENGTH',
          message: `Must be ${MAX_FILES} or fewer in length.`,
        },
      ]);
    const { route, params } = found;
    const token = this.#options.token;
    if (route.auth && token && req.headers.authorization !== `Bot ${token}`) {
      return { status: 401, body: UNAUTHORIZED };
    }
    const fault = this.faults.take({ method, route: route.name, path });
    if (fault) return faultAnswer(fault, route.name);
    return route.handle({
      state: this.state,
      params,
      query,
      body,
      files,
      gatewayUrl: this.#options.gatewayUrl ?? (() => 'ws://127.0.0.1:1'),
    });
  }
}
