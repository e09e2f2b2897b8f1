// Which debate a command is about, and who may moderate it.
import type { DebateRecord } from '../domain/records.ts';
import { fail, ok, type Result } from '../domain/result.ts';
import { isExpired, reachableFrom } from '../domain/rules.ts';
import type { ChannelScope, Invocation } from '../domain/types.ts';
import type { EngineDeps } from './deps.ts';
import { keyOf } from './keys.ts';

/**
 * What a command without `#id` is about: the channel's most recent open debate (`open`); that or,
 * when none is open, the one closed last (`latest`: an export or a page right after the close);
 * the one closed last (`closed`: reopening).
 */
export type Unnumbered = 'open' | 'latest' | 'closed';

async function unnumbered(deps: EngineDeps, inv: Invocation, which: Unnumbered) {
  if (which === 'closed') return deps.store.lastClosedDebate(inv);
  const open = await deps.store.currentDebate(inv);
  return open ?? (which === 'latest' ? await deps.store.lastClosedDebate(inv) : undefined);
}

/**
 * `#id` of this channel, or the debate `which` names. A number from another channel is answered
 * like one that does not exist. A debate whose duration has ended is closed on the spot (and
 * listed in `ended`, for the core to announce), so no vote slips in after the end.
 */
export async function resolveDebate(
  deps: EngineDeps,
  inv: Invocation,
  number: number | undefined,
  ended: DebateRecord[],
  which: Unnumbered = 'open',
): Promise<Result<DebateRecord>> {
  const debate =
    number === undefined ? await unnumbered(deps, inv, which) : await deps.store.findDebate(inv, number);
  if (!debate && number === undefined && which === 'closed') return fail('debate.none_closed');
  const found = checkTarget(debate, inv, number);
  if (!found.ok) return found;
  if (debate === undefined) return fail('debate.not_found', { debate: number ?? 0 });
  const now = deps.clock.now().getTime();
  if (isExpired(debate, now)) {
    // This debate only: a command here never closes debates of other channels or workspaces.
    ended.push(...(await deps.store.closeExpired(now, { debateId: debate.id })));
    return ok({ ...debate, status: 'closed', closedAt: debate.closesAt });
  }
  return ok(debate);
}

/** What a debate number (or its absence) finds from this channel. */
export function checkTarget(
  debate: DebateRecord | undefined,
  scope: ChannelScope,
  number: number | undefined,
): Result<void> {
  if (!debate)
    return number === undefined ? fail('debate.none_open') : fail('debate.not_found', { debate: number });
  return number === undefined ? ok(undefined) : reachableFrom(debate, scope, number);
}

export const canModerate = (deps: EngineDeps, debate: DebateRecord, inv: Invocation): boolean =>
  inv.user.isAdmin || (debate.openerKey !== null && debate.openerKey === keyOf(deps, debate, inv));
