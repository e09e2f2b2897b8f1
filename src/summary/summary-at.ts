// Parsing and formatting of a weekly summary time: "vendredi 16:00", "fri 16:00", "16h30",
// "Friday at 4pm", "ven. 16h". Used for DEBAT_SUMMARY_AT. Day and time words are read by the
// command grammar's own parsers (src/commands/weekly-time.ts), so the setting and the command
// `/debat config bilan <jour> <heure>` accept the same words.

import { fold } from '../commands/fold.ts';
import { parseTimeOfDay, parseWeekday } from '../commands/weekly-time.ts';
import type { IsoWeekday, SummarySchedule } from './period.ts';

export type SummaryAtResult =
  | { readonly ok: true; readonly value: SummarySchedule }
  | { readonly ok: false; readonly error: { readonly code: 'summary.at.invalid'; readonly text: string } };

/** Words allowed between a day and a time: "vendredi à 16h", "friday at 4pm". */
const FILLERS = new Set(['a', 'at', '@']);

/** 0 (Sunday) … 6, as the grammar and the channels table store it, to ISO 1 (Monday) … 7. */
export const isoFromSundayFirst = (day: number): IsoWeekday => (day === 0 ? 7 : day) as IsoWeekday;
/** ISO 1 (Monday) … 7 to 0 (Sunday) … 6. */
export const sundayFirstFromIso = (day: IsoWeekday): number => day % 7;

/** "16:00" → { hour: 16, minute: 0 }; undefined when malformed. */
export function parseHhMm(time: string): { hour: number; minute: number } | undefined {
  const m = /^(\d{2}):(\d{2})$/.exec(time);
  if (!m) return undefined;
  const hour = Number(m[1]);
  const minute = Number(m[2]);
  return hour < 24 && minute < 60 ? { hour, minute } : undefined;
}

/** A schedule from the stored form: day 0 (Sunday) … 6 and "HH:MM". */
export function scheduleOf(day: number, time: string): SummarySchedule | undefined {
  const hm = parseHhMm(time);
  if (!hm || !Number.isInteger(day) || day < 0 || day > 6) return undefined;
  return { weekday: isoFromSundayFirst(day), ...hm };
}

/**
 * Parses a summary time. Without a day ("16h30") the day of `fallback` is kept; without a time
 * ("vendredi") the time of `fallback` is kept. Day and time may come in either order.
 */
export function parseSummaryAt(text: string, fallback: SummarySchedule): SummaryAtResult {
  const fail: SummaryAtResult = { ok: false, error: { code: 'summary.at.invalid', text } };
  // "4 pm" → "4pm" so that the time is one word.
  const words = fold(text)
    .replace(/(\d)\s+(am|pm)\b/g, '$1$2')
    .split(/[\s,]+/)
    .filter((w) => w !== '' && !FILLERS.has(w));
  if (words.length === 0 || words.length > 2) return fail;
  let weekday: IsoWeekday | undefined;
  let time: { hour: number; minute: number } | undefined;
  for (const w of words) {
    const day = parseWeekday(w);
    if (day !== undefined && weekday === undefined) {
      weekday = isoFromSundayFirst(day);
      continue;
    }
    const hhmm = parseTimeOfDay(w);
    const t = hhmm === undefined ? undefined : parseHhMm(hhmm);
    if (t !== undefined && time === undefined) {
      time = t;
      continue;
    }
    return fail;
  }
  return {
    ok: true,
    value: {
      weekday: weekday ?? fallback.weekday,
      hour: time?.hour ?? fallback.hour,
      minute: time?.minute ?? fallback.minute,
    },
  };
}

/** "HH:MM" of a schedule. */
export const timeOf = (schedule: SummarySchedule): string =>
  `${String(schedule.hour).padStart(2, '0')}:${String(schedule.minute).padStart(2, '0')}`;

/** "vendredi 16:00" / "Friday 16:00": the day name from Intl in the given language. */
export function formatSummaryAt(schedule: SummarySchedule, locale: 'fr' | 'en'): string {
  // 2024-01-01 was a Monday.
  const day = new Date(Date.UTC(2024, 0, schedule.weekday));
  const name = new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(day);
  return `${name} ${timeOf(schedule)}`;
}
