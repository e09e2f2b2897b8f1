// Weekly summaries of 5,000 channels over 1,000,000 votes on PostgreSQL: the builder the
// scheduler uses, through the PostgreSQL store, against one raw SQL aggregate of the same counts
// on the same server, in the same run, both compared debate by debate first. The data is the
// SQLite benchmark's (bench/summary.ts), moved with `debat copy-to`'s code.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { copyToPostgres } from '../src/store/copy-to-postgres.ts';
import { openPool } from '../src/store/postgres/pool.ts';
import { PostgresDebateStore } from '../src/store/postgres/store.ts';
import { migrate } from '../src/store/sqlite/migrate.ts';
import { openDatabase } from '../src/store/sqlite/open-database.ts';
import { SUMMARY_BATCH } from '../src/summary/scheduler.ts';
import { type BenchServer, benchServer } from './postgres-server.ts';
import { build, CHANNELS, type Counts, FROM, seed, TO } from './summary.ts';
import { median, printTable } from './table.ts';

const ROUNDS = 3;

/** The same counts for every debate of every channel, in one SQL statement. */
const RAW_AGGREGATE = `
  WITH tally AS (
    SELECT debate_id, count(*) FILTER (WHERE side = 'pro') AS pro, count(*) FILTER (WHERE side = 'con') AS con,
      count(*) FILTER (WHERE side = 'neutral') AS neutral
    FROM votes GROUP BY debate_id),
  events AS (
    SELECT debate_id, count(*) AS vote_events,
      count(*) FILTER (WHERE old_side IS NOT NULL AND new_side IS NOT NULL AND old_side <> new_side) AS opinion_changes
    FROM vote_events WHERE at >= $1 AND at < $2 GROUP BY debate_id),
  fresh AS (
    SELECT debate_id, count(*) AS new_arguments FROM arguments
    WHERE created_at >= $1 AND created_at < $2 AND withdrawn_at IS NULL GROUP BY debate_id),
  people AS (
    SELECT debate_id, count(DISTINCT who) AS participants FROM (
      SELECT debate_id, voter_key AS who FROM vote_events WHERE at >= $1 AND at < $2
      UNION ALL SELECT debate_id, author_key FROM arguments WHERE created_at >= $1 AND created_at < $2
      UNION ALL SELECT a.debate_id, e.endorser_key FROM endorsements e JOIN arguments a ON a.id = e.argument_id
        WHERE e.at >= $1 AND e.at < $2) p
    GROUP BY debate_id)
  SELECT d.id, coalesce(t.pro, 0) AS pro, coalesce(t.con, 0) AS con, coalesce(t.neutral, 0) AS neutral,
    coalesce(f.new_arguments, 0) AS "newArguments", coalesce(p.participants, 0) AS participants,
    coalesce(e.vote_events, 0) AS "voteEvents", coalesce(e.opinion_changes, 0) AS "opinionChanges"
  FROM debates d
  LEFT JOIN tally t ON t.debate_id = d.id LEFT JOIN events e ON e.debate_id = d.id
  LEFT JOIN fresh f ON f.debate_id = d.id LEFT JOIN people p ON p.debate_id = d.id
  WHERE d.opened_at < $2 AND (d.closed_at IS NULL OR d.closed_at >= $1)`;

export async function run(server?: BenchServer): Promise<{ buildMs: number; rawMs: number; ratio: number }> {
  const own = server ?? (await benchServer());
  const dir = mkdtempSync(join(tmpdir(), 'debat-bench-summary-pg-'));
  try {
    let started = performance.now();
    const sqlite = openDatabase(join(dir, 'seed.sqlite'));
    migrate(sqlite);
    seed(sqlite);
    const seedMs = performance.now() - started;
    const url = await own.freshDatabase();
    const pool = await openPool({ url, poolSize: 4 });
    started = performance.now();
    await copyToPostgres(sqlite, pool);
    const copyMs = performance.now() - started;
    sqlite.close();
    await pool.query('VACUUM ANALYZE');
    const store = new PostgresDebateStore(pool);

    const raws: { ms: number; counts: Map<number, Counts> }[] = [];
    const builds: Awaited<ReturnType<typeof build>>[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const t0 = performance.now();
      const { rows } = await pool.query<Counts & { id: number }>(RAW_AGGREGATE, [FROM, TO]);
      raws.push({ ms: performance.now() - t0, counts: new Map(rows.map(({ id, ...c }) => [id, c])) });
      builds.push(await build(store));
    }
    const b = builds.at(-1)!;
    const r = raws.at(-1)!;
    if (b.summaries !== CHANNELS) throw new Error(`built ${b.summaries} summaries, expected ${CHANNELS}`);
    if (b.counts.size !== r.counts.size)
      throw new Error(`${b.counts.size} debates built, ${r.counts.size} aggregated`);
    for (const [id, expected] of r.counts) {
      const got = b.counts.get(id);
      if (JSON.stringify(got) !== JSON.stringify(expected))
        throw new Error(`debate ${id}: built ${JSON.stringify(got)}, aggregate ${JSON.stringify(expected)}`);
    }
    await store.close();
    const buildMs = median(builds.map((x) => x.ms));
    const rawMs = median(raws.map((x) => x.ms));
    const fmt = (ms: number) => `${Math.round(ms).toLocaleString('en')} ms`;
    printTable(
      `Weekly summaries on PostgreSQL: ${CHANNELS.toLocaleString('en')} channels, 1,000,000 votes ` +
        `(seeded in ${fmt(seedMs)}, copied into PostgreSQL and compared in ${fmt(copyMs)}; median of ${ROUNDS} rounds; counts checked equal)`,
      [
        ['raw SQL aggregate of the same counts', fmt(rawMs), '1.00'],
        [
          `buildWeeklySummaries, batches of ${SUMMARY_BATCH} channels`,
          fmt(buildMs),
          (buildMs / rawMs).toFixed(2),
        ],
      ],
      ['case', 'time', 'ratio'],
    );
    return { buildMs, rawMs, ratio: buildMs / rawMs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    if (!server) await own.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
