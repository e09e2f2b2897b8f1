import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger, RouteHandler } from '../../src/api.ts';
import { type Incoming, readInteraction } from './incoming.ts';
import { HttpInitialChannel, type InitialResponse } from './responder.ts';
import { signatureVerifier } from './signature.ts';

const MAX_BODY = 256 * 1024;

function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY) chunks.push(chunk);
    });
    req.on('end', () =>
      resolve(size > MAX_BODY ? undefined : chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)),
    );
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body?: unknown): void {
  if (body === undefined) {
    res
      .writeHead(status, { 'content-type': 'text/plain' })
      .end(status === 401 ? 'invalid request signature' : '');
    return;
  }
  const json = JSON.stringify(body);
  res
    .writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) })
    .end(json);
}

/**
 * The HTTP interactions endpoint (mounted on the process's shared server): a bad signature is a
 * 401 that changes nothing (Discord probes with bad ones and drops endpoints that accept them),
 * PING gets PONG, anything else is answered inline, or deferred and completed through REST.
 */
export function interactionsEndpoint(deps: {
  publicKey: string;
  /** The configured application id, for interactions that do not carry theirs. */
  applicationId?: string | undefined;
  logger: Logger;
  dispatch: (incoming: Exclude<Incoming, { kind: 'ping' }>, initial: HttpInitialChannel) => void;
}): RouteHandler {
  const verified = signatureVerifier(deps.publicKey);
  return async (req, res) => {
    const body = await readBody(req);
    if (body === undefined) return send(res, 413);
    if (!verified(req.headers['x-signature-timestamp'], body, req.headers['x-signature-ed25519']))
      return send(res, 401);
    let json: unknown;
    try {
      json = JSON.parse(body.toString('utf8'));
    } catch {
      return send(res, 400);
    }
    const incoming = readInteraction(json, deps.applicationId);
    if (!incoming) {
      deps.logger.warn({}, 'discord: an interaction the adapter cannot read');
      return send(res, 400);
    }
    if (incoming.kind === 'ping') return send(res, 200, { type: 1 });
    const initial = new HttpInitialChannel();
    deps.dispatch(incoming, initial);
    const response: InitialResponse = await initial.response;
    send(res, 200, response);
  };
}
