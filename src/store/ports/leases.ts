import type { DebateRecord } from '../../domain/records.ts';
import type { ChannelScope, Platform } from '../../domain/types.ts';

/**
 * When a claim may be taken: never taken, taken before `staleBefore` (its post failed and the
 * retry window passed), or held by an instance whose lease was last renewed before `aliveSince`
 * (it died: its work is taken over at once).
 */
export interface ClaimWindow {
  /** The claiming instance, whose lease it renews while it lives. */
  instance: string;
  at: number;
  staleBefore: number;
  aliveSince: number;
}

/** Which expired debates a close reaches: the one a command touched, or one channel's. */
export type ExpiryScope = { debateId: number } | { channel: ChannelScope };

export interface EndAnnouncementClaim extends ClaimWindow {
  platforms: readonly Platform[];
  limit: number;
}

/** A debate whose end is to be announced; `retaken`: an earlier attempt may have reached the platform. */
export interface EndToAnnounce {
  debate: DebateRecord;
  retaken: boolean;
}

/** Instances' leases, the end announcements claimed under them, and repeated clicks. */
export interface LeaseStore {
  /** The instance is alive at `at`: its claims stay its own. */
  renewInstanceLease(instance: string, at: number): Promise<void>;
  /** The instance stops: its unfinished claims are free at once. */
  releaseInstanceLease(instance: string): Promise<void>;
  /** Debates closed by their duration whose end is not announced yet, claimed for these platforms. */
  claimEndAnnouncements(input: EndAnnouncementClaim): Promise<EndToAnnounce[]>;
  /** The end was announced (or cannot be): never claimed again. */
  completeEndAnnouncement(debateId: number): Promise<void>;
  /**
   * Records a click under `key` (a person, a button, a message) at the platform's time of the
   * click; true when the previous click under that key, another delivery, came less than
   * `windowMs` before or after. The same `delivery` again (a retry) is never a repeat.
   */
  repeatClick(key: string, at: number, windowMs: number, delivery: string): Promise<boolean>;
  /** Forgets clicks older than `before`. */
  pruneClicks(before: number): Promise<void>;
}
