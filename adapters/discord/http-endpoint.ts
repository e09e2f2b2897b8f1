import type { ServerResponse } from 'node:http';
import { bodyOf, interactionLive, type Logger, type RouteHandler, signedTimeFresh } from '../../src/api.ts';
import { type Incoming, readInteraction } from './incoming.ts';
import { HttpInitialChannel, type InitialResponse } from './responder.ts';
import { signatureVerifier } from './signature.ts';

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
  /** The wall clock the signed times are checked against (Discord signs with its own). */
  now?: () => number;
}): RouteHandler {
  const verified = signatureVerifier(deps.publicKey);
  const now = deps.now ?? Date.now;
  return async (req, res) => {
    // The server read the body within its limit (BODY_LIMITS.discord).
    const body = bodyOf(req);
    const timestamp = req.headers['x-signature-timestamp'];
    // A signed request out of its time window is a replay: refused like a bad signature.
    if (!signedTimeFresh(timestamp, now())) return send(res, 401);
    if (!(await verified(timestamp, body, req.headers['x-signature-ed25519']))) return send(res, 401);
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
    // Its token is dead after 15 minutes: an older interaction can only be a replay.
    if (!interactionLive(incoming.id, now())) return send(res, 401);
    const initial = new HttpInitialChannel();
    deps.dispatch(incoming, initial);
    const response: InitialResponse = await initial.response;
    send(res, 200, response);
  };
}
