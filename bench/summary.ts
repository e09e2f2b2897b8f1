// Weekly summaries of 5,000 channels over 1,000,000 votes and 100,000 arguments: the builder the
// scheduler uses (one channel after another, through the store port) against one raw SQL
// aggregate of the same counts over the same file, in the same run. Both results are compared
// debate by debate before any figure is printed.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type Database from 'better-sqlite3';
import type { ChannelScope } from '../src/domain/types.ts';
import type { SummaryStore } from '../src/store/ports/summary.ts';
import { migrate } from '../src/store/sqlite/migrate.ts';
import { openDatabase } from '../src/store/sqlite/open-database.ts';
import { SqliteDebateStore } from '../src/store/sqlite/store.ts';
import { WEEK_SQL, WEEK_STATEMENTS } from '../src/store/sqlite/week-activity.ts';
import { buildWeeklySummaries, buildWeeklySummary } from '../src/summary/build-summary.ts';
import { renderChartPng } from '../src/summary/chart-png.ts';
import { SUMMARY_BATCH } from '../src/summary/scheduler.ts';
import { summaryChartModel } from '../src/summary/summary-chart.ts';
import type { ViewSection } from '../src/views/sections.ts';
import { median, printTable } from './table.ts';

export const CHANNELS = 5_000;
const DEBATES_PER_CHANNEL = 2;
const VOTES = 1_000_000;
const ARGUMENTS = 100_000;
const ENDORSEMENTS = 200_000;
const SWITCH_SHARE = 0.1;
const ROUNDS = 3;
const DAY = 86_400_000;
export const TO = Date.parse('2026-03-27T16:00:00Z'); // Friday 16:00 UTC, the scheduled instant
export const FROM = TO - 7 * DAY;
const SIDES = ['pro', 'con', 'neutral'] as const;

/** A small deterministic generator, so that every run seeds the same database. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function seed(db: Database.Database): void {
  const rnd = random(42);
  const debates = CHANNELS * DEBATES_PER_CHANNEL;
  const votersPerDebate = VOTES / debates;
  const argsPerDebate = ARGUMENTS / debates;
  const endorsementsPerDebate = ENDORSEMENTS / debates;
  const when = () => TO - Math.floor(rnd() * 28 * DAY); // four weeks up to the scheduled instant
  const insertDebate = db.prepare(
    `INSERT INTO debates (id, uid, platform, workspace_id, channel_id, number, topic, opener_key, opener_name,
       anonymous, hidden, status, opened_at, next_argument)
     VALUES (?, ?, 'slack', 'W', ?, ?, ?, 'opener', 'Opener', 0, 0, 'open', ?, ?)`,
  );
  const insertArgument = db.prepare(
    `INSERT INTO arguments (id, debate_id, number, side, text, author_key, author_name, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertEvent = db.prepare(
    'INSERT INTO vote_events (debate_id, voter_key, old_side, new_side, at, persuaded_by) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const insertVote = db.prepare(
    'INSERT INTO votes (debate_id, voter_key, voter_name, side, voted_at, last_event) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const insertEndorsement = db.prepare(
    'INSERT OR IGNORE INTO endorsements (argument_id, endorser_key, at) VALUES (?, ?, ?)',
  );
  db.transaction(() => {
    let argumentId = 0;
    for (let d = 1; d <= debates; d++) {
      const channel = `C${Math.ceil(d / DEBATES_PER_CHANNEL)}`;
      insertDebate.run(d, randomUUID(), channel, d, `Sujet ${d}`, TO - 30 * DAY, argsPerDebate + 1);
      const firstArgument = argumentId + 1;
      for (let n = 1; n <= argsPerDebate; n++) {
        argumentId++;
        const side = n % 2 === 0 ? 'con' : 'pro';
        insertArgument.run(argumentId, d, n, side, `Argument ${n}`, `u${n}`, `User ${n}`, when());
      }
      for (let v = 0; v < votersPerDebate; v++) {
        const voter = `u${v}`;
        const side = SIDES[Math.floor(rnd() * 3)]!;
        let at = when();
        let event: number;
        if (rnd() < SWITCH_SHARE) {
          const before = SIDES[(SIDES.indexOf(side) + 1) % 3]!;
          insertEvent.run(d, voter, null, before, at - DAY, null);
          at = Math.max(at, FROM + Math.floor(rnd() * 7 * DAY)); // switches land in the week
          const persuaded =
            side !== 'neutral' && rnd() < 0.5 ? firstArgument + (side === 'pro' ? 0 : 1) : null;
          event = Number(insertEvent.run(d, voter, before, side, at, persuaded).lastInsertRowid);
        } else {
          event = Number(insertEvent.run(d, voter, null, side, at, null).lastInsertRowid);
        }
        insertVote.run(d, voter, `User ${v}`, side, at, event);
      }
      for (let e = 0; e < endorsementsPerDebate; e++) {
        const target = firstArgument + Math.floor(rnd() * argsPerDebate);
        insertEndorsement.run(target, `u${Math.floor(rnd() * votersPerDebate)}`, when());
      }
    }
  })();
  db.exec('ANALYZE');
}

export interface Counts {
  pro: number;
  con: number;
  neutral: number;
  newArguments: number;
  participants: number;
  voteEvents: number;
  opinionChanges: number;
}

/** The same counts for every debate of every channel, in one SQL statement. */
const RAW_AGGREGATE = `
  WITH tally AS (
    SELECT debate_id, sum(side = 'pro') AS pro, sum(side = 'con') AS con, sum(side = 'neutral') AS neutral
    FROM votes GROUP BY debate_id),
  events AS (
    SELECT debate_id, count(*) AS vote_events,
      sum(old_side IS NOT NULL AND new_side IS NOT NULL AND old_side <> new_side) AS opinion_changes
    FROM vote_events WHERE at >= @from AND at < @to GROUP BY debate_id),
  fresh AS (
    SELECT debate_id, count(*) AS new_arguments FROM arguments
    WHERE created_at >= @from AND created_at < @to AND withdrawn_at IS NULL GROUP BY debate_id),
  people AS (
    SELECT debate_id, count(DISTINCT who) AS participants FROM (
      SELECT debate_id, voter_key AS who FROM vote_events WHERE at >= @from AND at < @to
      UNION ALL SELECT debate_id, author_key FROM arguments WHERE created_at >= @from AND created_at < @to
      UNION ALL SELECT a.debate_id, e.endorser_key FROM endorsements e JOIN arguments a ON a.id = e.argument_id
        WHERE e.at >= @from AND e.at < @to)
    GROUP BY debate_id)
  SELECT d.channel_id, d.id, coalesce(t.pro, 0) AS pro, coalesce(t.con, 0) AS con, coalesce(t.neutral, 0) AS neutral,
    coalesce(f.new_arguments, 0) AS newArguments, coalesce(p.participants, 0) AS participants,
    coalesce(e.vote_events, 0) AS voteEvents, coalesce(e.opinion_changes, 0) AS opinionChanges
  FROM debates d
  LEFT JOIN tally t ON t.debate_id = d.id LEFT JOIN events e ON e.debate_id = d.id
  LEFT JOIN fresh f ON f.debate_id = d.id LEFT JOIN people p ON p.debate_id = d.id
  WHERE d.opened_at < @to AND (d.closed_at IS NULL OR d.closed_at >= @from)`;

