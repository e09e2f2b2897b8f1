// Numbers, shares and dates as each language writes them, in the channel's time zone. Every
// renderer (terminal, Slack, Discord, the chart, exports) formats through here, so they agree.

import type { Language } from '../domain/types.ts';
import { offsetAt } from '../domain/zoned-time.ts';

const LOCALES: Record<Language, string> = { fr: 'fr-FR', en: 'en-GB' };
const numbers: Record<Language, Intl.NumberFormat> = {
  fr: new Intl.NumberFormat(LOCALES.fr),
  en: new Intl.NumberFormat(LOCALES.en),
};

/** "1 234" in French, "1,234" in English. */
export const formatCount = (n: number, language: Language): string => numbers[language].format(n);

/** A whole percentage: "67 %" in French, "67%" in English. */
export const formatPercent = (percent: number, language: Language): string =>
  language === 'fr' ? `${formatCount(percent, language)} %` : `${formatCount(percent, language)}%`;

/** A side's votes and share: "2 (67 %)", "2 (67%)". */
export const formatShare = (count: number, percent: number, language: Language): string =>
  `${formatCount(count, language)} (${formatPercent(percent, language)})`;

const dateFormats = new Map<string, Intl.DateTimeFormat>();
function dateFormat(language: Language, zone: string, options: Intl.DateTimeFormatOptions) {
  const key = `${language}|${zone}|${JSON.stringify(options)}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(LOCALES[language], { ...options, timeZone: zone });
    if (dateFormats.size > 500) dateFormats.clear();
    dateFormats.set(key, format);
  }
  return format;
}

/** Intl's parts, with the French ordinal of the first day of a month ("1er déc."). */
function formatParts(ms: number, language: Language, zone: string, options: Intl.DateTimeFormatOptions) {
  return dateFormat(language, zone, options)
    .formatToParts(ms)
    .map((part) => (language === 'fr' && part.type === 'day' && part.value === '1' ? '1er' : part.value))
    .join('');
}

/**
 * A moment in the channel's zone: "mar. 1er déc., 16:05" / "Tue 1 Dec, 16:05"; with the year,
 * "mar. 1er déc. 2026, 16:05" / "Tue, 1 Dec 2026, 16:05".
 */
export function formatDateTime(ms: number, language: Language, zone: string, withYear = false): string {
  return formatParts(ms, language, zone, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    ...(withYear ? { year: 'numeric' } : {}),
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** A day in the channel's zone: "1er décembre 2026" / "1 December 2026". */
export function formatLongDate(ms: number, language: Language, zone: string): string {
  return formatParts(ms, language, zone, { day: 'numeric', month: 'long', year: 'numeric' });
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The local calendar day and time in `zone`, for files: { day: "2026-12-01", time: "16:05" }. */
export function localStamp(ms: number, zone: string): { day: string; time: string } {
  const parts = Object.fromEntries(
    dateFormat('en', zone, {
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      hourCycle: 'h23',
    })
      .formatToParts(ms)
      .map((part) => [part.type, part.value]),
  );
  return {
    day: `${parts.year}-${pad(Number(parts.month))}-${pad(Number(parts.day))}`,
    time: `${pad(Number(parts.hour))}:${pad(Number(parts.minute))}`,
  };
}

const QUARTER_HOUR = 15 * 60_000;

/**
 * `localStamp` for the many moments of one export: Intl is asked for the zone's offset twice per
 * quarter hour used (at its start and its last second), not once per moment; the day and time
 * are then plain arithmetic. A quarter hour whose two offsets differ (a change of time inside
 * it), or a year outside 1000–9999, is stamped by `localStamp` itself.
 */
export function localStamper(zone: string): (ms: number) => { day: string; time: string } {
  const offsets = new Map<number, number | null>();
  const offsetOf = (quarter: number): number | null => {
    let offset = offsets.get(quarter);
    if (offset === undefined) {
      const start = quarter * QUARTER_HOUR;
      const first = offsetAt(zone, new Date(start));
      offset = first === offsetAt(zone, new Date(start + QUARTER_HOUR - 1000)) ? first : null;
      offsets.set(quarter, offset);
    }
    return offset;
  };
  return (ms) => {
    const offset = offsetOf(Math.floor(ms / QUARTER_HOUR));
    const local = offset === null ? undefined : new Date(ms + offset);
    const year = local?.getUTCFullYear() ?? 0;
    if (!local || year < 1000 || year > 9999) return localStamp(ms, zone);
    return {
      day: `${year}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}`,
      time: `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`,
    };
  };
}
