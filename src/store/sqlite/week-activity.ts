// The week of one or many channels read from SQLite for the weekly summary: a handful of
// statements per batch of channels (not per channel, not per debate), the counting done by
// SQLite; the arguments come back with their endorsement and ∆ counts, for the builder to rank.
import type Database from 'better-sqlite3';
import type { ArgumentRecord, Counts } from '../../domain/records.ts';
import type { ChannelScope } from '../../domain/types.ts';
import type { TimeWindow, WeekDebateActivity } from '../ports/summary.ts';
import { type ArgumentRow, type DebateRow, parseIds, toArgument, toDebate } from '../shared/rows.ts';
import { type ChangeAfter, undoChangesAfter } from '../shared/week-undo.ts';

/** The debates of the channels (@channels: JSON [[platform, workspace, channel], …]) open at some point of the window. */
const DEBATES = `SELECT d.id FROM json_each(@channels) c JOIN debates d
  ON d.platform = c.value ->> 0 AND d.workspace_id = c.value ->> 1 AND d.channel_id = c.value ->> 2
  WHERE d.opened_at < @to AND (d.closed_at IS NULL OR d.closed_at >= @from)`;
const IN_WINDOW = (column: string) => `${column} >= @from AND ${column} < @to`;

export const WEEK_SQL = {
  /** The columns of a DebateRow only (a debate's row has twice as many, for the bot's work). */
  debates: `SELECT id, uid, platform, workspace_id, channel_id, number, topic, opener_key, opener_name, anonymous,
      hidden, status, opened_at, closes_at, closed_at, scoreboard_ref, next_argument, closing_note, two_rounds,
      round2_at, round2_started_at
    FROM debates WHERE id IN (${DEBATES}) ORDER BY id`,
  /** The tally now; events after the window are undone below. */
  counts: `SELECT debate_id, sum(side = 'pro') AS pro, sum(side = 'con') AS con, sum(side = 'neutral') AS neutral
    FROM votes WHERE debate_id IN (${DEBATES}) GROUP BY debate_id`,
  votes: `SELECT debate_id, count(*) AS vote_events, coalesce(sum(old_side <> new_side), 0) AS opinion_changes
    FROM vote_events WHERE debate_id IN (${DEBATES}) AND ${IN_WINDOW('at')} GROUP BY debate_id`,
  after: `SELECT debate_id, old_side, new_side FROM vote_events
    WHERE debate_id IN (${DEBATES}) AND at >= @to`,
  endorsements: `SELECT a.debate_id, count(*) AS n FROM endorsements e JOIN arguments a ON a.id = e.argument_id
    WHERE a.debate_id IN (${DEBATES}) AND ${IN_WINDOW('e.at')} GROUP BY a.debate_id`,
  participants: `SELECT debate_id, count(DISTINCT who) AS n FROM (
      SELECT debate_id, voter_key AS who FROM vote_events WHERE debate_id IN (${DEBATES}) AND ${IN_WINDOW('at')}
      UNION ALL SELECT debate_id, author_key FROM arguments
        WHERE debate_id IN (${DEBATES}) AND ${IN_WINDOW('created_at')} AND author_key IS NOT NULL
      UNION ALL SELECT a.debate_id, e.endorser_key FROM endorsements e JOIN arguments a ON a.id = e.argument_id
        WHERE a.debate_id IN (${DEBATES}) AND ${IN_WINDOW('e.at')})
    GROUP BY debate_id`,
  // One pass over the arguments, their endorsements up to the end of the window and each
  // endorser's current vote (for common ground); grouped in the index's order (no sort, no
  // temporary index).
  arguments: `WITH ds AS MATERIALIZED (${DEBATES}),
    dl AS (
      SELECT persuaded_by AS argument_id, count(*) AS deltas, sum(at >= @from) AS week_deltas FROM vote_events
      WHERE persuaded_by IN (SELECT id FROM arguments WHERE debate_id IN ds) AND at < @to GROUP BY persuaded_by)
    SELECT a.id, a.debate_id, a.number, a.side, a.text, a.author_key, a.author_name, a.created_at, a.withdrawn_at,
      a.edited_at, count(e.argument_id) AS endorsements, coalesce(sum(v.side = 'pro'), 0) AS endorsers_pro,
      coalesce(sum(v.side = 'con'), 0) AS endorsers_con, coalesce(dl.deltas, 0) AS deltas,
      coalesce(dl.week_deltas, 0) AS week_deltas
    FROM arguments a LEFT JOIN dl ON dl.argument_id = a.id
    LEFT JOIN endorsements e ON e.argument_id = a.id AND e.at < @to
    LEFT JOIN votes v ON v.debate_id = a.debate_id AND v.voter_key = e.endorser_key
    WHERE a.debate_id IN ds AND a.created_at < @to AND (a.withdrawn_at IS NULL OR a.withdrawn_at >= @to)
    GROUP BY a.debate_id, a.number ORDER BY a.debate_id, a.number`,
  // SQLite takes the bare columns from the row holding max(as_of).
  baselines: `SELECT debate_id, week_start, max(as_of) AS as_of, taken_at, pro, con, neutral, common_ground
    FROM summary_snapshots WHERE debate_id IN (${DEBATES}) AND as_of <= @from GROUP BY debate_id`,
};