/**
 * The arguments statement as it was before common ground (endorsement counts only): swapped in to
 * time the same builder without common ground, in the same run, for the before/after ratio.
 */
const ARGUMENTS_WITHOUT_COMMON_GROUND = `WITH ds AS MATERIALIZED (SELECT d.id FROM json_each(@channels) c JOIN debates d
    ON d.platform = c.value ->> 0 AND d.workspace_id = c.value ->> 1 AND d.channel_id = c.value ->> 2
    WHERE d.opened_at < @to AND (d.closed_at IS NULL OR d.closed_at >= @from)),
  dl AS (
    SELECT persuaded_by AS argument_id, count(*) AS deltas, sum(at >= @from) AS week_deltas FROM vote_events
    WHERE persuaded_by IN (SELECT id FROM arguments WHERE debate_id IN ds) AND at < @to GROUP BY persuaded_by),
  scored AS (
    SELECT a.id, a.debate_id, a.number, a.side, a.text, a.author_key, a.author_name, a.created_at, a.withdrawn_at, a.edited_at,
      (SELECT count(*) FROM endorsements e WHERE e.argument_id = a.id AND e.at < @to) AS endorsements,
      coalesce(dl.deltas, 0) AS deltas, coalesce(dl.week_deltas, 0) AS week_deltas
    FROM arguments a LEFT JOIN dl ON dl.argument_id = a.id
    WHERE a.debate_id IN ds AND a.created_at < @to AND (a.withdrawn_at IS NULL OR a.withdrawn_at >= @to))
  SELECT * FROM scored ORDER BY debate_id, number`;

async function withoutCommonGround<T>(work: () => Promise<T>): Promise<T> {
  // The reading thread takes WEEK_STATEMENTS (built from WEEK_SQL once): both are swapped.
  const statements = WEEK_SQL as { arguments: string };
  const current = statements.arguments;
  const index = WEEK_STATEMENTS.indexOf(current);
  if (index < 0) throw new Error('the arguments statement is not among the week’s statements');
  statements.arguments = ARGUMENTS_WITHOUT_COMMON_GROUND;
  WEEK_STATEMENTS[index] = ARGUMENTS_WITHOUT_COMMON_GROUND;
  try {
    return await work();
  } finally {
    statements.arguments = current;
    WEEK_STATEMENTS[index] = current;
  }
}

