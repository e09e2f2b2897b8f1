// The week of one or many channels read from PostgreSQL for the weekly summary: a handful of
// statements per batch of channels, sent together in one snapshot; the counting done by the server.
import type { ArgumentRecord, Counts } from '../domain/records.ts';
import type { ChannelScope, VoteSide } from '../domain/types.ts';
import type { Query } from './postgres-session.ts';
import { type ArgumentRow, type DebateRow, toArgument, toDebate } from './rows.ts';
import type { TimeWindow, WeekDebateActivity } from './summary-ports.ts';

/** The debates of the channels ($1, $2, $3: platforms, workspaces, channels) open at some point of the window ($4, $5). */
const DEBATES = `SELECT d.* FROM unnest($1::text[], $2::text[], $3::text[]) AS c (platform, workspace_id, channel_id)
  JOIN debates d USING (platform, workspace_id, channel_id)
  WHERE d.opened_at < $5 AND (d.closed_at IS NULL OR d.closed_at >= $4) ORDER BY d.id`;
/** The rest reads those debates by id ($1), in the window [$2, $3) (`after`: from $2 on). */
const IN = 'debate_id = ANY($1::bigint[])';
const IN_WINDOW = (column: string) => `${column} >= $2 AND ${column} < $3`;

export const POSTGRES_WEEK_SQL = {
  debates: DEBATES,
  /** The tally now; events after the window are undone below. */
  counts: `SELECT debate_id, count(*) FILTER (WHERE side = 'pro') AS pro, count(*) FILTER (WHERE side = 'con') AS con,
      count(*) FILTER (WHERE side = 'neutral') AS neutral
    FROM votes WHERE ${IN} GROUP BY debate_id`,
  after: `SELECT debate_id, voter_key, old_side, new_side FROM vote_events
    WHERE ${IN} AND at >= $2 ORDER BY debate_id, at, id`,
  /**
   * Per debate, by its own index ranges (lateral joins: no plan scans whole tables for a batch):
   * the window's vote events and changes of side, endorsements, and distinct participants.
   */
  activity: `SELECT d.id AS debate_id, x.* FROM unnest($1::bigint[]) AS d (id)
    CROSS JOIN LATERAL (SELECT count(*) FILTER (WHERE kind = 'v') AS vote_events,
        count(*) FILTER (WHERE changed) AS opinion_changes, count(*) FILTER (WHERE kind = 'e') AS endorsements,
        count(DISTINCT who) AS participants
      FROM (SELECT 'v' AS kind, voter_key AS who, old_side <> new_side AS changed FROM vote_events
          WHERE debate_id = d.id AND ${IN_WINDOW('at')}
        UNION ALL SELECT 'a', author_key, NULL FROM arguments
          WHERE debate_id = d.id AND ${IN_WINDOW('created_at')} AND author_key IS NOT NULL
        UNION ALL SELECT 'e', e.endorser_key, NULL FROM arguments a JOIN endorsements e ON e.argument_id = a.id
          WHERE a.debate_id = d.id AND ${IN_WINDOW('e.at')}) happened) x`,
  /** The arguments standing at the end of the window, each with its endorsements and ∆ then. */
  arguments: `SELECT a.id, a.debate_id, a.number, a.side, a.text, a.author_key, a.author_name, a.created_at,
      a.withdrawn_at, a.edited_at,
      (SELECT count(*) FROM endorsements e WHERE e.argument_id = a.id AND e.at < $3) AS endorsements,
      dl.deltas, dl.week_deltas
    FROM arguments a CROSS JOIN LATERAL (
      SELECT count(*) AS deltas, count(*) FILTER (WHERE v.at >= $2) AS week_deltas
      FROM vote_events v WHERE v.persuaded_by = a.id AND v.at < $3) dl
    WHERE a.${IN} AND a.created_at < $3 AND (a.withdrawn_at IS NULL OR a.withdrawn_at >= $3)
    ORDER BY a.debate_id, a.number`,
  baselines: `SELECT DISTINCT ON (debate_id) debate_id, week_start, as_of, taken_at, pro, con, neutral
    FROM summary_snapshots WHERE ${IN} AND as_of <= $2 ORDER BY debate_id, as_of DESC`,
};

type Row<T> = T & { debate_id: number };

const channelKey = (platform: string, workspace: string, channel: string) =>
  `${platform}\u0000${workspace}\u0000${channel}`;

/** Reads the week of each channel, in the order given; `query` belongs to one read snapshot (two round trips). */
export async function readPostgresWeekActivities(
  query: Query,
  scopes: readonly ChannelScope[],
  window: TimeWindow,
): Promise<WeekDebateActivity[][]> {
  const debates = await query<DebateRow>(POSTGRES_WEEK_SQL.debates, [
    scopes.map((s) => s.platform),
    scopes.map((s) => s.workspaceId),
    scopes.map((s) => s.channelId),
    window.from,
    window.to,
  ]);
  if (debates.length === 0) return scopes.map(() => []);
  const ids = debates.map((row) => row.id);
  // Each statement gets exactly its parameters: the debates' ids, then the window's ends it uses.
  const all = <T>(sql: string, ...more: number[]) => query<Row<T>>(sql, [ids, ...more]);
  const { from, to } = window;
  // The rest leaves at once: one more round trip for the batch.
  const [counts, afterRows, activity, args, baselines] = await Promise.all([
    all<Counts>(POSTGRES_WEEK_SQL.counts),
    all<{ voter_key: string; old_side: VoteSide | null; new_side: VoteSide | null }>(
      POSTGRES_WEEK_SQL.after,
      to,
    ),
    all<{ vote_events: number; opinion_changes: number; endorsements: number; participants: number }>(
      POSTGRES_WEEK_SQL.activity,
      from,
      to,
    ),
    all<ArgumentRow & { week_deltas: number }>(POSTGRES_WEEK_SQL.arguments, from, to),
    all<{ week_start: string; as_of: number; taken_at: number } & Counts>(POSTGRES_WEEK_SQL.baselines, from),
  ]);
  const byChannel = new Map<string, WeekDebateActivity[]>(
    scopes.map((s) => [channelKey(s.platform, s.workspaceId, s.channelId), []]),
  );
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
  for (const r of counts) of(r.debate_id).counts = { pro: r.pro, con: r.con, neutral: r.neutral };
  // The tally as of the end of the window: undo, voter by voter, what changed after it.
  const after = new Map<string, { first: VoteSide | null; last: VoteSide | null; debate: number }>();
  for (const e of afterRows) {
    const key = `${e.debate_id}\u0000${e.voter_key}`;
    const seen = after.get(key);
    if (seen) seen.last = e.new_side;
    else after.set(key, { first: e.old_side, last: e.new_side, debate: e.debate_id });
  }
  for (const { first, last, debate } of after.values()) {
    const tally = of(debate).counts;
    if (last !== null) tally[last]--;
    if (first !== null) tally[first]++;
  }
  for (const r of activity)
    Object.assign(of(r.debate_id), {
      voteEvents: r.vote_events,
      opinionChanges: r.opinion_changes,
      endorsements: r.endorsements,
      participants: r.participants,
    });
  for (const r of args) {
    const a = of(r.debate_id);
    if (r.created_at >= window.from) a.newArguments++;
    const argument: ArgumentRecord = toArgument(r);
    a.arguments.push(argument);
    if (r.week_deltas > 0) a.windowDeltas.push({ argumentId: argument.id, count: r.week_deltas });
  }
  for (const r of baselines)
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
