import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from './domain/logger.ts';
import { metrics } from './metrics.ts';

/** `GET /healthz` and `GET /metrics`: alone, they do not make the server needed. */
const BUILT_IN_ROUTES = 2;

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/** One node:http server shared by the adapters that take requests, with `GET /healthz` and `GET /metrics`. */
export class HttpRoutes {
  private readonly routes = new Map<string, RouteHandler>();
  /** Paths under a prefix (the debate pages' links); they alone do not make the server needed. */
  private readonly prefixes: { method: string; prefix: string; handler: RouteHandler }[] = [];
  private server: Server | undefined;
  private listening: Promise<AddressInfo> | undefined;
  private draining = false;

  /** Whether the store answers (set by the composition root; a process without one says yes). */
  private storeAnswers: () => Promise<boolean> = async () => true;

  constructor(private readonly logger: Logger) {
    // A load balancer sends nothing to an instance that is stopping or whose store does not answer.
    this.route('GET', '/healthz', async (_req, res) => {
      const store = !this.draining && (await this.storeAnswers());
      const ok = !this.draining && store;
      res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok, store, draining: this.draining }));
    });
    this.route('GET', '/metrics', async (_req, res) => {
      res.writeHead(200, { 'content-type': metrics.registry.contentType });
      res.end(await metrics.registry.metrics());
    });
  }

  /** How `GET /healthz` asks the store whether it answers. */
  checkStoreWith(answers: () => Promise<boolean>): void {
    this.storeAnswers = answers;
  }

  route(method: string, path: string, handler: RouteHandler): void {
    this.routes.set(`${method.toUpperCase()} ${path}`, handler);
  }

  /** Every path that starts with `prefix` (e.g. `/d/`), when no exact route matches. */
  routePrefix(method: string, prefix: string, handler: RouteHandler): void {
    this.prefixes.push({ method: method.toUpperCase(), prefix, handler });
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
    const server = createServer((req, res) => this.handle(req, res));
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

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const handler =
      this.routes.get(`${req.method} ${path}`) ??
      this.prefixes.find((route) => route.method === req.method && path.startsWith(route.prefix))?.handler;
    if (!handler) {
      res.writeHead(404).end();
      return;
    }
    Promise.resolve()
      .then(() => handler(req, res))
      .catch((error: unknown) => {
        this.logger.error({ err: error, path }, 'request failed');
        if (!res.headersSent) res.writeHead(500).end();
      });
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
