import { createHmac, randomBytes } from 'node:crypto';
import type { DebateRecord } from '../domain/records.ts';
import type { Invocation } from '../domain/types.ts';

export const generateSecret = (): string => randomBytes(32).toString('base64url');

/**
 * The key under which a person's votes, endorsements and arguments are stored. Anonymous debates
 * keep only an HMAC of (platform, workspace, debate, user): stable within the debate, unreadable
 * without the server secret, and different from one debate to the next.
 */
export function participantKey(
  secret: string,
  debate: Pick<DebateRecord, 'uid' | 'anonymous'>,
  who: Pick<Invocation, 'platform' | 'workspaceId'> & { userId: string },
): string {
  if (!debate.anonymous) return who.userId;
  return createHmac('sha256', secret)
    .update([who.platform, who.workspaceId, debate.uid, who.userId].join('\u0000'))
    .digest('base64url');
}
