import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  formatLocalDate,
  isoWeekday,
  isValidTimeZone,
  localDateTime,
  offsetAt,
  parseLocalDate,
  zonedWallTimeToInstant,
} from '../../src/domain/zoned-time.ts';

const at = (zone: string, date: string, hour: number, minute: number) =>
  zonedWallTimeToInstant(zone, parseLocalDate(date)!, hour, minute).toISOString();

describe('zone names', () => {
  it('accepts IANA zones and rejects others', () => {
    expect(isValidTimeZone('Europe/Paris')).toBe(true);
    expect(isValidTimeZone('America/Toronto')).toBe(true);
    expect(isValidTimeZone('Asia/Tokyo')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
  });
});

describe('offsets from Intl', () => {
  it('reads winter and summer offsets', () => {
    expect(offsetAt('Europe/Paris', new Date('2026-01-15T12:00:00Z'))).toBe(3_600_000);
    expect(offsetAt('Europe/Paris', new Date('2026-07-15T12:00:00Z'))).toBe(7_200_000);
    expect(offsetAt('America/Toronto', new Date('2026-01-15T12:00:00Z'))).toBe(-5 * 3_600_000);
    expect(offsetAt('America/Toronto', new Date('2026-07-15T12:00:00Z'))).toBe(-4 * 3_600_000);
    expect(offsetAt('Asia/Tokyo', new Date('2026-07-15T12:00:00Z'))).toBe(9 * 3_600_000);
  });
});

describe('wall time to instant', () => {
  it('ordinary times', () => {
    expect(at('Europe/Paris', '2026-03-27', 16, 0)).toBe('2026-03-27T15:00:00.000Z');
    expect(at('Europe/Paris', '2026-04-03', 16, 0)).toBe('2026-04-03T14:00:00.000Z');
    expect(at('America/Toronto', '2026-03-06', 16, 0)).toBe('2026-03-06T21:00:00.000Z');
    expect(at('America/Toronto', '2026-03-13', 16, 0)).toBe('2026-03-13T20:00:00.000Z');
    expect(at('Asia/Tokyo', '2026-03-08', 2, 30)).toBe('2026-03-07T17:30:00.000Z');
  });

  it('spring-forward gap: the first valid instant after the gap (America/Toronto, 2026-03-08)', () => {
    expect(at('America/Toronto', '2026-03-08', 1, 59)).toBe('2026-03-08T06:59:00.000Z');
    // 02:00-02:59 do not exist; all of them map to 03:00 EDT, the transition instant.
    expect(at('America/Toronto', '2026-03-08', 2, 0)).toBe('2026-03-08T07:00:00.000Z');
    expect(at('America/Toronto', '2026-03-08', 2, 30)).toBe('2026-03-08T07:00:00.000Z');
    expect(at('America/Toronto', '2026-03-08', 2, 59)).toBe('2026-03-08T07:00:00.000Z');
    expect(at('America/Toronto', '2026-03-08', 3, 0)).toBe('2026-03-08T07:00:00.000Z');
    expect(at('America/Toronto', '2026-03-08', 3, 30)).toBe('2026-03-08T07:30:00.000Z');
  });

  it('spring-forward gap (Europe/Paris, 2026-03-29)', () => {
    expect(at('Europe/Paris', '2026-03-29', 1, 30)).toBe('2026-03-29T00:30:00.000Z');
    expect(at('Europe/Paris', '2026-03-29', 2, 30)).toBe('2026-03-29T01:00:00.000Z');
    expect(at('Europe/Paris', '2026-03-29', 3, 0)).toBe('2026-03-29T01:00:00.000Z');
  });

  it('fall-back overlap: the first occurrence (America/Toronto, 2026-11-01)', () => {
    // 01:30 happens at 05:30Z (EDT) and again at 06:30Z (EST).
    expect(at('America/Toronto', '2026-11-01', 1, 30)).toBe('2026-11-01T05:30:00.000Z');
    expect(at('America/Toronto', '2026-11-01', 2, 30)).toBe('2026-11-01T07:30:00.000Z');
  });

  it('fall-back overlap: the first occurrence (Europe/Paris, 2026-10-25)', () => {
    expect(at('Europe/Paris', '2026-10-25', 2, 30)).toBe('2026-10-25T00:30:00.000Z');
    expect(at('Europe/Paris', '2026-10-25', 3, 30)).toBe('2026-10-25T02:30:00.000Z');
  });

  it('round-trips every instant outside the overlap, in several zones', () => {
    const zones = ['Europe/Paris', 'America/Toronto', 'Asia/Tokyo', 'Australia/Lord_Howe', 'Asia/Kolkata'];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: Date.UTC(2024, 0, 1) / 60_000, max: Date.UTC(2028, 0, 1) / 60_000 }),
        (zone, minutes) => {
          const instant = new Date(minutes * 60_000);
          const l = localDateTime(zone, instant);
          const back = zonedWallTimeToInstant(zone, l, l.hour, l.minute);
          // Either the same instant, or (overlap) an earlier instant reading the same wall time.
          expect(back.getTime()).toBeLessThanOrEqual(instant.getTime());
          const again = localDateTime(zone, back);
          expect([again.year, again.month, again.day, again.hour, again.minute]).toEqual([
            l.year,
            l.month,
            l.day,
            l.hour,
            l.minute,
          ]);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('calendar dates', () => {
  it('adds days across months, years and leap days', () => {
    expect(formatLocalDate(addDays({ year: 2028, month: 2, day: 28 }, 1))).toBe('2028-02-29');
    expect(formatLocalDate(addDays({ year: 2026, month: 12, day: 28 }, 7))).toBe('2027-01-04');
    expect(formatLocalDate(addDays({ year: 2026, month: 3, day: 2 }, -7))).toBe('2026-02-23');
  });
  it('ISO weekday', () => {
    expect(isoWeekday({ year: 2026, month: 3, day: 2 })).toBe(1);
    expect(isoWeekday({ year: 2026, month: 3, day: 8 })).toBe(7);
  });
  it('parses only real dates', () => {
    expect(parseLocalDate('2026-03-09')).toEqual({ year: 2026, month: 3, day: 9 });
    expect(parseLocalDate('2026-02-30')).toBeUndefined();
    expect(parseLocalDate('26-3-9')).toBeUndefined();
  });
});
