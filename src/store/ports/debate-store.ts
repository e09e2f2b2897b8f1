import type {
  ArgumentRecord,
  ChannelSettings,
  Counts,
  DebateRecord,
  DebateSummaryRow,
  ExportData,
  LastSwitch,
  ParticipationRow,
  ScoreboardData,
} from '../../domain/records.ts';
import type { Result } from '../../domain/result.ts';
import type { SettingChange } from '../../domain/settings.ts';
import type { ChannelScope, DebateStatus, Side, VoteSide, WorkspaceScope } from '../../domain/types.ts';
import type { EndingStore } from './endings.ts';
import type { KeepAliveStore } from './keep-alive.ts';
import type { ExpiryScope, LeaseStore } from './leases.ts';
import type { SummaryStore } from './summary.ts';
import type { TopicStore } from './topics.ts';

/**
 * Server-wide settings. Never the anonymity key itself: its fingerprint (a start with another key
 * is refused), or the key sealed under DEBAT_ENCRYPTION_KEY. `anonymity_secret` is where older
 * versions kept the key in clear: read once to move it out, then removed.
 */
export type ServerSettingName = 'anonymity_key_fingerprint' | 'anonymity_key_sealed' | 'anonymity_secret';

/** A delivery key makes an operation idempotent: the second time, nothing changes. */
export interface Delivery {
  deliveryKey?: string | undefined;
}

/**
 * The core's rule for a write, run by the store inside the write's transaction on the state it
 * just read there: the store stores, the core decides. A failure writes nothing.
 */
export type Check<State extends unknown[]> = (...state: State) => Result<void>;

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

/** `#number` in the workspace, or the channel's most recent open debate. */
export interface DebateTarget {
  scope: ChannelScope;
  number?: number | undefined;
}

/**
 * A vote is resolved, checked and written in one transaction (the hot path of the bot). The
 * voter's key and name depend on the debate (anonymous or not), so they come as functions of it.
 */
export interface CastVoteInput extends Delivery {
  target: DebateTarget;
  voterKey: (debate: Pick<DebateRecord, 'uid' | 'anonymous'>) => string;
  voterName: (debate: Pick<DebateRecord, 'anonymous'>) => string | null;
  side: VoteSide;
  at: number;
  /** The time the vote and its event are kept with (the core's rule: to the day when anonymous); `at` when absent. */
  keptAt?: ((debate: Pick<DebateRecord, 'anonymous'>) => number) | undefined;
  /** Also decides what a missing debate means (none open here, or no such number). */
  check: Check<[debate: DebateRecord | undefined]>;
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

/**
 * The storage port: one method per atomic operation, each one transaction inside.
 * Debates are reached through their workspace: no method crosses workspaces.
 * The weekly summary's methods (ledger, snapshots, week activity) are in summary-ports.ts.
 */
export interface DebateStore extends SummaryStore, KeepAliveStore, TopicStore, LeaseStore, EndingStore {
  /** A server-wide setting; undefined when none is kept. */
  serverSetting(name: ServerSettingName): Promise<string | undefined>;
  /** Keeps `value` under `name` unless a value is kept already; returns the one kept. */
  keepServerSetting(name: ServerSettingName, value: string): Promise<string>;
  /**
   * Sets (a string) or removes (null) settings in one transaction; what is removed leaves no copy
   * in the database's files that the store can reach (see eraseFromFiles).
   */
  changeServerSettings(changes: Partial<Record<ServerSettingName, string | null>>): Promise<void>;

  channelSettings(scope: ChannelScope): Promise<ChannelSettings>;
  saveChannelSetting(scope: ChannelScope, change: SettingChange): Promise<ChannelSettings>;

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

  castVote(input: CastVoteInput): Promise<Result<VoteOutcome>>;
  voteOf(debateId: number, voterKey: string): Promise<VoteSide | null>;
  toggleEndorsement(input: EndorseInput): Promise<Result<{ endorsed: boolean; duplicate: boolean }>>;
  /** Gives the ∆ of the voter's latest side switch to an argument of the new side. */
  recordPersuasion(input: PersuasionInput): Promise<Result<{ argument: ArgumentRecord; duplicate: boolean }>>;

  setStatus(input: StatusInput): Promise<Result<{ debate: DebateRecord; duplicate: boolean }>>;
  /**
   * Closes the open debates whose duration has ended (every one, or only those `only` names) and
   * marks their end to be announced; returns them. Each is returned by one close only.
   */
  closeExpired(at: number, only?: ExpiryScope): Promise<DebateRecord[]>;

  tally(debateId: number): Promise<Counts>;
  scoreboard(debateId: number): Promise<ScoreboardData>;
  exportData(debateId: number): Promise<ExportData>;

  /** Every debate of the workspace that may hold the person's traces. */
  debatesOfWorkspace(scope: WorkspaceScope): Promise<Pick<DebateRecord, 'id' | 'uid' | 'anonymous'>[]>;
  /** Deletes votes, vote history and endorsements under these keys; detaches authored arguments. */
  forgetParticipant(
    scope: WorkspaceScope,
    keys: readonly string[],
  ): Promise<{ votes: number; endorsements: number; arguments: number }>;

  /**
   * Calls `listener` when a channel's settings are saved by any process sharing this database
   * (undefined: any channel's may have changed); returns a function that stops it. A store that
   * only one process uses may leave it out.
   */
  watchSettings?(listener: (scope: ChannelScope | undefined) => void): () => void;

  /**
   * Rewrites, in key order, the rows (votes, vote events, endorsements) of the anonymous debates
   * this store wrote to since the last call, so that neither their place in the files nor the
   * log tells which came first; returns how many debates.
   */
  scrubAnonymousOrder(): Promise<number>;
  /**
   * Destroys the links of the anonymous debates closed before `before` (and not yet unlinked):
   * their votes', events' and endorsements' keys become random ones, their arguments and opener
   * lose theirs; sides and counts stay. Nothing, the anonymity key included, links them to anyone
   * afterwards. Returns the debates unlinked.
   */
  unlinkEnded(before: number): Promise<number[]>;

  /** Forgets delivery keys older than `before`. */
  pruneDeliveries(before: number): Promise<number>;
  close(): Promise<void>;
}
