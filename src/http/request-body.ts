import type { IncomingMessage } from 'node:http';

/** A request whose body was read by the server before its route saw it (Bolt reads `rawBody` too). */
export interface BufferedRequest extends IncomingMessage {
  rawBody: Buffer;
}

export type BodyRead = { ok: true; body: Buffer } | { ok: false; reason: 'too-large' | 'aborted' };

/**
 * Reads a request's body up to `limit` bytes. A declared length over the limit is refused before a
 * byte is read; a chunked body is refused as soon as it passes the limit (nothing more is kept).
 */
export function readBody(req: IncomingMessage, limit: number): Promise<BodyRead> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (!Number.isFinite(declared) || declared > limit)
    return Promise.resolve({ ok: false, reason: 'too-large' });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (result: BodyRead) => {
      req.off('data', onData).off('end', onEnd).off('error', onError).off('aborted', onError);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.pause();
        done({ ok: false, reason: 'too-large' });
      } else chunks.push(chunk);
    };
    const onEnd = () => done({ ok: true, body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks) });
    const onError = () => done({ ok: false, reason: 'aborted' });
    req.on('data', onData).on('end', onEnd).on('error', onError).on('aborted', onError);
  });
}

/** The body the server read for this request (empty when the route takes none). */
export const bodyOf = (req: IncomingMessage): Buffer =>
  (req as Partial<BufferedRequest>).rawBody ?? Buffer.alloc(0);
