// A small load balancer for the fleet test: each request goes to the next instance in turn; an
// instance that refuses the connection (killed) is skipped, as a health-checked balancer would.
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RoundRobin {
  url: string;
  /** Where requests may go; replace an entry when an instance restarts on another port. */
  targets: (number | undefined)[];
  /** Requests forwarded, per target index. */
  served: number[];
  close(): Promise<void>;
}

export async function roundRobin(targets: (number | undefined)[]): Promise<RoundRobin> {
  let next = 0;
  const served = targets.map(() => 0);
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const tryFrom = (attempt: number) => {
        if (attempt >= proxy.targets.length) {
          res.writeHead(502).end();
          return;
        }
        const index = next++ % proxy.targets.length;
        const port = proxy.targets[index];
        if (port === undefined) return tryFrom(attempt + 1);
        const upstream = request(
          { host: '127.0.0.1', port, method: req.method, path: req.url, headers: req.headers },
          (answer) => {
            served[index] = (served[index] ?? 0) + 1;
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
          },
        );
        upstream.on('error', (error: NodeJS.ErrnoException) => {
          // Refused: the instance is down, try the next. Cut mid-request: the client sees it fail.
          if (error.code === 'ECONNREFUSED' && !res.headersSent) tryFrom(attempt + 1);
          else if (!res.headersSent) res.writeHead(502).end();
          else res.destroy();
        });
        upstream.end(body);
      };
      tryFrom(0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const proxy: RoundRobin = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    targets,
    served,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  return proxy;
}
