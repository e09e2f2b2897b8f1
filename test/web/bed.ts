// A real bot core for page tests: the engine on a temporary SQLite file, its pages served by the
// real HTTP server on 127.0.0.1 (port 0), and the page links based on that server's address.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../../src/domain/clock.ts';
import { silentLogger } from '../../src/domain/logger.ts';
import type { Invocation } from '../../src/domain/types.ts';
import { DebateEngine } from '../../src/engine/engine.ts';
import type { Outcome } from '../../src/engine/outcome.ts';
import { HttpRoutes } from '../../src/http-routes.ts';
import { migrate } from '../../src/store/sqlite/migrate.ts';
import { openDatabase } from '../../src/store/sqlite/open-database.ts';
import { SqlitePageStore } from '../../src/store/sqlite/page-store.ts';
import { SqliteDebateStore } from '../../src/store/sqlite/store.ts';
import { PageCache } from '../../src/web/page-cache.ts';
import { servePages } from '../../src/web/serve.ts';
import { DEFAULTS } from '../helpers/engine.ts';

export interface PageBed {
  engine: DebateEngine;
  store: SqliteDebateStore;
  pages: SqlitePageStore;
  clock: ManualClock;
  /** The pages' cache, to count builds and hits. */
  cache: PageCache;
  /** http://127.0.0.1:<port>: where the pages are served and what links start with. */
  base: string;
  run(inv: Invocation, line: string): Promise<Outcome>;
  /** The link `page` answers with (the notice's `url`). */
  linkOf(inv: Invocation, line?: string): Promise<string>;
  cleanup(): Promise<void>;
}

/** `publicUrl: false` leaves DEBAT_PUBLIC_URL unset (and no local base: a Slack-like platform). */
export async function pageBed(options: { publicUrl?: boolean; start?: Date } = {}): Promise<PageBed> {
  const dir = mkdtempSync(join(tmpdir(), 'debat-page-'));
  const db = openDatabase(join(dir, 'debat.sqlite'));
  migrate(db);
  const store = new SqliteDebateStore(db);
  const pages = new SqlitePageStore(db);
  const clock = new ManualClock(options.start ?? new Date('2026-11-24T10:00:00Z'));
  const http = new HttpRoutes(silentLogger);
  const address = await http.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${address.port}`;
  const engine = await DebateEngine.create({
    store,
    clock,
    logger: silentLogger,
    defaults: DEFAULTS,
    scoreboardIntervalMs: 0,
    pages: { store: pages, publicUrl: options.publicUrl === false ? undefined : base },
  });
  // The cache's pause between two builds of a page runs on the test's clock.
  const cache = servePages(
    http,
    { links: engine.pages!, store, defaults: DEFAULTS, clock },
    new PageCache(undefined, () => clock.now().getTime()),
  );
  const run = (inv: Invocation, line: string) => engine.run(inv, line);
  return {
    engine,
    store,
    pages,
    clock,
    base,
    cache,
    run,
    async linkOf(inv, line = 'page') {
      const outcome = await run(inv, line);
      const view = outcome.replies[0]?.view;
      if (view?.kind !== 'notice' || typeof view.params.url !== 'string' || view.params.url === '')
        throw new Error(`no link in the answer to "${line}": ${JSON.stringify(view)}`);
      return view.params.url;
    },
    async cleanup() {
      await http.close();
      await engine.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
