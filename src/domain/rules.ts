// The debate's rules, as pure checks on stored state. Stores call them inside their own
// transaction on the state they just read, so every store applies the same rules atomically.

import { pastReopenWindow, REOPEN_WINDOW_DAYS } from './anonymity.ts';
import type { ArgumentRecord, ChannelSettings, DebateRecord, LastSwitch, TopicRecord } from './records.ts';
import { fail, ok, type Result } from './result.ts';
import type { ChannelScope, DebateStatus } from './types.ts';

const PASS: Result<void> = ok(undefined);

/**
 * A debate is read and changed only from its own channel (its threads carry the channel's id).
 * From elsewhere it is answered exactly like a number that does not exist.
 */
export function reachableFrom(debate: DebateRecord, scope: ChannelScope, asked: number): Result<void> {
  return debate.platform === scope.platform &&
    debate.workspaceId === scope.workspaceId &&
    debate.channelId === scope.channelId
    ? PASS
    : fail('debate.not_found', { debate: asked });
}

/** Open, and its duration (if any) not over at `at`. */
export const isExpired = (debate: DebateRecord, at: number): boolean =>
  debate.status === 'open' && debate.closesAt !== null && debate.closesAt <= at;

/** Votes, arguments, endorsements and ∆ go only to an open debate whose time is not up. */
export const acceptsChanges = (debate: DebateRecord, at: number): Result<void> =>
  debate.status !== 'open' || isExpired(debate, at) ? fail('debate.closed', { debate: debate.number }) : PASS;

export function endorsable(
  debate: DebateRecord,
  argument: ArgumentRecord | undefined,
  number: number,
  endorserKey: string,
  at: number,
): Result<void> {
  const open = acceptsChanges(debate, at);
  if (!open.ok) return open;
  if (!argument) return fail('argument.not_found', { number, debate: debate.number });
  if (argument.withdrawnAt !== null) return fail('argument.withdrawn', { number });
  if (argument.authorKey === endorserKey) return fail('argument.own');
  return PASS;
}

/** Authors withdraw their own arguments; admins any. */
export function withdrawable(
  debate: DebateRecord,
  argument: ArgumentRecord | undefined,
  number: number,
  who: { key: string; isAdmin: boolean },
): Result<void> {
  if (!argument) return fail('argument.not_found', { number, debate: debate.number });
  const own = argument.authorKey !== null && argument.authorKey === who.key;
  if (!own && !who.isAdmin) return fail('rights.withdraw');
  if (argument.withdrawnAt !== null) return fail('argument.withdrawn', { number });
  return PASS;
}

/** A ∆ goes to a live argument of the side the voter just switched to (neutral is no side). */
export function persuasion(
  debate: DebateRecord,
  argument: ArgumentRecord | undefined,
  number: number,
  last: LastSwitch | undefined,
  at: number,
): Result<void> {
  const open = acceptsChanges(debate, at);
  if (!open.ok) return open;
  if (!argument || argument.withdrawnAt !== null)
    return fail('argument.not_found', { number, debate: debate.number });
  const switched =
    last !== undefined &&
    last.oldSide !== null &&
    last.newSide !== null &&
    last.oldSide !== last.newSide &&
    last.newSide !== 'neutral';
  if (!switched) return fail('persuasion.no_switch', { debate: debate.number });
  if (last.newSide !== argument.side) return fail('persuasion.wrong_side', { number });
  return PASS;
}

/**
 * Closing a closed debate, or reopening an open one, is refused with the reason; so is reopening
 * an anonymous debate past its window (its links to its people are, or are about to be, gone).
 */
export function statusChange(debate: DebateRecord, status: DebateStatus, at: number): Result<void> {
  if (status === 'open' && pastReopenWindow(debate, at))
    return fail('debate.reopen_too_late', { debate: debate.number, days: REOPEN_WINDOW_DAYS });
  if (debate.status !== status) return PASS;
  return fail(status === 'closed' ? 'debate.already_closed' : 'debate.already_open', {
    debate: debate.number,
  });
}

/**
 * Authors edit their own live arguments while nobody relies on the text: once endorsed or cited
 * as a ∆, the words others backed stay as they were (withdraw it and post a new one instead).
 */
export function editable(
  debate: DebateRecord,
  argument: ArgumentRecord | undefined,
  number: number,
  authorKey: string,
  at: number,
): Result<void> {
  const open = acceptsChanges(debate, at);
  if (!open.ok) return open;
  if (!argument) return fail('argument.not_found', { number, debate: debate.number });
  if (argument.withdrawnAt !== null) return fail('argument.withdrawn', { number });
  if (argument.authorKey === null || argument.authorKey !== authorKey) return fail('rights.edit');
  if (argument.endorsements > 0 || argument.deltas > 0) return fail('argument.frozen', { number });
  return PASS;
}

/** Whether the list offers its author the edit button (the same rule, without the refusals). */
export const offersEdit = (argument: Pick<ArgumentRecord, 'endorsements' | 'deltas'>): boolean =>
  argument.endorsements === 0 && argument.deltas === 0;

/** A channel may keep the opening of debates to its admins. */
export const mayOpen = (settings: Pick<ChannelSettings, 'openers'>, isAdmin: boolean): Result<void> =>
  settings.openers === 'admins' && !isAdmin ? fail('rights.open') : PASS;

