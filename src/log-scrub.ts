// What must never reach a log line, whatever carries it: the configured secrets (by value), the
// token segment of platform webhook URLs, page capability links and platform tokens by shape.
import type pino from 'pino';

const REDACTED = '[redacted]';

/** Token-shaped text and URL segments that are keys, whichever library put them in a line. */
const SHAPES: [RegExp, string][] = [
  // Discord: /webhooks/{application}/{token}…, /interactions/{id}/{token}/callback
  [/(\/(?:webhooks|interactions)\/\d+\/)[^/?#\s"'\\]+/g, `$1${REDACTED}`],
  // Slack: a response_url's last segment is its key.
  [/(hooks\.slack(?:-gov)?\.com\/[^\s"'\\?#]*\/)[^/\s"'\\?#]+/g, `$1${REDACTED}`],
  // A debate page's address is its key.
  [/(\/d\/)[A-Za-z0-9_-]{43}/g, `$1${REDACTED}`],
  // Slack tokens (bot, user, app, refresh, configuration).
  [/\bxox[a-z]-[A-Za-z0-9-]+/g, `xox-${REDACTED}`],
  [/\bxapp-[A-Za-z0-9-]+/g, `xapp-${REDACTED}`],
  // Authorization header values, as some libraries print them.
  [/\b(Bot|Bearer) [A-Za-z0-9._~+/-]{8,}=*/g, `$1 ${REDACTED}`],
];

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Removes every secret value and token shape from a text (a log line, as JSON). */
export function scrubber(secrets: readonly string[]): (text: string) => string {
  // Each value as written and as JSON escapes it; long ones first, so no part survives a shorter match.
  const values = [...new Set(secrets.filter((secret) => secret.length >= 8))]
    .flatMap((secret) => [secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)])
    .sort((a, b) => b.length - a.length);
  const byValue = values.length ? new RegExp(values.map(escapeRegExp).join('|'), 'g') : undefined;
  return (text) => {
    let out = byValue ? text.replace(byValue, REDACTED) : text;
    for (const [shape, replacement] of SHAPES) out = out.replace(shape, replacement);
    return out;
  };
}

/** A log destination that scrubs each line before it is written. */
export function scrubbing(
  destination: pino.DestinationStream,
  secrets: readonly string[],
): pino.DestinationStream {
  const scrub = scrubber(secrets);
  return { write: (line: string) => destination.write(scrub(line)) };
}

/** What a logged error may say: its kind, message, codes, status and where it went; never a body. */
const KEPT = [
  'type',
  'message',
  'stack',
  'code',
  'status',
  'statusCode',
  'method',
  'url',
  'errno',
  'syscall',
];

/**
 * pino's `err` serializer: a platform error carries the request it failed (Discord's REST errors
 * hold the files and JSON they sent, Slack's the response); only the fields above are kept, with
 * Slack's error code, and the cause the same way.
 */
export function errorSerializer(error: unknown, depth = 0): unknown {
  if (error === null || typeof error !== 'object') return error;
  const source = error as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  if (error instanceof Error) out.type = error.constructor?.name ?? error.name;
  for (const key of KEPT) {
    const value = source[key];
    if (value !== undefined && (typeof value === 'string' || typeof value === 'number')) out[key] = value;
  }
  const data = source.data as { error?: unknown } | undefined;
  if (typeof data?.error === 'string') out.platformError = data.error;
  if (source.cause !== undefined && depth < 3) out.cause = errorSerializer(source.cause, depth + 1);
  return out;
}
