import { systemClock } from '../src/domain/clock.ts';
import { silentLogger } from '../src/domain/logger.ts';
import { DebateEngine } from '../src/engine/engine.ts';
import { migrate } from '../src/store/sqlite/migrate.ts';
import { openDatabase } from '../src/store/sqlite/open-database.ts';
import { readerOf } from '../src/store/sqlite/reader.ts';
import { SqliteDebateStore } from '../src/store/sqlite/store.ts';

/** The real engine on a fresh SQLite file, as `debat start` builds it, for the benchmarks. */
export async function engineOnFile(
  path: string,
): Promise<{ engine: DebateEngine; store: SqliteDebateStore }> {
  const db = openDatabase(path);
  migrate(db);
  // As `debat start` (src/open-store.ts): the log's checkpoints on the reading thread.
  readerOf(db)?.takeCheckpoints();
  const store = new SqliteDebateStore(db);
  const engine = await DebateEngine.create({
    store,
    clock: systemClock,
    logger: silentLogger,
    defaults: { language: 'fr', timezone: 'UTC', summaryDay: 5, summaryTime: '16:00' },
  });
  return { engine, store };
}
