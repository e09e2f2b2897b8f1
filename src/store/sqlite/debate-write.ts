// One guarded change of a debate's row (its status, closing note, second round), inside the
// caller's write: the delivery key and the core's check decided on the row just read, then the change.
import type { DebateRecord } from '../../domain/records.ts';
import { ok, type Result } from '../../domain/result.ts';
import type { Check, Delivery } from '../ports/writes.ts';

export interface DebateChange extends Delivery {
  debateId: number;
  at: number;
  check: Check<[debate: DebateRecord]>;
}

export interface DeliveryKeys {
  /** Claims a key (true when new). */
  claim(key: string | undefined, at: number): boolean;
  seen(key: string | undefined): boolean;
}

export function changeDebate(
  read: (debateId: number) => DebateRecord,
  deliveries: DeliveryKeys,
  input: DebateChange,
  change: () => DebateRecord,
): Result<{ debate: DebateRecord; duplicate: boolean }> {
  const before = read(input.debateId);
  if (deliveries.seen(input.deliveryKey)) return ok({ debate: before, duplicate: true });
  const checked = input.check(before);
  if (!checked.ok) return checked;
  deliveries.claim(input.deliveryKey, input.at);
  return ok({ debate: change(), duplicate: false });
}
