import { fold } from './fold.ts';

const MINUTE = 60_000;
const UNITS: Record<string, number> = {
  min: MINUTE,
  mn: MINUTE,
  m: MINUTE,
  minute: MINUTE,
  minutes: MINUTE,
  h: 60 * MINUTE,
  heure: 60 * MINUTE,
  heures: 60 * MINUTE,
  hour: 60 * MINUTE,
  hours: 60 * MINUTE,
  j: 24 * 60 * MINUTE,
  jour: 24 * 60 * MINUTE,
  jours: 24 * 60 * MINUTE,
  d: 24 * 60 * MINUTE,
  day: 24 * 60 * MINUTE,
  days: 24 * 60 * MINUTE,
  sem: 7 * 24 * 60 * MINUTE,
  semaine: 7 * 24 * 60 * MINUTE,
  semaines: 7 * 24 * 60 * MINUTE,
  w: 7 * 24 * 60 * MINUTE,
  week: 7 * 24 * 60 * MINUTE,
  weeks: 7 * 24 * 60 * MINUTE,
};
export const DURATION_MIN_MS = MINUTE;
export const DURATION_MAX_MS = 366 * 24 * 60 * MINUTE;

/** `30min`, `48h`, `7j`/`7d`, `2sem`/`2w` → milliseconds; undefined when malformed or out of range. */
export function parseDuration(word: string): number | undefined {
  const match = /^(\d{1,6})\s*([a-z]+)$/.exec(fold(word.trim()));
  if (!match) return undefined;
  const unit = Object.hasOwn(UNITS, match[2]!) ? UNITS[match[2]!] : undefined;
  if (unit === undefined) return undefined;
  const ms = Number(match[1]) * unit;
  return ms >= DURATION_MIN_MS && ms <= DURATION_MAX_MS ? ms : undefined;
}
