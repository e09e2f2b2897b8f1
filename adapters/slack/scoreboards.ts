// Editing a live scoreboard on Slack: chat.update of the debate's message. The core decides when
// (at most one edit per message per interval, always the latest state); a 429 asks it to wait.
import type { webApi } from '@slack/bolt';
import type { Logger, UpdateResult } from '../../src/api.ts';
import type { Reply } from '../../src/views/types.ts';
import { parseRef } from './refs.ts';
import { renderReply } from './render/reply.ts';
import { platformError, retryAfterMs } from './slack-errors.ts';

/** Errors after which trying again cannot help: the message or channel is gone. */
const GONE = new Set(['message_not_found', 'channel_not_found', 'cant_update_message', 'is_archived']);

export async function updateScoreboard(
  client: webApi.WebClient,
  logger: Logger,
  ref: string,
  reply: Reply,
): Promise<UpdateResult> {
  const where = parseRef(ref);
  if (!where) return undefined;
  try {
    await client.chat.update({ channel: where.channel, ts: where.ts, ...renderReply(reply) });
    return undefined;
  } catch (error) {
    const wait = retryAfterMs(error);
    if (wait !== undefined) return { retryAfterMs: Math.max(wait, 1) };
    const code = platformError(error);
    if (code && GONE.has(code)) {
      logger.warn({ code, channel: where.channel }, 'slack scoreboard message is gone');
      return undefined;
    }
    throw error;
  }
}
