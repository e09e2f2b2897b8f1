import { describe, expect, it } from 'vitest';
import { DEFAULT_SUMMARY_SCHEDULE } from '../../src/summary/period.ts';
import {
  formatSummaryAt,
  isoFromSundayFirst,
  parseHhMm,
  parseSummaryAt,
  scheduleOf,
  sundayFirstFromIso,
  timeOf,
} from '../../src/summary/summary-at.ts';

const parse = (text: string) => parseSummaryAt(text, DEFAULT_SUMMARY_SCHEDULE);

describe('DEBAT_SUMMARY_AT parsing', () => {
  it.each([
    ['vendredi 16:00', { weekday: 5, hour: 16, minute: 0 }],
    ['fri 16:00', { weekday: 5, hour: 16, minute: 0 }],
    ['Friday 16:00', { weekday: 5, hour: 16, minute: 0 }],
    ['16h30', { weekday: 5, hour: 16, minute: 30 }],
    ['lundi 9h', { weekday: 1, hour: 9, minute: 0 }],
    ['LUNDI 09H15', { weekday: 1, hour: 9, minute: 15 }],
    ['mercredi à 12h00', { weekday: 3, hour: 12, minute: 0 }],
    ['ven. 8:05', { weekday: 5, hour: 8, minute: 5 }],
    ['dimanche 02:30', { weekday: 7, hour: 2, minute: 30 }],
    ['sunday at 4pm', { weekday: 7, hour: 16, minute: 0 }],
    ['thu 4:30 pm', { weekday: 4, hour: 16, minute: 30 }],
    ['tue 12am', { weekday: 2, hour: 0, minute: 0 }],
    ['16:00 samedi', { weekday: 6, hour: 16, minute: 0 }],
    ['jeudi', { weekday: 4, hour: 16, minute: 0 }],
    ['  mardi   7:45 ', { weekday: 2, hour: 7, minute: 45 }],
  ])('%s', (text, expected) => {
    expect(parse(text)).toEqual({ ok: true, value: expected });
  });

  it.each([
    '',
    'demain 16:00',
    'vendredi 25:00',
    'vendredi 16:60',
    'vendredi samedi',
    '16:00 17:00',
    'fri 13pm',
    'vendredi 16:00 extra',
  ])('rejects %j', (text) => {
    expect(parse(text)).toEqual({ ok: false, error: { code: 'summary.at.invalid', text } });
  });

  it('keeps the fallback day for a bare time and the fallback time for a bare day', () => {
    expect(parseSummaryAt('9h', { weekday: 2, hour: 10, minute: 0 })).toEqual({
      ok: true,
      value: { weekday: 2, hour: 9, minute: 0 },
    });
    expect(parseSummaryAt('sam', { weekday: 2, hour: 10, minute: 20 })).toEqual({
      ok: true,
      value: { weekday: 6, hour: 10, minute: 20 },
    });
  });

  it('stored form (day 0 = Sunday, "HH:MM") to schedule and back', () => {
    expect(scheduleOf(5, '16:00')).toEqual({ weekday: 5, hour: 16, minute: 0 });
    expect(scheduleOf(0, '02:30')).toEqual({ weekday: 7, hour: 2, minute: 30 });
    expect(scheduleOf(7, '02:30')).toBeUndefined();
    expect(scheduleOf(1, '24:00')).toBeUndefined();
    expect(parseHhMm('9:00')).toBeUndefined();
    expect([isoFromSundayFirst(0), sundayFirstFromIso(7), sundayFirstFromIso(5)]).toEqual([7, 0, 5]);
    expect(timeOf({ weekday: 1, hour: 9, minute: 5 })).toBe('09:05');
  });

  it('formats in both languages', () => {
    expect(formatSummaryAt(DEFAULT_SUMMARY_SCHEDULE, 'fr')).toBe('vendredi 16:00');
    expect(formatSummaryAt(DEFAULT_SUMMARY_SCHEDULE, 'en')).toBe('Friday 16:00');
    expect(formatSummaryAt({ weekday: 7, hour: 2, minute: 5 }, 'fr')).toBe('dimanche 02:05');
    expect(formatSummaryAt({ weekday: 1, hour: 9, minute: 0 }, 'en')).toBe('Monday 09:00');
  });
});
