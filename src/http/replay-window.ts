// When a signed platform request is too old (or too far ahead) to be taken: a request captured
// on the wire and sent again later is refused, and the delivery keys that tell "already counted"
// (kept a day, see DELIVERY_MEMORY_MS) outlive every request this window still lets in.

/** Slack and Discord both sign their requests' time; older than this, a request is a replay. */
export const SIGNED_MAX_AGE_MS = 5 * 60_000;
/** A clock ahead by more than this signs requests that could be replayed for as long: refused. */
export const SIGNED_MAX_AHEAD_MS = 5 * 60_000;
/** A Discord interaction's token lives 15 minutes: an interaction created earlier is not a live one. */
export const INTERACTION_MAX_AGE_MS = 15 * 60_000;

/** Whether a signed time (seconds since the epoch, as the header says it) is within the window. */
export function signedTimeFresh(seconds: unknown, nowMs: number): boolean {
  if (typeof seconds !== 'string' || !/^\d{1,15}$/.test(seconds)) return false;
  const at = Number(seconds) * 1000;
  return at >= nowMs - SIGNED_MAX_AGE_MS && at <= nowMs + SIGNED_MAX_AHEAD_MS;
}

/** Whether a signed time is further ahead than the window allows (Bolt checks only the past). */
export function signedTimeAhead(seconds: unknown, nowMs: number): boolean {
  return (
    typeof seconds === 'string' &&
    /^\d{1,15}$/.test(seconds) &&
    Number(seconds) * 1000 > nowMs + SIGNED_MAX_AHEAD_MS
  );
}

const DISCORD_EPOCH_MS = 1_420_070_400_000n;

/** When a Discord snowflake id was made (ms since the epoch), or undefined when it is not one. */
export function snowflakeTime(id: unknown): number | undefined {
  if (typeof id !== 'string' || !/^\d{1,20}$/.test(id)) return undefined;
  return Number((BigInt(id) >> 22n) + DISCORD_EPOCH_MS);
}

/** Whether an interaction (by its id) was created within its token's life, give or take the clock skew. */
export function interactionLive(id: unknown, nowMs: number): boolean {
  const at = snowflakeTime(id);
  return at !== undefined && at >= nowMs - INTERACTION_MAX_AGE_MS && at <= nowMs + SIGNED_MAX_AHEAD_MS;
}
