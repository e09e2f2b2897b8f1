// The weekly summary's picture: the view's debates as a chart model, rendered to a PNG attachment.

import type { Attachment } from '../adapter.ts';
import type { Counts } from '../domain/records.ts';
import type { Language } from '../domain/types.ts';
import { translator } from '../i18n/translate.ts';
import { formatLongDate } from '../views/format.ts';
import { hiddenNoteKey } from '../views/hidden-note.ts';
import type { WeeklySummaryView } from '../views/weekly-summary.ts';
import { renderChartPng, renderChartPngAsync } from './chart-png.ts';
import type { ChartModel, SideCounts } from './chart-svg.ts';

const sides = (c: Counts): SideCounts => ({ pour: c.pro, contre: c.con, neutre: c.neutral });

/** The chart of a summary: one row per listed debate, in the summary's order. */
export function summaryChartModel(view: WeeklySummaryView, language: Language): ChartModel {
  const tr = translator(language);
  // weekStart is already the channel's local date: read it as a calendar day.
  const date = formatLongDate(Date.parse(`${view.weekStart}T00:00:00Z`), language, 'UTC');
  return {
    text: {
      language,
      title: tr('summary.chart_title', { date }),
      caption: tr('summary.chart_numbers'),
      sides: { pour: tr('side.pro'), contre: tr('side.con'), neutre: tr('side.neutral') },
      closed: tr('summary.closed_mark'),
      noVotes: tr('summary.no_votes'),
      more: (count) => tr('summary.more', { count }),
    },
    rows: view.debates.map((d) => ({
      label: tr('list.item', { debate: d.debate.number, topic: d.debate.topic }),
      counts: d.counts && sides(d.counts),
      ...(d.counts ? {} : { hidden: tr(hiddenNoteKey(d.debate, 'fragment')) }),
      shift: d.shift && sides(d.shift),
      closed: d.closedThisWeek,
    })),
    omitted: view.more,
  };
}

/** The chart as a PNG attachment for Publisher.post. */
export function summaryChartAttachment(view: WeeklySummaryView, language: Language): Attachment {
  return {
    filename: `debat-bilan-${view.weekStart}.png`,
    mimeType: 'image/png',
    data: renderChartPng(summaryChartModel(view, language)),
    title: translator(language)('summary.chart_alt'),
  };
}

/** The same attachment, its PNG rendered off the event loop (the weekly pass posts thousands). */
export async function summaryChartAttachmentAsync(
  view: WeeklySummaryView,
  language: Language,
): Promise<Attachment> {
  return {
    filename: `debat-bilan-${view.weekStart}.png`,
    mimeType: 'image/png',
    data: await renderChartPngAsync(summaryChartModel(view, language)),
    title: translator(language)('summary.chart_alt'),
  };
}