type Row<T> = T & { debate_id: number };

const channelKey = (platform: string, workspace: string, channel: string) =>
  `${platform}\u0000${workspace}\u0000${channel}`;

/** The statements of a week's read, in the order `assembleWeekActivities` takes their rows. */
export const WEEK_STATEMENTS = [
  WEEK_SQL.debates,
  WEEK_SQL.counts,
  WEEK_SQL.after,
  WEEK_SQL.votes,
  WEEK_SQL.endorsements,
  WEEK_SQL.participants,
  WEEK_SQL.arguments,
  WEEK_SQL.baselines,
];

/** The parameters every statement of WEEK_STATEMENTS takes. */
export const weekParams = (scopes: readonly ChannelScope[], window: TimeWindow) => ({
  channels: JSON.stringify(scopes.map((s) => [s.platform, s.workspaceId, s.channelId])),
  from: window.from,
  to: window.to,
});

/**
 * Reads the week of each channel, in the order given; call inside a read transaction for a
 * consistent picture.
 */
export function readWeekActivities(
  stmt: (sql: string) => Database.Statement,
  scopes: readonly ChannelScope[],
  window: TimeWindow,
): WeekDebateActivity[][] {
  const params = weekParams(scopes, window);
  const debates = stmt(WEEK_SQL.debates).all(params);
  if (debates.length === 0) return scopes.map(() => []);
  return assembleWeekActivities(
    [debates, ...WEEK_STATEMENTS.slice(1).map((sql) => stmt(sql).all(params))],
    scopes,
    window,
  );
}

/** The week of each channel, in the order given, from the rows of WEEK_STATEMENTS (read together). */
export function assembleWeekActivities(
  rows: readonly unknown[][],
  scopes: readonly ChannelScope[],
  window: TimeWindow,
): WeekDebateActivity[][] {
  const [debateRows, countRows, after, votes, endorsements, participants, argumentRows, baselines] = rows;
  const byChannel = new Map<string, WeekDebateActivity[]>(
    scopes.map((s) => [channelKey(s.platform, s.workspaceId, s.channelId), []]),
  );
  const debates = (debateRows ?? []) as DebateRow[];
  if (debates.length === 0) return scopes.map(() => []);
  const week = new Map<number, WeekDebateActivity>(
    debates.map((row) => [
      row.id,
      {
        debate: toDebate(row),
        counts: { pro: 0, con: 0, neutral: 0 },
        baseline: null,
        arguments: [],
        newArguments: 0,
        voteEvents: 0,
        opinionChanges: 0,
        windowDeltas: [],
        endorsements: 0,
        endorserSides: [],
        participants: 0,
      },
    ]),
  );
  const of = (debateId: number) => week.get(debateId)!;
  const all = <T>(list: unknown[] | undefined) => (list ?? []) as Row<T>[];

  for (const r of all<Counts>(countRows))
    of(r.debate_id).counts = { pro: r.pro, con: r.con, neutral: r.neutral };
  // The tally as of the end of the window: what changed after it, undone.
  undoChangesAfter(all<ChangeAfter>(after), (debate) => of(debate).counts);
  for (const r of all<{ vote_events: number; opinion_changes: number }>(votes)) {
    of(r.debate_id).voteEvents = r.vote_events;
    of(r.debate_id).opinionChanges = r.opinion_changes;
  }
  for (const r of all<{ n: number }>(endorsements)) of(r.debate_id).endorsements = r.n;
  for (const r of all<{ n: number }>(participants)) of(r.debate_id).participants = r.n;
  for (const r of all<ArgumentRow & { week_deltas: number; endorsers_pro: number; endorsers_con: number }>(
    argumentRows,
  )) {
    const a = of(r.debate_id);
    if (r.endorsers_pro > 0 || r.endorsers_con > 0)
      a.endorserSides.push({ argumentId: r.id, pro: r.endorsers_pro, con: r.endorsers_con });
    if (r.created_at >= window.from) a.newArguments++;
    const argument: ArgumentRecord = toArgument(r);
    a.arguments.push(argument);
    if (r.week_deltas > 0) a.windowDeltas.push({ argumentId: argument.id, count: r.week_deltas });
  }
  for (const r of all<
    { week_start: string; as_of: number; taken_at: number; common_ground: string | null } & Counts
  >(baselines))
    of(r.debate_id).baseline = {
      debateId: r.debate_id,
      weekStart: r.week_start,
      asOf: r.as_of,
      takenAt: r.taken_at,
      counts: { pro: r.pro, con: r.con, neutral: r.neutral },
      commonGround: parseIds(r.common_ground),
    };
  for (const row of debates)
    byChannel.get(channelKey(row.platform, row.workspace_id, row.channel_id))?.push(of(row.id));
  return [...byChannel.values()];
}
