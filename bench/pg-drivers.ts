// node-postgres (`pg`) against postgres.js (`postgres`) on Débat's vote path: one vote's
// transaction (read the debate, lock the voter, claim the delivery and write the event and the vote
// in one statement), 20 votes in flight on a pool of 10, same server, same run; and each driver's
// one-row upsert.
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import postgres from 'postgres';
import { type BenchServer, benchServer } from './postgres-server.ts';
import { median, printTable } from './table.ts';

const VOTES = 6_000;
const ROUNDS = 3;
const IN_FLIGHT = 20;
const POOL = 10;

const SQL = {
  debate: 'SELECT * FROM debates WHERE platform = $1 AND workspace_id = $2 AND number = $3 FOR SHARE',
  lock: 'SELECT pg_advisory_xact_lock($1::int, hashtext($2))',
  // The previous vote, the delivery's claim, the event and the latest vote, in one statement.
  vote: `WITH claim AS (
      INSERT INTO deliveries (key, at) SELECT $6::text, $5 WHERE $6::text IS NOT NULL ON CONFLICT DO NOTHING RETURNING 1),
    previous AS (SELECT side FROM votes WHERE debate_id = $1 AND voter_key = $2),
    decision AS (
      SELECT (SELECT side FROM previous) AS previous,
        CASE WHEN (SELECT side FROM previous) = $4::text THEN NULL ELSE $4::text END AS current,
        ($6::text IS NOT NULL AND NOT EXISTS (SELECT 1 FROM claim)) AS duplicate),
    event AS (
      INSERT INTO vote_events (debate_id, voter_key, old_side, new_side, at)
      SELECT $1, $2, previous, current, $5 FROM decision WHERE NOT duplicate RETURNING id, new_side),
    upsert AS (
      INSERT INTO votes (debate_id, voter_key, voter_name, side, voted_at, last_event)
      SELECT $1, $2, $3, new_side, $5, id FROM event WHERE new_side IS NOT NULL
      ON CONFLICT (debate_id, voter_key) DO UPDATE SET side = excluded.side, voter_name = excluded.voter_name,
        voted_at = excluded.voted_at, last_event = excluded.last_event RETURNING 1),
    removal AS (
      DELETE FROM votes WHERE debate_id = $1 AND voter_key = $2
        AND EXISTS (SELECT 1 FROM event WHERE new_side IS NULL) RETURNING 1)
    SELECT previous, current, duplicate FROM decision`,
  upsert: 'INSERT INTO deliveries (key, at) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET at = excluded.at',
};

type Query = (sql: string, values: unknown[]) => Promise<Record<string, unknown>[]>;

/**
 * What one driver must do. A vote is two round trips: [BEGIN, read the debate] then, once the
 * core has checked it, [lock the voter, write, COMMIT]: statements of one step are pipelined.
 */
interface Driver {
  name: string;
  vote(
    read: (query: Query) => Promise<number>,
    write: (query: Query, debateId: number) => Promise<unknown>[],
  ): Promise<void>;
  query(sql: string, values: unknown[]): Promise<void>;
  end(): Promise<void>;
}

const names = new Map<string, string>();
const named = (text: string): string => {
  if (!names.has(text)) names.set(text, `s${names.size}`);
  return names.get(text)!;
};

function nodePostgres(url: string): Driver {
  const pool = new pg.Pool({ connectionString: url, max: POOL, pipeline: true } as pg.PoolConfig);
  return {
    name: 'pg',
    async vote(read, write) {
      const client = await pool.connect();
      try {
        // Named statements are parsed once per connection, as postgres.js does by itself.
        const query: Query = async (text, values) =>
          (await client.query({ name: named(text), text, values })).rows;
        const [, debateId] = await Promise.all([client.query('BEGIN'), read(query)]);
        await Promise.all([...write(query, debateId), client.query('COMMIT')]);
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      } finally {
        client.release();
      }
    },
    async query(text, values) {
      await pool.query({ name: named(text), text, values });
    },
    end: () => pool.end(),
  };
}

function postgresJs(url: string): Driver {
  const sql = postgres(url, { max: POOL, onnotice: () => {} });
  return {
    name: 'postgres',
    async vote(read, write) {
      await sql.begin(async (tx) => {
        const query: Query = async (text, values) => [
          ...(await tx.unsafe(text, values as never[], { prepare: true })),
        ];
        const debateId = await read(query);
        await Promise.all(write(query, debateId));
      });
    },
    async query(text, values) {
      await sql.unsafe(text, values as never[], { prepare: true });
    },
    end: () => sql.end(),
  };
}

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

async function votes(driver: Driver, round: number): Promise<number> {
  await driver.query(
    `INSERT INTO debates (uid, platform, workspace_id, channel_id, number, topic, opened_at)
     VALUES ($1, 'slack', $2, 'C1', 1, 'Banc', 0)`,
    [`${driver.name}-${round}`, `T-${driver.name}-${round}`],
  );
  return inFlight(VOTES, (i) =>
    driver.vote(
      async (query) => Number((await query(SQL.debate, ['slack', `T-${driver.name}-${round}`, 1]))[0]!.id),
      (query, debateId) => [
        query(SQL.lock, [debateId, `U${i}`]),
        query(SQL.vote, [debateId, `U${i}`, `U${i}`, 'pro', Date.now(), `${driver.name}-${round}-${i}`]),
      ],
    ),
  );
}

const upserts = (driver: Driver, round: number) =>
  inFlight(VOTES, (i) => driver.query(SQL.upsert, [`raw-${driver.name}-${round}-${i}`, Date.now()]));

export async function run(server?: BenchServer): Promise<void> {
  const own = server ?? (await benchServer());
  try {
    const url = await own.freshDatabase();
    const drivers = [nodePostgres(url), postgresJs(url)];
    const rates = new Map<string, number[]>();
    const record = (key: string, rate: number) => rates.set(key, [...(rates.get(key) ?? []), rate]);
    // Interleaved rounds, so the machine's noise falls on both drivers alike.
    for (let round = 0; round < ROUNDS; round++)
      for (const driver of drivers) {
        record(`${driver.name} vote`, await votes(driver, round));
        record(`${driver.name} upsert`, await upserts(driver, round));
      }
    for (const driver of drivers) await driver.end();
    const rate = (key: string) => median(rates.get(key)!);
    const base = rate('pg vote');
    printTable(
      `PostgreSQL drivers on the vote path (${VOTES.toLocaleString('en')} votes, ${IN_FLIGHT} in flight, pool of ${POOL}, ${ROUNDS} rounds, median)`,
      ['pg vote', 'postgres vote', 'pg upsert', 'postgres upsert'].map((key) => [
        key,
        `${Math.round(rate(key)).toLocaleString('en')} /s`,
        (rate(key) / (key.endsWith('vote') ? base : rate('pg upsert'))).toFixed(2),
      ]),
    );
  } finally {
    if (!server) await own.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
