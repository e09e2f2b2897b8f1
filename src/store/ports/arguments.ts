import type { ArgumentRecord, DebateRecord } from '../../domain/records.ts';
import type { Result } from '../../domain/result.ts';
import type { Side } from '../../domain/types.ts';
import type { Check, Delivery } from './writes.ts';

export interface AddArgumentInput extends Delivery {
  debateId: number;
  side: Side;
  text: string;
  authorKey: string;
  authorName: string | null;
  at: number;
  check: Check<[debate: DebateRecord]>;
}

export interface WithdrawInput extends Delivery {
  debateId: number;
  number: number;
  at: number;
  check: Check<[debate: DebateRecord, argument: ArgumentRecord | undefined]>;
}

/** An author's new text for their argument; the check decides whether it may still change. */
export interface EditInput extends Delivery {
  debateId: number;
  number: number;
  text: string;
  at: number;
  check: Check<[debate: DebateRecord, argument: ArgumentRecord | undefined]>;
}

/** A debate's arguments: added, edited, withdrawn, listed. */
export interface ArgumentStore {
  addArgument(input: AddArgumentInput): Promise<Result<{ argument: ArgumentRecord; duplicate: boolean }>>;

  argument(debateId: number, number: number): Promise<ArgumentRecord | undefined>;

  withdrawArgument(input: WithdrawInput): Promise<Result<{ argument: ArgumentRecord; duplicate: boolean }>>;

  /** Replaces an argument's text and marks it edited, if the check allows it. */
  editArgument(input: EditInput): Promise<Result<{ argument: ArgumentRecord; duplicate: boolean }>>;

  argumentsPage(
    debateId: number,
    offset: number,
    limit: number,
    viewerKey: string,
  ): Promise<{ items: (ArgumentRecord & { endorsedByViewer: boolean })[]; total: number }>;

  /** Arguments added to a debate (withdrawn ones too): all of them, and one author's since `since` (ms). */
  argumentCounts(
    debateId: number,
    authorKey: string,
    since: number,
  ): Promise<{ all: number; bySince: number }>;

  /** Live arguments of one side, the most endorsed first, then the oldest (never by ∆: while
   *  results are hidden, an order by ∆ would tell that someone moved to that side). */
  argumentsOfSide(debateId: number, side: Side, limit: number): Promise<ArgumentRecord[]>;
}
