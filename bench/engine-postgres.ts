// Votes per second through the engine and its PostgreSQL store, 20 in flight, against the same
// driver's one-row upsert on the same server, 20 in flight too, measured in the same run.
import { pathToFileURL } from 'node:url';
import { systemClock } from '../src/domain/clock.ts';
import { silentLogger } from '../src/domain/logger.ts';
import type { Invocation, VoteSide } from '../src/domain/types.ts';
import { DebateEngine } from '../src/engine/engine.ts';
import { openPool } from '../src/store/postgres/pool.ts';
import { PostgresDebateStore } from '../src/store/postgres/store.ts';
import { type BenchServer, benchServer } from './postgres-server.ts';
import { median, printTable } from './table.ts';

const VOTES = 6_000;
const ROUNDS = 3;
const IN_FLIGHT = 20;
const POOL = 10;

async function inFlight(count: number, task: (i: number) => Promise<void>): Promise<number> {
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < count) await task(next++);
    }),
  );
  return count / (Number(process.hrtime.bigint() - started) / 1e9);
}

async function rawUpserts(url: string, round: number): Promise<number> {
  const pool = await openPool({ url, poolSize: POOL });
  await pool.query(
    'CREATE TABLE IF NOT EXISTS raw_votes (voter text PRIMARY KEY, side text NOT NULL, at bigint NOT NULL)',
  );
  const text =
    'INSERT INTO raw_votes (voter, side, at) VALUES ($1, $2, $3) ON CONFLICT (voter) DO UPDATE SET side = excluded.side, at = excluded.at';
  const rate = await inFlight(VOTES, async (i) => {
    await pool.query({
      name: 'raw_upsert',
      text,
      values: [`R${round}-${i}`, i % 2 ? 'pro' : 'con', Date.now()],
    });
  });
  await pool.end();
  return rate;
}

async function engineVotes(url: string, round: number): Promise<number> {
  const store = new PostgresDebateStore(await openPool({ url, poolSize: POOL }));
  const engine = await DebateEngine.create({
    store,
    clock: systemClock,
    logger: silentLogger,
    defaults: { language: 'fr', timezone: 'UTC', summaryDay: 5, summaryTime: '16:00' },
  });
  const opener: Invocation = {
    platform: 'slack',
    workspaceId: `T${round}`,
    channelId: 'C1',
    user: { id: 'opener', name: 'opener', isAdmin: false },
  };
  await engine.run(opener, 'lancer Banc d’essai');
  const sides: VoteSide[] = ['pro', 'con'];
  const rate = await inFlight(VOTES, async (i) => {
    const outcome = await engine.execute(
      { ...opener, user: { id: `U${i}`, name: `U${i}`, isAdmin: false } },
      { kind: 'vote', side: sides[i % 2]!, debate: 1 },
    );
    if (outcome.replies[0]?.view.kind === 'error') throw new Error('vote refused');
  });
  await engine.close();
  await store.close();
  return rate;
}

export async function run(server?: BenchServer): Promise<{ raw: number; engine: number; ratio: number }> {
  const own = server ?? (await benchServer());
  try {
    const url = await own.freshDatabase();
    const raw: number[] = [];
    const viaEngine: number[] = [];
    // Interleaved rounds: the machine's noise falls on both alike.
    for (let round = 0; round < ROUNDS; round++) {
      raw.push(await rawUpserts(url, round));
      viaEngine.push(await engineVotes(url, round));
    }
    const result = { raw: median(raw), engine: median(viaEngine), ratio: median(viaEngine) / median(raw) };
    const rate = (value: number) => `${Math.round(value).toLocaleString('en')} /s`;
    printTable(
      `Engine votes on PostgreSQL vs pg's one-row upsert (${VOTES.toLocaleString('en')} votes, ${IN_FLIGHT} in flight, pool of ${POOL}, ${ROUNDS} rounds, median)`,
      [
        ['raw upsert (pg, new keys)', rate(result.raw), '1.00'],
        ['engine vote (first votes)', rate(result.engine), result.ratio.toFixed(2)],
      ],
    );
    return result;
  } finally {
    if (!server) await own.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
