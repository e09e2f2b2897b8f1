// Words shared by every renderer of the debate of the week: its rhythm and the duration of a debate.
import type { Language } from '../domain/types.ts';
import type { Translate } from '../i18n/translate.ts';
import { formatDateTime } from './format.ts';
import type { TopicListView } from './types.ts';
import type { WeeklySummaryView } from './weekly-summary.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "5 jours", "36 heures", "90 minutes": the largest whole unit. */
export function durationText(tr: Translate, ms: number): string {
  if (ms % DAY === 0) return tr('duration.days', { count: ms / DAY });
  if (ms % HOUR === 0) return tr('duration.hours', { count: ms / HOUR });
  return tr('duration.minutes', { count: Math.round(ms / MINUTE) });
}

/** "Débat de la semaine : le lundi à 09:00, pour 5 jours" (or that there is none). */
export function rhythmSetting(
  tr: Translate,
  rhythm: { day: number; time: string; durationMs: number } | null,
): string {
  if (!rhythm) return tr('settings.rhythm_off');
  return tr('settings.rhythm', {
    day: tr(`day.${rhythm.day}` as 'day.0'),
    time: rhythm.time,
    duration: durationText(tr, rhythm.durationMs),
  });
}

/** The line under the queue: when the most endorsed topic opens next, in the channel's zone. */
export function topicsRhythmLine(tr: Translate, language: Language, view: TopicListView): string {
  if (!view.rhythm || view.next === null) return tr('topics.no_rhythm');
  return tr('topics.rhythm', {
    day: tr(`day.${view.rhythm.day}` as 'day.0'),
    time: view.rhythm.time,
    duration: durationText(tr, view.rhythm.durationMs),
    date: formatDateTime(view.next, language, view.timezone),
  });
}

/** The weekly summary's line about the next debate of the week, or none without a rhythm. */
export function nextWeeklyLine(
  tr: Translate,
  language: Language,
  view: WeeklySummaryView,
): string | undefined {
  const next = view.nextWeekly;
  if (!next) return undefined;
  const date = formatDateTime(next.at, language, view.timezone);
  return next.topic === null
    ? tr('summary.next_weekly_empty', { date })
    : tr('summary.next_weekly', { date, topic: next.topic });
}
