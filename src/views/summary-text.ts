// Text pieces of the weekly summary that every renderer needs the same way (terminal, Slack,
// Discord): the period, the shift since the last summary. Plain text; escape for your platform.

import type { Counts } from '../domain/records.ts';
import type { Language } from '../domain/types.ts';
import { type Translate, translator } from '../i18n/translate.ts';
import { formatDateTime } from './format.ts';
import type { WeeklySummaryView } from './weekly-summary.ts';

/** "+3", "−2" (minus sign), "±0". */
export function signed(n: number): string {
  if (n > 0) return `+${n}`;
  if (n < 0) return `−${-n}`;
  return '±0';
}

/** "Pour +3 · Contre −1 · Neutre ±0". */
export function shiftText(shift: Counts, tr: Translate): string {
  return (['pro', 'con', 'neutral'] as const)
    .map((side) => `${tr(`side.${side}`)} ${signed(shift[side])}`)
    .join(' · ');
}

/** "ven. 6 mars, 16:00", "mar. 1er déc., 16:00" in the channel's zone. */
export const summaryDate = (at: number, language: Language, timezone: string): string =>
  formatDateTime(at, language, timezone);

/** The title line: "Bilan de la semaine · du ven. 6 mars, 16:00 au ven. 13 mars, 16:00". */
export function summaryTitle(view: WeeklySummaryView, language: Language): string {
  const tr = translator(language);
  const period = tr('summary.period', {
    from: summaryDate(view.from, language, view.timezone),
    to: summaryDate(view.to, language, view.timezone),
  });
  return `${tr(view.mode === 'weekly' ? 'summary.title' : 'summary.title_so_far')} · ${period}`;
}

/** "2 débats actifs · 14 votes exprimés cette semaine, changements compris · 5 nouveaux arguments · 2 changements d’avis". */
export function summaryTotals(view: WeeklySummaryView, tr: Translate): string {
  return [
    tr('summary.debates', { count: view.totals.debates }),
    tr('summary.vote_events', { count: view.totals.voteEvents }),
    tr('summary.new_arguments', { count: view.totals.newArguments }),
    tr('summary.opinion_changes', { count: view.totals.opinionChanges }),
  ].join(' · ');
}
