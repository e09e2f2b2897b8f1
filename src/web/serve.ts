// Wiring of the debate pages into a running bot: their links' options, and their routes.
import type { Config } from '../config.ts';
import type { Clock } from '../domain/clock.ts';
import type { ChannelDefaults } from '../domain/defaults.ts';
import type { Logger } from '../domain/logger.ts';
import type { HttpRoutes } from '../http-routes.ts';
import type { PageLinkOptions, PageLinks } from '../page/links.ts';
import { DebatePages } from '../page/service.ts';
import type { DebateStore } from '../store/ports/debate-store.ts';
import type { PageStore } from '../store/ports/pages.ts';
import type { PageCache } from './page-cache.ts';
import { pageReadsAtOnce, registerPageRoutes } from './routes.ts';

const UNSPECIFIED = new Set(['0.0.0.0', '::', '']);

/**
 * The terminal's link base without DEBAT_PUBLIC_URL: the HTTP server's own address, the server
 * started on 127.0.0.1 the first time someone asks (on PORT, or any free port if PORT is taken).
 */
export function localPageUrl(http: HttpRoutes, port: number, logger: Logger) {
  return async (start: boolean): Promise<string | undefined> => {
    let address = http.address;
    if (!address && start) {
      address = await http.listen(port, '127.0.0.1').catch((error: { code?: string }) => {
        if (error.code !== 'EADDRINUSE') throw error;
        return http.listen(0, '127.0.0.1');
      });
      logger.info({ port: address.port, host: address.address }, 'HTTP server listening for debate pages');
    }
    if (!address) return undefined;
    const host = UNSPECIFIED.has(address.address)
      ? '127.0.0.1'
      : address.family === 'IPv6'
        ? `[${address.address}]`
        : address.address;
    return `http://${host}:${address.port}`;
  };
}

export const pageLinkOptions = (
  config: Pick<Config, 'DEBAT_PUBLIC_URL' | 'PORT'>,
  store: PageStore,
  http: HttpRoutes,
  logger: Logger,
): PageLinkOptions => ({
  store,
  publicUrl: config.DEBAT_PUBLIC_URL,
  localUrl: localPageUrl(http, config.PORT, logger),
});

/** Serves the pages on the HTTP server (which listens if DEBAT_PUBLIC_URL is set, see main). */
export function servePages(
  http: HttpRoutes,
  deps: { links: PageLinks; store: DebateStore; defaults: ChannelDefaults; clock: Clock },
  cache?: PageCache,
  /** The PostgreSQL pool's size, which page reads must leave room in; none on SQLite. */
  poolSize?: number,
): PageCache {
  return registerPageRoutes(http, new DebatePages(deps), cache, pageReadsAtOnce(poolSize));
}
