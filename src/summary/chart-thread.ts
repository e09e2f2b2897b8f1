// Charts rendered on a thread of their own: a PNG takes milliseconds of CPU, and the weekly pass
// renders one per channel, thousands in a row, while clicks keep coming. The thread starts with
// the first chart and ends after a quiet minute.
import { Worker } from 'node:worker_threads';
import type { ResvgRenderOptions } from '@resvg/resvg-js';
import { z } from 'zod';

const QUIET_MS = 60_000;

/** What the thread answers (our own thread, not a platform: a plain check suffices). */
const Answer = z.union([
  z.object({ id: z.number(), png: z.instanceof(Uint8Array) }),
  z.object({ id: z.number(), error: z.string() }),
]);

interface Waiting {
  resolve: (png: Buffer) => void;
  reject: (error: Error) => void;
}

let worker: Worker | undefined;
let quiet: NodeJS.Timeout | undefined;
let next = 0;
const waiting = new Map<number, Waiting>();

function failAll(error: Error): void {
  for (const one of waiting.values()) one.reject(error);
  waiting.clear();
}

function started(): Worker {
  if (worker) return worker;
  // Plain JavaScript: none of the parent's loader flags (a TypeScript loader in tests) to start.
  const thread = new Worker(new URL('./chart-png-worker.mjs', import.meta.url), { execArgv: [] });
  thread.on('message', (message: unknown) => {
    const answer = Answer.parse(message);
    const one = waiting.get(answer.id);
    waiting.delete(answer.id);
    if ('png' in answer)
      one?.resolve(Buffer.from(answer.png.buffer, answer.png.byteOffset, answer.png.byteLength));
    else one?.reject(new Error(answer.error));
    if (waiting.size === 0) {
      thread.unref();
      quiet = setTimeout(() => {
        if (worker === thread && waiting.size === 0) {
          worker = undefined;
          void thread.terminate();
        }
      }, QUIET_MS).unref();
    }
  });
  thread.on('error', (error) => {
    if (worker === thread) worker = undefined;
    failAll(error);
  });
  thread.on('exit', () => {
    if (worker === thread) worker = undefined;
    failAll(new Error('the chart thread ended'));
  });
  worker = thread;
  return thread;
}

/** The PNG of an SVG, rendered on the chart thread with resvg's `options`. */
export function renderOnThread(svg: string, options: ResvgRenderOptions): Promise<Buffer> {
  const thread = started();
  clearTimeout(quiet);
  if (waiting.size === 0) thread.ref();
  const id = ++next;
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    thread.postMessage({ id, svg, options });
  });
}
