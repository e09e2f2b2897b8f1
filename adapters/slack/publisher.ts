// What the core pushes without being asked: a post in the channel (the weekly summary, with its
// chart uploaded after; the end of a debate), and the edits of live scoreboards.

import type { Publisher } from '../../src/api.ts';
import { uploadToChannel } from './file-upload.ts';
import { formatRef } from './refs.ts';
import type { SlackRuntime } from './runtime.ts';
import { updateScoreboard } from './scoreboards.ts';

/** The message metadata that marks a post made once (the weekly summary) with its key. */
const POST_EVENT = 'debat_post';
/** How far back a post made once is looked for: well past the ledger's stale claims. */
const LOOK_BACK_S = 2 * 24 * 60 * 60;
/** Slack's strictest limit for apps outside its Marketplace: 15 messages a call, one call a minute. */
const LOOK_BACK_MESSAGES = 15;

/**
 * The ts of the bot's message carrying `key` in the channel's recent history, if there is one.
 * A refused read (no history scope, not in the channel, a rate limit) posts anyway, with a warning:
 * a possible second copy is better than a summary never posted.
 */
async function postedEarlier(rt: SlackRuntime, channel: string, key: string): Promise<string | undefined> {
  const history = await rt.client.conversations
    .history({
      channel,
      oldest: String(Math.floor(Date.now() / 1000) - LOOK_BACK_S),
      limit: LOOK_BACK_MESSAGES,
      include_all_metadata: true,
    })
    .catch((error: unknown) => {
      rt.logger.warn({ err: error, channel }, 'channel history unreadable; posting without the lookup');
      return undefined;
    });
  if (!history) return undefined;
  const found = history.messages?.find(
    (message) =>
      message.metadata?.event_type === POST_EVENT &&
      (message.metadata.event_payload as Record<string, unknown> | undefined)?.key === key,
  );
  return found?.ts;
}

export function slackPublisher(rt: SlackRuntime): Publisher {
  return {
    post: (scope, reply, attachments = [], delivery) =>
      rt.forWorkspace(scope.workspaceId, async () => {
        if (delivery?.mayExist) {
          const earlier = await postedEarlier(rt, scope.channelId, delivery.key);
          if (earlier) return formatRef({ channel: scope.channelId, ts: earlier });
        }
        const ts = await rt.post(
          scope.channelId,
          reply,
          delivery && { event_type: POST_EVENT, event_payload: { key: delivery.key } },
        );
        // The text is out: a refused upload (missing files:write, an error) must not make the caller
        // believe nothing was posted, or the summary would be posted twice.
        for (const file of attachments) {
          try {
            await uploadToChannel(rt.client, scope.channelId, file);
          } catch (error) {
            rt.logger.warn(
              { err: error, channel: scope.channelId, file: file.filename },
              'file upload refused',
            );
          }
        }
        return ts ? formatRef({ channel: scope.channelId, ts }) : undefined;
      }),
    update: (ref, reply, scope) =>
      rt.forWorkspace(scope.workspaceId, () => updateScoreboard(rt.client, rt.logger, ref, reply)),
  };
}
