import type {
  ArgumentRecord,
  Counts,
  DebateRecord,
  DebateSummaryRow,
  ExportData,
  ParticipationRow,
  ScoreboardData,
  VoteEventRecord,
  VoteRecord,
} from '../../domain/records.ts';
import type { ChannelScope, Side, WorkspaceScope } from '../../domain/types.ts';
import {
  ARGUMENT_SELECT,
  type ArgumentRow,
  asVoteSide,
  type DebateRow,
  toArgument,
  toDebate,
} from '../shared/rows.ts';
import type { PostgresSession, Query } from './session.ts';

const COUNTS = 'SELECT side, count(*) AS n FROM votes WHERE debate_id = $1 GROUP BY side';
const LIVE_ARGUMENTS = 'SELECT count(*) AS n FROM arguments WHERE debate_id = $1 AND withdrawn_at IS NULL';

const toCounts = (rows: { side: keyof Counts; n: number }[]): Counts => {
  const counts: Counts = { pro: 0, con: 0, neutral: 0 };
  for (const row of rows) counts[row.side] = row.n;
  return counts;
};

/** The read side of the PostgreSQL store: scoreboards, argument pages, lists, exports. */
export class PostgresDebateReads {
  constructor(private readonly db: PostgresSession) {}

  private async summaryRows(query: Query, rows: DebateRow[]): Promise<DebateSummaryRow[]> {
    return Promise.all(
      rows.map(async (row) => {
        const [counts, live] = await Promise.all([
          query<{ side: keyof Counts; n: number }>(COUNTS, [row.id]),
          query<{ n: number }>(LIVE_ARGUMENTS, [row.id]),
        ]);
        return { debate: toDebate(row), counts: toCounts(counts), argumentCount: live[0]!.n };
      }),
    );
  }

  async openDebates(scope: ChannelScope): Promise<DebateSummaryRow[]> {
    const rows = await this.db.query<DebateRow>(
      `SELECT * FROM debates WHERE platform = $1 AND workspace_id = $2 AND channel_id = $3 AND status = 'open'
       ORDER BY id DESC LIMIT 100`,
      [scope.platform, scope.workspaceId, scope.channelId],
    );
    return this.summaryRows(this.db.query, rows);
  }

  async debateByScoreboardRef(scope: ChannelScope, ref: string): Promise<DebateRecord | undefined> {
    const [row] = await this.db.query<DebateRow>(
      `SELECT * FROM debates WHERE platform = $1 AND workspace_id = $2 AND channel_id = $3 AND scoreboard_ref = $4
       ORDER BY id DESC LIMIT 1`,
      [scope.platform, scope.workspaceId, scope.channelId, ref],
    );
    return row && toDebate(row);
  }

  async debatesTouchedBy(
    scope: WorkspaceScope,
    keys: readonly string[],
    limit: number,
  ): Promise<ParticipationRow[]> {
    const rows = await this.db.query<DebateRow & { viewer_vote: string | null; opened_by_viewer: boolean }>(
      `SELECT d.*,
         (SELECT v.side FROM votes v WHERE v.debate_id = d.id AND v.voter_key = ANY($1::text[]) LIMIT 1) AS viewer_vote,
         coalesce(d.opener_key = ANY($1::text[]), false) AS opened_by_viewer
       FROM debates d
       WHERE d.platform = $2 AND d.workspace_id = $3 AND (
         d.opener_key = ANY($1::text[])
         OR EXISTS (SELECT 1 FROM votes v WHERE v.debate_id = d.id AND v.voter_key = ANY($1::text[]))
         OR EXISTS (SELECT 1 FROM arguments a WHERE a.debate_id = d.id AND a.author_key = ANY($1::text[]))
         OR EXISTS (SELECT 1 FROM endorsements e JOIN arguments a ON a.id = e.argument_id
                    WHERE a.debate_id = d.id AND e.endorser_key = ANY($1::text[])))
       ORDER BY d.status = 'open' DESC, d.id DESC LIMIT $4`,
      [keys, scope.platform, scope.workspaceId, limit],
    );
    const summaries = await this.summaryRows(this.db.query, rows);
    return summaries.map((summary, index) => ({
      ...summary,
      viewerVote: asVoteSide(rows[index]!.viewer_vote),
      opened: rows[index]!.opened_by_viewer,
    }));
  }

