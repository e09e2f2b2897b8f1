// Slack delivers some things twice: Events API retries (same event_id), Socket Mode redeliveries
// of an envelope that was acked late. A delivery seen in the last minutes is acked and dropped.
// (Votes, arguments and endorsements are also idempotent in the store, across restarts.)
import { createHash } from 'node:crypto';
import { Recent } from '../shared/recent.ts';

type Body = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);
const obj = (v: unknown): Body => (typeof v === 'object' && v !== null ? (v as Body) : {});

/** A key naming one delivery of one payload; a second delivery of the same payload has the same key. */
export function deliveryKeyOf(body: Body): string | undefined {
  if (str(body.event_id)) return `event:${body.event_id}`;
  if (str(body.command)) return str(body.trigger_id) && `command:${body.trigger_id}`;
  switch (body.type) {
    case 'block_actions': {
      const action = obj((body.actions as unknown[] | undefined)?.[0]);
      const ts = str(action.action_ts);
      return ts && `action:${obj(body.user).id}:${ts}`;
    }
    case 'view_submission': {
      // A corrected resubmission of the same form differs in its values: not a duplicate.
      const view = obj(body.view);
      const values = JSON.stringify(obj(view.state).values ?? {});
      return `view:${view.id}:${createHash('sha1').update(values).digest('base64url')}`;
    }
    case 'shortcut':
    case 'message_action':
      return str(body.trigger_id) && `shortcut:${body.trigger_id}`;
    default:
      return undefined;
  }
}

/** Delivery keys seen in the last minutes (at least `ttlMs`, while fewer than `max` arrive meanwhile). */
export class RecentDeliveries {
  private readonly seen: Recent<number>;

  constructor(
    private readonly ttlMs = 10 * 60_000,
    max = 50_000,
  ) {
    this.seen = new Recent(Math.ceil(max / 2));
  }

  /** True the first time a key is offered within the TTL. */
  first(key: string, now = Date.now()): boolean {
    const at = this.seen.get(key);
    if (at !== undefined && now - at < this.ttlMs) return false;
    this.seen.set(key, now);
    return true;
  }
}
