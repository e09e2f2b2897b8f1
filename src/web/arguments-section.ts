// Every argument, pro and con side by side, the most endorsed first; then the ∆ log.
import type { Side } from '../domain/types.ts';
import type { Translate } from '../i18n/translate.ts';
import type { PageModel, PersuasionRow } from '../page/model.ts';
import { hiddenNoteKey } from '../views/hidden-note.ts';
import type { ArgumentItem } from '../views/types.ts';
import { text, userText } from './html.ts';

function argumentLine(item: ArgumentItem, tr: Translate, deltasVisible: boolean): string {
  const counts = [
    tr('argument.endorsements', { count: item.endorsements }),
    ...(deltasVisible ? [tr('argument.deltas', { count: item.deltas })] : []),
    ...(item.authorName === null ? [] : [tr('argument.by', { name: item.authorName })]),
    ...(item.edited ? [tr('argument.edited')] : []),
  ];
  return `<li id="argument-${item.number}"><span class="number">${text(tr('page.number', { number: item.number }))}</span><span dir="auto">${userText(item.text)}</span><span class="counts">${counts.map(text).join(' · ')}</span></li>`;
}

/**
 * Arguments shown per side, the most endorsed first; the rest are in the downloads. A page stays
 * readable and light (a debate may hold up to LIMITS.argumentsPerDebate).
 */
export const PAGE_ARGUMENTS_PER_SIDE = 100;

function column(side: Side, items: readonly ArgumentItem[], tr: Translate, deltasVisible: boolean): string {
  const shown = items.slice(0, PAGE_ARGUMENTS_PER_SIDE);
  const list = shown.length
    ? `<ol class="arguments">${shown.map((item) => argumentLine(item, tr, deltasVisible)).join('')}</ol>`
    : `<p class="note">${text(tr('arguments.empty'))}</p>`;
  const more =
    items.length > shown.length
      ? `<p class="note"><a href="#downloads">${text(tr('page.arguments_more', { count: items.length - shown.length }))}</a></p>`
      : '';
  return `<div class="side ${side}"><h3>${text(tr(`side.${side}`))} (${items.length})</h3>${list}${more}</div>`;
}

export function argumentsSection(model: PageModel, tr: Translate): string {
  return `<section id="arguments"><h2>${text(tr('page.arguments'))}</h2><p class="note">${text(tr('page.arguments_order'))}</p><div class="sides">${column('pro', model.arguments.pro, tr, model.flowsVisible)}${column('con', model.arguments.con, tr, model.flowsVisible)}</div></section>`;
}

function persuasionLine(row: PersuasionRow, model: PageModel, tr: Translate): string {
  const { argument } = row;
  const flows = model.flowsVisible
    ? `<ul class="flows">${row.flows
        .map(
          (flow) =>
            `<li>${text(tr('page.flow', { from: tr(`side.${flow.from}`), to: tr(`side.${flow.to}`), count: flow.people }))}</li>`,
        )
        .join('')}</ul>`
    : '';
  return `<li><a href="#argument-${argument.number}" class="number">${text(tr('page.number', { number: argument.number }))}</a><span class="${argument.side}-text">${text(tr(`side.${argument.side}`))}</span> · <span dir="auto">${userText(argument.text)}</span><span class="counts">${text(tr('page.delta_people', { count: row.people }))}</span>${flows}</li>`;
}

export function persuasionSection(model: PageModel, tr: Translate): string {
  // While results are hidden, the log is not shown at all: only that it waits for them.
  if (!model.flowsVisible)
    return `<section id="deltas"><h2>${text(tr('page.deltas'))}</h2><p class="note">${text(tr(hiddenNoteKey(model.debate, 'deltas')))}</p></section>`;
  const body = model.persuasion.length
    ? `<ol class="arguments">${model.persuasion.map((row) => persuasionLine(row, model, tr)).join('')}</ol>`
    : `<p class="note">${text(tr('page.deltas_empty'))}</p>`;
  return `<section id="deltas"><h2>${text(tr('page.deltas'))}</h2>${body}</section>`;
}