/** Per debate, how many arguments are common ground (endorsed by a pour voter and a contre voter). */
const COMMON_GROUND = `
  SELECT a.debate_id AS id, count(*) AS n FROM (
    SELECT e.argument_id FROM endorsements e JOIN arguments a ON a.id = e.argument_id
    JOIN votes v ON v.debate_id = a.debate_id AND v.voter_key = e.endorser_key
    WHERE e.at < @to AND a.withdrawn_at IS NULL AND a.created_at < @to
    GROUP BY e.argument_id HAVING sum(v.side = 'pro') > 0 AND sum(v.side = 'con') > 0) g
  JOIN arguments a ON a.id = g.argument_id GROUP BY a.debate_id`;

/** The common ground a built summary shows for a debate: arguments listed plus those counted. */
function commonGroundOf(d: { sections?: ViewSection[] | undefined }): number {
  const section = d.sections?.find((s) => s.id === 'commonGround');
  if (!section) return 0;
  return section.lines.reduce(
    (n, line) =>
      n +
      (line.kind === 'argument'
        ? 1
        : line.kind === 'text' && line.key === 'common_ground.more'
          ? Number(line.params.count)
          : 0),
    0,
  );
}

/** Peak memory over a piece of work: sampled by the caller between steps. */
class Peak {
  private readonly base = process.memoryUsage();
  heap = 0;
  rss = 0;
  sample(): void {
    const now = process.memoryUsage();
    this.heap = Math.max(this.heap, now.heapUsed - this.base.heapUsed);
    this.rss = Math.max(this.rss, now.rss);
  }
}

const gc = (globalThis as { gc?: () => void }).gc;

function raw(db: Database.Database): { ms: number; peak: Peak; counts: Map<number, Counts> } {
  gc?.();
  const peak = new Peak();
  const started = performance.now();
  const rows = db.prepare(RAW_AGGREGATE).all({ from: FROM, to: TO }) as (Counts & {
    id: number;
    channel_id: string;
  })[];
  const ms = performance.now() - started;
  peak.sample();
  return { ms, peak, counts: new Map(rows.map(({ id, channel_id: _, ...c }) => [id, c])) };
}

export async function build(
  store: Parameters<typeof buildWeeklySummaries>[0] & Pick<SummaryStore, 'summaryChannels'>,
): Promise<{
  ms: number;
  peak: Peak;
  counts: Map<number, Counts>;
  summaries: number;
  ground: Map<number, number>;
}> {
  gc?.();
  const peak = new Peak();
  const counts = new Map<number, Counts>();
  const ground = new Map<number, number>();
  let summaries = 0;
  const window = { from: FROM, to: TO };
  const started = performance.now();
  // As the scheduler's pass does: every channel with its settings read at once, then, every
  // channel being due, batches of SUMMARY_BATCH channels, the next batch read while one is used.
  const rhythms = new Map(
    (await store.summaryChannels(FROM - 15 * DAY)).map((c) => [c.scope.channelId, c.settings.rhythm]),
  );
  const batch = (first: number) => {
    const items = [];
    for (let c = first; c < first + SUMMARY_BATCH && c <= CHANNELS; c++) {
      const scope: ChannelScope = { platform: 'slack', workspaceId: 'W', channelId: `C${c}` };
      items.push({
        scope,
        request: { mode: 'weekly' as const, timezone: 'UTC', weekStart: '2026-03-23', window },
        rhythm: rhythms.get(scope.channelId) ?? null,
      });
    }
    return buildWeeklySummaries(store, items);
  };
  let ahead = batch(1);
  for (let first = 1; first <= CHANNELS; first += SUMMARY_BATCH) {
    const reading = ahead;
    if (first + SUMMARY_BATCH <= CHANNELS) ahead = batch(first + SUMMARY_BATCH);
    for (const built of await reading) {
      if (!built) continue;
      summaries++;
      for (const d of built.view.debates) {
        const n = commonGroundOf(d);
        if (n > 0) ground.set(d.debate.number, n);
        counts.set(d.debate.number, {
          ...d.counts!,
          newArguments: d.newArguments,
          participants: d.participants,
          voteEvents: d.voteEvents,
          opinionChanges: d.opinionChanges,
        });
      }
    }
    // Every tenth batch: reading the process's memory costs about a millisecond on a busy machine.
    if (first % (10 * SUMMARY_BATCH) === 1) peak.sample();
  }
  const ms = performance.now() - started;
  peak.sample();
  return { ms, peak, counts, summaries, ground };
}

