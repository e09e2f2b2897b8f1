import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate } from '../src/store/sqlite/migrate.ts';
import { openDatabase } from '../src/store/sqlite/open-database.ts';
import { SqliteDebateStore } from '../src/store/sqlite/store.ts';
import { exportWithEndings } from '../src/engine/endings.ts';
import { exportParts } from '../src/views/export.ts';
import { slicedBody } from '../src/web/sliced.ts';
import { longestStall } from './loop-stall.ts';
import { seed } from './page.ts';
const dir = mkdtempSync(join(tmpdir(), 'exp-'));
const db = openDatabase(join(dir, 'p.sqlite')); migrate(db);
const store = new SqliteDebateStore(db);
seed(db, 2000);
for (let i = 0; i < 3; i++) {
  const out: string[] = [];
  const s = async <T>(n: string, f: () => Promise<T>) => { const t = performance.now(); const r = await longestStall(f); out.push(`${n} ${r.stallMs.toFixed(1)} (${(performance.now() - t).toFixed(0)} ms)`); return r.value; };
  const data = await s('exportData', () => store.exportData(1));
  await s('sides', () => store.endorserSides(1));
  await s('csv', () => slicedBody(exportParts(data, 'csv', 'fr', 'Europe/Paris').pieces));
  await s('md', () => slicedBody(exportParts(data, 'markdown', 'fr', 'Europe/Paris').pieces));
  console.log(out.join(' | '));
}
await store.close(); rmSync(dir, { recursive: true, force: true });
