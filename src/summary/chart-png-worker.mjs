// The thread of src/summary/chart-thread.ts: SVG to PNG with resvg, off the bot's event loop.
// Plain JavaScript so that it starts without the TypeScript loader. Messages in:
// { id, svg, options }; out: { id, png } (its bytes handed over, not copied) or { id, error }.
import '../background-thread.mjs';
import { parentPort } from 'node:worker_threads';
import { Resvg } from '@resvg/resvg-js';

parentPort.on('message', ({ id, svg, options }) => {
  try {
    const png = new Resvg(svg, options).render().asPng();
    const bytes = new Uint8Array(png.buffer, png.byteOffset, png.byteLength).slice();
    parentPort.postMessage({ id, png: bytes }, [bytes.buffer]);
  } catch (error) {
    parentPort.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
