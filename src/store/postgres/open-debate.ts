// Opening a debate on PostgreSQL, inside a transaction the caller holds (a `lancer`, or the
// weekly opening of the debate of the week, which takes its slot and topic in the same one).
import type { DebateRecord } from '../../domain/records.ts';
import type { OpenDebateInput } from '../ports/debates.ts';
import { type DebateRow, toDebate } from '../shared/rows.ts';
import type { Query } from './session.ts';

/** Opens a debate inside the caller's transaction. */
export async function insertDebate(
  query: Query,
  input: OpenDebateInput,
): Promise<{ debate: DebateRecord; duplicate: boolean }> {
  const { scope } = input;
  // Numbers are per workspace: one opening at a time in a workspace, across the fleet.
  await query('SELECT pg_advisory_xact_lock(hashtext($1))', [`open:${scope.platform}:${scope.workspaceId}`]);
  if (input.deliveryKey !== undefined) {
    const [earlier] = await query<DebateRow>('SELECT * FROM debates WHERE open_delivery = $1', [
      input.deliveryKey,
    ]);
    if (earlier) return { debate: toDebate(earlier), duplicate: true };
  }
  const [row] = await query<DebateRow>(
    `INSERT INTO debates (uid, platform, workspace_id, channel_id, number, topic, opener_key, opener_name,
       anonymous, hidden, opened_at, closes_at, open_delivery, remind_at, two_rounds, round2_at)
     SELECT $1, $2, $3, $4, coalesce(max(number), 0) + 1, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15
     FROM debates WHERE platform = $2 AND workspace_id = $3
     RETURNING *`,
    [
      input.uid,
      scope.platform,
      scope.workspaceId,
      scope.channelId,
      input.topic,
      input.openerKey,
      input.openerName,
      input.anonymous,
      input.hidden,
      input.at,
      input.closesAt,
      input.deliveryKey ?? null,
      input.remindAt ?? null,
      input.twoRounds === true,
      input.round2At ?? null,
    ],
  );
  return { debate: toDebate(row!), duplicate: false };
}
