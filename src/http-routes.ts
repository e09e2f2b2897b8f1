import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from './engine/logger.ts';

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/** One node:http server shared by the adapters that take requests, with `GET /healthz`. */
export class HttpRoutes {
  private readonly routes = new Map<string, RouteHandler>();
  private server: Server | undefined;
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

  /** True once an adapter registered something beyond the health check. */
  get needed(): boolean {
    return this.routes.size > 1;
  }

  async listen(port: number, host: string): Promise<AddressInfo> {
    const server = createServer((req, res) => this.handle(req, res));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    return server.address() as AddressInfo;
  }

  get address(): AddressInfo | undefined {
    return (this.server?.address() as AddressInfo | null) ?? undefined;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const handler = this.routes.get(`${req.method} ${path}`);
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
