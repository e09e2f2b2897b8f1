import { Cron } from 'croner';
import { describe, expect, it } from 'vitest';
import { isoWeekday, localDateTime } from '../../src/domain/zoned-time.ts';
import {
  DEFAULT_SUMMARY_SCHEDULE,
  lastScheduledBefore,
  nextScheduledAfter,
  runStateAt,
  type SummarySchedule,
  shiftWeek,
  summaryWindow,
  weekContaining,
  weekFromKey,
  windowAsOf,
} from '../../src/summary/period.ts';

const iso = (d: Date) => d.toISOString();
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/**
 * A test clock walking minute by minute from `from` to `to`, with an in-memory ledger: at each
 * tick, a due run of the current week that is not in the ledger is "posted". This is exactly the
 * scheduler's rule (the ledger, not the timer, decides).
 */
function walk(zone: string, schedule: SummarySchedule, from: string, to: string, stepMs = MIN) {
  const ledger = new Map<string, Date>();
  for (let t = Date.parse(from); t <= Date.parse(to); t += stepMs) {
    const now = new Date(t);
    const state = runStateAt(zone, schedule, now);
    if (state.kind === 'due' && !ledger.has(state.week.weekStart)) ledger.set(state.week.weekStart, now);
  }
  return [...ledger.entries()].map(([week, when]) => ({ week, when: iso(when) }));
}

describe('weeks in the channel zone', () => {
  it('Toronto, the week of the March 2026 change: 167 hours long', () => {
    const w = weekContaining('America/Toronto', new Date('2026-03-08T12:00:00Z'), DEFAULT_SUMMARY_SCHEDULE);
    expect(w.weekStart).toBe('2026-03-02');
    expect(iso(w.startsAt)).toBe('2026-03-02T05:00:00.000Z');
    expect(iso(w.endsAt)).toBe('2026-03-09T04:00:00.000Z');
    expect(w.endsAt.getTime() - w.startsAt.getTime()).toBe(7 * DAY - HOUR);
    expect(iso(w.scheduledAt)).toBe('2026-03-06T21:00:00.000Z'); // Fri 16:00 EST
  });

  it('Toronto, the week of the November 2026 change: 169 hours long', () => {
    const w = weekContaining('America/Toronto', new Date('2026-11-01T12:00:00Z'), DEFAULT_SUMMARY_SCHEDULE);
    expect(w.weekStart).toBe('2026-10-26');
    expect(w.endsAt.getTime() - w.startsAt.getTime()).toBe(7 * DAY + HOUR);
    expect(iso(w.scheduledAt)).toBe('2026-10-30T20:00:00.000Z'); // Fri 16:00 EDT
    expect(iso(shiftWeek(w, 1, DEFAULT_SUMMARY_SCHEDULE).scheduledAt)).toBe('2026-11-06T21:00:00.000Z'); // EST
  });

  it('Paris, March and October/November 2026', () => {
    const s = DEFAULT_SUMMARY_SCHEDULE;
    const march = weekContaining('Europe/Paris', new Date('2026-03-29T12:00:00Z'), s);
    expect(march.weekStart).toBe('2026-03-23');
    expect(iso(march.scheduledAt)).toBe('2026-03-27T15:00:00.000Z');
    expect(iso(shiftWeek(march, 1, s).scheduledAt)).toBe('2026-04-03T14:00:00.000Z');
    const oct = weekContaining('Europe/Paris', new Date('2026-10-25T12:00:00Z'), s);
    expect(oct.weekStart).toBe('2026-10-19');
    expect(oct.endsAt.getTime() - oct.startsAt.getTime()).toBe(7 * DAY + HOUR);
    const nov = weekContaining('Europe/Paris', new Date('2026-11-04T12:00:00Z'), s);
    expect(nov.weekStart).toBe('2026-11-02');
    expect(iso(nov.startsAt)).toBe('2026-11-01T23:00:00.000Z');
    expect(iso(nov.scheduledAt)).toBe('2026-11-06T15:00:00.000Z');
  });

  it('an instant just before local midnight Monday belongs to the previous week', () => {
    const s = DEFAULT_SUMMARY_SCHEDULE;
    const sundayNight = weekContaining('Europe/Paris', new Date('2026-03-08T22:59:59Z'), s);
    const mondayMorning = weekContaining('Europe/Paris', new Date('2026-03-08T23:00:00Z'), s);
    expect(sundayNight.weekStart).toBe('2026-03-02');
    expect(mondayMorning.weekStart).toBe('2026-03-09');
  });

  it('ledger keys round-trip', () => {
    const w = weekFromKey('Asia/Tokyo', '2026-03-02', DEFAULT_SUMMARY_SCHEDULE)!;
    expect(iso(w.startsAt)).toBe('2026-03-01T15:00:00.000Z');
    expect(weekFromKey('Asia/Tokyo', 'nope', DEFAULT_SUMMARY_SCHEDULE)).toBeUndefined();
  });

  it('weeks are contiguous, start on Monday, and hold their scheduled instant, in every zone all year', () => {
    const schedules: SummarySchedule[] = [
      DEFAULT_SUMMARY_SCHEDULE,
      { weekday: 7, hour: 2, minute: 30 },
      { weekday: 1, hour: 0, minute: 0 },
      { weekday: 7, hour: 23, minute: 59 },
    ];
    for (const zone of ['America/Toronto', 'Europe/Paris', 'Asia/Tokyo', 'America/Santiago']) {
      for (const s of schedules) {
        let w = weekContaining(zone, new Date('2026-01-01T00:00:00Z'), s);
        for (let i = 0; i < 53; i++) {
          const next = shiftWeek(w, 1, s);
          expect(iso(next.startsAt)).toBe(iso(w.endsAt));
          expect(w.scheduledAt >= w.startsAt && w.scheduledAt < w.endsAt).toBe(true);
          const local = localDateTime(zone, w.scheduledAt);
          expect(isoWeekday(local)).toBe(s.weekday);
          w = next;
        }
      }
    }
  });
});

