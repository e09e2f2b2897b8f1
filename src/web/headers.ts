import type { OutgoingHttpHeaders } from 'node:http';
import { PAGE_CSS_HASH } from './style.ts';

/**
 * Nothing loads from anywhere: no script at all, the one hashed style sheet, no frame, no form.
 * The token is in the address, so no referrer may carry it and no cache or index may keep it.
 */
const SECURITY: OutgoingHttpHeaders = {
  'content-security-policy': `default-src 'none'; style-src ${PAGE_CSS_HASH}; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-robots-tag': 'noindex, nofollow, noarchive',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
};

/** Downloads and errors are not kept anywhere. */
const NOT_KEPT: OutgoingHttpHeaders = { ...SECURITY, 'cache-control': 'no-store' };

/**
 * The page may be kept by the reader's own browser only (`private`: no shared cache), and is
 * asked again each time (`no-cache`): an unchanged page is a 304 without a body.
 */
const REVALIDATED: OutgoingHttpHeaders = { ...SECURITY, 'cache-control': 'private, no-cache' };

/** A page (`revalidate`: a debate's page, with its ETag) or an error page (kept nowhere). */
export const pageHeaders = (body: Buffer, revalidate = false): OutgoingHttpHeaders => ({
  ...(revalidate ? REVALIDATED : NOT_KEPT),
  'content-type': 'text/html; charset=utf-8',
  'content-length': body.length,
});

/** A 304: the validator and the same headers, no body. */
export const revalidated = (etag: string): OutgoingHttpHeaders => ({ ...REVALIDATED, etag });

export const downloadHeaders = (body: Buffer, mimeType: string, filename: string): OutgoingHttpHeaders => ({
  ...NOT_KEPT,
  'content-type': `${mimeType}; charset=utf-8`,
  'content-length': body.length,
  // The export's own name: `debat-<n>.csv` or `.md`, nothing from user text.
  'content-disposition': `attachment; filename="${filename}"`,
});
