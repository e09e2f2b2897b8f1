// What anonymity costs the vote path: votes per second through the engine and its SQLite store,
// one at a time and 20 in flight, in a named and in an anonymous debate; and the sweep's rewrite
// of an anonymous debate's rows in key order. With `--baseline <checkout>` (another checkout of
// Débat, its node_modules installed), the same votes run on that checkout's engine too, rounds
// interleaved, and the table gives this checkout's rate as a ratio of the baseline's.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { Invocation, VoteSide } from '../src/domain/types.ts';
import type { DebateEngine } from '../src/engine/engine.ts';
import { median, printTable } from './table.ts';

const VOTES = 5_000;
const ROUNDS = 5;
const IN_FLIGHT = 20;

type Scenario = { anonymous: boolean; inFlight: number };
const SCENARIOS: Scenario[] = [
  { anonymous: false, inFlight: 1 },
  { anonymous: true, inFlight: 1 },
  { anonymous: false, inFlight: IN_FLIGHT },
  { anonymous: true, inFlight: IN_FLIGHT },
];
const label = (s: Scenario) =>
  `${s.anonymous ? 'anonymous' : 'named'}, ${s.inFlight === 1 ? 'one at a time' : `${s.inFlight} in flight`}`;

interface Store {
  close(): Promise<void>;
  scrubAnonymousOrder?: () => Promise<number>;
}
type EngineOnFile = (path: string) => Promise<{ engine: DebateEngine; store: Store }>;

async function votes(
  engineOnFile: EngineOnFile,
  path: string,
  scenario: Scenario,
): Promise<{ rate: number; scrubMs: number | null }> {
  const { engine, store } = await engineOnFile(path);
  const opener: Invocation = {
    platform: 'slack',
    workspaceId: 'T1',
    channelId: 'C1',
    user: { id: 'opener', name: 'opener', isAdmin: false },
  };
  await engine.run(opener, `lancer Banc d’essai${scenario.anonymous ? ' --anonyme' : ''}`);
  const sides: VoteSide[] = ['pro', 'con'];
  const vote = async (i: number) => {
    const outcome = await engine.execute(
      { ...opener, user: { id: `U${i}`, name: `U${i}`, isAdmin: false } },
      { kind: 'vote', side: sides[i % 2]!, debate: 1 },
    );
    if (outcome.replies[0]?.view.kind !== 'notice') throw new Error('vote refused');
  };
  let next = 0;
  const worker = async () => {
    while (next < VOTES) await vote(next++);
  };
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: scenario.inFlight }, worker));
  const rate = VOTES / (Number(process.hrtime.bigint() - started) / 1e9);
  // The sweep's rewrite of the debate's rows, where there is one.
  let scrubMs: number | null = null;
  if (scenario.anonymous && store.scrubAnonymousOrder) {
    const before = process.hrtime.bigint();
    await store.scrubAnonymousOrder();
    scrubMs = Number(process.hrtime.bigint() - before) / 1e6;
  }
  await engine.close();
  await store.close();
  return { rate, scrubMs };
}

const loadEngine = async (root: string): Promise<EngineOnFile> =>
  (
    (await import(pathToFileURL(join(root, 'bench/engine-on-file.ts')).href)) as {
      engineOnFile: EngineOnFile;
    }
  ).engineOnFile;

export async function run(baseline?: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'debat-bench-anonymous-'));
  const current = await loadEngine(resolve(import.meta.dirname, '..'));
  const before = baseline ? await loadEngine(resolve(baseline)) : undefined;
  try {
    const rows: string[][] = [];
    const scrubs: number[] = [];
    let file = 0;
    for (const scenario of SCENARIOS) {
      const now: number[] = [];
      const then: number[] = [];
      // Interleaved rounds, so the machine's noise hits both alike.
      for (let round = 0; round < ROUNDS; round++) {
        if (before) then.push((await votes(before, join(dir, `${++file}.sqlite`), scenario)).rate);
        const measured = await votes(current, join(dir, `${++file}.sqlite`), scenario);
        now.push(measured.rate);
        if (measured.scrubMs !== null) scrubs.push(measured.scrubMs);
      }
      const rate = (value: number) => `${Math.round(value).toLocaleString('en')} /s`;
      rows.push(
        before
          ? [label(scenario), rate(median(then)), rate(median(now)), (median(now) / median(then)).toFixed(2)]
          : [label(scenario), rate(median(now))],
      );
    }
    printTable(
      `Votes through the engine on SQLite, named and anonymous (${VOTES.toLocaleString('en')} votes × ${ROUNDS} rounds, median)`,
      rows,
      before ? ['case', 'baseline', 'this checkout', 'ratio'] : ['case', 'rate'],
    );
    process.stdout.write(
      `\n  The sweep's rewrite of an anonymous debate of ${VOTES.toLocaleString('en')} votes in key order: ${median(scrubs).toFixed(1)} ms (median)\n`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { baseline: { type: 'string' } } });
  await run(values.baseline);
}
