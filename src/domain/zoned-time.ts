// Wall-clock time in an IANA zone, read from the platform's time-zone database through Intl.
// No offset table here: every offset comes from Intl.DateTimeFormat for the instant asked about.

/** A calendar date with no zone attached (month 1-12). */
export interface LocalDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** A wall-clock reading in some zone. */
export interface LocalDateTime extends LocalDate {
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** True when the runtime knows this IANA zone name (e.g. "Europe/Paris"). */
export function isValidTimeZone(zone: string): boolean {
  if (zone.trim() === '') return false;
  try {
    formatterFor(zone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock reading of `instant` in `zone`. */
export function localDateTime(zone: string, instant: Date): LocalDateTime {
  const parts = formatterFor(zone).formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes): number => {
    const p = parts.find((x) => x.type === type);
    return p ? Number(p.value) : 0;
  };
  const era = parts.find((x) => x.type === 'era')?.value;
  const y = get('year');
  return {
    year: era === 'BC' || era === 'B' ? 1 - y : y,
    month: get('month'),
    day: get('day'),
    hour: get('hour') % 24,
    minute: get('minute'),
    second: get('second'),
  };
}

/** Offset of `zone` from UTC at `instant`, in milliseconds (Paris in winter: +3,600,000). */
export function offsetAt(zone: string, instant: Date): number {
  const l = localDateTime(zone, instant);
  const asUtc = Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute, l.second);
  const truncated = Math.floor(instant.getTime() / 1000) * 1000;
  return asUtc - truncated;
}

function wallMs(date: LocalDate, hour: number, minute: number): number {
  return Date.UTC(date.year, date.month - 1, date.day, hour, minute, 0, 0);
}

/**
 * The instant at which the wall clock of `zone` reads `date` `hour:minute`.
 *
 * Daylight-saving policy (documented, tested in test/summary/zoned-time.test.ts):
 * - In a fall-back overlap (the wall time happens twice), the FIRST occurrence is returned.
 * - In a spring-forward gap (the wall time never happens), the FIRST VALID INSTANT AFTER THE GAP
 *   is returned, that is the transition itself: 02:30 on 2026-03-08 in America/Toronto gives
 *   03:00 EDT (07:00Z). (croner 10.0.1's nextRun() shifts by the gap instead and gives 03:30;
 *   the sent-ledger makes the scheduler safe with either.)
 */
export function zonedWallTimeToInstant(zone: string, date: LocalDate, hour: number, minute: number): Date {
  const wall = wallMs(date, hour, minute);
  const before = offsetAt(zone, new Date(wall - 2 * DAY));
  const after = offsetAt(zone, new Date(wall + 2 * DAY));
  const candidates = [...new Set([before, after])]
    .map((o) => wall - o)
    .filter((t) => offsetAt(zone, new Date(t)) === wall - t)
    .sort((a, b) => a - b);
  const first = candidates[0];
  if (first !== undefined) return new Date(first);
  // Not found with the offsets two days around: either a gap, or several transitions close
  // together. Scan for a valid reading with the offsets met in the neighbourhood.
  return new Date(firstValidAfterGap(zone, wall));
}

/** The transition instant that ends the gap containing wall time `wall` (ms as if UTC). */
function firstValidAfterGap(zone: string, wall: number): number {
  // The gap instant lies between wall - maxOffset and wall - minOffset; bound with ±18 h.
  let lo = wall - 18 * HOUR; // wall clock there reads earlier than `wall`
  let hi = wall + 18 * HOUR; // wall clock there reads later than `wall`
  const reads = (t: number): number => t + offsetAt(zone, new Date(t));
  // Invariant: reads(lo) < wall <= reads(hi) ... find the first t with reads(t) >= wall.
  while (hi - lo > 1000) {
    const mid = Math.floor((lo + hi) / 2 / 1000) * 1000;
    if (reads(mid) >= wall) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** Adds whole days to a calendar date (no zone involved). */
export function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day) + days * DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** ISO weekday of a calendar date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: LocalDate): number {
  const dow = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  return dow === 0 ? 7 : dow;
}

/** "2026-03-09" for a calendar date. */
export function formatLocalDate(date: LocalDate): string {
  const p = (n: number, w: number) => String(n).padStart(w, '0');
  return `${p(date.year, 4)}-${p(date.month, 2)}-${p(date.day, 2)}`;
}

/** Parses "2026-03-09" into a calendar date; undefined when malformed or impossible. */
export function parseLocalDate(text: string): LocalDate | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  const date = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  return formatLocalDate(addDays(date, 0)) === text ? date : undefined;
}
