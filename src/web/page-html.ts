// The debate's page as one HTML document: no script, one hashed style sheet, SVG charts inline.
import type { Language } from '../domain/types.ts';
import { type Translate, translator } from '../i18n/translate.ts';
import type { PageModel } from '../page/model.ts';
import { argumentsSection, persuasionSection } from './arguments-section.ts';
import { endingSectionsHtml } from './ending-sections.ts';
import { historySection } from './history-section.ts';
import { dateTime, text, userText } from './html.ts';
import { PAGE_CSS } from './style.ts';
import { opinionSection, tallySection } from './tally-section.ts';

const OTHER: Record<Language, Language> = { fr: 'en', en: 'fr' };

function head(title: string): string {
  return `<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex, nofollow, noarchive"><meta name="referrer" content="no-referrer"><link rel="icon" href="data:,"><title>${text(title)}</title><style>${PAGE_CSS}</style></head>`;
}

function header(model: PageModel, tr: Translate): string {
  const { debate, language, timezone } = model;
  const other = OTHER[language];
  const flags = [
    tr(`status.${debate.status}`),
    ...(debate.anonymous ? [tr('word.anonymous')] : []),
    ...(debate.hidden ? [tr('word.hidden')] : []),
  ];
  const when = [
    tr('page.opened_on', { date: dateTime(language, timezone, debate.openedAt) }),
    ...(debate.closedAt !== null && debate.status === 'closed'
      ? [tr('page.closed_on', { date: dateTime(language, timezone, debate.closedAt) })]
      : debate.closesAt !== null
        ? [tr('scoreboard.closes_at', { date: dateTime(language, timezone, debate.closesAt) })]
        : []),
    tr('page.zone', { zone: timezone }),
  ];
  const opener =
    debate.openerName === null
      ? text(tr('scoreboard.opener_anonymous'))
      : text(tr('scoreboard.opener', { name: '\u0000' })).replace('\u0000', userText(debate.openerName));
  return `<header><nav class="lang"><a href="?lang=${other}" hreflang="${other}" lang="${other}">${text(translator(other)('page.language_name'))}</a></nav><p class="kicker">${text([tr('page.number', { number: debate.number }), ...flags].join(' · '))}</p><h1 dir="auto">${userText(debate.topic)}</h1><p class="meta">${opener}</p><p class="meta">${when.map(text).join(' · ')}</p></header>`;
}

function downloads(model: PageModel, token: string, tr: Translate): string {
  const file = (extension: string) => `debat-${model.debate.number}.${extension}`;
  // Relative to /d/<token>: the links work under any base path a reverse proxy adds.
  const link = (extension: string, label: string) =>
    `<li><a href="${text(`${token}/${file(extension)}?lang=${model.language}`)}" download="${file(extension)}">${text(label)}</a></li>`;
  return `<section id="downloads"><h2>${text(tr('page.downloads'))}</h2><ul class="downloads">${link('csv', tr('page.download_csv'))}${link('md', tr('page.download_markdown'))}</ul></section>`;
}

/** The page's parts in order, each built when pulled (a page's work comes in pieces). */
export function* pageHtmlParts(model: PageModel, token: string): Generator<string> {
  const tr = translator(model.language);
  const title = tr('scoreboard.title', { debate: model.debate.number, topic: model.debate.topic });
  yield `<!doctype html><html lang="${model.language}">${head(title)}<body>${header(model, tr)}<main>`;
  yield tallySection(model, tr);
  yield endingSectionsHtml(model, tr);
  yield opinionSection(model, tr);
  yield argumentsSection(model, tr);
  yield persuasionSection(model, tr);
  yield historySection(model, tr);
  yield `${downloads(model, token, tr)}</main><footer><p>${text(tr('page.footer'))}</p></footer></body></html>`;
}

/** The whole page; `token` is the page's own (it only builds relative links to itself). */
export const pageHtml = (model: PageModel, token: string): string =>
  [...pageHtmlParts(model, token)].join('');
