// Votes per second through the engine and its SQLite store, against raw better-sqlite3 one-row
// upserts on the same kind of file (WAL, synchronous=NORMAL), measured in the same run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Invocation, VoteSide } from '../src/domain/types.ts';
import { openDatabase } from '../src/store/sqlite/open-database.ts';
import { engineOnFile } from './engine-on-file.ts';
import { median, printTable } from './table.ts';

const VOTES = 20_000;
const ROUNDS = 5;

/**
 * first: one voter, one vote, one at a time. change: 1,000 voters switching sides again and again.
 * concurrent: first votes with 20 in flight, as an HTTP adapter under load sees them.
 */
type Scenario = 'first' | 'change' | 'concurrent';
const IN_FLIGHT = 20;
const votersOf = (scenario: Scenario) => (scenario === 'change' ? 1_000 : VOTES);
const sideOf = (scenario: Scenario, i: number) => (scenario === 'change' ? Math.floor(i / 1_000) % 2 : i % 2);
const LABELS: Record<Scenario, [string, string]> = {
  first: ['raw upsert (new keys)', 'engine vote (first votes, one at a time)'],
  change: ['raw upsert (same 1,000 keys)', 'engine vote (side changes, with the ∆ prompt)'],
  concurrent: ['raw upsert (new keys)', `engine vote (first votes, ${IN_FLIGHT} in flight)`],
};

function rawUpserts(dir: string, round: number, scenario: Scenario): number {
  const VOTERS = votersOf(scenario);
  const db = openDatabase(join(dir, `raw-${scenario}-${round}.sqlite`));
  db.exec('CREATE TABLE votes (voter TEXT PRIMARY KEY, side TEXT NOT NULL, at INTEGER NOT NULL) STRICT');
  const upsert = db.prepare(
    'INSERT INTO votes (voter, side, at) VALUES (?, ?, ?) ON CONFLICT (voter) DO UPDATE SET side = excluded.side, at = excluded.at',
  );
  const started = process.hrtime.bigint();
  for (let i = 0; i < VOTES; i++)
    upsert.run(`U${i % VOTERS}`, sideOf(scenario, i) === 0 ? 'pro' : 'con', Date.now());
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  db.close();
  return VOTES / seconds;
}

async function engineVotes(dir: string, round: number, scenario: Scenario): Promise<number> {
  const VOTERS = votersOf(scenario);
  const { engine, store } = await engineOnFile(join(dir, `engine-${scenario}-${round}.sqlite`));
  const opener: Invocation = {
    platform: 'slack',
    workspaceId: 'T1',
    channelId: 'C1',
    user: { id: 'opener', name: 'opener', isAdmin: false },
  };
  await engine.run(opener, 'lancer Banc d’essai');
  const sides: VoteSide[] = ['pro', 'con'];
  const voters: Invocation[] = Array.from({ length: VOTERS }, (_, i) => ({
    ...opener,
    user: { id: `U${i}`, name: `U${i}`, isAdmin: false },
  }));
  const vote = async (i: number) => {
    // Never the same vote again (which would withdraw it): each change is a switch of side.
    const outcome = await engine.execute(voters[i % VOTERS]!, {
      kind: 'vote',
      side: sides[sideOf(scenario, i)]!,
      debate: 1,
    });
    if (outcome.replies[0]?.view.kind !== 'notice') throw new Error('vote refused');
  };
  const started = process.hrtime.bigint();
  if (scenario === 'concurrent') {
    let next = 0;
    const worker = async () => {
      while (next < VOTES) await vote(next++);
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  } else for (let i = 0; i < VOTES; i++) await vote(i);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await store.close();
  return VOTES / seconds;
}

export interface EngineBenchResult {
  scenario: Scenario;
  raw: number;
  engine: number;
  ratio: number;
}

export async function run(): Promise<EngineBenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'debat-bench-engine-'));
  try {
    const results: EngineBenchResult[] = [];
    for (const scenario of ['first', 'change', 'concurrent'] as const) {
      const raw: number[] = [];
      const viaEngine: number[] = [];
      // Interleaved rounds so machine noise hits both sides alike.
      for (let round = 0; round < ROUNDS; round++) {
        raw.push(rawUpserts(dir, round, scenario));
        viaEngine.push(await engineVotes(dir, round, scenario));
      }
      results.push({
        scenario,
        raw: median(raw),
        engine: median(viaEngine),
        ratio: median(viaEngine) / median(raw),
      });
    }
    const rate = (value: number) => `${Math.round(value).toLocaleString('en')} /s`;
    printTable(
      `Engine votes vs raw better-sqlite3 upserts (WAL, NORMAL; ${VOTES.toLocaleString('en')} votes × ${ROUNDS} rounds, median)`,
      results.flatMap((result) => [
        [LABELS[result.scenario][0], rate(result.raw), '1.00'],
        [LABELS[result.scenario][1], rate(result.engine), result.ratio.toFixed(2)],
      ]),
    );
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
