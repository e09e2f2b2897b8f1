// A large body (a page, a download) made of many pieces, built a slice at a time: after about
// SLICE_MS of work the event loop gets a turn, so a 6 MB export never holds it for seconds.
import { performance } from 'node:perf_hooks';

export const SLICE_MS = 8;

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The pieces' bytes, in order, as one buffer; `pieces` is pulled lazily (the work happens as it
 * is pulled). The loop gets a turn first: the caller has just done work of its own.
 */
export async function slicedBody(pieces: Iterable<string>, sliceMs = SLICE_MS): Promise<Buffer> {
  const buffers: Buffer[] = [];
  let pending: string[] = [];
  await turn();
  let started = performance.now();
  for (const piece of pieces) {
    pending.push(piece);
    if (performance.now() - started < sliceMs) continue;
    buffers.push(Buffer.from(pending.join('')));
    pending = [];
    await turn();
    started = performance.now();
  }
  buffers.push(Buffer.from(pending.join('')));
  return buffers.length === 1 ? buffers[0]! : Buffer.concat(buffers);
}
