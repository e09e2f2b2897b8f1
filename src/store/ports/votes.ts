import type {
  ArgumentRecord,
  Counts,
  DebateRecord,
  ExportData,
  LastSwitch,
  ScoreboardData,
} from '../../domain/records.ts';
import type { Result } from '../../domain/result.ts';
import type { VoteSide } from '../../domain/types.ts';
import type { DebateTarget } from './debates.ts';
import type { Check, Delivery } from './writes.ts';

/**
 * A vote is resolved, checked and written in one transaction (the hot path of the bot). The
 * voter's key and name depend on the debate (anonymous or not), so they come as functions of it.
 */
export interface CastVoteInput extends Delivery {
  target: DebateTarget;
  voterKey: (debate: Pick<DebateRecord, 'uid' | 'anonymous'>) => string;
  voterName: (debate: Pick<DebateRecord, 'anonymous'>) => string | null;
  /**
   * Who clicks, whatever the debate (platform, workspace, user): a store that writes several votes
   * at once keeps one person's votes in the order they came. Held in memory only, never written.
   */
  person: string;
  side: VoteSide;
  at: number;
  /** The time the vote and its event are kept with (the core's rule: to the day when anonymous); `at` when absent. */
  keptAt?: ((debate: Pick<DebateRecord, 'anonymous'>) => number) | undefined;
  /** Also decides what a missing debate means (none open here, or no such number). */
  check: Check<[debate: DebateRecord | undefined]>;
  /**
   * The click that cast it, recorded first in the vote's own transaction (the repeat-click rule,
   * as `repeatClick`): a repeat writes nothing else, and a refused vote keeps its click (its
   * double is not refused twice). One commit a click, not two.
   */
  click?: ClickRecord | undefined;
}

/** A click to record under its key (a person, a button, a message), as `repeatClick` takes it. */
export interface ClickRecord {
  key: string;
  at: number;
  windowMs: number;
  delivery: string;
}

/** The vote's click repeated the one before: nothing was read or written but the click. */
export interface RepeatedClick {
  repeat: true;
}

export interface VoteOutcome {
  debate: DebateRecord;
  previous: VoteSide | null;
  current: VoteSide | null;
  duplicate: boolean;
}

export interface EndorseInput extends Delivery {
  debateId: number;
  number: number;
  endorserKey: string;
  at: number;
  /** The time the endorsement is kept with (to the day when anonymous); `at` when absent. */
  keptAt?: number | undefined;
  check: Check<[debate: DebateRecord, argument: ArgumentRecord | undefined]>;
}

export interface PersuasionInput extends Delivery {
  debateId: number;
  voterKey: string;
  number: number;
  at: number;
  check: Check<[debate: DebateRecord, argument: ArgumentRecord | undefined, last: LastSwitch | undefined]>;
}

/** Votes, endorsements and ∆, and the counts read from them. */
export interface VoteStore {
  castVote(input: CastVoteInput): Promise<Result<VoteOutcome | RepeatedClick>>;

  voteOf(debateId: number, voterKey: string): Promise<VoteSide | null>;

  toggleEndorsement(input: EndorseInput): Promise<Result<{ endorsed: boolean; duplicate: boolean }>>;

  /** Gives the ∆ of the voter's latest side switch to an argument of the new side. */
  recordPersuasion(input: PersuasionInput): Promise<Result<{ argument: ArgumentRecord; duplicate: boolean }>>;

  tally(debateId: number): Promise<Counts>;

  scoreboard(debateId: number): Promise<ScoreboardData>;

  exportData(debateId: number): Promise<ExportData>;
}
