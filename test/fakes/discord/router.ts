/** Route table plumbing for the fake REST: patterns like `/channels/:channel/messages/:message`. */
import type { FieldError } from './errors.ts';
import { invalidFormBody } from './errors.ts';
import type { RecordedFile } from './recorder.ts';
import type { FakeDiscordState } from './state.ts';

export interface RouteContext {
  state: FakeDiscordState;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  /** Files of a multipart request (`files[n]` parts), attached to the message it creates or edits. */
  files: readonly RecordedFile[];
  gatewayUrl: () => string;
}

export interface RouteResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface RouteDef {
  method: string;
  pattern: string;
  /** Stable name used by recorded calls and fault matching. */
  name: string;
  /** Whether the call needs `Authorization: Bot <token>` (interaction callbacks and webhooks do not). */
  auth: boolean;
  handle: (ctx: RouteContext) => RouteResult;
}

export function matchRoute(
  routes: readonly RouteDef[],
  method: string,
  path: string,
): { route: RouteDef; params: Record<string, string> } | null {
  const segs = path.split('/').filter(Boolean);
  for (const route of routes) {
    if (route.method !== method) continue;
    const pat = route.pattern.split('/').filter(Boolean);
    if (pat.length !== segs.length) continue;
    const params: Record<string, string> = {};
    let ok = true;
    for (let i = 0; i < pat.length && ok; i++) {
      const p = pat[i] as string;
      const s = segs[i] as string;
      if (p.startsWith(':')) params[p.slice(1)] = s;
      else ok = p === s;
    }
    if (ok) return { route, params };
  }
  return null;
}

export const obj = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

export function badRequest(errors: FieldError[]): RouteResult {
  return { status: 400, body: invalidFormBody(errors) };
}
