// One guarded change of a debate's row (its status, closing note, second round): the row locked,
// the delivery key and the core's check decided in the same transaction, then the change.
import type { DebateRecord } from '../../domain/records.ts';
import { ok, type Result } from '../../domain/result.ts';
import type { Check, Delivery } from '../ports/writes.ts';
import { type DebateRow, toDebate } from '../shared/rows.ts';
import { claimDelivery, deliveryHandled } from './deliveries.ts';
import type { PostgresSession, Query } from './session.ts';

const DEBATE_FOR_UPDATE = 'SELECT * FROM debates WHERE id = $1 FOR UPDATE';

export interface DebateChange extends Delivery {
  debateId: number;
  at: number;
  check: Check<[debate: DebateRecord]>;
}

export function changeDebate(
  db: PostgresSession,
  input: DebateChange,
  change: (query: Query) => Promise<DebateRow | undefined>,
): Promise<Result<{ debate: DebateRecord; duplicate: boolean }>> {
  return db.transaction(async ({ query }) => {
    const [[row], seen] = await Promise.all([
      query<DebateRow>(DEBATE_FOR_UPDATE, [input.debateId]),
      deliveryHandled(query, input.deliveryKey),
    ]);
    const before = toDebate(row!);
    if (seen) return ok({ debate: before, duplicate: true });
    const checked = input.check(before);
    if (!checked.ok) return checked;
    if (!(await claimDelivery(query, input.deliveryKey, input.at)))
      return ok({ debate: before, duplicate: true });
    return ok({ debate: toDebate((await change(query))!), duplicate: false });
  });
}
