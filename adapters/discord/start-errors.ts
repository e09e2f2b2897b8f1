// Discord refusing or out of reach, as one sentence naming the variable to fix.
import { ConfigError } from '../../src/api.ts';

/** The system's code of a failed connection (ECONNREFUSED, ENOTFOUND…), on the error or its cause. */
export function connectionCode(error: unknown): string | undefined {
  return [error, (error as { cause?: unknown } | undefined)?.cause]
    .map((candidate) => (candidate as { code?: unknown } | undefined)?.code)
    .find((code): code is string => typeof code === 'string' && /^E[A-Z]+$|^UND_ERR/u.test(code));
}

/** Whether Discord refused the token (discord.js's TokenInvalid, or a 401 from REST). */
export const refusedToken = (error: unknown): boolean =>
  (error as { code?: unknown }).code === 'TokenInvalid' || (error as { status?: unknown }).status === 401;

export const TOKEN_REFUSED =
  'DISCORD_TOKEN: Discord refused the token (401); copy it again from the Developer Portal (Bot → Reset Token)';

/** A gateway login that failed for a reason the operator can fix, as a ConfigError; others as they are. */
export function gatewayStartError(error: unknown, api: string): unknown {
  if (refusedToken(error)) return new ConfigError([TOKEN_REFUSED]);
  const code = connectionCode(error);
  if (code) return new ConfigError([`DISCORD_API_URL: cannot reach Discord at ${api} (${code})`]);
  return error;
}
