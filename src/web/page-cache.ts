// Pages and downloads built once per debate revision and kept in memory (least recently used
// first out, bounded in bytes): a busy page costs its readers a lookup, not a build each.
import { createHash } from 'node:crypto';

export interface BuiltPage {
  body: Buffer;
  /** A strong validator of the body: a browser that has it gets a 304. */
  etag: string;
}

export const PAGE_CACHE_BYTES = 64 * 1024 * 1024;

/**
 * A page built less than this long ago is served even if its debate changed since: a debate
 * voted on without pause costs one build per page and per interval, not one per reader.
 */
export const PAGE_REBUILD_MS = 2_000;

interface Entry {
  page: BuiltPage;
  revision: number;
  builtAt: number;
}

export class PageCache {
  private readonly entries = new Map<string, Entry>();
  private readonly building = new Map<string, Promise<BuiltPage | undefined>>();
  private bytes = 0;
  /** Builds, hits, and pages served though their debate had just changed; for benchmarks and tests. */
  readonly counts = { builds: 0, hits: 0, recent: 0 };

  constructor(
    private readonly maxBytes = PAGE_CACHE_BYTES,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** The page under `key` at `revision`; built once, also when many ask at the same time. */
  get(
    key: string,
    revision: number,
    build: () => Promise<Buffer | undefined>,
  ): Promise<BuiltPage | undefined> {
    const entry = this.entries.get(key);
    const fresh = entry?.revision === revision;
    if (entry && (fresh || this.now() - entry.builtAt < PAGE_REBUILD_MS)) {
      if (fresh) this.counts.hits++;
      else this.counts.recent++;
      // Most recently used last.
      this.entries.delete(key);
      this.entries.set(key, entry);
      return Promise.resolve(entry.page);
    }
    const buildKey = `${key}\u0000${revision}`;
    let pending = this.building.get(buildKey);
    if (!pending) {
      this.counts.builds++;
      pending = build()
        .then((body) => body && this.keep(key, revision, body))
        .finally(() => this.building.delete(buildKey));
      this.building.set(buildKey, pending);
    }
    return pending;
  }

  private keep(key: string, revision: number, body: Buffer): BuiltPage {
    const page = { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
    // One page never takes more than a quarter of the room.
    if (body.length > this.maxBytes / 4) return page;
    const before = this.entries.get(key);
    if (before) {
      this.entries.delete(key);
      this.bytes -= before.page.body.length;
    }
    this.entries.set(key, { page, revision, builtAt: this.now() });
    this.bytes += body.length;
    for (const [oldest, entry] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= entry.page.body.length;
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
