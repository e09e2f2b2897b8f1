import type { DebateRecord } from '../domain/records.ts';
import type { Platform } from '../domain/types.ts';

/** Debates whose reminder is due, for the platforms this process posts to. */
export interface ReminderClaimInput {
  at: number;
  /** A claim made before this instant was abandoned (its instance stopped): it is taken over. */
  staleBefore: number;
  platforms: readonly Platform[];
  limit: number;
}

/** An open debate not nudged yet, with its live arguments per side and the latest one's instant. */
export interface NudgeCandidate {
  debate: DebateRecord;
  pro: number;
  con: number;
  lastArgumentAt: number;
}

export interface NudgeQuery {
  platforms: readonly Platform[];
  /** Only debates with at least this many live arguments… */
  minArguments: number;
  /** …the latest one added no later than this instant… */
  quietSince: number;
  /** …and no claim of its nudge made since this instant (an older one was abandoned). */
  staleBefore: number;
  limit: number;
}

/**
 * What keeps debates alive: reminders before the end (claimed, then completed once posted, so
 * each is posted once across restarts and instances) and the one balance nudge of a debate.
 */
export interface KeepAliveStore {
  /** Claims the due reminders of open debates whose end is still ahead; returns those debates. */
  claimReminders(input: ReminderClaimInput): Promise<DebateRecord[]>;
  /** The reminder was posted (or is not wanted in its channel): never claimed again. */
  completeReminder(debateId: number, at: number): Promise<void>;
  nudgeCandidates(query: NudgeQuery): Promise<NudgeCandidate[]>;
  /**
   * Claims the debate's one nudge; false when it was posted already, is claimed since
   * `staleBefore`, or the debate is closed.
   */
  claimNudge(debateId: number, at: number, staleBefore: number): Promise<boolean>;
  /** The nudge was posted: never claimed again. */
  completeNudge(debateId: number, at: number): Promise<void>;
}
