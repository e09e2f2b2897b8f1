import type { ChannelScope, DebateCore, Logger, UpdateResult } from '../../src/api.ts';
import type { Reply } from '../../src/views/types.ts';
import { Recent } from '../shared/recent.ts';
import { messageBody } from './message-body.ts';
import { snowflakeTime } from './people.ts';
import { renderReply } from './render/index.ts';

import {
  discordCode,
  EDIT_LIMIT_OLD_MESSAGE,
  type Rest,
  rateLimitWaitMs,
  routes,
  UNKNOWN_MESSAGE,
} from './rest.ts';

/** A scoreboard's reference: the channel and the message, `channel:message`. */
export const scoreboardRef = (channelId: string, messageId: string): string => `${channelId}:${messageId}`;

export function parseScoreboardRef(ref: string): { channelId: string; messageId: string } | undefined {
  const match = /^(\d+):(\d+)$/.exec(ref);
  return match ? { channelId: match[1] as string, messageId: match[2] as string } : undefined;
}

const HOUR = 60 * 60 * 1000;
const MESSAGES_REMEMBERED = 10_000;

export interface ScoreboardOptions {
  /** Messages older than an hour get at most one edit per this long (Discord's 30046 limit). */
  oldMessageSpacingMs: number;
  /** First wait after a 30046 refusal; doubles up to `editLimitMaxMs`. */
  editLimitBackoffMs: number;
  editLimitMaxMs: number;
}

export const DEFAULT_SCOREBOARD_OPTIONS: ScoreboardOptions = {
  oldMessageSpacingMs: 60_000,
  editLimitBackoffMs: 60_000,
  editLimitMaxMs: 15 * 60_000,
};

/**
 * Live scoreboards on Discord: posted as ordinary channel messages (so they can be edited for as
 * long as the debate lives, and carry a thread), then edited when the core asks (it coalesces: a
 * burst of votes costs a handful of edits, the last one with the final state). Edits give way to
 * rate limits and to Discord's cap on edits of messages older than an hour (30046): they ask the
 * core to wait and try again with the latest state, never piling up.
 */
export class Scoreboards {
  // Memories of recent messages only, so that months of debates do not grow them: forgetting a
  // message's last edit or backoff costs at most one early edit, which Discord answers with a wait.
  readonly #lastEdit = new Recent<number>(MESSAGES_REMEMBERED);
  readonly #backoff = new Map<string, number>();
  #closing = false;

  constructor(
    private readonly deps: {
      rest: Rest;
      /** False without a bot token: nothing can be posted or edited in channels. */
      canPost: boolean;
      engine: DebateCore;
      logger: Logger;
      options: ScoreboardOptions;
      now?: () => number;
    },
  ) {}

  get canPost(): boolean {
    return this.deps.canPost;
  }

  /** Posts a new debate's scoreboard in its channel and attaches it; returns the message id. */
  async publish(scope: ChannelScope, number: number, reply: Reply): Promise<string | undefined> {
    if (!this.deps.canPost) return undefined;
    try {
      const posted = (await this.deps.rest.post(routes.messages(scope.channelId), {
        body: messageBody(renderReply(reply)),
      })) as { id: string };
      await this.deps.engine.attachScoreboard(
        scope,
        number,
        scoreboardRef(scope.channelId, posted.id),
        reply,
      );
      return posted.id;
    } catch (error) {
      this.deps.logger.warn(
        { err: error, code: discordCode(error), channel: scope.channelId, debate: number },
        'discord: could not post the scoreboard in the channel',
      );
      return undefined;
    }
  }

  /** Shutting down: the last edits go out now, the spacing of old messages aside. */
  closing(): void {
    this.#closing = true;
  }

  /** Edits the scoreboard message `ref` to show `reply`. */
  async update(ref: string, reply: Reply): Promise<UpdateResult> {
    const target = parseScoreboardRef(ref);
    if (!this.deps.canPost || !target) return undefined;
    const now = this.deps.now ?? Date.now;
    const { options } = this.deps;
    const isOld = now() - snowflakeTime(target.messageId) > HOUR;
    const last = this.#lastEdit.get(ref);
    if (!this.#closing && isOld && last !== undefined && now() - last < options.oldMessageSpacingMs) {
      return { retryAfterMs: options.oldMessageSpacingMs - (now() - last) };
    }
    try {
      await this.deps.rest.patch(routes.message(target.channelId, target.messageId), {
        body: messageBody(renderReply(reply)),
      });
      this.#lastEdit.set(ref, now());
      this.#backoff.delete(ref);
      return undefined;
    } catch (error) {
      const wait = rateLimitWaitMs(error);
      if (wait !== undefined) return { retryAfterMs: wait };
      const code = discordCode(error);
      if (code === EDIT_LIMIT_OLD_MESSAGE) {
        const backoff = Math.min(
          this.#backoff.get(ref) ?? options.editLimitBackoffMs,
          options.editLimitMaxMs,
        );
        if (this.#backoff.size >= MESSAGES_REMEMBERED) this.#backoff.clear();
        this.#backoff.set(ref, Math.min(backoff * 2, options.editLimitMaxMs));
        this.deps.logger.warn(
          { channel: target.channelId, retryInMs: backoff },
          'discord: edit limit on an old scoreboard (30046); the latest state will be written later',
        );
        return { retryAfterMs: backoff };
      }
      if (code === UNKNOWN_MESSAGE) {
        this.deps.logger.warn({ channel: target.channelId }, 'discord: scoreboard message is gone');
        return undefined;
      }
      throw error;
    }
  }
}
