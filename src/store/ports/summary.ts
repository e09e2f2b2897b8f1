import type { ArgumentRecord, ChannelSettings, Counts, DebateRecord } from '../../domain/records.ts';
import type { ChannelScope } from '../../domain/types.ts';

/** A span of time in milliseconds since the epoch: [from, to). */
export interface TimeWindow {
  from: number;
  to: number;
}

/** A channel that may have something to summarise, with its settings. */
export interface SummaryChannel {
  scope: ChannelScope;
  settings: ChannelSettings;
}

/** The tally of a debate kept with a posted summary. */
export interface DebateSnapshot {
  debateId: number;
  weekStart: string;
  /** The instant the tally is as of: the end of that summary's window. */
  asOf: number;
  takenAt: number;
  counts: Counts;
  /** Ids of the arguments that were common ground then (null or absent: not kept). */
  commonGround?: number[] | null;
}

/** One debate's week, as stored: the view layer decides what is shown. */
export interface WeekDebateActivity {
  debate: DebateRecord;
  /** Votes per side as of the end of the window. */
  counts: Counts;
  /** The latest snapshot taken as of the start of the window or earlier (the last summary). */
  baseline: DebateSnapshot | null;
  /** Live arguments at the end of the window, endorsements and ∆ counted up to then. */
  arguments: ArgumentRecord[];
  /** Arguments added during the window and still there at its end. */
  newArguments: number;
  /** Vote changes (first votes, switches, withdrawals) inside the window. */
  voteEvents: number;
  /** Switches from one side to another inside the window. */
  opinionChanges: number;
  /** ∆ earned inside the window, per argument id. */
  windowDeltas: { argumentId: number; count: number }[];
  endorsements: number;
  /**
   * Per argument endorsed before the end of the window, its endorsers whose current vote is pour
   * and contre (only arguments with at least one of either).
   */
  endorserSides: { argumentId: number; pro: number; con: number }[];
  /** Distinct people who voted, argued or endorsed inside the window. */
  participants: number;
}

export type LedgerStatus = 'claimed' | 'posted' | 'empty' | 'skipped' | 'failed';

export interface LedgerEntry {
  scope: ChannelScope;
  weekStart: string;
  status: LedgerStatus;
  claimToken: string | null;
  claimedAt: number;
  attempts: number;
  scheduledAt: number;
  completedAt: number | null;
  messageRef: string | null;
  note: string | null;
}

export interface ClaimInput {
  scope: ChannelScope;
  weekStart: string;
  scheduledAt: number;
  /** Unique per attempt: completing or failing needs it. */
  token: string;
  at: number;
  /** A claim taken before this instant and never completed is abandoned: it may be re-taken. */
  staleBefore: number;
  /** The claiming instance; a claim whose instance's lease lapsed before `aliveSince` is re-taken. */
  instance: string;
  aliveSince: number;
  /** A summary that failed this many times is given up. */
  maxAttempts: number;
}

export type ClaimOutcome =
  | { claimed: true; attempts: number; retaken: boolean }
  | { claimed: false; entry: LedgerEntry };

export interface CompleteInput {
  scope: ChannelScope;
  weekStart: string;
  token: string;
  at: number;
  status: 'posted' | 'empty';
  messageRef: string | null;
  /** Tallies to keep for next week's "change since the last summary", with the common ground shown. */
  snapshots: { debateId: number; asOf: number; counts: Counts; commonGround?: number[] | undefined }[];
}

/** What the weekly summary needs from storage; every method is one transaction. */
export interface SummaryStore {
  /** Channels with a debate open, or closed at or after `closedSince`, and their settings. */
  summaryChannels(closedSince: number): Promise<SummaryChannel[]>;
  /** Each debate of the channel that may have been active in the window (the caller filters). */
  weekActivity(scope: ChannelScope, window: TimeWindow): Promise<WeekDebateActivity[]>;
  /** The same for many channels over one window, in one go; one list per scope, in order. */
  weekActivities(scopes: readonly ChannelScope[], window: TimeWindow): Promise<WeekDebateActivity[][]>;
  /** Ledger entries of weeks starting on or after `weekStart` ("YYYY-MM-DD"). */
  ledgerSince(weekStart: string): Promise<LedgerEntry[]>;
  ledgerEntry(scope: ChannelScope, weekStart: string): Promise<LedgerEntry | undefined>;
  /** Claims a week's summary before posting it (IMMEDIATE: one winner across processes). */
  claimSummary(input: ClaimInput): Promise<ClaimOutcome>;
  /** Records the post (or that there was nothing to post) and the snapshots; false if the claim was lost. */
  completeSummary(input: CompleteInput): Promise<boolean>;
  /** The post failed: the claim is released for a later attempt. */
  failSummary(scope: ChannelScope, weekStart: string, token: string, note: string): Promise<boolean>;
  /** Records a week that will never be posted (missed, week over); false if the week has an entry. */
  skipSummary(
    scope: ChannelScope,
    weekStart: string,
    scheduledAt: number,
    at: number,
    note: string,
  ): Promise<boolean>;
}
