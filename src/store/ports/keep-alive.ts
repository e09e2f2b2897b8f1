import type { DebateRecord } from '../../domain/records.ts';
import type { Platform } from '../../domain/types.ts';
import type { ClaimWindow } from './leases.ts';

/** Debates whose reminder is due, for the platforms this process posts to. */
export interface ReminderClaimInput extends ClaimWindow {
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

/**
 * Open debates that need their one nudge: one side with at least `minArguments` live arguments,
 * the other with none, the latest added no later than `quietSince`, and no claim of the nudge
 * held (see ClaimWindow). Taken per workspace in turn, the oldest first, so that no backlog of
 * one workspace hides another's.
 */
export interface NudgeQuery extends ClaimWindow {
  platforms: readonly Platform[];
  minArguments: number;
  quietSince: number;
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
  /** Claims the debate's one nudge; false when it was posted already, is held, or the debate is closed. */
  claimNudge(debateId: number, window: ClaimWindow): Promise<boolean>;
  /** The nudge was posted: never claimed again. */
  completeNudge(debateId: number, at: number): Promise<void>;
}
