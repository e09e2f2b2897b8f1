// Pages and downloads built once per debate revision and kept in memory (least recently used
// first out, bounded in bytes): a busy page costs its readers a lookup, not a build each.
import { createHash } from 'node:crypto';

export interface BuiltPage {
  body: Buffer;
  /** A strong validator of the body: a browser that has it gets a 304. */
  etag: string;
}

export const PAGE_CACHE_BYTES = 64 * 1024 * 1024;

export class PageCache {
  private readonly entries = new Map<string, BuiltPage>();
  private readonly building = new Map<string, Promise<BuiltPage | undefined>>();
  private bytes = 0;
  /** Builds and hits, for the benchmark and the tests. */
  readonly counts = { builds: 0, hits: 0 };

  constructor(private readonly maxBytes = PAGE_CACHE_BYTES) {}

  /** The page under `key`; built once, also when many ask at the same time. */
  get(key: string, build: () => Promise<Buffer | undefined>): Promise<BuiltPage | undefined> {
    const hit = this.entries.get(key);
    if (hit) {
      this.counts.hits++;
      // Most recently used last.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return Promise.resolve(hit);
    }
    let pending = this.building.get(key);
    if (!pending) {
      this.counts.builds++;
      pending = build()
        .then((body) => body && this.keep(key, body))
        .finally(() => this.building.delete(key));
      this.building.set(key, pending);
    }
    return pending;
  }

  private keep(key: string, body: Buffer): BuiltPage {
    const page = { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
    // One page never takes more than a quarter of the room.
    if (body.length > this.maxBytes / 4) return page;
    this.entries.set(key, page);
    this.bytes += body.length;
    for (const [oldest, entry] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= entry.body.length;
    }
    return page;
  }
}

/** Whether the request's If-None-Match names this validator. */
export function notModified(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === etag || tag === '*');
}
