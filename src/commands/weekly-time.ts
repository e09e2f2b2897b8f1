import { fold } from './fold.ts';

const DAYS: Record<string, number> = {
  dimanche: 0,
  dim: 0,
  sunday: 0,
  sun: 0,
  lundi: 1,
  lun: 1,
  monday: 1,
  mon: 1,
  mardi: 2,
  mar: 2,
  tuesday: 2,
  tue: 2,
  tues: 2,
  mercredi: 3,
  mer: 3,
  wednesday: 3,
  wed: 3,
  jeudi: 4,
  jeu: 4,
  thursday: 4,
  thu: 4,
  thur: 4,
  thurs: 4,
  vendredi: 5,
  ven: 5,
  friday: 5,
  fri: 5,
  samedi: 6,
  sam: 6,
  saturday: 6,
  sat: 6,
};

/** A weekday name in French or English (full or short, any case or accents) → 0 (Sunday) … 6. */
export function parseWeekday(word: string): number | undefined {
  const key = fold(word.trim()).replace(/\.$/, '');
  return Object.hasOwn(DAYS, key) ? DAYS[key] : undefined;
}

/** `16:00`, `16h`, `16h30`, `9:05`, `4pm`, `4:30pm` → `HH:MM` (24 h); undefined when not a time. */
export function parseTimeOfDay(word: string): string | undefined {
  const text = fold(word.trim());
  const match = /^(\d{1,2})(?:[:h](\d{2})?)?\s*(am|pm)?$/.exec(text);
  if (
    !match ||
    (match[2] === undefined && match[3] === undefined && !text.includes('h') && !text.includes(':'))
  )
    return undefined;
  let hour = Number(match[1]);
  const minute = match[2] === undefined ? 0 : Number(match[2]);
  if (match[3] !== undefined) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (match[3] === 'pm' ? 12 : 0);
  }
  if (hour > 23 || minute > 59) return undefined;
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

/** A valid IANA zone name, in its canonical spelling; undefined otherwise. */
export function canonicalTimeZone(zone: string): string | undefined {
  if (!/^[A-Za-z0-9_+\-/]{1,64}$/.test(zone)) return undefined;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}
