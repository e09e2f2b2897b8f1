import type { ChannelSettings, DebateRecord, TopicRecord } from '../../domain/records.ts';
import type { Result } from '../../domain/result.ts';
import type { ChannelScope, Platform } from '../../domain/types.ts';
import type { OpenDebateInput } from './debates.ts';
import type { ClaimWindow } from './leases.ts';
import type { Check, Delivery } from './writes.ts';

export interface ProposeTopicInput extends Delivery {
  scope: ChannelScope;
  text: string;
  proposerKey: string;
  proposerName: string | null;
  at: number;
}

export interface TopicChangeInput extends Delivery {
  scope: ChannelScope;
  number: number;
  at: number;
}

export interface TopicEndorseInput extends TopicChangeInput {
  endorserKey: string;
  check: Check<[topic: TopicRecord | undefined]>;
}

export interface TopicWithdrawInput extends TopicChangeInput {
  check: Check<[topic: TopicRecord | undefined]>;
}

/** The weekly opening of one channel's slot: claimed, its topic chosen and opened, in one write. */
export interface WeeklyOpeningInput {
  scope: ChannelScope;
  /** The opening instance: the post is claimed under its lease. */
  instance: string;
  /** The slot's instant: each is taken once per channel. */
  slotAt: number;
  at: number;
  /** The core's choice among the queue (the most endorsed); none leaves the slot empty. */
  pick: (queue: readonly TopicRecord[]) => TopicRecord | undefined;
  /** The debate to open from the chosen topic (its text is the topic). */
  debate: (topic: TopicRecord) => Omit<OpenDebateInput, 'scope' | 'topic'>;
}

/** A channel with a rhythm, for the platforms this process posts to. */
export interface RhythmChannel {
  scope: ChannelScope;
  settings: ChannelSettings;
}

/** The debate of the week: a channel's queue of topics and its weekly opening. */
export interface TopicStore {
  /** Numbered per channel; the same delivery again returns the same topic. */
  proposeTopic(input: ProposeTopicInput): Promise<{ topic: TopicRecord; duplicate: boolean }>;
  /** The live queue (not withdrawn, not opened), the most endorsed first, then the oldest. */
  topicQueue(
    scope: ChannelScope,
    viewerKey: string,
  ): Promise<(TopicRecord & { endorsedByViewer: boolean })[]>;
  toggleTopicEndorsement(
    input: TopicEndorseInput,
  ): Promise<Result<{ endorsed: boolean; duplicate: boolean }>>;
  withdrawTopic(input: TopicWithdrawInput): Promise<Result<{ topic: TopicRecord; duplicate: boolean }>>;
  rhythmChannels(platforms: readonly Platform[]): Promise<RhythmChannel[]>;
  /**
   * Takes the slot (false: taken already, by this process or another) and, if `pick` chooses a
   * topic, opens its debate and takes the topic off the queue.
   */
  openWeekly(
    input: WeeklyOpeningInput,
  ): Promise<{ claimed: boolean; debate?: DebateRecord; topic?: TopicRecord }>;
  /**
   * Weekly debates still open whose scoreboard was never attached (its post failed, or its
   * instance stopped), and whose post claim is older than `staleBefore`: claimed at `at` for
   * this process to post. (The opening itself claims the post for the instance that opened.)
   */
  claimWeeklyPosts(input: WeeklyPostsInput): Promise<DebateRecord[]>;
}

export interface WeeklyPostsInput extends ClaimWindow {
  platforms: readonly Platform[];
  limit: number;
}
