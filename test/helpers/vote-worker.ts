// A separate process that votes on a shared database file: used to prove no vote is lost.
import { ManualClock } from '../../src/engine/clock.ts';
import { DebateEngine } from '../../src/engine/engine.ts';
import { silentLogger } from '../../src/engine/logger.ts';
import { migrate } from '../../src/store/migrate.ts';
import { openDatabase } from '../../src/store/open-database.ts';
import { SqliteDebateStore } from '../../src/store/sqlite-store.ts';

const [path, prefix, countText, startAt] = process.argv.slice(2);
const db = openDatabase(path!);
migrate(db);
const store = new SqliteDebateStore(db);
const engine = await DebateEngine.create({
  store,
  clock: new ManualClock(new Date('2026-11-24T10:00:00Z')),
  logger: silentLogger,
  secret: 'a-shared-secret-for-both-processes',
  defaults: { language: 'fr', timezone: 'UTC', summaryDay: 5, summaryTime: '16:00' },
});
// Both workers start at the same instant so their writes really interleave.
await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(startAt ?? 0) - Date.now())));
let failures = 0;
for (let i = 0; i < Number(countText); i++) {
  const inv = {
    platform: 'slack' as const,
    workspaceId: 'T1',
    channelId: 'C1',
    user: { id: `${prefix}-${i}`, name: `${prefix}-${i}`, isAdmin: false },
  };
  const outcome = await engine.run(inv, i % 2 === 0 ? 'voter pour #1' : 'voter contre #1');
  if (outcome.replies[0]?.view.kind !== 'notice') failures++;
}
await store.close();
process.stdout.write(JSON.stringify({ failures }));
