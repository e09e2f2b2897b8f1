// The debate pages on the process's one HTTP server: GET /d/<token> (the page) and
// GET /d/<token>/debat-<n>.csv|md (its downloads). Anything else under /d/ is the one 404.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HttpRoutes } from '../http-routes.ts';
import { PAGE_PREFIX } from '../page/links.ts';
import { type DebatePages, languageParam } from '../page/service.ts';
import { downloadHeaders, pageHeaders } from './headers.ts';
import { NOT_FOUND_HTML } from './not-found.ts';
import { pageHtml } from './page-html.ts';

const notFound = (res: ServerResponse) => res.writeHead(404, pageHeaders(NOT_FOUND_HTML)).end(NOT_FOUND_HTML);

/** Serves one request under /d/. */
export async function servePage(
  pages: DebatePages,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const parts = url.pathname.slice(PAGE_PREFIX.length).split('/');
  const language = languageParam(url.searchParams.get('lang'));
  const [token = '', file] = parts;
  if (parts.length === 1) {
    const model = await pages.page(token, language);
    if (!model) return void notFound(res);
    const body = Buffer.from(pageHtml(model, token));
    res.writeHead(200, pageHeaders(body)).end(body);
    return;
  }
  const view = parts.length === 2 && file ? await pages.download(token, file, language) : undefined;
  if (!view) return void notFound(res);
  const body = Buffer.from(view.content);
  res.writeHead(200, downloadHeaders(body, view.mimeType, view.filename)).end(body);
}

/** Registers the pages; they do not by themselves make the server listen (see main). */
export function registerPageRoutes(http: HttpRoutes, pages: DebatePages): void {
  http.routePrefix('GET', PAGE_PREFIX, (req, res) => servePage(pages, req, res));
}
