import type {
  ArgumentRecord,
  ChannelSettings,
  CommonGroundRecord,
  Counts,
  DebateRecord,
  RoundsRecord,
} from '../../domain/records.ts';
import type { VoteSide } from '../../domain/types.ts';
import type { DebateSnapshot } from './summary.ts';

/** Net vote changes per side within one span of time, and how many of them were switches. */
export interface OpinionBucket {
  /** Start of the span, ms since the epoch. */
  from: number;
  pro: number;
  con: number;
  neutral: number;
  /** Votes moved from one side to another. */
  switches: number;
}

/** How many people an argument moved from one side to another (the ∆ log). */
export interface PersuasionFlow {
  argument: number;
  from: VoteSide;
  to: VoteSide;
  people: number;
}

/** Everything the debate's page shows, read in one transaction so its parts agree. */
export interface PageData {
  debate: DebateRecord;
  counts: Counts;
  /** Live arguments with their endorsements and ∆, in number order. */
  arguments: ArgumentRecord[];
  /** Vote changes summed per span (aligned on the epoch), oldest first. */
  opinion: OpinionBucket[];
  persuasion: PersuasionFlow[];
  /** The tallies kept with each weekly summary that listed the debate, oldest first. */
  snapshots: DebateSnapshot[];
  /** Live arguments with their endorsers' current sides (common ground). */
  sides: CommonGroundRecord[];
  /** The first round next to now, once a two-round debate's second round has opened. */
  rounds: RoundsRecord | undefined;
}

/** What a page link names, read at once: a page request checks its link and its cache with it. */
export interface PageLinkRecord {
  debate: DebateRecord;
  /** The version current links are signed with. */
  version: number;
  /** The debate's revision: one more at every write that can change its page (kept by triggers). */
  revision: number;
  /** Its channel's settings the page is written in; null where the channel has none. */
  channel: Pick<ChannelSettings, 'language' | 'timezone'>;
}

/** What the debate's web page reads, and the version its links are signed with. */
export interface PageStore {
  /** The debate a page link names (links carry its uid, never the workspace's number), in one read. */
  pageLink(uid: string): Promise<PageLinkRecord | undefined>;
  /** The version current links are signed with (1 until the first revocation). */
  pageVersion(debateId: number): Promise<number>;
  /** Bumps the version, so every link given so far stops working; returns the new one. */
  revokePages(debateId: number): Promise<number>;
  /** The page's content; vote changes are summed per `spanMs`. */
  pageData(debateId: number, spanMs: number): Promise<PageData | undefined>;
}
