// The PostgreSQL side of instance leases, end announcements and repeated clicks (src/store/ports/leases.ts).

import type { EndAnnouncementClaim, EndToAnnounce, LeaseStore } from '../ports/leases.ts';
import {
  claimIsFree,
  RECORD_CLICK,
  RENEW_LEASE,
  type RecordedClickRow,
  recordedRepeat,
} from '../shared/claims.ts';
import { type DebateRow, toDebate } from '../shared/rows.ts';
import type { PostgresSession } from './session.ts';

export class PostgresLeases implements LeaseStore {
  constructor(private readonly db: PostgresSession) {}

  async renewInstanceLease(instance: string, at: number): Promise<void> {
    await this.db.query(RENEW_LEASE('$1', '$2'), [instance, at]);
  }

  async releaseInstanceLease(instance: string): Promise<void> {
    await this.db.query('DELETE FROM instance_leases WHERE instance = $1', [instance]);
  }

  /** Rows another instance is claiming are skipped, not waited for. */
  async claimEndAnnouncements(input: EndAnnouncementClaim): Promise<EndToAnnounce[]> {
    if (input.platforms.length === 0) return [];
    const rows = await this.db.query<DebateRow & { end_attempts: number }>(
      `UPDATE debates SET end_claimed_at = $1, end_claimed_by = $2, end_attempts = end_attempts + 1
       WHERE id IN (
         SELECT id FROM debates WHERE end_announce_due IS NOT NULL AND platform = ANY($3::text[])
           AND ${claimIsFree('end_claimed_at', 'end_claimed_by', '$4', '$5')}
         ORDER BY end_announce_due, id LIMIT $6
         FOR UPDATE SKIP LOCKED)
       RETURNING *`,
      [input.at, input.instance, [...input.platforms], input.staleBefore, input.aliveSince, input.limit],
    );
    return rows.map((row) => ({ debate: toDebate(row), retaken: row.end_attempts > 1 }));
  }

  async completeEndAnnouncement(debateId: number): Promise<void> {
    await this.db.query(
      'UPDATE debates SET end_announce_due = NULL, end_claimed_at = NULL, end_claimed_by = NULL WHERE id = $1',
      [debateId],
    );
  }

  async repeatClick(key: string, at: number, windowMs: number, delivery: string): Promise<boolean> {
    const [row] = await this.db.query<RecordedClickRow>(RECORD_CLICK('$1', '$2', '$3'), [key, at, delivery]);
    return recordedRepeat(row, { at, delivery, windowMs });
  }

  async pruneClicks(before: number): Promise<void> {
    await this.db.query('DELETE FROM clicks WHERE at < $1', [before]);
  }
}
