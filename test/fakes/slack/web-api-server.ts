// The fake Slack HTTP server on 127.0.0.1 (port 0): `POST /api/<method>` (form-encoded or JSON,
// Bearer token), `POST /response/<id>` (response_url sink), `POST /upload/<file_id>` (upload sink)
// and the Socket Mode WebSocket upgrade on `/link/`. Every API call is recorded; faults apply per method.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { FaultPlan } from './faults.ts';
import type { FakeOAuth } from './oauth.ts';
import type { ResponseUrlSink } from './response-url-sink.ts';
import type { SocketModeServer } from './socket-mode-server.ts';
import { type Identity, METHOD_SCOPES, METHODS } from './web-api-methods.ts';
import type { WorkspaceState } from './workspace-state.ts';

type Json = Record<string, unknown>;

export interface RecordedCall {
  method: string;
  args: Json;
  token: string | undefined;
  at: number;
  /** HTTP status the fake answered (200, 429, 500…). */
  status: number;
  /** Body answered with status 200; undefined for an HTTP error. */
  response: Json | undefined;
  /** The injected fault that shaped this answer, if any. */
  fault?: string;
  /** For a token issued through OAuth: the installation it belongs to (team, or org-wide enterprise). */
  installation?: string;
}

/** Arguments that @slack/web-api sends as JSON strings inside a form body. */
const JSON_ARGS = new Set(['blocks', 'attachments', 'view', 'files', 'metadata', 'options']);

export interface WebApiServerDeps {
  state: WorkspaceState;
  identity: Identity;
  tokens: Set<string>;
  sink: ResponseUrlSink;
  socket: SocketModeServer;
  /** Installs through OAuth: tokens it issued are accepted as their workspace's. */
  oauth?: FakeOAuth | undefined;
  /** The bot token's scopes; undefined grants every method (no scope check). */
  scopes?: ReadonlySet<string> | undefined;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function parseArgs(contentType: string, raw: Buffer): Json {
  const text = raw.toString('utf8');
  if (text.length === 0) return {};
  if (contentType.includes('application/json')) return JSON.parse(text) as Json;
  const args: Json = {};
  for (const [key, value] of new URLSearchParams(text)) {
    if (JSON_ARGS.has(key)) {
      try {
        args[key] = JSON.parse(value);
        continue;
      } catch {
        // keep the raw string: the method will reject it
      }
    }
    args[key] = value;
  }
  return args;
}

function send(
  res: ServerResponse,
  status: number,
  body: Json | string,
  headers: Record<string, string> = {},
) {
  const isText = typeof body === 'string';
  res.writeHead(status, {
    'content-type': isText ? 'text/plain' : 'application/json; charset=utf-8',
    ...headers,
  });
  res.end(isText ? body : JSON.stringify(body));
}

export class WebApiServer {
  readonly calls: RecordedCall[] = [];
  readonly faults = new FaultPlan();
  private readonly server: Server;
  private readonly listeners = new Set<(call: RecordedCall) => void>();

