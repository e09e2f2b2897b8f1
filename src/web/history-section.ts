// The weekly summaries' history of the debate: the weekly chart itself (src/summary/chart-svg.ts),
// one row per summary instead of one per debate, and the same figures as a table.
import type { Counts } from '../domain/records.ts';
import type { Translate } from '../i18n/translate.ts';
import type { PageModel } from '../page/model.ts';
import {
  CHART_MAX_ROWS,
  type ChartModel,
  chartSvg,
  formatShift,
  type SideCounts,
} from '../summary/chart-svg.ts';
import { hiddenNoteKey } from '../views/hidden-note.ts';
import { calendarDate, number, text } from './html.ts';

const sides = (c: Counts): SideCounts => ({ pour: c.pro, contre: c.con, neutre: c.neutral });

function historyChart(model: PageModel, tr: Translate): string {
  const weeks = model.history ?? [];
  // The newest weeks, oldest first: the chart reads downwards in time like the table.
  const shown = weeks.slice(-CHART_MAX_ROWS);
  const chart: ChartModel = {
    text: {
      language: model.language,
      title: tr('page.history_chart', { debate: model.debate.number }),
      sides: { pour: tr('side.pro'), contre: tr('side.con'), neutre: tr('side.neutral') },
      closed: tr('summary.closed_mark'),
      noVotes: tr('summary.no_votes'),
      more: (count) => tr('page.more_weeks', { count }),
    },
    rows: shown.map((week) => ({
      label: tr('page.week_of', { date: calendarDate(model.language, week.weekStart) }),
      counts: sides(week.counts),
      shift: week.shift && sides(week.shift),
      closed: false,
    })),
    omitted: weeks.length - shown.length,
  };
  // The weekly chart is a standalone document: inline, it needs no XML prolog and gets a role.
  return chartSvg(chart).replace('<svg ', `<svg role="img" aria-label="${text(chart.text.title)}" `);
}

function historyTable(model: PageModel, tr: Translate): string {
  const head = [tr('page.week'), tr('side.pro'), tr('side.con'), tr('side.neutral')]
    .map((label, i) => `<th scope="col"${i > 0 ? ' class="n"' : ''}>${text(label)}</th>`)
    .join('');
  const cell = (count: number, shift: number | undefined) =>
    `<td class="n">${number(model.language, count)}${shift === undefined ? '' : ` (${formatShift(shift)})`}</td>`;
  const rows = [...(model.history ?? [])]
    .reverse()
    .map(
      (week) =>
        `<tr><td>${text(calendarDate(model.language, week.weekStart, 'short'))}</td>${cell(week.counts.pro, week.shift?.pro)}${cell(week.counts.con, week.shift?.con)}${cell(week.counts.neutral, week.shift?.neutral)}</tr>`,
    )
    .join('');
  return `<table><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>`;
}

export function historySection(model: PageModel, tr: Translate): string {
  const title = `<h2>${text(tr('page.history'))}</h2>`;
  if (model.history === null)
    return `<section id="history">${title}<p class="note">${text(tr(hiddenNoteKey(model.debate)))}</p></section>`;
  if (model.history.length === 0)
    return `<section id="history">${title}<p class="note">${text(tr('page.history_empty'))}</p></section>`;
  return `<section id="history">${title}<p class="note">${text(tr('page.history_intro'))}</p><figure>${historyChart(model, tr)}</figure>${historyTable(model, tr)}</section>`;
}
