// Parsing and formatting of a weekly summary time: "vendredi 16:00", "fri 16:00", "16h30",
// "Friday at 4pm", "ven. 16h". Used for DEBAT_SUMMARY_AT and `/debat config bilan <jour> <heure>`.
// Accents and case are optional; French and English day names, full or abbreviated.

import type { IsoWeekday, SummarySchedule } from './period.ts';

export type SummaryAtResult =
  | { readonly ok: true; readonly value: SummarySchedule }
  | { readonly ok: false; readonly error: { readonly code: 'summary.at.invalid'; readonly text: string } };

const DAY_NAMES: Record<string, IsoWeekday> = {
  lundi: 1,
  lun: 1,
  mardi: 2,
  mar: 2,
  mercredi: 3,
  mer: 3,
  jeudi: 4,
  jeu: 4,
  vendredi: 5,
  ven: 5,
  vend: 5,
  samedi: 6,
  sam: 6,
  dimanche: 7,
  dim: 7,
  monday: 1,
  mon: 1,
  tuesday: 2,
  tue: 2,
  tues: 2,
  wednesday: 3,
  wed: 3,
  thursday: 4,
  thu: 4,
  thur: 4,
  thurs: 4,
  friday: 5,
  fri: 5,
  saturday: 6,
  sat: 6,
  sunday: 7,
  sun: 7,
};

/** Words allowed between a day and a time: "vendredi à 16h", "friday at 4pm". */
const FILLERS = new Set(['a', 'at', '@']);

const TIME = /^(\d{1,2})(?:(?:[:h])(\d{2})?)?(am|pm)?$/;

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Day name (fr or en, full or abbreviated, trailing dot allowed) to ISO weekday. */
export function parseWeekday(word: string): IsoWeekday | undefined {
  return DAY_NAMES[fold(word).replace(/\.$/, '')];
}

/** "16:00", "16h30", "16h", "4pm", "4:30pm" to hour and minute. */
export function parseTimeOfDay(word: string): { hour: number; minute: number } | undefined {
  const m = TIME.exec(fold(word));
  if (!m) return undefined;
  let hour = Number(m[1]);
  const minute = m[2] === undefined ? 0 : Number(m[2]);
  const meridiem = m[3];
  if (meridiem) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (meridiem === 'pm' ? 12 : 0);
  }
  if (hour > 23 || minute > 59) return undefined;
  return { hour, minute };
}

/**
 * Parses a summary time. Without a day ("16h30") the day of `fallback` is kept; without a time
 * ("vendredi") the time of `fallback` is kept.
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
      weekday = day;
      continue;
    }
    const t = parseTimeOfDay(w);
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

/** "vendredi 16:00" / "Friday 16:00": the day name from Intl in the given language. */
export function formatSummaryAt(schedule: SummarySchedule, locale: 'fr' | 'en'): string {
  // 2024-01-01 was a Monday.
  const day = new Date(Date.UTC(2024, 0, schedule.weekday));
  const name = new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(day);
  const hh = String(schedule.hour).padStart(2, '0');
  const mm = String(schedule.minute).padStart(2, '0');
  return `${name} ${hh}:${mm}`;
}
