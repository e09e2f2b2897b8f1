import { createHmac } from 'node:crypto';
import type { Command } from '../commands/command.ts';
import { fail, ok, type Result, type UserError } from '../domain/result.ts';
import type { ChannelScope, Invocation, Language } from '../domain/types.ts';
import type { MessageKey, MessageParams } from '../i18n/translate.ts';
import type { PageLinks } from '../page/links.ts';
import type { DebateRecord, DebateStore } from '../store/ports.ts';
import type { Reply, View } from '../views/types.ts';
import type { Clock } from './clock.ts';
import { participantKey } from './identity.ts';
import type { InstanceLease } from './instance-lease.ts';
import type { Logger } from './logger.ts';
import type { Outcome, ScoreboardRefresh } from './outcome.ts';
import { isExpired, reachableFrom } from './rules.ts';

export interface ChannelDefaults {
  language: Language;
  timezone: string;
  summaryDay: number;
  summaryTime: string;
}

export interface EngineDeps {
  store: DebateStore;
  clock: Clock;
  secret: string;
  defaults: ChannelDefaults;
  logger: Logger;
  /** This instance's lease, under which it claims work (reminders, nudges, announcements). */
  lease: InstanceLease;
  /** Signs and checks debate page links (absent: `page` says how to enable pages). */
  pages?: PageLinks | undefined;
}

/**
 * The two languages of an answer: the channel's for public posts, the person's for private ones;
 * and the channel's time zone, in which every date is shown.
 */
export interface Languages {
  public: Language;
  private: Language;
  timezone: string;
}

export type Handler<K extends Command['kind']> = (
  deps: EngineDeps,
  inv: Invocation,
  command: Extract<Command, { kind: K }>,
  languages: Languages,
) => Promise<Outcome>;

export const privately = (languages: Languages, view: View): Reply => ({
  visibility: 'private',
  language: languages.private,
  view,
});
export const publicly = (languages: Languages, view: View): Reply => ({
  visibility: 'public',
  language: languages.public,
  view,
});

export const answer = (reply: Reply, refresh: ScoreboardRefresh[] = []): Outcome => ({
  replies: [reply],
  refresh,
});
export const errorOutcome = (languages: Languages, error: UserError): Outcome =>
  answer(privately(languages, { kind: 'error', error }));
export const noticeView = (key: MessageKey, params: MessageParams = {}): View => ({
  kind: 'notice',
  key,
  params,
});

export const refreshOf = (debate: DebateRecord): ScoreboardRefresh => ({
  scope: { platform: debate.platform, workspaceId: debate.workspaceId, channelId: debate.channelId },
  number: debate.number,
});

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
 * `#id` of this channel, or the channel's most recent open debate. A number from another channel
 * is answered like one that does not exist. A debate whose duration has ended is closed on the
 * spot (and listed in `ended`, for the core to announce), so no vote slips in after the end.
 */
export async function resolveDebate(
  deps: EngineDeps,
  inv: Invocation,
  number: number | undefined,
  ended: DebateRecord[],
): Promise<Result<DebateRecord>> {
  const debate =
    number === undefined ? await deps.store.currentDebate(inv) : await deps.store.findDebate(inv, number);
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

/** An outcome that also carries the debates found ended on the way. */
export const withEnded = (outcome: Outcome, ended: DebateRecord[]): Outcome =>
  ended.length === 0 ? outcome : { ...outcome, ended: [...(outcome.ended ?? []), ...ended] };
