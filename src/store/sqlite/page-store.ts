import type Database from 'better-sqlite3';
import type { Counts } from '../../domain/records.ts';
import type { OpinionBucket, PageData, PageLinkRecord, PageStore, PersuasionFlow } from '../ports/pages.ts';
import type { DebateSnapshot } from '../ports/summary.ts';
import { PAGE_LINK_SELECT, type PageLinkRow, toPageLink } from '../shared/page-link.ts';
import { ARGUMENT_SELECT, type ArgumentRow, type DebateRow, toArgument, toDebate } from '../shared/rows.ts';
import { endorserSidesStatement, roundsStatements, toEndorserSides, toRounds } from './ending-reads.ts';
import { type ReadStatement, readTogether } from './reader.ts';
import { statementCache } from './statement-cache.ts';

/** The debate page's reads and its link versions, on the bot's SQLite database. */
export class SqlitePageStore implements PageStore {
  private readonly stmt: (sql: string) => Database.Statement;
  private readonly bump: (debateId: number) => number;

  constructor(private readonly db: Database.Database) {
    this.stmt = statementCache(db);
    const bump = db.transaction((debateId: number): number => {
      const row = this.stmt(
        `INSERT INTO debate_pages (debate_id, version) VALUES (?, 2)
         ON CONFLICT (debate_id) DO UPDATE SET version = version + 1 RETURNING version`,
      ).get(debateId) as { version: number };
      return row.version;
    });
    this.bump = (debateId) => bump.immediate(debateId);
  }

  async pageLink(uid: string): Promise<PageLinkRecord | undefined> {
    const row = this.stmt(`${PAGE_LINK_SELECT} WHERE d.uid = ?`).get(uid) as PageLinkRow | undefined;
    return row && toPageLink(row);
  }

  async pageVersion(debateId: number): Promise<number> {
    const row = this.stmt('SELECT version FROM debate_pages WHERE debate_id = ?').get(debateId) as
      | { version: number }
      | undefined;
    return row?.version ?? 1;
  }

  async revokePages(debateId: number): Promise<number> {
    return this.bump(debateId);
  }

  async pageData(debateId: number, spanMs: number): Promise<PageData | undefined> {
    // A debate of a thousand arguments and a hundred thousand votes reads for a good part of a
    // second: on the reading thread when there is a file, every part in one transaction.
    return assemblePage(debateId, await readTogether(this.db, pageStatements(debateId, spanMs)));
  }
}

/** The page's reads, in the order `assemblePage` takes their rows. */
function pageStatements(debateId: number, spanMs: number): ReadStatement[] {
  return [
    { sql: 'SELECT * FROM debates WHERE id = ?', params: [debateId] },
    { sql: 'SELECT side, count(*) AS n FROM votes WHERE debate_id = ? GROUP BY side', params: [debateId] },
    // A vote event adds one to its new side and takes one from its old side (IS: never NULL).
    // The span is bound as an integer: a JS number is bound as REAL and would not round `at` down.
    {
      sql: `SELECT (at / @span) * @span AS "from",
         sum(new_side IS 'pro') - sum(old_side IS 'pro') AS pro,
         sum(new_side IS 'con') - sum(old_side IS 'con') AS con,
         sum(new_side IS 'neutral') - sum(old_side IS 'neutral') AS neutral,
         sum(old_side IS NOT NULL AND new_side IS NOT NULL) AS switches
       FROM vote_events WHERE debate_id = @debate GROUP BY at / @span ORDER BY 1`,
      params: { debate: debateId, span: BigInt(spanMs) },
    },
    {
      sql: `SELECT a.number AS argument, e.old_side AS "from", e.new_side AS "to", count(*) AS people
         FROM arguments a JOIN vote_events e ON e.persuaded_by = a.id
         WHERE a.debate_id = ? AND e.old_side IS NOT NULL AND e.new_side IS NOT NULL
         GROUP BY a.number, e.old_side, e.new_side ORDER BY a.number, e.old_side, e.new_side`,
      params: [debateId],
    },
    {
      sql: `SELECT week_start, as_of, taken_at, pro, con, neutral FROM summary_snapshots
         WHERE debate_id = ? ORDER BY as_of, week_start`,
      params: [debateId],
    },
    {
      sql: `${ARGUMENT_SELECT} WHERE a.debate_id = ? AND a.withdrawn_at IS NULL ORDER BY a.number`,
      params: [debateId],
    },
    endorserSidesStatement(debateId),
    ...roundsStatements(debateId),
  ];
}

interface SnapshotRow {
  week_start: string;
  as_of: number;
  taken_at: number;
  pro: number;
  con: number;
  neutral: number;
}

/** The page's content from the rows of `pageStatements` (read together). */
function assemblePage(debateId: number, rows: readonly unknown[][]): PageData | undefined {
  const [debates, tallies, opinion, persuasion, snapshots, argumentRows, sides, ...rounds] = rows;
  const row = debates?.[0] as DebateRow | undefined;
  if (!row) return undefined;
  const counts: Counts = { pro: 0, con: 0, neutral: 0 };
  for (const tally of (tallies ?? []) as { side: keyof Counts; n: number }[]) counts[tally.side] = tally.n;
  return {
    debate: toDebate(row),
    counts,
    arguments: ((argumentRows ?? []) as ArgumentRow[]).map(toArgument),
    opinion: (opinion ?? []) as OpinionBucket[],
    persuasion: (persuasion ?? []) as PersuasionFlow[],
    snapshots: ((snapshots ?? []) as SnapshotRow[]).map(
      (s): DebateSnapshot => ({
        debateId,
        weekStart: s.week_start,
        asOf: s.as_of,
        takenAt: s.taken_at,
        counts: { pro: s.pro, con: s.con, neutral: s.neutral },
      }),
    ),
    sides: toEndorserSides(sides ?? []),
    rounds: toRounds(rounds),
  };
}
