// The SQLite side of instance leases, end announcements and repeated clicks (src/store/ports/leases.ts).
import type Database from 'better-sqlite3';
import type { EndAnnouncementClaim, EndToAnnounce, LeaseStore } from '../ports/leases.ts';
import type { ClickRecord } from '../ports/votes.ts';
import {
  claimIsFree,
  RECORD_CLICK,
  RENEW_LEASE,
  type RecordedClickRow,
  recordedRepeat,
} from '../shared/claims.ts';
import { type DebateRow, toDebate } from '../shared/rows.ts';
import type { GroupCommit } from './group-commit.ts';
import { statementCache } from './statement-cache.ts';

export class SqliteLeases implements LeaseStore {
  private readonly stmt: (sql: string) => Database.Statement;

  constructor(
    db: Database.Database,
    private readonly commits: GroupCommit,
  ) {
    this.stmt = statementCache(db);
  }

  async renewInstanceLease(instance: string, at: number): Promise<void> {
    await this.commits.write(() => this.stmt(RENEW_LEASE('?', '?')).run(instance, at));
  }

  async releaseInstanceLease(instance: string): Promise<void> {
    await this.commits.write(() => this.stmt('DELETE FROM instance_leases WHERE instance = ?').run(instance));
  }

  async claimEndAnnouncements(input: EndAnnouncementClaim): Promise<EndToAnnounce[]> {
    if (input.platforms.length === 0) return [];
    return this.commits.write(() =>
      (
        this.stmt(
          `UPDATE debates SET end_claimed_at = :at, end_claimed_by = :instance, end_attempts = end_attempts + 1
           WHERE id IN (
             SELECT id FROM debates WHERE end_announce_due IS NOT NULL
               AND platform IN (SELECT value FROM json_each(:platforms))
               AND ${claimIsFree('end_claimed_at', 'end_claimed_by', ':stale', ':alive')}
             ORDER BY end_announce_due, id LIMIT :limit)
           RETURNING *`,
        ).all({
          at: input.at,
          instance: input.instance,
          platforms: JSON.stringify(input.platforms),
          stale: input.staleBefore,
          alive: input.aliveSince,
          limit: input.limit,
        }) as (DebateRow & { end_attempts: number })[]
      ).map((row) => ({ debate: toDebate(row), retaken: row.end_attempts > 1 })),
    );
  }

  async completeEndAnnouncement(debateId: number): Promise<void> {
    await this.commits.write(() =>
      this.stmt(
        'UPDATE debates SET end_announce_due = NULL, end_claimed_at = NULL, end_claimed_by = NULL WHERE id = ?',
      ).run(debateId),
    );
  }

  async repeatClick(key: string, at: number, windowMs: number, delivery: string): Promise<boolean> {
    // One statement on its own (autocommit), at once: waiting for the next group commit would put
    // a second commit turn before every click's vote.
    return this.recordClick({ key, at, windowMs, delivery });
  }

  /** Records a click (in the caller's transaction, or on its own); true when it is a repeat. */
  recordClick(click: ClickRecord): boolean {
    const row = this.stmt(RECORD_CLICK('?', '?', '?')).get(click.key, click.at, click.delivery) as
      | RecordedClickRow
      | undefined;
    return recordedRepeat(row, click);
  }

  async pruneClicks(before: number): Promise<void> {
    await this.commits.write(() => this.stmt('DELETE FROM clicks WHERE at < ?').run(before));
  }
}
