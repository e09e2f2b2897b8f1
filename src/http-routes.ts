import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from './engine/logger.ts';

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/** One node:http server shared by the adapters that take requests, with `GET /healthz`. */
export class HttpRoutes {
  private readonly routes = new Map<string, RouteHandler>();
  /** Paths under a prefix (the debate pages' links); they alone do not make the server needed. */
  private readonly prefixes: { method: string; prefix: string; handler: RouteHandler }[] = [];
  private server: Server | undefined;
  private listening: Promise<AddressInfo> | undefined;
  private draining = false;

  constructor(private readonly logger: Logger) {
    this.route('GET', '/healthz', (_req, res) => {
      res.writeHead(this.draining ? 503 : 200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: !this.draining }));
    });
  }

  route(method: string, path: string, handler: RouteHandler): void {
    this.routes.set(`${method.toUpperCase()} ${path}`, handler);
  }

  /** Every path that starts with `prefix` (e.g. `/d/`), when no exact route matches. */
  routePrefix(method: string, prefix: string, handler: RouteHandler): void {
    this.prefixes.push({ method: method.toUpperCase(), prefix, handler });
  }

  /** True once an adapter registered something beyond the health check. */
  get needed(): boolean {
    return this.routes.size > 1;
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
