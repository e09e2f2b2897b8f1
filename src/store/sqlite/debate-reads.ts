import type Database from 'better-sqlite3';
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
import { readTogether } from './reader.ts';
import { statementCache } from './statement-cache.ts';

/** The read side of the SQLite store: scoreboards, argument pages, lists, exports. */
export class SqliteDebateReads {
  private readonly stmt: (sql: string) => Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.stmt = statementCache(db);
  }

  private debateRow(debateId: number): DebateRow {
    return this.stmt('SELECT * FROM debates WHERE id = ?').get(debateId) as DebateRow;
  }

  async openDebates(scope: ChannelScope): Promise<DebateSummaryRow[]> {
    const rows = this.stmt(
      `SELECT * FROM debates WHERE platform = ? AND workspace_id = ? AND channel_id = ? AND status = 'open'
       ORDER BY id DESC LIMIT 100`,
    ).all(scope.platform, scope.workspaceId, scope.channelId) as DebateRow[];
    return rows.map((row) => this.summaryRow(row));
  }

  private summaryRow(row: DebateRow): DebateSummaryRow {
    return {
      debate: toDebate(row),
      counts: this.countsOf(row.id),
      argumentCount: (
        this.stmt('SELECT count(*) AS n FROM arguments WHERE debate_id = ? AND withdrawn_at IS NULL').get(
          row.id,
        ) as {
          n: number;
        }
      ).n,
    };
  }

  async debateByScoreboardRef(scope: ChannelScope, ref: string): Promise<DebateRecord | undefined> {
    const row = this.stmt(
      `SELECT * FROM debates WHERE platform = ? AND workspace_id = ? AND channel_id = ? AND scoreboard_ref = ?
       ORDER BY id DESC LIMIT 1`,
    ).get(scope.platform, scope.workspaceId, scope.channelId, ref) as DebateRow | undefined;
    return row && toDebate(row);
  }

  async debatesTouchedBy(
    scope: WorkspaceScope,
    keys: readonly string[],
    limit: number,
  ): Promise<ParticipationRow[]> {
    const read = this.db.transaction(() => {
      const json = JSON.stringify(keys);
      const rows = this.stmt(
        `WITH k(key) AS (SELECT value FROM json_each(?))
         SELECT d.*,
           (SELECT v.side FROM votes v WHERE v.debate_id = d.id AND v.voter_key IN (SELECT key FROM k)) AS viewer_vote,
           (d.opener_key IN (SELECT key FROM k)) AS opened_by_viewer
         FROM debates d
         WHERE d.platform = ? AND d.workspace_id = ? AND (
           d.opener_key IN (SELECT key FROM k)
           OR EXISTS (SELECT 1 FROM votes v WHERE v.debate_id = d.id AND v.voter_key IN (SELECT key FROM k))
           OR EXISTS (SELECT 1 FROM arguments a WHERE a.debate_id = d.id AND a.author_key IN (SELECT key FROM k))
           OR EXISTS (SELECT 1 FROM endorsements e JOIN arguments a ON a.id = e.argument_id
                      WHERE a.debate_id = d.id AND e.endorser_key IN (SELECT key FROM k)))
         ORDER BY d.status = 'open' DESC, d.id DESC LIMIT ?`,
      ).all(json, scope.platform, scope.workspaceId, limit) as (DebateRow & {
        viewer_vote: string | null;
        opened_by_viewer: number;
      })[];
      return rows.map((row) => ({
        ...this.summaryRow(row),
        viewerVote: row.viewer_vote === null ? null : asVoteSide(row.viewer_vote),
        opened: row.opened_by_viewer === 1,
      }));
    });
    return read();
  }

  async argumentsPage(debateId: number, offset: number, limit: number, viewerKey: string) {
    const rows = this.stmt(
      `${ARGUMENT_SELECT} WHERE a.debate_id = ? AND a.withdrawn_at IS NULL ORDER BY a.number LIMIT ? OFFSET ?`,
    ).all(debateId, limit, offset) as ArgumentRow[];
    const endorsed = this.stmt('SELECT 1 FROM endorsements WHERE argument_id = ? AND endorser_key = ?');
    const { total } = this.stmt(
      'SELECT count(*) AS total FROM arguments WHERE debate_id = ? AND withdrawn_at IS NULL',
    ).get(debateId) as { total: number };
    return {
      total,
      items: rows.map((row) => ({
        ...toArgument(row),
        endorsedByViewer: endorsed.get(row.id, viewerKey) !== undefined,
      })),
    };
  }

  async argumentCounts(debateId: number, authorKey: string, since: number) {
    return this.stmt(
      `SELECT count(*) AS "all", coalesce(sum(author_key = ? AND created_at >= ?), 0) AS bySince
         FROM arguments WHERE debate_id = ?`,
    ).get(authorKey, since, debateId) as { all: number; bySince: number };
  }

  async argumentsOfSide(debateId: number, side: Side, limit: number): Promise<ArgumentRecord[]> {
    // The limit is written into the SQL (one statement per limit, in practice one): bound as a
    // parameter, SQLite (built with STAT4) prepared the query again at each run: 15 µs against 2.6.
    const count = Math.max(1, Math.trunc(limit));
    const rows = this.stmt(
      `${ARGUMENT_SELECT} WHERE a.debate_id = ? AND a.side = ? AND a.withdrawn_at IS NULL
       ORDER BY endorsements DESC, a.number LIMIT ${count}`,
    ).all(debateId, side) as ArgumentRow[];
    return rows.map(toArgument);
  }

  countsOf(debateId: number): Counts {
    const counts: Counts = { pro: 0, con: 0, neutral: 0 };
    const rows = this.stmt('SELECT side, count(*) AS n FROM votes WHERE debate_id = ? GROUP BY side').all(
      debateId,
    ) as {
      side: keyof Counts;
      n: number;
    }[];
    for (const row of rows) counts[row.side] = row.n;
    return counts;
  }

  async tally(debateId: number): Promise<Counts> {
    return this.countsOf(debateId);
  }

  async scoreboard(debateId: number): Promise<ScoreboardData> {
    const read = this.db.transaction(() => {
      const debate = toDebate(this.debateRow(debateId));
      const sideCounts = this.stmt(
        'SELECT side, count(*) AS n FROM arguments WHERE debate_id = ? AND withdrawn_at IS NULL GROUP BY side',
      ).all(debateId) as { side: Side; n: number }[];
      const argumentCounts = { pro: 0, con: 0 };
      for (const row of sideCounts) argumentCounts[row.side] = row.n;
      const top = (side: Side) => this.argumentsOfSideSync(debateId, side);
      const newest = this.stmt(
        `${ARGUMENT_SELECT} WHERE a.debate_id = ? AND a.withdrawn_at IS NULL ORDER BY a.number DESC`,
      ).get(debateId) as ArgumentRow | undefined;
      const { participants } = this.stmt(
        `SELECT count(*) AS participants FROM (
           SELECT voter_key AS k FROM votes WHERE debate_id = ?
           UNION SELECT author_key FROM arguments WHERE debate_id = ? AND author_key IS NOT NULL
           UNION SELECT e.endorser_key FROM endorsements e JOIN arguments a ON a.id = e.argument_id WHERE a.debate_id = ?)`,
      ).get(debateId, debateId, debateId) as { participants: number };
      // Through the arguments and the ∆ index: filtering the debate's vote history instead read
      // every vote ever cast in it (8.5 ms at 200,000 events, on every scoreboard update).
      const { deltas } = this.stmt(
        'SELECT count(*) AS deltas FROM vote_events WHERE persuaded_by IN (SELECT id FROM arguments WHERE debate_id = ?)',
      ).get(debateId) as { deltas: number };
      const weekly = this.stmt('SELECT 1 FROM topics WHERE debate_id = ?').get(debateId) !== undefined;
      return {
        debate,
        counts: this.countsOf(debateId),
        participants,
        argumentCounts,
        topPro: top('pro'),
        topCon: top('con'),
        newest: newest ? toArgument(newest) : null,
        deltas,
        weekly,
      };
    });
    return read();
  }

  private argumentsOfSideSync(debateId: number, side: Side): ArgumentRecord | null {
    const row = this.stmt(
      `${ARGUMENT_SELECT} WHERE a.debate_id = ? AND a.side = ? AND a.withdrawn_at IS NULL
       ORDER BY endorsements DESC, a.number LIMIT 1`,
    ).get(debateId, side) as ArgumentRow | undefined;
    return row ? toArgument(row) : null;
  }

  /** Every vote and change of a debate: on the reading thread when there is a file (seconds at 100,000 votes). */
  async exportData(debateId: number): Promise<ExportData> {
    const [debates, tallies, argumentRows, votes, history] = await readTogether(this.db, [
      { sql: 'SELECT * FROM debates WHERE id = ?', params: [debateId] },
      { sql: 'SELECT side, count(*) AS n FROM votes WHERE debate_id = ? GROUP BY side', params: [debateId] },
      {
        sql: `${ARGUMENT_SELECT} WHERE a.debate_id = ? AND a.withdrawn_at IS NULL ORDER BY a.number`,
        params: [debateId],
      },
      // Named as the records' fields: 200,000 rows are taken as they come, not copied once more.
      {
        sql: `SELECT voter_key AS voterKey, voter_name AS voterName, side, voted_at AS votedAt
           FROM votes WHERE debate_id = ? ORDER BY voted_at, voter_key`,
        params: [debateId],
      },
      {
        sql: `SELECT e.voter_key AS voterKey, v.voter_name AS voterName, e.old_side AS oldSide,
             e.new_side AS newSide, e.at, a.number AS persuadedBy
           FROM vote_events e LEFT JOIN votes v ON v.debate_id = e.debate_id AND v.voter_key = e.voter_key
           LEFT JOIN arguments a ON a.id = e.persuaded_by
           WHERE e.debate_id = ? ORDER BY e.at, e.id`,
        params: [debateId],
      },
    ]);
    const counts: Counts = { pro: 0, con: 0, neutral: 0 };
    for (const row of (tallies ?? []) as { side: keyof Counts; n: number }[]) counts[row.side] = row.n;
    return {
      debate: toDebate(debates?.[0] as DebateRow),
      counts,
      arguments: ((argumentRows ?? []) as ArgumentRow[]).map(toArgument),
      votes: (votes ?? []) as VoteRecord[],
      history: (history ?? []) as VoteEventRecord[],
    };
  }

  async debatesOfWorkspace(scope: WorkspaceScope) {
    return (
      this.stmt('SELECT id, uid, anonymous FROM debates WHERE platform = ? AND workspace_id = ?').all(
        scope.platform,
        scope.workspaceId,
      ) as { id: number; uid: string; anonymous: number }[]
    ).map((row) => ({ id: row.id, uid: row.uid, anonymous: row.anonymous === 1 }));
  }
}