  constructor(private readonly deps: WebApiServerDeps) {
    this.server = createServer((req, res) => {
      this.route(req, res).catch((err: unknown) => {
        if (!res.headersSent) send(res, 500, `fake slack error: ${String(err)}`);
      });
    });
    this.server.on('upgrade', (req, socket, head) => {
      if (req.url?.startsWith('/link')) deps.socket.handleUpgrade(req, socket, head);
      else socket.destroy();
    });
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  get baseUrl(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  onCall(listener: (call: RecordedCall) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private record(call: RecordedCall): void {
    this.calls.push(call);
    for (const l of this.listeners) l(call);
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const raw = await readBody(req);
    const contentType = req.headers['content-type'] ?? '';
    const [, area, name] = url.pathname.split('/');
    if (req.method !== 'POST' || !name) return send(res, 404, 'not found');
    if (area === 'api') return this.apiCall(name, req, parseArgs(contentType, raw), res);
    if (area === 'response') {
      const out = this.deps.sink.receive(name, parseArgs('application/json', raw));
      return send(res, out.status, out.body);
    }
    if (area === 'upload') return this.upload(name, contentType, raw, res);
    return send(res, 404, 'not found');
  }

  private async apiCall(method: string, req: IncomingMessage, args: Json, res: ServerResponse) {
    const at = Date.now();
    const auth = req.headers.authorization;
    const token = auth?.startsWith('Bearer ')
      ? auth.slice(7)
      : typeof args.token === 'string'
        ? args.token
        : undefined;
    const grant = token ? this.deps.oauth?.grant(token) : undefined;
    const installation = grant && (grant.target.orgWide ? grant.target.enterpriseId : grant.target.teamId);
    const base = { method, args, token, at, ...(installation ? { installation } : {}) };
    let slowFault: string | undefined;
    for (const fault of this.faults.take(method)) {
      if (fault.kind === 'slow') {
        slowFault = `slow ${fault.delayMs}ms`;
        await sleep(fault.delayMs);
      } else if (fault.kind === 'rate_limited') {
        this.record({ ...base, status: 429, response: undefined, fault: 'rate_limited' });
        return send(
          res,
          429,
          { ok: false, error: 'ratelimited' },
          { 'retry-after': String(fault.retryAfterSec) },
        );
      } else if (fault.kind === 'http_error') {
        this.record({ ...base, status: fault.status, response: undefined, fault: `http ${fault.status}` });
        return send(res, fault.status, 'fake server error');
      } else if (fault.kind === 'dropped') {
        this.record({ ...base, status: 0, response: undefined, fault: 'dropped' });
        req.socket.destroy();
        return;
      } else {
        const response = { ok: false, error: fault.error };
        this.record({ ...base, status: 200, response, fault: `platform ${fault.error}` });
        return send(res, 200, response);
      }
    }
    const response = this.answer(method, token, args);
    this.record({ ...base, status: 200, response, ...(slowFault ? { fault: slowFault } : {}) });
    send(res, 200, response);
  }

  private answer(method: string, token: string | undefined, args: Json): Json {
    const { oauth } = this.deps;
    if (method === 'oauth.v2.access' && oauth) return oauth.access(args, this.deps.identity.appId);
    if (!token) return { ok: false, error: 'not_authed' };
    let identity = this.deps.identity;
    if (!this.deps.tokens.has(token)) {
      const grant = oauth?.grant(token);
      if (!grant) return { ok: false, error: 'invalid_auth' };
      if (grant.revoked) return { ok: false, error: 'token_revoked' };
      if (grant.expiresAt !== undefined && grant.expiresAt <= Date.now())
        return { ok: false, error: 'token_expired' };
      identity = oauth!.identityOf(grant, identity.appId);
    }
    const handler = METHODS[method];
    if (!handler) return { ok: false, error: 'unknown_method' };
    const needed = METHOD_SCOPES[method];
    const { scopes } = this.deps;
    if (needed && scopes && !token.startsWith('xapp-') && !scopes.has(needed))
      return { ok: false, error: 'missing_scope', needed, provided: [...scopes].join(',') };
    return handler(args, {
      state: this.deps.state,
      identity,
      token,
      baseUrl: this.baseUrl,
      socketUrl: () =>
        `${this.baseUrl.replace('http:', 'ws:')}/link/?ticket=t${this.deps.socket.accepted + 1}`,
    });
  }

  private async upload(fileId: string, contentType: string, raw: Buffer, res: ServerResponse) {
    const upload = this.deps.state.uploads.get(fileId);
    if (!upload) return send(res, 404, 'no such upload');
    let bytes = raw;
    if (contentType.includes('multipart/form-data')) {
      const form = await new Response(new Uint8Array(raw), {
        headers: { 'content-type': contentType },
      }).formData();
      const part = [...form.values()].find((v) => typeof v !== 'string');
      if (part && typeof part !== 'string') bytes = Buffer.from(await part.arrayBuffer());
    }
    upload.bytes = bytes;
    send(res, 200, `OK - ${bytes.length}`);
  }
}
