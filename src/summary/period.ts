// The summary week of a channel, computed in the channel's zone.
//
// - A week runs from Monday 00:00 local to the next Monday 00:00 local (ISO week); its key in the
//   sent-ledger is the local date of that Monday, "YYYY-MM-DD".
// - The summary of a week is scheduled at the channel's weekday and local time inside that week
//   (default Friday 16:00). DST policy is that of zonedWallTimeToInstant: first occurrence on a
//   fall-back day, first valid instant after the gap on a spring-forward day.
// - A run is due from its scheduled instant until the week ends; after that it is stale
//   (skipped and logged, never posted late into another week).
// - The activity a summary covers is the window between two consecutive scheduled instants:
//   [previous week's scheduled instant, this week's scheduled instant). `/debat bilan` uses
//   [latest scheduled instant before now, now).

import {
  addDays,
  formatLocalDate,
  isoWeekday,
  type LocalDate,
  localDateTime,
  parseLocalDate,
  zonedWallTimeToInstant,
} from '../domain/zoned-time.ts';

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** When a channel's weekly summary goes out, in the channel's zone. */
export interface SummarySchedule {
  readonly weekday: IsoWeekday;
  readonly hour: number;
  readonly minute: number;
}

export const DEFAULT_SUMMARY_SCHEDULE: SummarySchedule = { weekday: 5, hour: 16, minute: 0 };

/** A week of a channel (frozen: weeks are shared through a cache). */
export interface SummaryWeek {
  readonly zone: string;
  /** Local date of the Monday that starts the week: the ledger key. */
  readonly weekStart: string;
  /** Monday 00:00 local. */
  readonly startsAt: Date;
  /** Next Monday 00:00 local (exclusive). */
  readonly endsAt: Date;
  /** When this week's summary is due. */
  readonly scheduledAt: Date;
}

export interface ActivityWindow {
  readonly from: Date;
  readonly to: Date;
}

function mondayOf(date: LocalDate): LocalDate {
  return addDays(date, 1 - isoWeekday(date));
}

// Weeks are asked for again and again (every channel, every tick): remember recent ones.
const memo = new Map<string, SummaryWeek>();
const MEMO_MAX = 20_000;

/** The week that starts on the given local Monday (any date of the week is accepted). */
export function weekStartingOn(zone: string, date: LocalDate, schedule: SummarySchedule): SummaryWeek {
  const monday = mondayOf(date);
  const key = `${zone}|${formatLocalDate(monday)}|${schedule.weekday}|${schedule.hour}|${schedule.minute}`;
  const known = memo.get(key);
  if (known) return known;
  const week = computeWeek(zone, monday, schedule);
  if (memo.size >= MEMO_MAX) memo.clear();
  memo.set(key, week);
  return week;
}

function computeWeek(zone: string, monday: LocalDate, schedule: SummarySchedule): SummaryWeek {
  const nextMonday = addDays(monday, 7);
  const day = addDays(monday, schedule.weekday - 1);
  return Object.freeze({
    zone,
    weekStart: formatLocalDate(monday),
    startsAt: zonedWallTimeToInstant(zone, monday, 0, 0),
    endsAt: zonedWallTimeToInstant(zone, nextMonday, 0, 0),
    scheduledAt: zonedWallTimeToInstant(zone, day, schedule.hour, schedule.minute),
  });
}

/** The week (in `zone`) that contains `instant`. */
export function weekContaining(zone: string, instant: Date, schedule: SummarySchedule): SummaryWeek {
  const local = localDateTime(zone, instant);
  const week = weekStartingOn(zone, local, schedule);
  // Zones whose midnight falls in a gap can start the week a little after 00:00; an instant in
  // that sliver belongs to the previous week.
  if (instant < week.startsAt) return weekStartingOn(zone, addDays(local, -7), schedule);
  return week;
}

/** The week starting on the ledger key "YYYY-MM-DD"; undefined when the key is malformed. */
export function weekFromKey(
  zone: string,
  weekStart: string,
  schedule: SummarySchedule,
): SummaryWeek | undefined {
  const date = parseLocalDate(weekStart);
  return date ? weekStartingOn(zone, date, schedule) : undefined;
}

/** The week `n` weeks after (negative: before) `week`. */
export function shiftWeek(week: SummaryWeek, n: number, schedule: SummarySchedule): SummaryWeek {
  const date = parseLocalDate(week.weekStart);
  if (!date) throw new Error(`bad week key ${week.weekStart}`);
  return weekStartingOn(week.zone, addDays(date, 7 * n), schedule);
}

export type RunState =
  /** This week's scheduled instant has not come yet. */
  | { readonly kind: 'pending'; readonly week: SummaryWeek }
  /** Scheduled instant passed and the week is still running: post it if nobody has. */
  | { readonly kind: 'due'; readonly week: SummaryWeek };

/** Where the channel's run of the current week stands at `now`. */
export function runStateAt(zone: string, schedule: SummarySchedule, now: Date): RunState {
  const week = weekContaining(zone, now, schedule);
  return now >= week.scheduledAt ? { kind: 'due', week } : { kind: 'pending', week };
}

/** The activity a week's summary covers: from last week's scheduled instant to this week's. */
export function summaryWindow(week: SummaryWeek, schedule: SummarySchedule): ActivityWindow {
  return { from: shiftWeek(week, -1, schedule).scheduledAt, to: week.scheduledAt };
}

/** The latest scheduled instant strictly before `instant`. */
export function lastScheduledBefore(zone: string, schedule: SummarySchedule, instant: Date): Date {
  const week = weekContaining(zone, instant, schedule);
  return week.scheduledAt < instant ? week.scheduledAt : shiftWeek(week, -1, schedule).scheduledAt;
}

/**
 * The window of a summary "as of" `at`: [latest scheduled instant before `at`, `at`).
 * At a scheduled instant it is exactly that week's summaryWindow; in between it is the week so
 * far, which is what `/debat bilan` without #id shows.
 */
export function windowAsOf(zone: string, schedule: SummarySchedule, at: Date): ActivityWindow {
  return { from: lastScheduledBefore(zone, schedule, at), to: at };
}

/** The next scheduled instant strictly after `instant` (for logs and `--dry-run`). */
export function nextScheduledAfter(zone: string, schedule: SummarySchedule, instant: Date): Date {
  const week = weekContaining(zone, instant, schedule);
  return week.scheduledAt > instant ? week.scheduledAt : shiftWeek(week, 1, schedule).scheduledAt;
}
