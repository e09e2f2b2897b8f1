import type { DebateRecord, DebateSummaryRow, ParticipationRow } from '../../domain/records.ts';
import type { Result } from '../../domain/result.ts';
import type { ChannelScope, DebateStatus, WorkspaceScope } from '../../domain/types.ts';
import type { ExpiryScope } from './leases.ts';
import type { Check, Delivery } from './writes.ts';

export interface OpenDebateInput extends Delivery {
  scope: ChannelScope;
  uid: string;
  topic: string;
  openerKey: string;
  openerName: string | null;
  anonymous: boolean;
  hidden: boolean;
  at: number;
  closesAt: number | null;
  /** When its reminder falls (the core decides; none when absent or null). */
  remindAt?: number | null | undefined;
  /** Two rounds: the second opens at `round2At`. */
  twoRounds?: boolean | undefined;
  round2At?: number | null | undefined;
}

/** `#number` in the workspace, or the channel's most recent open debate. */
export interface DebateTarget {
  scope: ChannelScope;
  number?: number | undefined;
}

export interface StatusInput extends Delivery {
  debateId: number;
  status: DebateStatus;
  at: number;
  /** The debate's end after the change (a reopened debate whose duration ended has none). */
  closesAt: number | null;
  /** Kept with a close (`clore … conclusion`); a reopened debate has none. */
  closingNote?: string | null | undefined;
  check: Check<[debate: DebateRecord]>;
}

/** Debates themselves: opened, found, listed, closed and reopened; their live scoreboard message. */
export interface DebateLifecycleStore {
  /** Opens a debate, numbered in its workspace; the same delivery again returns the same debate. */
  openDebate(input: OpenDebateInput): Promise<{ debate: DebateRecord; duplicate: boolean }>;

  /** `#number` within the workspace. */
  findDebate(scope: WorkspaceScope, number: number): Promise<DebateRecord | undefined>;

  /** The most recently opened debate of the channel that is still open. */
  currentDebate(scope: ChannelScope): Promise<DebateRecord | undefined>;

  openDebates(scope: ChannelScope): Promise<DebateSummaryRow[]>;

  setScoreboardRef(debateId: number, ref: string): Promise<void>;

  /** The debate of this channel whose live scoreboard is the message `ref`. */
  debateByScoreboardRef(scope: ChannelScope, ref: string): Promise<DebateRecord | undefined>;

  /** Debates of the workspace that any of `keys` opened, voted in, argued in or endorsed in;
   *  open ones first, then the most recent. */
  debatesTouchedBy(
    scope: WorkspaceScope,
    keys: readonly string[],
    limit: number,
  ): Promise<ParticipationRow[]>;

  setStatus(input: StatusInput): Promise<Result<{ debate: DebateRecord; duplicate: boolean }>>;

  /**
   * Closes the open debates whose duration has ended (every one, or only those `only` names) and
   * marks their end to be announced; returns them. Each is returned by one close only.
   */
  closeExpired(at: number, only?: ExpiryScope): Promise<DebateRecord[]>;
}