describe('agreement with croner 10.0.1 (timezone option)', () => {
  const cronOf = (s: SummarySchedule, zone: string) =>
    new Cron(`0 ${s.minute} ${s.hour} * * ${s.weekday % 7}`, { timezone: zone, paused: true });

  it('gives the same instants as croner on ordinary and fall-back days', () => {
    for (const zone of ['America/Toronto', 'Europe/Paris', 'Asia/Tokyo']) {
      for (const s of [DEFAULT_SUMMARY_SCHEDULE, { weekday: 7, hour: 1, minute: 30 } as const]) {
        const job = cronOf(s, zone);
        let w = weekContaining(zone, new Date('2026-01-05T12:00:00Z'), s);
        for (let i = 0; i < 52; i++) {
          expect(iso(job.nextRun(w.startsAt)!)).toBe(iso(w.scheduledAt));
          w = shiftWeek(w, 1, s);
        }
        job.stop();
      }
    }
  });

  it('differs only in the spring-forward gap, where croner adds the gap length (documented choice)', () => {
    const s: SummarySchedule = { weekday: 7, hour: 2, minute: 30 };
    const job = cronOf(s, 'America/Toronto');
    const w = weekContaining('America/Toronto', new Date('2026-03-08T12:00:00Z'), s);
    expect(iso(w.scheduledAt)).toBe('2026-03-08T07:00:00.000Z'); // ours: 03:00 EDT, first valid instant
    expect(iso(job.nextRun(w.startsAt)!)).toBe('2026-03-08T07:30:00.000Z'); // croner: 03:30 EDT
    job.stop();
  });
});

