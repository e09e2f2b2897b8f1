// Live scoreboards: every change schedules a coalesced chat.update of the debate's message (at
// most one per message per interval, always with the latest state). A 429 postpones that message
// alone by its Retry-After; other messages, posts and acks go on.
import type { webApi } from '@slack/bolt';
import type { DebateEngine } from '../../src/engine/engine.ts';
import type { Logger } from '../../src/engine/logger.ts';
import type { ScoreboardRefresh } from '../../src/engine/outcome.ts';
import type { UpdateCoalescer, UpdateResult } from '../shared/coalescer.ts';
import { parseRef } from './refs.ts';
import { renderReply } from './render/reply.ts';
import { platformError, retryAfterMs } from './slack-errors.ts';

/** Errors after which trying again cannot help: the message or channel is gone. */
const GONE = new Set(['message_not_found', 'channel_not_found', 'cant_update_message', 'is_archived']);

export class Scoreboards {
  constructor(
    private readonly engine: DebateEngine,
    private readonly client: webApi.WebClient,
    private readonly coalescer: UpdateCoalescer,
    private readonly logger: Logger,
  ) {}

  refresh(refresh: ScoreboardRefresh): void {
    if (refresh.scope.platform !== 'slack' || !refresh.ref || !parseRef(refresh.ref)) return;
    this.coalescer.schedule(refresh.ref, () => this.update(refresh));
  }

  private async update(refresh: ScoreboardRefresh): Promise<UpdateResult> {
    const live = await this.engine.liveScoreboard(refresh.scope, refresh.number);
    const where = live?.ref ? parseRef(live.ref) : undefined;
    if (!live || !where) return undefined;
    try {
      await this.client.chat.update({ channel: where.channel, ts: where.ts, ...renderReply(live) });
      return undefined;
    } catch (error) {
      const wait = retryAfterMs(error);
      if (wait !== undefined) return { retryAfterMs: Math.max(wait, 1) };
      const code = platformError(error);
      if (code && GONE.has(code)) {
        this.logger.warn({ code, debate: refresh.number }, 'slack scoreboard message is gone');
        return undefined;
      }
      throw error;
    }
  }
}
