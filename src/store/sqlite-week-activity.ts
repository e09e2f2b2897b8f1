// The week of one or many channels read from SQLite for the weekly summary: a handful of
// statements per batch of channels (not per channel, not per debate), the counting done by
// SQLite; the arguments come back with their endorsement and ∆ counts, for the builder to rank.
import type Database from 'better-sqlite3';
import type { ChannelScope } from '../domain/types.ts';
import type { ArgumentRecord, Counts } from './ports.ts';
import { type ArgumentRow, type DebateRow, toArgument, toDebate } from './rows.ts';
import type { TimeWindow, WeekDebateActivity } from './summary-ports.ts';
import { type ChangeAfter, undoChangesAfter } from './week-undo.ts';

/** The debates of the channels (@channels: JSON [[platform, workspace, channel], …]) open at some point of the window. */
const DEBATES = `SELECT d.id FROM json_each(@channels) c JOIN debates d
  ON d.platform = c.value ->> 0 AND d.workspace_id = c.value ->> 1 AND d.channel_id = c.value ->> 2
  WHERE d.opened_at < @to AND (d.closed_at IS NULL OR d.closed_at >= @from)`;
const IN_WINDOW = (column: string) => `${column} >= @from AND ${column} < @to`;

export const WEEK_SQL = {
  debates: `SELECT * FROM debates WHERE id IN (${DEBATES}) ORDER BY id`,
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
  arguments: `WITH ds AS MATERIALIZED (${DEBATES}),
    dl AS (
      SELECT persuaded_by AS argument_id, count(*) AS deltas, sum(at >= @from) AS week_deltas FROM vote_events
      WHERE persuaded_by IN (SELECT id FROM arguments WHERE debate_id IN ds) AND at < @to GROUP BY persuaded_by),
    scored AS (
      SELECT a.id, a.debate_id, a.number, a.side, a.text, a.author_key, a.author_name, a.created_at, a.withdrawn_at, a.edited_at,
        (SELECT count(*) FROM endorsements e WHERE e.argument_id = a.id AND e.at < @to) AS endorsements,
        coalesce(dl.deltas, 0) AS deltas, coalesce(dl.week_deltas, 0) AS week_deltas
      FROM arguments a LEFT JOIN dl ON dl.argument_id = a.id
      WHERE a.debate_id IN ds AND a.created_at < @to AND (a.withdrawn_at IS NULL OR a.withdrawn_at >= @to))
    SELECT * FROM scored ORDER BY debate_id, number`,
  // SQLite takes the bare columns from the row holding max(as_of).
  baselines: `SELECT debate_id, week_start, max(as_of) AS as_of, taken_at, pro, con, neutral
    FROM summary_snapshots WHERE debate_id IN (${DEBATES}) AND as_of <= @from GROUP BY debate_id`,
};

type Row<T> = T & { debate_id: number };

const channelKey = (platform: string, workspace: string, channel: string) =>
  `${platform}\u0000${workspace}\u0000${channel}`;

/**
 * Reads the week of each channel, in the order given; call inside a read transaction for a
 * consistent picture.
 */
export function readWeekActivities(
  stmt: (sql: string) => Database.Statement,
  scopes: readonly ChannelScope[],
  window: TimeWindow,
): WeekDebateActivity[][] {
  const params = {
    channels: JSON.stringify(scopes.map((s) => [s.platform, s.workspaceId, s.channelId])),
    from: window.from,
    to: window.to,
  };
  const byChannel = new Map<string, WeekDebateActivity[]>(
    scopes.map((s) => [channelKey(s.platform, s.workspaceId, s.channelId), []]),
  );
  const debates = stmt(WEEK_SQL.debates).all(params) as DebateRow[];
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
        participants: 0,
      },
    ]),
  );
  const of = (debateId: number) => week.get(debateId)!;
  const all = <T>(sql: string) => stmt(sql).all(params) as Row<T>[];

  for (const r of all<Counts>(WEEK_SQL.counts))
    of(r.debate_id).counts = { pro: r.pro, con: r.con, neutral: r.neutral };
  // The tally as of the end of the window: what changed after it, undone.
  undoChangesAfter(all<ChangeAfter>(WEEK_SQL.after), (debate) => of(debate).counts);
  for (const r of all<{ vote_events: number; opinion_changes: number }>(WEEK_SQL.votes)) {
    of(r.debate_id).voteEvents = r.vote_events;
    of(r.debate_id).opinionChanges = r.opinion_changes;
  }
  for (const r of all<{ n: number }>(WEEK_SQL.endorsements)) of(r.debate_id).endorsements = r.n;
  for (const r of all<{ n: number }>(WEEK_SQL.participants)) of(r.debate_id).participants = r.n;
  for (const r of all<ArgumentRow & { week_deltas: number }>(WEEK_SQL.arguments)) {
    const a = of(r.debate_id);
    if (r.created_at >= window.from) a.newArguments++;
    const argument: ArgumentRecord = toArgument(r);
    a.arguments.push(argument);
    if (r.week_deltas > 0) a.windowDeltas.push({ argumentId: argument.id, count: r.week_deltas });
  }
  for (const r of all<{ week_start: string; as_of: number; taken_at: number } & Counts>(WEEK_SQL.baselines))
    of(r.debate_id).baseline = {
      debateId: r.debate_id,
      weekStart: r.week_start,
      asOf: r.as_of,
      takenAt: r.taken_at,
      counts: { pro: r.pro, con: r.con, neutral: r.neutral },
    };
  for (const row of debates)
    byChannel.get(channelKey(row.platform, row.workspace_id, row.channel_id))?.push(of(row.id));
  return [...byChannel.values()];
}