const HOUR_MS = 60 * 60 * 1000;
/** A debate of two days or more is reminded of a day before its end; a shorter one, an hour. */
export const LONG_DEBATE_MS = 48 * HOUR_MS;
export const LONG_REMINDER_MS = 24 * HOUR_MS;
export const SHORT_REMINDER_MS = HOUR_MS;

/**
 * When a debate's reminder falls: `lead` before its end (`--rappel`), by default a day before the
 * end of a debate of two days or more and an hour before a shorter one. None without an end, with
 * `--rappel off`, or when the default lead is the whole debate; an asked lead must fit in it.
 */
export function reminderAt(
  openedAt: number,
  closesAt: number | null,
  lead: number | null | undefined,
): Result<number | null> {
  if (lead === null) return ok(null);
  if (closesAt === null) return lead === undefined ? ok(null) : fail('open.reminder_needs_duration');
  const before = lead ?? (closesAt - openedAt >= LONG_DEBATE_MS ? LONG_REMINDER_MS : SHORT_REMINDER_MS);
  const at = closesAt - before;
  if (at > openedAt) return ok(at);
  return lead === undefined ? ok(null) : fail('open.reminder_needs_duration');
}

/** After this long without a new argument, a one-sided debate is nudged. */
export const NUDGE_QUIET_MS = HOUR_MS;
export const NUDGE_MIN_ARGUMENTS = 3;

/** The side nobody has defended, when the other has three arguments or more; else none. */
export function undefendedSide(counts: { pro: number; con: number }): 'pro' | 'con' | null {
  if (counts.pro >= NUDGE_MIN_ARGUMENTS && counts.con === 0) return 'con';
  if (counts.con >= NUDGE_MIN_ARGUMENTS && counts.pro === 0) return 'pro';
  return null;
}

/** A topic of the queue is endorsed by others than its proposer (again: the endorsement goes). */
export function topicEndorsable(
  topic: TopicRecord | undefined,
  number: number,
  endorserKey: string,
): Result<void> {
  if (!topic || topic.withdrawnAt !== null) return fail('topic.not_found', { number });
  if (topic.proposerKey !== null && topic.proposerKey === endorserKey) return fail('topic.own');
  return PASS;
}

/** Its proposer or an admin takes a topic off the queue. */
export function topicWithdrawable(
  topic: TopicRecord | undefined,
  number: number,
  who: { key: string; isAdmin: boolean },
): Result<void> {
  if (!topic || topic.withdrawnAt !== null) return fail('topic.not_found', { number });
  const own = topic.proposerKey !== null && topic.proposerKey === who.key;
  return own || who.isAdmin ? PASS : fail('rights.topic');
}

/** The debate of the week: the most endorsed topic of the queue, the oldest among equals. */
export const weeklyTopic = (queue: readonly TopicRecord[]): TopicRecord | undefined =>
  queue
    .filter((topic) => topic.withdrawnAt === null)
    .reduce<TopicRecord | undefined>(
      (best, topic) =>
        !best ||
        topic.endorsements > best.endorsements ||
        (topic.endorsements === best.endorsements && topic.number < best.number)
          ? topic
          : best,
      undefined,
    );

/**
 * Common ground: the arguments endorsed by at least one person whose current vote is pour and at
 * least one whose current vote is contre (neutral voters do not count). Ranked by the smaller of
 * the two counts, then the larger, then age (the oldest first).
 */
export function commonGround<T extends { pro: number; con: number; argument: { number: number } }>(
  rows: readonly T[],
): T[] {
  return rows
    .filter((row) => row.pro > 0 && row.con > 0)
    .sort(
      (a, b) =>
        Math.min(b.pro, b.con) - Math.min(a.pro, a.con) ||
        Math.max(b.pro, b.con) - Math.max(a.pro, a.con) ||
        a.argument.number - b.argument.number,
    );
}

const DAY_MS = 24 * HOUR_MS;
/** A two-round debate lasts two days at least: a day blind, a day to reconsider. */
export const TWO_ROUNDS_MIN_MS = 2 * DAY_MS;

/** When the second round of a debate opened at `openedAt` opens: half its duration. */
export function round2At(openedAt: number, closesAt: number | null): Result<number> {
  if (closesAt === null || closesAt - openedAt < TWO_ROUNDS_MIN_MS) return fail('open.two_rounds_duration');
  return ok(openedAt + Math.floor((closesAt - openedAt) / 2));
}

/** `tour2`: an open two-round debate still in its first round. */
export function round2Startable(debate: DebateRecord, at: number): Result<void> {
  const open = acceptsChanges(debate, at);
  if (!open.ok) return open;
  if (!debate.twoRounds) return fail('round2.not_two_rounds', { debate: debate.number });
  if (debate.round2StartedAt !== null) return fail('round2.already', { debate: debate.number });
  return PASS;
}

/** `conclure`: a closing note goes to a closed debate (an open one is closed with it). */
export const concludable = (debate: DebateRecord): Result<void> =>
  debate.status === 'closed' ? PASS : fail('conclude.open', { debate: debate.number });