export interface SummaryBenchResult {
  seedMs: number;
  buildMs: number;
  rawMs: number;
  ratio: number;
  /** The same builder without common ground (the statement before it), in the same run. */
  plainMs: number;
  plainRatio: number;
  buildPeakHeapMb: number;
  rawPeakHeapMb: number;
  peakRssMb: number;
  chartMs: number;
}

export async function run(): Promise<SummaryBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'debat-bench-summary-'));
  const db = openDatabase(join(dir, 'bench.sqlite'));
  const store = new SqliteDebateStore(db);
  try {
    migrate(db);
    let started = performance.now();
    seed(db);
    const seedMs = performance.now() - started;

    const builds: Awaited<ReturnType<typeof build>>[] = [];
    const plain: Awaited<ReturnType<typeof build>>[] = [];
    const raws: ReturnType<typeof raw>[] = [];
    // Interleaved rounds so that machine noise and the page cache hit every case alike.
    for (let round = 0; round < ROUNDS; round++) {
      raws.push(raw(db));
      plain.push(await withoutCommonGround(() => build(store)));
      builds.push(await build(store));
    }
    if (plain.at(-1)!.ground.size !== 0) throw new Error('the build without common ground showed some');
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

    // Common ground, as the summaries show it, against one SQL statement of the same rule.
    const expectedGround = new Map(
      (db.prepare(COMMON_GROUND).all({ to: TO }) as { id: number; n: number }[]).map((r) => [r.id, r.n]),
    );
    if (JSON.stringify([...b.ground].sort()) !== JSON.stringify([...expectedGround].sort()))
      throw new Error('the summaries’ common ground differs from the SQL of the same rule');
    const groundArguments = [...b.ground.values()].reduce((n, x) => n + x, 0);

    // For information: drawing the chart PNG of one summary (done once per posted summary).
    const view = (await buildWeeklySummary(
      store,
      { platform: 'slack', workspaceId: 'W', channelId: 'C1' },
      {
        mode: 'weekly',
        timezone: 'UTC',
        weekStart: '2026-03-23',
        window: { from: FROM, to: TO },
      },
    ))!.view;
    started = performance.now();
    for (let i = 0; i < 20; i++) renderChartPng(summaryChartModel(view, 'fr'));
    const chartMs = (performance.now() - started) / 20;

    const buildMs = median(builds.map((x) => x.ms));
    const plainMs = median(plain.map((x) => x.ms));
    const rawMs = median(raws.map((x) => x.ms));
    const mb = (bytes: number) => bytes / 1_048_576;
    const result: SummaryBenchResult = {
      seedMs,
      buildMs,
      rawMs,
      ratio: buildMs / rawMs,
      plainMs,
      plainRatio: plainMs / rawMs,
      buildPeakHeapMb: mb(Math.max(...builds.map((x) => x.peak.heap))),
      rawPeakHeapMb: mb(Math.max(...raws.map((x) => x.peak.heap))),
      peakRssMb: mb(Math.max(...builds.map((x) => x.peak.rss), ...raws.map((x) => x.peak.rss))),
      chartMs,
    };
    const fmt = (ms: number) => `${Math.round(ms).toLocaleString('en')} ms`;
    printTable(
      `Weekly summaries: ${CHANNELS.toLocaleString('en')} channels, ${(CHANNELS * DEBATES_PER_CHANNEL).toLocaleString('en')} debates, ` +
        `${VOTES.toLocaleString('en')} votes, ${ARGUMENTS.toLocaleString('en')} arguments ` +
        `(seeded in ${fmt(seedMs)}; median of ${ROUNDS} rounds; counts checked equal, debate by debate; ` +
        `common ground computed: ${groundArguments.toLocaleString('en')} arguments in ${b.ground.size.toLocaleString('en')} debates, checked against SQL)`,
      [
        ['raw SQL aggregate of the same counts', fmt(rawMs), `${result.rawPeakHeapMb.toFixed(1)} MB`, '1.00'],
        [
          `buildWeeklySummaries without common ground (the statement before it)`,
          fmt(plainMs),
          `${mb(Math.max(...plain.map((x) => x.peak.heap))).toFixed(1)} MB`,
          result.plainRatio.toFixed(2),
        ],
        [
          `buildWeeklySummaries with common ground, batches of ${SUMMARY_BATCH} channels`,
          fmt(buildMs),
          `${result.buildPeakHeapMb.toFixed(1)} MB`,
          result.ratio.toFixed(2),
        ],
        ['(chart PNG of one summary, for information)', `${result.chartMs.toFixed(1)} ms`, '', ''],
      ],
      ['case', 'time', 'peak heap', 'ratio'],
    );
    process.stdout.write(`  peak RSS of the process: ${result.peakRssMb.toFixed(0)} MB\n`);
    return result;
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