describe('exactly one run per week on a test clock across DST', () => {
  it('Toronto, Sunday 02:30 on the spring-forward day: once, at 03:00 EDT', () => {
    const runs = walk(
      'America/Toronto',
      { weekday: 7, hour: 2, minute: 30 },
      '2026-03-07T00:00:00Z',
      '2026-03-09T12:00:00Z',
    );
    expect(runs).toEqual([{ week: '2026-03-02', when: '2026-03-08T07:00:00.000Z' }]);
  });

  it('Toronto, Sunday 01:30 on the fall-back day: once, at the first 01:30 (EDT)', () => {
    const runs = walk(
      'America/Toronto',
      { weekday: 7, hour: 1, minute: 30 },
      '2026-10-31T00:00:00Z',
      '2026-11-02T12:00:00Z',
    );
    expect(runs).toEqual([{ week: '2026-10-26', when: '2026-11-01T05:30:00.000Z' }]);
  });

  it('Paris, Sunday 02:30 on the spring-forward day: once, at 03:00 CEST', () => {
    const runs = walk(
      'Europe/Paris',
      { weekday: 7, hour: 2, minute: 30 },
      '2026-03-28T00:00:00Z',
      '2026-03-30T12:00:00Z',
    );
    expect(runs).toEqual([{ week: '2026-03-23', when: '2026-03-29T01:00:00.000Z' }]);
  });

  it('Paris, Sunday 02:30 on the fall-back day: once, at the first 02:30 (CEST)', () => {
    const runs = walk(
      'Europe/Paris',
      { weekday: 7, hour: 2, minute: 30 },
      '2026-10-24T00:00:00Z',
      '2026-10-26T12:00:00Z',
    );
    expect(runs).toEqual([{ week: '2026-10-19', when: '2026-10-25T00:30:00.000Z' }]);
  });

  it('Paris, Friday 16:00 through November: once a week, at 16:00 local', () => {
    const runs = walk(
      'Europe/Paris',
      DEFAULT_SUMMARY_SCHEDULE,
      '2026-10-20T00:00:00Z',
      '2026-11-30T00:00:00Z',
      5 * MIN,
    );
    expect(runs.map((r) => r.when)).toEqual([
      '2026-10-23T14:00:00.000Z',
      '2026-10-30T15:00:00.000Z',
      '2026-11-06T15:00:00.000Z',
      '2026-11-13T15:00:00.000Z',
      '2026-11-20T15:00:00.000Z',
      '2026-11-27T15:00:00.000Z',
    ]);
  });

  it('Tokyo (no DST): every 7 × 24 h exactly, all year', () => {
    const runs = walk(
      'Asia/Tokyo',
      DEFAULT_SUMMARY_SCHEDULE,
      '2026-01-01T00:00:00Z',
      '2026-12-31T00:00:00Z',
      15 * MIN,
    );
    expect(runs).toHaveLength(52);
    expect(runs[0]!.when).toBe('2026-01-02T07:00:00.000Z');
    for (let i = 1; i < runs.length; i++) {
      expect(Date.parse(runs[i]!.when) - Date.parse(runs[i - 1]!.when)).toBe(7 * DAY);
    }
  });

  it('a process waking after downtime across the scheduled time posts once, late, in the same week', () => {
    // Down from Friday 15:00 to Saturday 10:00 (Paris); the first tick after start posts.
    const runs = walk(
      'Europe/Paris',
      DEFAULT_SUMMARY_SCHEDULE,
      '2026-03-28T09:00:00Z',
      '2026-03-28T12:00:00Z',
    );
    expect(runs).toEqual([{ week: '2026-03-23', when: '2026-03-28T09:00:00.000Z' }]);
  });

  it('a wake after the week ended does not post the old week (it is skipped)', () => {
    const state = runStateAt('Europe/Paris', DEFAULT_SUMMARY_SCHEDULE, new Date('2026-03-30T08:00:00Z'));
    expect(state).toMatchObject({ kind: 'pending', week: { weekStart: '2026-03-30' } });
  });
});

describe('activity windows', () => {
  it('a summary covers [last week scheduled, this week scheduled)', () => {
    const s = DEFAULT_SUMMARY_SCHEDULE;
    const w = weekContaining('America/Toronto', new Date('2026-03-12T12:00:00Z'), s);
    const win = summaryWindow(w, s);
    expect(iso(win.from)).toBe('2026-03-06T21:00:00.000Z');
    expect(iso(win.to)).toBe('2026-03-13T20:00:00.000Z');
  });

  it('windowAsOf at the scheduled instant is the summary window; in between it is the week so far', () => {
    const s = DEFAULT_SUMMARY_SCHEDULE;
    const zone = 'Europe/Paris';
    const sched = new Date('2026-04-03T14:00:00Z');
    expect(iso(windowAsOf(zone, s, sched).from)).toBe('2026-03-27T15:00:00.000Z');
    const monday = new Date('2026-04-06T08:00:00Z');
    expect(iso(windowAsOf(zone, s, monday).from)).toBe('2026-04-03T14:00:00.000Z');
    expect(iso(lastScheduledBefore(zone, s, monday))).toBe('2026-04-03T14:00:00.000Z');
    expect(iso(nextScheduledAfter(zone, s, monday))).toBe('2026-04-10T14:00:00.000Z');
    expect(iso(nextScheduledAfter(zone, s, sched))).toBe('2026-04-10T14:00:00.000Z');
  });
});
