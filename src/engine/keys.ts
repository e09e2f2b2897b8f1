// The keys a person and a delivery are stored under (HMACs under the anonymity secret).
import { createHmac } from 'node:crypto';
import type { DebateRecord } from '../domain/records.ts';
import type { Invocation } from '../domain/types.ts';
import type { EngineDeps } from './deps.ts';
import { participantKey } from './identity.ts';

export const keyOf = (deps: EngineDeps, debate: DebateRecord, inv: Invocation): string =>
  participantKey(deps.secret, debate, {
    platform: inv.platform,
    workspaceId: inv.workspaceId,
    userId: inv.user.id,
  });

/** The name stored with a vote or an argument: none at all in anonymous debates. */
export const nameFor = (debate: DebateRecord, inv: Invocation): string | null =>
  debate.anonymous ? null : inv.user.name;

/**
 * The stored form of a platform delivery id: an HMAC under the server secret. Delivery ids may
 * carry a user id (Slack's click ids do), and the deliveries table must not name the voters of
 * an anonymous debate.
 */
export function deliveryKey(deps: EngineDeps, inv: Invocation, action: string): string | undefined {
  if (inv.deliveryId === undefined) return undefined;
  // 128 bits of the HMAC tell deliveries apart. A time prefix puts new keys on the last page of
  // the store's index instead of a random one: 14 µs less per click in bench/slack-http.ts.
  const mac = createHmac('sha256', deps.secret)
    .update(`delivery\u0000${inv.platform}:${inv.workspaceId}:${action}:${inv.deliveryId}`)
    .digest()
    .subarray(0, 16)
    .toString('base64url');
  const at = inv.deliveredAt;
  return at !== undefined && Number.isSafeInteger(at) && at > 0
    ? `${at.toString(36).padStart(9, '0')}.${mac}`
    : mac;
}

/**
 * The stored key of a click (the repeat-click rule): an HMAC under the server secret of the
 * person, the message and the button, so the clicks table names no voter of an anonymous debate.
 */
export function clickKey(
  deps: Pick<EngineDeps, 'secret'>,
  inv: Invocation,
  click: { message: string; button: string },
): string {
  return createHmac('sha256', deps.secret)
    .update(
      `click\u0000${inv.platform}:${inv.workspaceId}:${inv.user.id}\u0000${click.message}\u0000${click.button}`,
    )
    .digest()
    .subarray(0, 16)
    .toString('base64url');
}
