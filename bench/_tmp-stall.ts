import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../src/domain/clock.ts';
import { silentLogger } from '../src/domain/logger.ts';
import { HttpRoutes } from '../src/http-routes.ts';
import { PageLinks } from '../src/page/links.ts';
import { DebatePages } from '../src/page/service.ts';
import { migrate } from '../src/store/sqlite/migrate.ts';
import { openDatabase } from '../src/store/sqlite/open-database.ts';
import { SqlitePageStore } from '../src/store/sqlite/page-store.ts';
import { SqliteDebateStore } from '../src/store/sqlite/store.ts';
import { registerPageRoutes } from '../src/web/routes.ts';
import { PageCache } from '../src/web/page-cache.ts';
import { seed } from '../bench/page.ts';
import { longestStall } from '../bench/loop-stall.ts';
const dir = mkdtempSync(join(tmpdir(), 'stall-'));
const db = openDatabase(join(dir, 'p.sqlite')); migrate(db);
const store = new SqliteDebateStore(db);
const uid = seed(db, 2000);
const http = new HttpRoutes(silentLogger); const cold = new HttpRoutes(silentLogger);
const { port } = await http.listen(0, '127.0.0.1'); const { port: cport } = await cold.listen(0, '127.0.0.1');
const links = new PageLinks({ store: new SqlitePageStore(db), publicUrl: `http://127.0.0.1:${port}` }, 'a-benchmark-secret-of-32-chars!!', (s, n) => store.findDebate(s, n));
const pages = new DebatePages({ links, store, defaults: { language: 'fr', timezone: 'Europe/Paris', summaryDay: 5, summaryTime: '16:00' }, clock: new ManualClock(new Date('2026-03-27T16:00:00Z')) });
registerPageRoutes(http, pages); registerPageRoutes(cold, pages, new PageCache(0));
const path = new URL((await links.url({ id: 1, uid, platform: 'slack' }))!).pathname;
const get = async (p: number, u: string) => { const r = await fetch(`http://127.0.0.1:${p}${u}`); return (await r.arrayBuffer()).byteLength; };
await get(cport, path);
for (let i = 0; i < 3; i++) {
  for (const [name, p, u] of [['cold', cport, path], ['hit', port, path], ['csv', cport, `${path}/debat-1.csv`], ['md', cport, `${path}/debat-1.md`]] as const) {
    const t0 = performance.now();
    const r = await longestStall(() => get(p, u));
    console.log(name, r.value, 'bytes', (performance.now() - t0).toFixed(0), 'ms, stall', r.stallMs.toFixed(1));
  }
}
await http.close(); await cold.close(); await store.close(); rmSync(dir, { recursive: true, force: true });
