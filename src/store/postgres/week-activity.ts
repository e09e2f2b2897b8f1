// The week of one or many channels read from PostgreSQL for the weekly summary: three statements
// per batch of channels, sent together in one snapshot and one round trip; the counting done by
// the server, debate by debate along its indexes.

import type { ArgumentRecord } from '../../domain/records.ts';
import type { ChannelScope } from '../../domain/types.ts';
import type { TimeWindow, WeekDebateActivity } from '../ports/summary.ts';
import { type ArgumentRow, type DebateRow, parseIds, toArgument, toDebate } from '../shared/rows.ts';
import { type ChangeAfter, undoChangesAfter } from '../shared/week-undo.ts';
import type { Query } from './session.ts';

// Every statement takes the same parameters: $1, $2, $3 the channels' platforms, workspaces and
// ids; $4, $5 the window's ends.
const WINDOW = (column: string) => `${column} >= $4 AND ${column} < $5`;
/** The channels' debates open at some point of the window. */
const BATCH = `SELECT d.* FROM unnest($1::text[], $2::text[], $3::text[]) AS c (platform, workspace_id, channel_id)
  JOIN debates d USING (platform, workspace_id, channel_id)
  WHERE d.opened_at < $5 AND (d.closed_at IS NULL OR d.closed_at >= $4)`;

export const POSTGRES_WEEK_SQL = {
  /**
   * Each debate with what is counted per debate, by its own index ranges (lateral joins: no plan
   * scans whole tables for a batch): the tally now (events after the window are undone below),
   * the window's vote events and changes of side, endorsements, distinct participants, and the
   * latest snapshot taken before the window.
   */
  debates: `SELECT d.*, t.pro AS now_pro, t.con AS now_con, t.neutral AS now_neutral,
      x.vote_events, x.opinion_changes, x.endorsements, x.participants,
      b.week_start AS baseline_week, b.as_of AS baseline_as_of, b.taken_at AS baseline_taken_at,
      b.pro AS baseline_pro, b.con AS baseline_con, b.neutral AS baseline_neutral,
      b.common_ground AS baseline_common_ground
    FROM (${BATCH}) d
    CROSS JOIN LATERAL (SELECT count(*) FILTER (WHERE side = 'pro') AS pro, count(*) FILTER (WHERE side = 'con') AS con,
        count(*) FILTER (WHERE side = 'neutral') AS neutral
      FROM votes WHERE debate_id = d.id) t
    CROSS JOIN LATERAL (SELECT count(*) FILTER (WHERE kind = 'v') AS vote_events,
        count(*) FILTER (WHERE changed) AS opinion_changes, count(*) FILTER (WHERE kind = 'e') AS endorsements,
        count(DISTINCT who) AS participants
      FROM (SELECT 'v' AS kind, voter_key AS who, old_side <> new_side AS changed FROM vote_events
          WHERE debate_id = d.id AND ${WINDOW('at')}
        UNION ALL SELECT 'a', author_key, NULL FROM arguments
          WHERE debate_id = d.id AND ${WINDOW('created_at')} AND author_key IS NOT NULL
        UNION ALL SELECT 'e', e.endorser_key, NULL FROM arguments a JOIN endorsements e ON e.argument_id = a.id
          WHERE a.debate_id = d.id AND ${WINDOW('e.at')}) happened) x
    LEFT JOIN LATERAL (SELECT week_start, as_of, taken_at, pro, con, neutral, common_ground FROM summary_snapshots
      WHERE debate_id = d.id AND as_of <= $4 ORDER BY as_of DESC LIMIT 1) b ON true
    ORDER BY d.id`,
  /** The vote changes after the window, to undo. */
  after: `SELECT e.debate_id, e.old_side, e.new_side FROM (${BATCH}) d
    JOIN vote_events e ON e.debate_id = d.id AND e.at >= $5`,
  /** The arguments standing at the end of the window, each with its endorsements and ∆ then. */
  arguments: `SELECT a.id, a.debate_id, a.number, a.side, a.text, a.author_key, a.author_name, a.created_at,
      a.withdrawn_at, a.edited_at,
      es.endorsements, es.endorsers_pro, es.endorsers_con, dl.deltas, dl.week_deltas
    FROM (${BATCH}) d JOIN arguments a ON a.debate_id = d.id
    CROSS JOIN LATERAL (
      SELECT count(*) AS endorsements, count(*) FILTER (WHERE v.side = 'pro') AS endorsers_pro,
        count(*) FILTER (WHERE v.side = 'con') AS endorsers_con
      FROM endorsements e LEFT JOIN votes v ON v.debate_id = a.debate_id AND v.voter_key = e.endorser_key
      WHERE e.argument_id = a.id AND e.at < $5) es
    CROSS JOIN LATERAL (
      SELECT count(*) AS deltas, count(*) FILTER (WHERE v.at >= $4) AS week_deltas
      FROM vote_events v WHERE v.persuaded_by = a.id AND v.at < $5) dl
    WHERE a.created_at < $5 AND (a.withdrawn_at IS NULL OR a.withdrawn_at >= $5)
    ORDER BY a.debate_id, a.number`,
};

