// A channel's summary settings resolved against the configured defaults.

import type { ChannelDefaults } from '../domain/defaults.ts';
import type { ChannelSettings } from '../domain/records.ts';
import type { Language } from '../domain/types.ts';
import { isValidTimeZone } from '../domain/zoned-time.ts';
import type { SummaryRequest } from './build-summary.ts';
import {
  DEFAULT_SUMMARY_SCHEDULE,
  type SummarySchedule,
  type SummaryWeek,
  summaryWindow,
  weekContaining,
  windowAsOf,
} from './period.ts';
import { scheduleOf } from './summary-at.ts';

export interface ChannelSchedule {
  zone: string;
  schedule: SummarySchedule;
  language: Language;
  /** `/debat config bilan off`: no weekly post (`/debat bilan` still works). */
  off: boolean;
}

/** The channel's zone, schedule and language; a bad stored value falls back to the default. */
export function resolveChannelSchedule(
  settings: ChannelSettings,
  defaults: ChannelDefaults,
): ChannelSchedule {
  const zone = [settings.timezone, defaults.timezone, 'UTC'].find(
    (z): z is string => typeof z === 'string' && isValidTimeZone(z),
  )!;
  const schedule =
    scheduleOf(settings.summaryDay ?? defaults.summaryDay, settings.summaryTime ?? defaults.summaryTime) ??
    scheduleOf(defaults.summaryDay, defaults.summaryTime) ??
    DEFAULT_SUMMARY_SCHEDULE;
  return { zone, schedule, language: settings.language ?? defaults.language, off: settings.summaryOff };
}

/** The weekly post of `week`: activity between the previous scheduled instant and this one. */
export function weeklyRequest(channel: ChannelSchedule, week: SummaryWeek): SummaryRequest {
  const w = summaryWindow(week, channel.schedule);
  return {
    mode: 'weekly',
    timezone: channel.zone,
    weekStart: week.weekStart,
    window: { from: w.from.getTime(), to: w.to.getTime() },
  };
}

/** The week so far at `now` (`/debat bilan`): from the latest scheduled instant until now. */
export function soFarRequest(channel: ChannelSchedule, now: Date): SummaryRequest {
  const w = windowAsOf(channel.zone, channel.schedule, now);
  return {
    mode: 'soFar',
    timezone: channel.zone,
    weekStart: weekContaining(channel.zone, now, channel.schedule).weekStart,
    window: { from: w.from.getTime(), to: w.to.getTime() },
  };
}
