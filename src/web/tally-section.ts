// The tally with its bars, and the opinion over time (chart and day-by-day table).
import type { Counts } from '../domain/records.ts';
import type { VoteSide } from '../domain/types.ts';
import type { Translate } from '../i18n/translate.ts';
import type { PageModel } from '../page/model.ts';
import { percentages, totalVotes } from '../views/bars.ts';
import { hiddenNoteKey } from '../views/hidden-note.ts';
import { calendarDate, number, percent, text } from './html.ts';
import { opinionChartSvg } from './opinion-chart.ts';

const SIDES: readonly VoteSide[] = ['pro', 'con', 'neutral'];
const FILL: Record<VoteSide, string> = { pro: '#2e7d32', con: '#c62828', neutral: '#9e9e9e' };

/** A bar drawn in SVG: its width is an attribute, so no inline style is needed. */
const bar = (side: VoteSide, percent: number) =>
  `<svg class="bar" viewBox="0 0 100 4" preserveAspectRatio="none" aria-hidden="true"><rect width="100" height="4" rx="1" fill="#eceff1"/><rect class="fill-${side}" width="${percent}" height="4" rx="1" fill="${FILL[side]}"/></svg>`;

function tallyList(counts: Counts, model: PageModel, tr: Translate): string {
  const share = percentages(counts);
  const rows = SIDES.map(
    (side) =>
      `<li class="side-${side}"><span class="${side}-text">${text(tr(`side.${side}`))}</span>${bar(side, share[side])}<span class="figure">${number(model.language, counts[side])} · ${percent(model.language, share[side])}</span></li>`,
  );
  return `<ul class="tally">${rows.join('')}</ul><p class="note">${text(tr('scoreboard.votes', { count: totalVotes(counts) }))}</p>`;
}

export function tallySection(model: PageModel, tr: Translate): string {
  const body =
    model.counts === null
      ? `<p class="note">${text(tr(hiddenNoteKey(model.debate)))}</p>`
      : totalVotes(model.counts) === 0
        ? `<p class="note">${text(tr('page.no_votes'))}</p>`
        : tallyList(model.counts, model, tr);
  return `<section id="tally"><h2>${text(tr('page.tally'))}</h2>${body}</section>`;
}

function dayTable(model: PageModel, tr: Translate): string {
  const days = model.opinion ?? [];
  const head = [tr('page.day'), tr('side.pro'), tr('side.con'), tr('side.neutral'), tr('page.switches')]
    .map((label, i) => `<th scope="col"${i > 0 ? ' class="n"' : ''}>${text(label)}</th>`)
    .join('');
  // Newest first: the end of a long debate is what a reader looks for.
  const rows = [...days]
    .reverse()
    .map(
      (d) =>
        `<tr><td>${text(calendarDate(model.language, d.date, 'short'))}</td>${[d.counts.pro, d.counts.con, d.counts.neutral, d.switches].map((v) => `<td class="n">${number(model.language, v)}</td>`).join('')}</tr>`,
    )
    .join('');
  return `<details><summary>${text(tr('page.opinion_day_by_day'))}</summary><table><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table></details>`;
}

export function opinionSection(model: PageModel, tr: Translate): string {
  const days = model.opinion ?? [];
  // Nothing to draw before the first vote.
  if (model.counts === null || days.every((d) => totalVotes(d.counts) === 0 && d.switches === 0)) return '';
  const svg = opinionChartSvg(days, {
    title: tr('page.opinion'),
    day: (date) => calendarDate(model.language, date, 'short'),
    switches: tr('page.switches'),
    switchesOn: (date, count) =>
      tr('page.switches_on', { date: calendarDate(model.language, date, 'short'), count }),
  });
  const legend = SIDES.map((side) => `<span class="${side}-text">■ ${text(tr(`side.${side}`))}</span>`).join(
    ' ',
  );
  return `<section id="opinion"><h2>${text(tr('page.opinion'))}</h2><figure>${svg}<figcaption>${legend} · <span class="switch-text">■ ${text(tr('page.switches'))}</span><br>${text(tr('page.opinion_caption'))}</figcaption></figure>${dayTable(model, tr)}</section>`;
}
