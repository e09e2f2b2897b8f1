// The SQLite side of closing notes, common ground and two-round debates (src/store/ports/endings.ts).
import type Database from 'better-sqlite3';
import type { CommonGroundRecord, DebateRecord, RoundsRecord } from '../../domain/records.ts';
import type { Result } from '../../domain/result.ts';
import type { ChannelScope } from '../../domain/types.ts';
import type { ClosingNoteInput, EndingStore, Round2Input } from '../ports/endings.ts';
import type { ReminderClaimInput } from '../ports/keep-alive.ts';
import { claimIsFree } from '../shared/claims.ts';
import { type DebateRow, toDebate } from '../shared/rows.ts';
import { changeDebate, type DeliveryKeys } from './debate-write.ts';
import { endorserSidesStatement, roundsStatements, toEndorserSides, toRounds } from './ending-reads.ts';
import type { GroupCommit } from './group-commit.ts';
import { readTogether } from './reader.ts';
import { statementCache } from './statement-cache.ts';

export class SqliteEndings implements EndingStore {
  private readonly stmt: (sql: string) => Database.Statement;

  constructor(
    private readonly db: Database.Database,
    private readonly commits: GroupCommit,
    /** The store's delivery keys: claim (true when new) and read. */
    private readonly deliveries: DeliveryKeys,
  ) {
    this.stmt = statementCache(db);
  }

  private readonly read = (debateId: number): DebateRecord =>
    toDebate(this.stmt('SELECT * FROM debates WHERE id = ?').get(debateId) as DebateRow);

  async lastClosedDebate(scope: ChannelScope): Promise<DebateRecord | undefined> {
    const row = this.stmt(
      `SELECT * FROM debates WHERE platform = ? AND workspace_id = ? AND channel_id = ? AND status = 'closed'
       ORDER BY closed_at DESC, id DESC LIMIT 1`,
    ).get(scope.platform, scope.workspaceId, scope.channelId) as DebateRow | undefined;
    return row && toDebate(row);
  }

  async setClosingNote(
    input: ClosingNoteInput,
  ): Promise<Result<{ debate: DebateRecord; duplicate: boolean }>> {
    return this.commits.write(() =>
      changeDebate(this.read, this.deliveries, input, () => {
        this.stmt('UPDATE debates SET closing_note = ? WHERE id = ?').run(input.note, input.debateId);
        return this.read(input.debateId);
      }),
    );
  }

  /** Off the event loop when there is a file: a debate of thousands of endorsements reads for 100 ms. */
  async endorserSides(debateId: number): Promise<CommonGroundRecord[]> {
    const [rows] = await readTogether(this.db, [endorserSidesStatement(debateId)]);
    return toEndorserSides(rows ?? []);
  }

  /** Keeps the first round's votes and marks the second round open (inside a write). */
  private openRound2(debateId: number, at: number): void {
    if (this.read(debateId).round2StartedAt !== null) return;
    this.stmt(
      `INSERT INTO first_round_votes (debate_id, voter_key, side)
       SELECT debate_id, voter_key, side FROM votes WHERE debate_id = ? ON CONFLICT DO NOTHING`,
    ).run(debateId);
    this.stmt('UPDATE debates SET round2_started_at = ? WHERE id = ?').run(at, debateId);
  }

  async startRound2(input: Round2Input): Promise<Result<{ debate: DebateRecord; duplicate: boolean }>> {
    return this.commits.write(() =>
      changeDebate(this.read, this.deliveries, input, () => {
        this.openRound2(input.debateId, input.at);
        this.stmt(
          `UPDATE debates SET round2_at = ?, halftime_claimed_at = ?, halftime_posted_at = ? WHERE id = ?`,
        ).run(input.at, input.at, input.at, input.debateId);
        return this.read(input.debateId);
      }),
    );
  }

  async claimHalftimes(input: ReminderClaimInput): Promise<DebateRecord[]> {
    return this.commits.write(() => {
      const claimed = this.stmt(
        `UPDATE debates SET halftime_claimed_at = :at, halftime_claimed_by = :instance
         WHERE id IN (
           SELECT id FROM debates
           WHERE two_rounds = 1 AND status = 'open' AND halftime_posted_at IS NULL AND round2_at <= :at
             AND ${claimIsFree('halftime_claimed_at', 'halftime_claimed_by', ':stale', ':alive')}
             AND platform IN (SELECT value FROM json_each(:platforms))
           ORDER BY round2_at LIMIT :limit)
         RETURNING id`,
      ).all({
        at: input.at,
        stale: input.staleBefore,
        alive: input.aliveSince,
        instance: input.instance,
        platforms: JSON.stringify(input.platforms),
        limit: input.limit,
      }) as { id: number }[];
      return claimed.map(({ id }) => {
        this.openRound2(id, input.at);
        return this.read(id);
      });
    });
  }

  async completeHalftime(debateId: number, at: number): Promise<void> {
    this.stmt('UPDATE debates SET halftime_posted_at = ? WHERE id = ? AND halftime_posted_at IS NULL').run(
      at,
      debateId,
    );
  }

  async rounds(debateId: number): Promise<RoundsRecord | undefined> {
    return toRounds(await readTogether(this.db, roundsStatements(debateId)));
  }
}
