// A bot process reduced to its weekly summary scheduler, for the exactly-once tests.
// Usage: node --import tsx summary-child.ts <db> <now ISO> <out file> <run|hang-in-post> [go file]
// Posts go to <out file> (one JSON line each: the platform at the far side of the wire).
import { appendFileSync, existsSync } from 'node:fs';
import type { Publisher } from '../../../src/adapter.ts';
import { ManualClock } from '../../../src/domain/clock.ts';
import type { Logger } from '../../../src/domain/logger.ts';
import { migrate } from '../../../src/store/sqlite/migrate.ts';
import { openDatabase } from '../../../src/store/sqlite/open-database.ts';
import { SqliteDebateStore } from '../../../src/store/sqlite/store.ts';
import { SummaryScheduler } from '../../../src/summary/scheduler.ts';

const [dbPath, nowIso, outFile, mode, goFile] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
  string?,
];
const say = (line: string) => process.stdout.write(`${line}\n`);
const log =
  (level: string) =>
  (context: object, message: string): void => {
    process.stderr.write(`${JSON.stringify({ level, message, ...context })}\n`);
  };
const logger: Logger = { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };

const db = openDatabase(dbPath);
migrate(db);
const store = new SqliteDebateStore(db);
const publisher: Publisher = {
  // Summaries are posted, never edited.
  update: async () => undefined,
  async post(scope, reply) {
    if (mode === 'hang-in-post') {
      say(`posting ${scope.channelId}`);
      await new Promise(() => {}); // killed here, after the claim, before the platform gets anything
    }
    // A little platform latency so that the two processes interleave.
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 3));
    appendFileSync(
      outFile,
      `${JSON.stringify({ pid: process.pid, channel: scope.channelId, kind: reply.view.kind })}\n`,
    );
    return `${scope.channelId}:${process.pid}`;
  },
};
const scheduler = new SummaryScheduler({
  store,
  clock: new ManualClock(new Date(nowIso)),
  logger,
  defaults: { language: 'fr', timezone: 'Europe/Paris', summaryDay: 5, summaryTime: '16:00' },
  publisherFor: () => publisher,
  chart: false,
});

say('ready');
if (goFile) while (!existsSync(goFile)) await new Promise((resolve) => setTimeout(resolve, 2));
const results = await scheduler.runOnce();
say(`done ${JSON.stringify(results.map((r) => [r.scope.channelId, r.outcome]))}`);
await store.close();
