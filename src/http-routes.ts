import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from './domain/logger.ts';
import {
  BODY_LIMITS,
  DEFAULT_MAX_CONNECTIONS,
  HEADERS_TIMEOUT_MS,
  KEEP_ALIVE_TIMEOUT_MS,
  MAX_HEADER_BYTES,
  REQUEST_TIMEOUT_MS,
  TIMEOUT_CHECK_INTERVAL_MS,
} from './http/limits.ts';
import { type BufferedRequest, readBody } from './http/request-body.ts';
import { WarnLimiter } from './http/warn-limiter.ts';
import { metrics } from './metrics.ts';

/** `GET /healthz` and `GET /metrics`: alone, they do not make the server needed. */
const BUILT_IN_ROUTES = 2;

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface RouteOptions {
  /** Bytes of body the route takes (read before the handler runs, as `rawBody`); none by default. */
  maxBody?: number;
}

interface Route {
  handler: RouteHandler;
  maxBody: number;
  /** What a log line may say of the route: never the path itself (a page's path is its key). */
  name: string;
}

export interface HttpOptions {
  /** `GET /metrics` answers only `Authorization: Bearer <token>`; without a token it is not served. */
  metricsToken?: string | undefined;
  maxConnections?: number | undefined;
}

/** The path of a request target, or undefined when the target is not one a URL parser accepts. */
export function targetPath(target: string | undefined): string | undefined {
  if (!target || target.length > 8192) return undefined;
  try {
    return new URL(target, 'http://localhost').pathname;
  } catch {
    return undefined;
  }
}

const sameSecret = (given: string, expected: string): boolean => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

/** One node:http server shared by the adapters that take requests, with `GET /healthz` and `GET /metrics`. */
export class HttpRoutes {
  private readonly routes = new Map<string, Route>();
  /** Paths under a prefix (the debate pages' links); they alone do not make the server needed. */
  private readonly prefixes: (Route & { method: string; prefix: string })[] = [];
  private server: Server | undefined;
  private listening: Promise<AddressInfo> | undefined;
  private draining = false;
  private readonly warnings: WarnLimiter;

  /** Whether the store answers (set by the composition root; a process without one says yes). */
  private storeAnswers: () => Promise<boolean> = async () => true;

  constructor(
    logger: Logger,
    private readonly options: HttpOptions = {},
  ) {
    this.warnings = new WarnLimiter(logger);
    // A load balancer sends nothing to an instance that is stopping or whose store does not answer.
    this.route('GET', '/healthz', async (_req, res) => {
      const store = !this.draining && (await this.storeAnswers());
      const ok = !this.draining && store;
      res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok, store, draining: this.draining }));
    });
    this.route('GET', '/metrics', async (req, res) => {
      const token = this.options.metricsToken;
      const given = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
      if (!token || given === undefined || !sameSecret(given, token)) {
        res.writeHead(token ? 401 : 404, token ? { 'www-authenticate': 'Bearer' } : {}).end();
        return;
      }
      res.writeHead(200, { 'content-type': metrics.registry.contentType });
      res.end(await metrics.registry.metrics());
    });
  }

  /** How `GET /healthz` asks the store whether it answers. */
  checkStoreWith(answers: () => Promise<boolean>): void {
    this.storeAnswers = answers;
  }

  route(method: string, path: string, handler: RouteHandler, options: RouteOptions = {}): void {
    const name = `${method.toUpperCase()} ${path}`;
    this.routes.set(name, { handler, maxBody: options.maxBody ?? BODY_LIMITS.none, name });
  }

  /** Every path that starts with `prefix` (e.g. `/d/`), when no exact route matches. */
  routePrefix(method: string, prefix: string, handler: RouteHandler, options: RouteOptions = {}): void {
    const name = `${method.toUpperCase()} ${prefix}…`;
    const maxBody = options.maxBody ?? BODY_LIMITS.none;
    this.prefixes.push({ method: method.toUpperCase(), prefix, handler, maxBody, name });
  }

  /** True once an adapter registered something beyond the health check and the metrics. */
  get needed(): boolean {
    return this.routes.size > BUILT_IN_ROUTES;
  }

  /** Listens once: a second call (a page link asked for while starting) gets the same address. */
  listen(port: number, host: string): Promise<AddressInfo> {
    this.listening ??= this.open(port, host).catch((error: unknown) => {
      this.listening = undefined;
      throw error;
    });
    return this.listening;
  }

  private async open(port: number, host: string): Promise<AddressInfo> {
    const server = createServer(
      {
        headersTimeout: HEADERS_TIMEOUT_MS,
        requestTimeout: REQUEST_TIMEOUT_MS,
        keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
        connectionsCheckingInterval: TIMEOUT_CHECK_INTERVAL_MS,
        maxHeaderSize: MAX_HEADER_BYTES,
      },
      (req, res) => this.handle(req, res),
    );
    server.maxConnections = this.options.maxConnections ?? DEFAULT_MAX_CONNECTIONS;
    // Node answers unparsable requests (400, 408, 431) and closes them itself; they cost no log line.
    server.on('drop', () => this.warnings.warn('connections', {}, 'HTTP connection cap reached'));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    this.server = server;
    return server.address() as AddressInfo;
  }

  get address(): AddressInfo | undefined {
    return (this.server?.address() as AddressInfo | null) ?? undefined;
  }

  private find(method: string | undefined, path: string): Route | undefined {
    return (
      this.routes.get(`${method} ${path}`) ??
      this.prefixes.find((route) => route.method === method && path.startsWith(route.prefix))
    );
  }

  private refuse(res: ServerResponse, status: number): void {
    if (res.headersSent) return void res.destroy();
    // The rest of a refused request is not worth reading: the connection ends with the answer.
    res.writeHead(status, { connection: 'close', 'content-length': 0 }).end();
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const path = targetPath(req.url);
    if (path === undefined) {
      this.warnings.warn('target', { method: req.method }, 'HTTP request with a malformed target refused');
      this.refuse(res, 400);
      return;
    }
    const route = this.find(req.method, path);
    if (route) void this.serve(route, req, res);
    else this.refuse(res, 404);
  }

  private async serve(route: Route, req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const read = await readBody(req, route.maxBody);
      if (!read.ok) {
        if (read.reason === 'too-large')
          this.warnings.warn('body', { route: route.name }, 'HTTP request body over its limit refused');
        this.refuse(res, 413);
        return;
      }
      (req as BufferedRequest).rawBody = read.body;
      await route.handler(req, res);
    } catch (error) {
      // One line, no stack: a request that breaks a handler must not flood the logs.
      const message = error instanceof Error ? error.message : String(error);
      this.warnings.warn(
        `failed ${route.name}`,
        { route: route.name, error: message },
        'HTTP request failed',
      );
      this.refuse(res, 500);
    }
  }

  /** Stops accepting connections and waits for in-flight requests to finish. */
  async close(): Promise<void> {
    this.draining = true;
    const server = this.server;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    });
  }
}
