import type { CommonGroundRecord, DebateRecord, RoundsRecord } from '../../domain/records.ts';
import type { Result } from '../../domain/result.ts';
import type { ChannelScope } from '../../domain/types.ts';
import type { ReminderClaimInput } from './keep-alive.ts';
import type { Check, Delivery } from './writes.ts';

/** A closed debate's closing note, set or replaced (`conclure`), if the check allows it. */
export interface ClosingNoteInput extends Delivery {
  debateId: number;
  note: string;
  at: number;
  check: Check<[debate: DebateRecord]>;
}

/** `tour2`: the second round opens now, if the check allows it. */
export interface Round2Input extends Delivery {
  debateId: number;
  at: number;
  check: Check<[debate: DebateRecord]>;
}

/**
 * How a debate ends well: its closing note, its common ground, its two rounds. Every method is
 * one transaction.
 */
export interface EndingStore {
  /** The channel's most recently closed debate (`conclure` without #id). */
  lastClosedDebate(scope: ChannelScope): Promise<DebateRecord | undefined>;
  setClosingNote(input: ClosingNoteInput): Promise<Result<{ debate: DebateRecord; duplicate: boolean }>>;
  /**
   * The debate's live arguments endorsed by at least one person whose current vote is pour or
   * contre, with how many endorsers vote each way (neutral voters are not counted), by number.
   * The core keeps and ranks its common ground from these.
   */
  endorserSides(debateId: number): Promise<CommonGroundRecord[]>;
  /**
   * Opens the second round now: the first round's votes are kept, and the half-time post is the
   * command's own answer (recorded as posted, so no sweep posts it again).
   */
  startRound2(input: Round2Input): Promise<Result<{ debate: DebateRecord; duplicate: boolean }>>;
  /**
   * Claims the due half-time posts of open two-round debates (one claim across processes; one
   * older than `staleBefore` was abandoned and is taken over), opening the second round of each
   * whose round has not opened yet. Returns those debates.
   */
  claimHalftimes(input: ReminderClaimInput): Promise<DebateRecord[]>;
  /** The half-time post was made: never claimed again. */
  completeHalftime(debateId: number, at: number): Promise<void>;
  /** The first round next to the votes now, once the second round has opened; else undefined. */
  rounds(debateId: number): Promise<RoundsRecord | undefined>;
}
