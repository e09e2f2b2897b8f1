// Reading errors of @slack/web-api without depending on its classes.

/** Milliseconds to wait when Slack answered 429 (the client rejects rate-limited calls). */
export function retryAfterMs(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as { code?: unknown; retryAfter?: unknown };
  return e.code === 'slack_webapi_rate_limited_error' && typeof e.retryAfter === 'number'
    ? Math.max(0, e.retryAfter) * 1000
    : undefined;
}

/** Slack's error string (`channel_not_found`, `invalid_auth`…) of a platform error. */
export function platformError(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const data = (error as { data?: { error?: unknown } }).data;
  return typeof data?.error === 'string' ? data.error : undefined;
}

/** Runs one Web API call, waiting out a 429's Retry-After for this call only (the client queue never pauses). */
export async function withRateLimit<T>(call: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const wait = retryAfterMs(error);
      if (wait === undefined || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}
