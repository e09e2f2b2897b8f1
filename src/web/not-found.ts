// One 404 for every link that opens nothing (malformed, forged, revoked, another debate's file,
// a debate that is gone): the same bytes each time, in both languages, so nothing is revealed.
import { t } from '../i18n/translate.ts';
import { text } from './html.ts';
import { PAGE_CSS } from './style.ts';

const section = (language: 'fr' | 'en') =>
  `<section lang="${language}"><h1>${text(t(language, 'page.not_found'))}</h1><p>${text(t(language, 'page.not_found_text'))}</p></section>`;

export const NOT_FOUND_HTML = Buffer.from(
  `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex, nofollow"><link rel="icon" href="data:,"><title>${text(t('fr', 'page.not_found'))} · ${text(t('en', 'page.not_found'))}</title><style>${PAGE_CSS}</style></head><body><main>${section('fr')}${section('en')}</main></body></html>`,
);
