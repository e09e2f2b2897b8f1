/** Every call the fake REST receives, in order, with a way to wait for one without sleeping. */
import { EventEmitter } from 'node:events';

export interface RecordedFile {
  field: string;
  filename: string;
  contentType: string;
  size: number;
  /** The file's bytes, as uploaded. */
  data: Buffer;
}

export interface RecordedCall {
  seq: number;
  method: string;
  /** A stable name for the endpoint, e.g. `interactionCallback`, `messageEdit` (see routes.ts). */
  route: string;
  /** Decoded path below /api/v10, e.g. `/webhooks/1/tok/messages/@original`. */
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON body (or `payload_json` of a multipart body); undefined when empty. */
  body: unknown;
  files: RecordedFile[];
  status: number;
  response: unknown;
}

export type CallPredicate = (c: RecordedCall) => boolean;

export function callMatcher(match: string | CallPredicate): CallPredicate {
  return typeof match === 'string' ? (c) => c.route === match : match;
}

export class CallRecorder {
  readonly calls: RecordedCall[] = [];
  readonly #events = new EventEmitter();

  constructor() {
    this.#events.setMaxListeners(0);
  }

  add(call: RecordedCall): void {
    this.calls.push(call);
    this.#events.emit('call', call);
  }

  /** Calls matching a route name or a predicate. */
  filter(match: string | CallPredicate): RecordedCall[] {
    return this.calls.filter(callMatcher(match));
  }

  /** Resolves once `count` matching calls have been recorded (including those already here). */
  waitFor(match: string | CallPredicate, count = 1): Promise<RecordedCall[]> {
    const pred = callMatcher(match);
    const current = this.calls.filter(pred);
    if (current.length >= count) return Promise.resolve(current.slice(0, count));
    return new Promise((resolve) => {
      const seen = [...current];
      const listener = (c: RecordedCall): void => {
        if (!pred(c)) return;
        seen.push(c);
        if (seen.length >= count) {
          this.#events.off('call', listener);
          resolve(seen.slice(0, count));
        }
      };
      this.#events.on('call', listener);
    });
  }

  clear(): void {
    this.calls.length = 0;
  }
}