  async argumentsPage(debateId: number, offset: number, limit: number, viewerKey: string) {
    return this.db.read(async (query) => {
      const [rows, total] = await Promise.all([
        query<ArgumentRow & { endorsed_by_viewer: boolean }>(
          `SELECT s.*, EXISTS (SELECT 1 FROM endorsements e WHERE e.argument_id = s.id AND e.endorser_key = $4)
             AS endorsed_by_viewer
           FROM (${ARGUMENT_SELECT} WHERE a.debate_id = $1 AND a.withdrawn_at IS NULL ORDER BY a.number
             LIMIT $2 OFFSET $3) s ORDER BY s.number`,
          [debateId, limit, offset, viewerKey],
        ),
        query<{ n: number }>(LIVE_ARGUMENTS, [debateId]),
      ]);
      return {
        total: total[0]!.n,
        items: rows.map((row) => ({ ...toArgument(row), endorsedByViewer: row.endorsed_by_viewer })),
      };
    });
  }

  async argumentCounts(debateId: number, authorKey: string, since: number) {
    const [row] = await this.db.query<{ all: number; bySince: number }>(
      `SELECT count(*)::int AS "all",
         (count(*) FILTER (WHERE author_key = $2 AND created_at >= $3))::int AS "bySince"
         FROM arguments WHERE debate_id = $1`,
      [debateId, authorKey, since],
    );
    return row!;
  }

  async argumentsOfSide(debateId: number, side: Side, limit: number): Promise<ArgumentRecord[]> {
    const rows = await this.db.query<ArgumentRow>(
      `${ARGUMENT_SELECT} WHERE a.debate_id = $1 AND a.side = $2 AND a.withdrawn_at IS NULL
       ORDER BY endorsements DESC, a.number LIMIT $3`,
      [debateId, side, Math.max(1, Math.trunc(limit))],
    );
    return rows.map(toArgument);
  }

  async tally(debateId: number): Promise<Counts> {
    return toCounts(await this.db.query(COUNTS, [debateId]));
  }

  async scoreboard(debateId: number): Promise<ScoreboardData> {
    const top = `${ARGUMENT_SELECT} WHERE a.debate_id = $1 AND a.side = $2 AND a.withdrawn_at IS NULL
       ORDER BY endorsements DESC, a.number LIMIT 1`;
    return this.db.read(async (query) => {
      const [debate, counts, sides, pro, con, newest, participants, deltas] = await Promise.all([
        query<DebateRow & { weekly: boolean }>(
          'SELECT d.*, EXISTS (SELECT 1 FROM topics t WHERE t.debate_id = d.id) AS weekly FROM debates d WHERE d.id = $1',
          [debateId],
        ),
        query<{ side: keyof Counts; n: number }>(COUNTS, [debateId]),
        query<{ side: Side; n: number }>(
          'SELECT side, count(*) AS n FROM arguments WHERE debate_id = $1 AND withdrawn_at IS NULL GROUP BY side',
          [debateId],
        ),
        query<ArgumentRow>(top, [debateId, 'pro']),
        query<ArgumentRow>(top, [debateId, 'con']),
        query<ArgumentRow>(
          `${ARGUMENT_SELECT} WHERE a.debate_id = $1 AND a.withdrawn_at IS NULL ORDER BY a.number DESC LIMIT 1`,
          [debateId],
        ),
        query<{ n: number }>(
          `SELECT count(*) AS n FROM (
             SELECT voter_key FROM votes WHERE debate_id = $1
             UNION SELECT author_key FROM arguments WHERE debate_id = $1 AND author_key IS NOT NULL
             UNION SELECT e.endorser_key FROM endorsements e JOIN arguments a ON a.id = e.argument_id
               WHERE a.debate_id = $1) people`,
          [debateId],
        ),
        // Through the arguments and the ∆ index, not the debate's whole vote history.
        query<{ n: number }>(
          'SELECT count(*) AS n FROM vote_events WHERE persuaded_by IN (SELECT id FROM arguments WHERE debate_id = $1)',
          [debateId],
        ),
      ]);
      const argumentCounts = { pro: 0, con: 0 };
      for (const row of sides) argumentCounts[row.side] = row.n;
      const first = (rows: ArgumentRow[]) => (rows[0] ? toArgument(rows[0]) : null);
      return {
        debate: toDebate(debate[0]!),
        counts: toCounts(counts),
        participants: participants[0]!.n,
        argumentCounts,
        topPro: first(pro),
        topCon: first(con),
        newest: first(newest),
        deltas: deltas[0]!.n,
        weekly: debate[0]!.weekly,
      };
    });
  }

