import type { DebateStatus, Language, Platform, Side, VoteSide } from './types.ts';

/** What is stored of a debate and its parts, as the core reads them. */
export interface DebateRecord {
  id: number;
  uid: string;
  platform: Platform;
  workspaceId: string;
  channelId: string;
  number: number;
  topic: string;
  openerKey: string | null;
  openerName: string | null;
  anonymous: boolean;
  hidden: boolean;
  status: DebateStatus;
  openedAt: number;
  closesAt: number | null;
  closedAt: number | null;
  scoreboardRef: string | null;
  /** What the opener or an admin said of where the debate leaves things, once closed. */
  closingNote: string | null;
  /** Opened `--deux-tours`: a blind first round, then a second one. */
  twoRounds: boolean;
  /** When the second round opens (half-time; `tour2` brings it forward); null: one round. */
  round2At: number | null;
  /** When it did open (the first round's votes were kept then); null: still in the first round. */
  round2StartedAt: number | null;
}

export interface ArgumentRecord {
  id: number;
  number: number;
  side: Side;
  text: string;
  authorKey: string | null;
  authorName: string | null;
  createdAt: number;
  withdrawnAt: number | null;
  /** When its author last edited its text (null: never edited). */
  editedAt: number | null;
  endorsements: number;
  deltas: number;
}

export interface Counts {
  pro: number;
  con: number;
  neutral: number;
}

export interface ChannelSettings {
  timezone: string | null;
  summaryDay: number | null;
  summaryTime: string | null;
  summaryOff: boolean;
  /** A thread under each new debate's scoreboard (platforms with threads). */
  threads: boolean;
  language: Language | null;
  /** Who may open debates here: everyone (the default) or admins only. */
  openers: Openers;
  /** A reminder before each debate's end (on by default). */
  reminders: boolean;
  /** A nudge when one side has arguments and the other none (on by default). */
  nudges: boolean;
  /** The debate of the week: the most endorsed topic opens by itself at this weekday and time. */
  rhythm: Rhythm | null;
}

export interface Rhythm {
  /** 0 (Sunday) … 6, and "HH:MM" in the channel's zone. */
  day: number;
  time: string;
  durationMs: number;
  /** When it was set: earlier slots are not due. */
  since: number;
}

/** A topic proposed for the debate of the week, in its channel's queue. */
export interface TopicRecord {
  id: number;
  number: number;
  text: string;
  proposerKey: string | null;
  proposerName: string | null;
  proposedAt: number;
  withdrawnAt: number | null;
  endorsements: number;
}

export type Openers = 'everyone' | 'admins';

export interface ScoreboardData {
  debate: DebateRecord;
  counts: Counts;
  participants: number;
  argumentCounts: { pro: number; con: number };
  topPro: ArgumentRecord | null;
  topCon: ArgumentRecord | null;
  newest: ArgumentRecord | null;
  deltas: number;
  /** Opened by the channel's rhythm, from its queue of topics: the debate of the week. */
  weekly: boolean;
}

export interface VoteRecord {
  voterKey: string;
  voterName: string | null;
  side: VoteSide;
  votedAt: number;
}

export interface VoteEventRecord {
  voterKey: string;
  voterName: string | null;
  oldSide: VoteSide | null;
  newSide: VoteSide | null;
  at: number;
  persuadedBy: number | null;
}

/** An argument endorsed by people whose current vote is pour and by people whose vote is contre. */
export interface CommonGroundRecord {
  argument: ArgumentRecord;
  /** Its endorsers whose current vote is pour, and contre (neutral voters are not counted). */
  pro: number;
  con: number;
}

/** A two-round debate's first round next to its votes now. */
export interface RoundsRecord {
  /** The tally when the second round opened. */
  first: Counts;
  /** People whose vote now differs from their first-round vote (both cast). */
  changed: number;
  /** ∆ those people credited since the second round opened, per argument number. */
  deltas: { number: number; count: number }[];
}

export interface ExportData {
  debate: DebateRecord;
  counts: Counts;
  arguments: ArgumentRecord[];
  votes: VoteRecord[];
  history: VoteEventRecord[];
  /** Arguments with their endorsers' current sides (common ground), when read. */
  sides?: CommonGroundRecord[] | undefined;
  /** The first round next to now, once a two-round debate's second round has opened. */
  rounds?: RoundsRecord | undefined;
}

export interface DebateSummaryRow {
  debate: DebateRecord;
  counts: Counts;
  argumentCount: number;
}

/** A debate someone took part in, with their own vote. */
export interface ParticipationRow extends DebateSummaryRow {
  viewerVote: VoteSide | null;
  opened: boolean;
}

/** A voter's latest change of vote (null: no vote before, or withdrawn). */
export interface LastSwitch {
  oldSide: VoteSide | null;
  newSide: VoteSide | null;
}
