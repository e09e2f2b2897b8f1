// The one condition under which claimed work (a reminder, a nudge, a weekly opening, a summary,
// an end announcement) may be taken, in the SQL both dialects share; placeholders are the
// caller's (`?`/`:name` for SQLite, `$n` for PostgreSQL).

/** Free when never claimed, claimed before the retry window, or held by an instance now dead. */
export const claimIsFree = (claimedAt: string, claimedBy: string, staleBefore: string, aliveSince: string) =>
  `(${claimedAt} IS NULL OR ${claimedAt} < ${staleBefore} OR NOT EXISTS (
     SELECT 1 FROM instance_leases l WHERE l.instance = ${claimedBy} AND l.renewed_at >= ${aliveSince}))`;

/** Records a click and answers the time of the one before under the same key (if any). */
export const RECORD_CLICK = (key: string, at: string, delivery: string) =>
  `INSERT INTO clicks (click_key, at, prev_at, delivery, prev_delivery) VALUES (${key}, ${at}, NULL, ${delivery}, NULL)
   ON CONFLICT (click_key) DO UPDATE SET prev_at = clicks.at, prev_delivery = clicks.delivery,
     at = excluded.at, delivery = excluded.delivery
   RETURNING prev_at, prev_delivery`;

/** Renews an instance's lease. */
export const RENEW_LEASE = (instance: string, at: string) =>
  `INSERT INTO instance_leases (instance, renewed_at) VALUES (${instance}, ${at})
   ON CONFLICT (instance) DO UPDATE SET renewed_at = excluded.renewed_at`;

/** The row RECORD_CLICK answers (PostgreSQL's bigint comes back as text). */
export interface RecordedClickRow {
  prev_at: string | number | null;
  prev_delivery: string | null;
}

/** Whether the click RECORD_CLICK just recorded repeats the one before under its key. */
export const recordedRepeat = (
  row: RecordedClickRow | undefined,
  click: { at: number; delivery: string; windowMs: number },
): boolean =>
  isRepeat(
    row === undefined || row.prev_at === null
      ? null
      : { at: Number(row.prev_at), delivery: row.prev_delivery },
    click,
    click.windowMs,
  );

/**
 * A click repeats the one before under its key when it came within `windowMs` of it as another
 * delivery: the same delivery again (a retry, after an instance died between recording the click
 * and acting on it) is for the delivery keys to decide, not this rule.
 */
export const isRepeat = (
  previous: { at: number; delivery: string | null } | null,
  click: { at: number; delivery: string },
  windowMs: number,
): boolean =>
  previous !== null && previous.delivery !== click.delivery && Math.abs(click.at - previous.at) < windowMs;
