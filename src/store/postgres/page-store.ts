import type { Counts } from '../../domain/records.ts';
import type { OpinionBucket, PageData, PageLinkRecord, PageStore, PersuasionFlow } from '../ports/pages.ts';
import type { DebateSnapshot } from '../ports/summary.ts';
import { PAGE_LINK_SELECT, type PageLinkRow, toPageLink } from '../shared/page-link.ts';
import { ARGUMENT_SELECT, type ArgumentRow, type DebateRow, toArgument, toDebate } from '../shared/rows.ts';
import { readEndorserSides, readRounds } from './endings.ts';
import type { PostgresSession } from './session.ts';

/** The debate page's reads and its link versions, on PostgreSQL. */
export class PostgresPageStore implements PageStore {
  constructor(private readonly db: PostgresSession) {}

  async pageLink(uid: string): Promise<PageLinkRecord | undefined> {
    const [row] = await this.db.query<PageLinkRow>(`${PAGE_LINK_SELECT} WHERE d.uid = $1`, [uid]);
    return row && toPageLink(row);
  }

  async pageVersion(debateId: number): Promise<number> {
    const [row] = await this.db.query<{ version: number }>(
      'SELECT version FROM debate_pages WHERE debate_id = $1',
      [debateId],
    );
    return row?.version ?? 1;
  }

  async revokePages(debateId: number): Promise<number> {
    const [row] = await this.db.query<{ version: number }>(
      `INSERT INTO debate_pages (debate_id, version) VALUES ($1, 2)
       ON CONFLICT (debate_id) DO UPDATE SET version = debate_pages.version + 1 RETURNING version`,
      [debateId],
    );
    return row!.version;
  }

  pageData(debateId: number, spanMs: number): Promise<PageData | undefined> {
    return this.db.read(async (query) => {
      const [debate, tallies, opinion, persuasion, snapshots, args, sides, rounds] = await Promise.all([
        query<DebateRow>('SELECT * FROM debates WHERE id = $1', [debateId]),
        query<{ side: keyof Counts; n: number }>(
          'SELECT side, count(*) AS n FROM votes WHERE debate_id = $1 GROUP BY side',
          [debateId],
        ),
        // A vote event adds one to its new side and takes one from its old side.
        query<OpinionBucket>(
          `SELECT (at / $2) * $2 AS "from",
             count(*) FILTER (WHERE new_side = 'pro') - count(*) FILTER (WHERE old_side = 'pro') AS pro,
             count(*) FILTER (WHERE new_side = 'con') - count(*) FILTER (WHERE old_side = 'con') AS con,
             count(*) FILTER (WHERE new_side = 'neutral') - count(*) FILTER (WHERE old_side = 'neutral') AS neutral,
             count(*) FILTER (WHERE old_side IS NOT NULL AND new_side IS NOT NULL) AS switches
           FROM vote_events WHERE debate_id = $1 GROUP BY at / $2 ORDER BY 1`,
          [debateId, spanMs],
        ),
        query<PersuasionFlow>(
          `SELECT a.number AS argument, e.old_side AS "from", e.new_side AS "to", count(*) AS people
           FROM vote_events e JOIN arguments a ON a.id = e.persuaded_by
           WHERE e.debate_id = $1 AND e.old_side IS NOT NULL AND e.new_side IS NOT NULL
           GROUP BY a.number, e.old_side, e.new_side ORDER BY a.number, e.old_side, e.new_side`,
          [debateId],
        ),
        query<{ week_start: string; as_of: number; taken_at: number } & Counts>(
          `SELECT week_start, as_of, taken_at, pro, con, neutral FROM summary_snapshots
           WHERE debate_id = $1 ORDER BY as_of, week_start`,
          [debateId],
        ),
        query<ArgumentRow>(
          `${ARGUMENT_SELECT} WHERE a.debate_id = $1 AND a.withdrawn_at IS NULL ORDER BY a.number`,
          [debateId],
        ),
        readEndorserSides(query, debateId),
        readRounds(query, debateId),
      ]);
      if (!debate[0]) return undefined;
      const counts: Counts = { pro: 0, con: 0, neutral: 0 };
      for (const tally of tallies) counts[tally.side] = tally.n;
      return {
        debate: toDebate(debate[0]),
        counts,
        arguments: args.map(toArgument),
        opinion,
        persuasion,
        snapshots: snapshots.map(
          (s): DebateSnapshot => ({
            debateId,
            weekStart: s.week_start,
            asOf: s.as_of,
            takenAt: s.taken_at,
            counts: { pro: s.pro, con: s.con, neutral: s.neutral },
          }),
        ),
        sides,
        rounds,
      };
    });
  }
}