type DebateWeekRow = DebateRow & {
  now_pro: number;
  now_con: number;
  now_neutral: number;
  vote_events: number;
  opinion_changes: number;
  endorsements: number;
  participants: number;
  baseline_week: string | null;
  baseline_as_of: number | null;
  baseline_taken_at: number | null;
  baseline_pro: number | null;
  baseline_con: number | null;
  baseline_neutral: number | null;
  baseline_common_ground: string | null;
};

type Row<T> = T & { debate_id: number };

const channelKey = (platform: string, workspace: string, channel: string) =>
  `${platform}\u0000${workspace}\u0000${channel}`;

/** Reads the week of each channel, in the order given; `query` belongs to one read snapshot (one round trip). */
export async function readPostgresWeekActivities(
  query: Query,
  scopes: readonly ChannelScope[],
  window: TimeWindow,
): Promise<WeekDebateActivity[][]> {
  const params = [
    scopes.map((s) => s.platform),
    scopes.map((s) => s.workspaceId),
    scopes.map((s) => s.channelId),
    window.from,
    window.to,
  ];
  const [debates, afterRows, args] = await Promise.all([
    query<DebateWeekRow>(POSTGRES_WEEK_SQL.debates, params),
    query<ChangeAfter>(POSTGRES_WEEK_SQL.after, params),
    query<Row<ArgumentRow & { week_deltas: number; endorsers_pro: number; endorsers_con: number }>>(
      POSTGRES_WEEK_SQL.arguments,
      params,
    ),
  ]);
  const byChannel = new Map<string, WeekDebateActivity[]>(
    scopes.map((s) => [channelKey(s.platform, s.workspaceId, s.channelId), []]),
  );
  const week = new Map<number, WeekDebateActivity>(
    debates.map((row) => [
      row.id,
      {
        debate: toDebate(row),
        counts: { pro: row.now_pro, con: row.now_con, neutral: row.now_neutral },
        baseline:
          row.baseline_week === null
            ? null
            : {
                debateId: row.id,
                weekStart: row.baseline_week,
                asOf: row.baseline_as_of!,
                takenAt: row.baseline_taken_at!,
                counts: { pro: row.baseline_pro!, con: row.baseline_con!, neutral: row.baseline_neutral! },
                commonGround: parseIds(row.baseline_common_ground),
              },
        arguments: [],
        newArguments: 0,
        voteEvents: row.vote_events,
        opinionChanges: row.opinion_changes,
        windowDeltas: [],
        endorsements: row.endorsements,
        endorserSides: [],
        participants: row.participants,
      },
    ]),
  );
  const of = (debateId: number) => week.get(debateId)!;
  // The tally as of the end of the window: what changed after it, undone.
  undoChangesAfter(afterRows, (debate) => of(debate).counts);
  for (const r of args) {
    const a = of(r.debate_id);
    if (r.endorsers_pro > 0 || r.endorsers_con > 0)
      a.endorserSides.push({ argumentId: r.id, pro: r.endorsers_pro, con: r.endorsers_con });
    if (r.created_at >= window.from) a.newArguments++;
    const argument: ArgumentRecord = toArgument(r);
    a.arguments.push(argument);
    if (r.week_deltas > 0) a.windowDeltas.push({ argumentId: argument.id, count: r.week_deltas });
  }
  for (const row of debates)
    byChannel.get(channelKey(row.platform, row.workspace_id, row.channel_id))?.push(of(row.id));
  return [...byChannel.values()];
}
