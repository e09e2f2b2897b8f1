// What an anonymous debate keeps of its people and its times (README, "Privacy"). The link
// between a vote and its voter lasts while the debate may still be reopened: past that window
// the store destroys it. Times are kept to the day, in the channel's zone: no finer time, and so
// no order within a day.
import type { DebateRecord } from './records.ts';
import { localDateTime, zonedWallTimeToInstant } from './zoned-time.ts';

const DAY_MS = 24 * 3_600_000;

/** How long an ended anonymous debate may still be reopened; then its links are destroyed. */
export const REOPEN_WINDOW_MS = 7 * DAY_MS;
export const REOPEN_WINDOW_DAYS = REOPEN_WINDOW_MS / DAY_MS;

/** Whether an ended debate is past its reopening window at `at` (anonymous debates only). */
export const pastReopenWindow = (
  debate: Pick<DebateRecord, 'anonymous' | 'status' | 'closedAt'>,
  at: number,
): boolean =>
  debate.anonymous &&
  debate.status === 'closed' &&
  debate.closedAt !== null &&
  at - debate.closedAt > REOPEN_WINDOW_MS;

const midnight = (at: number, zone: string): number =>
  zonedWallTimeToInstant(zone, localDateTime(zone, new Date(at)), 0, 0).getTime();

/** Each zone's current day, [start, end): the vote path asks for it at every anonymous vote. */
const days = new Map<string, { start: number; end: number }>();

/** The midnight that starts `at`'s day in `zone`. */
export function startOfDay(at: number, zone: string): number {
  const day = days.get(zone);
  if (day && at >= day.start && at < day.end) return day.start;
  const start = midnight(at, zone);
  // The next midnight, whatever the day's length (23 or 25 hours on a change of summer time).
  days.set(zone, { start, end: midnight(start + 36 * 3_600_000, zone) });
  return start;
}

/** The time a vote, a change of side or an endorsement is kept with: to the day when anonymous. */
export const keptTime = (debate: Pick<DebateRecord, 'anonymous'>, at: number, zone: string): number =>
  debate.anonymous ? startOfDay(at, zone) : at;
