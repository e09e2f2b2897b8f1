// Common ground, the two rounds and the closing note on the debate's page: one section each.
import type { Translate } from '../i18n/translate.ts';
import type { PageModel } from '../page/model.ts';
import { sectionLineText, type ViewSection } from '../views/sections.ts';
import { text, userText } from './html.ts';

const IDS: Record<ViewSection['id'], string> = {
  commonGround: 'common-ground',
  rounds: 'rounds',
  closingNote: 'closing-note',
};

function sectionHtml(section: ViewSection, tr: Translate): string {
  const items = section.lines.map((line) => {
    if (line.kind === 'quote') return `<blockquote dir="auto">${userText(line.text)}</blockquote>`;
    if (line.kind === 'text') return `<p>${text(sectionLineText(line, tr))}</p>`;
    const { item } = line;
    return `<p><a href="#argument-${item.number}" class="number">${text(tr('page.number', { number: item.number }))}</a><span class="${item.side}-text">${text(tr(`side.${item.side}`))}</span> · <span dir="auto">${userText(item.text)}</span><span class="counts">${text(sectionLineText(line.note, tr))}</span></p>`;
  });
  return `<section id="${IDS[section.id]}"><h2>${text(tr(section.title))}</h2>${items.join('')}</section>`;
}

export const endingSectionsHtml = (model: PageModel, tr: Translate): string =>
  (model.sections ?? []).map((section) => sectionHtml(section, tr)).join('');