  /**
   * Every vote and change of a debate, in one snapshot. The two long lists are read in pages of
   * EXPORT_PAGE rows: a socket hands over many chunks per turn of the event loop and the driver
   * parses each as it comes, so 100,000 rows in one answer held the loop for a few hundred ms.
   */
  async exportData(debateId: number): Promise<ExportData> {
    return this.db.transaction(async ({ query }) => {
      const [debate, counts, args] = await Promise.all([
        query<DebateRow>('SELECT * FROM debates WHERE id = $1', [debateId]),
        query<{ side: keyof Counts; n: number }>(COUNTS, [debateId]),
        query<ArgumentRow>(
          `${ARGUMENT_SELECT} WHERE a.debate_id = $1 AND a.withdrawn_at IS NULL ORDER BY a.number`,
          [debateId],
        ),
      ]);
      // Named as the records' fields: the rows are taken as they come, not copied once more.
      const votes = await inPages<VoteRecord>((last) =>
        query(
          `SELECT voter_key AS "voterKey", voter_name AS "voterName", side, voted_at AS "votedAt"
           FROM votes WHERE debate_id = $1 AND (voted_at, voter_key) > ($2, $3)
           ORDER BY voted_at, voter_key LIMIT ${EXPORT_PAGE}`,
          [debateId, last?.votedAt ?? Number.MIN_SAFE_INTEGER, last?.voterKey ?? ''],
        ),
      );
      const events = await inPages<VoteEventRecord & { id: number }>((last) =>
        query(
          `SELECT e.voter_key AS "voterKey", v.voter_name AS "voterName", e.old_side AS "oldSide",
             e.new_side AS "newSide", e.at, a.number AS "persuadedBy", e.id
           FROM vote_events e LEFT JOIN votes v ON v.debate_id = e.debate_id AND v.voter_key = e.voter_key
           LEFT JOIN arguments a ON a.id = e.persuaded_by
           WHERE e.debate_id = $1 AND (e.at, e.id) > ($2, $3)
           ORDER BY e.at, e.id LIMIT ${EXPORT_PAGE}`,
          [debateId, last?.at ?? Number.MIN_SAFE_INTEGER, last?.id ?? 0],
        ),
      );
      return {
        debate: toDebate(debate[0]!),
        counts: toCounts(counts),
        arguments: args.map(toArgument),
        votes,
        history: events.map(({ id: _id, ...event }): VoteEventRecord => event),
      };
    }, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  }

  async debatesOfWorkspace(scope: WorkspaceScope) {
    const rows = await this.db.query<{ id: number; uid: string; anonymous: boolean }>(
      'SELECT id, uid, anonymous FROM debates WHERE platform = $1 AND workspace_id = $2',
      [scope.platform, scope.workspaceId],
    );
    return rows.map((row) => ({ id: row.id, uid: row.uid, anonymous: row.anonymous }));
  }
}

const EXPORT_PAGE = 5000;

/** All the rows of a keyset-paged read: `read` is given the last row of the page before. */
async function inPages<T>(read: (last: T | undefined) => Promise<T[]>): Promise<T[]> {
  const all: T[] = [];
  for (;;) {
    const rows = await read(all.at(-1));
    for (const row of rows) all.push(row);
    if (rows.length < EXPORT_PAGE) return all;
  }
}
