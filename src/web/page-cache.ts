// Pages and downloads built once per debate revision and kept in memory (least recently used
// first out, bounded in bytes): a busy page costs its readers a lookup, not a build each.
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

/** One representation of a page: its bytes and their strong validator. */
export interface PageBody {
  body: Buffer;
  /** A browser that has these bytes gets a 304. */
  etag: string;
}

/**
 * A page as built, and gzip-compressed once per build: every browser asks for gzip, and sending a
 * 223 KiB page to each reader cost the event loop more than anything else the page does.
 */
export interface BuiltPage extends PageBody {
  gzip: PageBody;
}

const gzipped = promisify(gzip);
const etagOf = (body: Buffer) => `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;

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
        // Compressed on libuv's threads, not the event loop.
        .then(async (body) => body && this.keep(key, revision, body, await gzipped(body)))
        .finally(() => this.building.delete(buildKey));
      this.building.set(buildKey, pending);
    }
    return pending;
  }

  private keep(key: string, revision: number, body: Buffer, compressed: Buffer): BuiltPage {
    const page = { body, etag: etagOf(body), gzip: { body: compressed, etag: etagOf(compressed) } };
    const size = sizeOf(page);
    // One page never takes more than a quarter of the room.
    if (size > this.maxBytes / 4) return page;
    const before = this.entries.get(key);
    if (before) {
      this.entries.delete(key);
      this.bytes -= sizeOf(before.page);
    }
    this.entries.set(key, { page, revision, builtAt: this.now() });
    this.bytes += size;
    for (const [oldest, entry] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= sizeOf(entry.page);
    }
    return page;
  }
}

const sizeOf = (page: BuiltPage) => page.body.length + page.gzip.body.length;

/** Whether the request's If-None-Match names this validator. */
export function notModified(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === etag || tag === '*');
}
