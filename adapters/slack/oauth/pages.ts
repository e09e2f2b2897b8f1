// The pages a person sees while installing: the "Add to Slack" page, then success or failure,
// in both languages (the configured one first), instead of Bolt's English defaults.
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HTTPReceiverOptions } from '@slack/bolt';
import type { Language } from '../../../src/api.ts';
import { translator } from '../../../src/i18n/translate.ts';
import type { SlackInstallation } from './installation-store.ts';

type Key = Parameters<ReturnType<typeof translator>>[0];
type CallbackOptions = NonNullable<NonNullable<HTTPReceiverOptions['installerOptions']>['callbackOptions']>;

const STYLE = `body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.5}
a.add{display:inline-block;padding:.6rem 1.2rem;border-radius:.4rem;background:#3b3f8f;color:#fff;text-decoration:none}
hr{margin:2rem 0;border:0;border-top:1px solid #ccc}`;

/** No script, no frame, nothing loaded: the one style sheet is allowed by its hash. */
const SECURITY = {
  'content-security-policy': `default-src 'none'; style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
} as const;

/** The install and callback routes: every answer carries the headers above, whoever writes it. */
export function framed(listener: (req: IncomingMessage, res: ServerResponse) => void | Promise<void>) {
  return (req: IncomingMessage, res: ServerResponse) => {
    for (const [name, value] of Object.entries(SECURITY)) res.setHeader(name, value);
    return listener(req, res);
  };
}

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const both = (first: Language): Language[] => (first === 'fr' ? ['fr', 'en'] : ['en', 'fr']);

function page(first: Language, title: Key, body: (language: Language) => string, head = ''): string {
  const sections = both(first)
    .map((language) => {
      const tr = translator(language);
      return `<section lang="${language}"><h1>${escapeHtml(tr(title))}</h1>${body(language)}</section>`;
    })
    .join('\n<hr>\n');
  return `<!doctype html>
<html lang="${first}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${escapeHtml(translator(first)(title))}</title>${head}
<style>${STYLE}</style></head>
<body>
${sections}
</body></html>`;
}

const text = (language: Language, key: Key): string => `<p>${escapeHtml(translator(language)(key))}</p>`;

/** The "Add to Slack" page: the link carries the state Bolt signed and the scopes. */
export const installPage =
  (first: Language) =>
  (url: string): string =>
    page(
      first,
      'install.title',
      (language) =>
        `${text(language, 'install.lead')}<p><a class="add" href="${escapeHtml(url)}">${escapeHtml(
          translator(language)('install.button'),
        )}</a></p>`,
    );

function send(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(html);
}

/** What follows Slack's redirect: a page that opens Slack, or one that says to start again. */
export function callbackPages(first: Language, installPath: string): CallbackOptions {
  return {
    success: (installation, _options, _req: IncomingMessage, res: ServerResponse) => {
      const team = (installation as SlackInstallation).team?.id;
      const open = team ? `https://app.slack.com/client/${encodeURIComponent(team)}` : undefined;
      const head = open ? `<meta http-equiv="refresh" content="3; URL=${escapeHtml(open)}">` : '';
      send(
        res,
        200,
        page(first, 'install.done_title', (language) => text(language, 'install.done'), head),
      );
    },
    failure: (_error, _options, _req: IncomingMessage, res: ServerResponse) => {
      send(
        res,
        400,
        page(
          first,
          'install.failed_title',
          (language) =>
            `${text(language, 'install.failed')}<p><a class="add" href="${escapeHtml(installPath)}">${escapeHtml(
              translator(language)('install.button'),
            )}</a></p>`,
        ),
      );
    },
  };
}
