import type { ChannelScope } from '../../src/domain/types.ts';
import type { DebateEngine } from '../../src/engine/engine.ts';
import type { Logger } from '../../src/engine/logger.ts';
import type { ScoreboardRefresh } from '../../src/engine/outcome.ts';
import type { Reply } from '../../src/views/types.ts';
import type { UpdateCoalescer, UpdateResult } from '../shared/coalescer.ts';
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
 * Live scoreboards: posted as ordinary channel messages (so they can be edited for as long as the
 * debate lives, and carry a thread), then kept up to date through the coalescer: a burst of votes
 * costs a handful of edits, the last edit always shows the final state. Edits give way to rate
 * limits and to Discord's cap on edits of messages older than an hour (30046): they wait and retry
 * with the latest state, never piling up.
 */
export class Scoreboards {
  readonly #lastEdit = new Map<string, number>();
  readonly #backoff = new Map<string, number>();
  #closing = false;

  constructor(
    private readonly deps: {
      rest: Rest;
      /** False without a bot token: nothing can be posted or edited in channels. */
      canPost: boolean;
      engine: DebateEngine;
      logger: Logger;
      coalescer: UpdateCoalescer;
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
      await this.deps.engine.attachScoreboard(scope, number, scoreboardRef(scope.channelId, posted.id));
      return posted.id;
    } catch (error) {
      this.deps.logger.warn(
        { err: error, code: discordCode(error), channel: scope.channelId, debate: number },
        'discord: could not post the scoreboard in the channel',
      );
      return undefined;
    }
  }

  /** Schedules a coalesced update of a debate's scoreboard. */
  refresh(refresh: ScoreboardRefresh): void {
    if (!this.deps.canPost) return;
    const key = `${refresh.scope.workspaceId}/${refresh.number}`;
    this.deps.coalescer.schedule(key, () => this.#update(key, refresh));
  }

  /** Writes every pending update now (pacing aside) and stops. */
  async close(): Promise<void> {
    this.#closing = true;
    await this.deps.coalescer.close();
  }

  async #update(key: string, refresh: ScoreboardRefresh): Promise<UpdateResult> {
    const now = this.deps.now ?? Date.now;
    const live = await this.deps.engine.liveScoreboard(refresh.scope, refresh.number);
    const target = live?.ref ? parseScoreboardRef(live.ref) : undefined;
    if (!live || !target) return undefined;
    const { options } = this.deps;
    const isOld = now() - snowflakeTime(target.messageId) > HOUR;
    const last = this.#lastEdit.get(key);
    if (!this.#closing && isOld && last !== undefined && now() - last < options.oldMessageSpacingMs) {
      return { retryAfterMs: options.oldMessageSpacingMs - (now() - last) };
    }
    try {
      await this.deps.rest.patch(routes.message(target.channelId, target.messageId), {
        body: messageBody(renderReply(live)),
      });
      this.#lastEdit.set(key, now());
      this.#backoff.delete(key);
      return undefined;
    } catch (error) {
      const wait = rateLimitWaitMs(error);
      if (wait !== undefined) return { retryAfterMs: wait };
      const code = discordCode(error);
      if (code === EDIT_LIMIT_OLD_MESSAGE) {
        const backoff = Math.min(
          this.#backoff.get(key) ?? options.editLimitBackoffMs,
          options.editLimitMaxMs,
        );
        this.#backoff.set(key, Math.min(backoff * 2, options.editLimitMaxMs));
        this.deps.logger.warn(
          { debate: refresh.number, channel: target.channelId, retryInMs: backoff },
          'discord: edit limit on an old scoreboard (30046); the latest state will be written later',
        );
        return { retryAfterMs: backoff };
      }
      if (code === UNKNOWN_MESSAGE) {
        this.deps.logger.warn(
          { debate: refresh.number, channel: target.channelId },
          'discord: scoreboard message is gone',
        );
        return undefined;
      }
      throw error;
    }
  }
}
