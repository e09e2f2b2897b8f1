// The debate pages on the process's one HTTP server: GET /d/<token> (the page) and
// GET /d/<token>/debat-<n>.csv|md (its downloads). Anything else under /d/ is the one 404.
// Both are built once per debate revision (page-cache.ts), sent gzip-compressed to clients that
// take it, and answer If-None-Match with a 304.
import { once } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import Negotiator from 'negotiator';
import pLimit, { type LimitFunction } from 'p-limit';
import type { HttpRoutes } from '../http-routes.ts';
import { PAGE_PREFIX } from '../page/links.ts';
import { type DebatePages, languageParam, type PageTarget } from '../page/service.ts';
import { downloadHeaders, pageHeaders, revalidated } from './headers.ts';
import { NOT_FOUND_HTML } from './not-found.ts';
import { type BuiltPage, notModified, PageCache } from './page-cache.ts';
import { pageHtmlParts } from './page-html.ts';
import { slicedBody } from './sliced.ts';

const CHUNK = 64 * 1024;

/**
 * Page requests reading the store at once. On PostgreSQL each read holds a pooled connection: with
 * no bound, 8 readers fetching in a loop kept the pool busy and votes waited behind them (a click's
 * p99 inside the bot 81 ms against 25 idle). The bytes are sent outside the bound, so a slow reader
 * holds no slot.
 */
export const PAGE_READS_AT_ONCE = 4;

/** With a pool of PostgreSQL connections, pages take at most half of it (at least one). */
export const pageReadsAtOnce = (poolSize?: number): number =>
  poolSize === undefined
    ? PAGE_READS_AT_ONCE
    : Math.max(1, Math.min(PAGE_READS_AT_ONCE, Math.floor(poolSize / 2)));
/** Page requests waiting for a slot beyond which the next is answered 503 with Retry-After. */
export const PAGE_READS_WAITING = 256;
const BUSY = Buffer.from(
  'Trop de demandes pour l’instant : réessayez dans un moment.\nToo many requests right now: try again in a moment.\n',
);

const notFound = (res: ServerResponse) => res.writeHead(404, pageHeaders(NOT_FOUND_HTML)).end(NOT_FOUND_HTML);

/** A body written in pieces, waiting when the client reads slowly: memory stays the cached buffer. */
async function sendBody(res: ServerResponse, body: Buffer): Promise<void> {
  for (let at = 0; at < body.length; at += CHUNK) {
    if (res.destroyed) return;
    if (!res.write(body.subarray(at, at + CHUNK))) await once(res, 'drain');
  }
  res.end();
}

const keyOf = (what: string, token: string, target: PageTarget) =>
  [what, token, target.debate.id, target.language, target.timezone, target.day].join('\u0000');

/** The built page or download a request names, read from the cache or built; undefined: a 404. */
async function builtFor(
  pages: DebatePages,
  cache: PageCache,
  token: string,
  file: string | undefined,
  language: ReturnType<typeof languageParam>,
): Promise<{ built: BuiltPage; headers: (body: Buffer) => ReturnType<typeof pageHeaders> } | undefined> {
  const target = await pages.target(token, language);
  if (!target) return undefined;
  if (file === undefined) {
    const built = await cache.get(keyOf('page', token, target), target.revision, async () => {
      const model = await pages.modelOf(target);
      return model && slicedBody(pageHtmlParts(model, token));
    });
    return built && { built, headers: (body) => pageHeaders(body, true) };
  }
  const built = await cache.get(keyOf(`file ${file}`, token, target), target.revision, async () => {
    const parts = await pages.exportOf(target, file);
    return parts && slicedBody(parts.pieces);
  });
  const mimeType = file.endsWith('.csv') ? 'text/csv' : file.endsWith('.md') ? 'text/markdown' : 'text/plain';
  return built && { built, headers: (body) => downloadHeaders(body, mimeType, file) };
}

/** Serves one request under /d/. */
export async function servePage(
  pages: DebatePages,
  cache: PageCache,
  reads: LimitFunction,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const parts = url.pathname.slice(PAGE_PREFIX.length).split('/');
  const language = languageParam(url.searchParams.get('lang'));
  const [token = '', file] = parts;
  if (parts.length > 2 || (parts.length === 2 && !file)) return void notFound(res);
  if (reads.pendingCount >= PAGE_READS_WAITING) {
    res
      .writeHead(503, {
        ...pageHeaders(BUSY),
        'content-type': 'text/plain; charset=utf-8',
        'retry-after': '1',
      })
      .end(BUSY);
    return;
  }
  const found = await reads(() => builtFor(pages, cache, token, file, language));
  if (!found) return void notFound(res);
  const { built, headers } = found;
  // The client's preference, q-values included (`gzip;q=0.1, identity` is plain).
  const gzip = new Negotiator(req).encoding(['gzip', 'identity']) === 'gzip';
  const sent = gzip ? built.gzip : built;
  // Each encoding has its own validator; caches must tell the two apart.
  const encoding = { vary: 'accept-encoding', ...(gzip ? { 'content-encoding': 'gzip' } : {}) };
  if (notModified(req.headers['if-none-match'], sent.etag)) {
    res.writeHead(304, { ...revalidated(sent.etag), vary: encoding.vary }).end();
    return;
  }
  res.writeHead(200, { ...headers(sent.body), ...encoding, etag: sent.etag });
  await sendBody(res, sent.body);
}

/** Registers the pages; they do not by themselves make the server listen (see main). */
export function registerPageRoutes(
  http: HttpRoutes,
  pages: DebatePages,
  cache: PageCache = new PageCache(),
  readsAtOnce: number = PAGE_READS_AT_ONCE,
): PageCache {
  const reads = pLimit(readsAtOnce);
  http.routePrefix('GET', PAGE_PREFIX, (req, res) => servePage(pages, cache, reads, req, res));
  return cache;
}
