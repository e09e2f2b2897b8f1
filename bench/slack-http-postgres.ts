// Slack HTTP vote clicks on one instance whose store is PostgreSQL against the same adapter on a
// SQLite file, same load, same run (bench/slack-http.ts's load generator and stand-in Slack).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { systemClock } from '../src/domain/clock.ts';
import { silentLogger } from '../src/domain/logger.ts';
import { DebateEngine } from '../src/engine/engine.ts';
import { openPool } from '../src/store/postgres/pool.ts';
import { PostgresDebateStore } from '../src/store/postgres/store.ts';
import { benchServer } from './postgres-server.ts';
import { fire, type Measure, medianOf, realApp, startNullSlack } from './slack-http.ts';
import { printTable } from './table.ts';

const ROUNDS = 2;

export async function run(): Promise<{ sqlite: Measure; postgres: Measure }> {
  const dir = mkdtempSync(join(tmpdir(), 'debat-bench-slack-pg-'));
  const server = await benchServer();
  const slack = await startNullSlack();
  const closers: Array<() => Promise<void>> = [];
  try {
    const url = await server.freshDatabase();
    const onPostgres = async () => {
      const store = new PostgresDebateStore(await openPool({ url, poolSize: 10 }));
      const engine = await DebateEngine.create({
        store,
        clock: systemClock,
        logger: silentLogger,
        defaults: { language: 'fr', timezone: 'UTC', summaryDay: 5, summaryTime: '16:00' },
      });
      return { engine, store };
    };
    const responseUrl = `${slack.url}/response/R1`;
    const sqlite = await realApp(`${slack.url}/api/`, dir);
    closers.push(sqlite.close);
    const postgres = await realApp(`${slack.url}/api/`, dir, onPostgres);
    closers.push(postgres.close);
    await fire(sqlite.port, sqlite.messageTs, responseUrl);
    await fire(postgres.port, postgres.messageTs, responseUrl);
    const onSqlite: Measure[] = [];
    const onPg: Measure[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      onSqlite.push(await fire(sqlite.port, sqlite.messageTs, responseUrl));
      onPg.push(await fire(postgres.port, postgres.messageTs, responseUrl));
    }
    const result = { sqlite: medianOf(onSqlite), postgres: medianOf(onPg) };
    const fmt = (n: number, digits = 0) => n.toFixed(digits);
    printTable(
      `Slack HTTP vote clicks, one instance: PostgreSQL store vs SQLite file (${ROUNDS} rounds, medians)`,
      [
        [
          'SQLite file',
          fmt(result.sqlite.rate),
          fmt(result.sqlite.p50, 1),
          fmt(result.sqlite.p99, 1),
          String(result.sqlite.errors),
          '1.00',
        ],
        [
          'PostgreSQL',
          fmt(result.postgres.rate),
          fmt(result.postgres.p50, 1),
          fmt(result.postgres.p99, 1),
          String(result.postgres.errors),
          fmt(result.postgres.rate / result.sqlite.rate, 2),
        ],
      ],
      ['case', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'ratio'],
    );
    return result;
  } finally {
    for (const close of closers.reverse()) await close();
    slack.child.kill('SIGTERM');
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
