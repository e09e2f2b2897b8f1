import type { Attachment, ChannelScope, DebateCore, Logger, PostDelivery, Publisher } from '../../src/api.ts';
import type { Reply } from '../../src/views/types.ts';
import { messageBody, rawFiles } from './message-body.ts';
import { postedEarlierLookup } from './posted-earlier.ts';
import { renderReply } from './render/index.ts';
import { type Rest, routes } from './rest.ts';
import { parseScoreboardRef, type Scoreboards, scoreboardRef } from './scoreboards.ts';
import { openDebateThread, threadsWanted } from './threads.ts';

/**
 * Posts in a channel for the core (the weekly summary, the end of a debate): a picture attached becomes the embed's
 * image; the reference returned is `channel:message`. When Discord refuses the files (no Attach
 * Files permission, too large), the text goes out alone: it reads well without the picture.
 * Failures of the text itself throw, so the caller can retry.
 */
export function discordPublisher(
  rest: Rest,
  canPost: boolean,
  logger: Logger,
  scoreboards: Scoreboards,
  engine: DebateCore,
): Publisher {
  const postedEarlier = postedEarlierLookup(rest);
  const post = async (
    scope: ChannelScope,
    reply: Reply,
    attachments: readonly Attachment[],
    delivery: PostDelivery | undefined,
  ) => {
    const message = renderReply(reply);
    // Past the nonce's few minutes, a post made once is found by its title instead.
    const title = message.embeds?.[0]?.title;
    if (delivery?.mayExist && title) {
      // Without Read Message History the lookup is refused: the nonce alone then guards the post.
      const earlier = await postedEarlier(scope.channelId, title, message.content ?? '').catch(
        (error: unknown) => {
          logger.warn(
            { err: error, channel: scope.channelId },
            'recent messages unreadable; posting without the lookup',
          );
          return undefined;
        },
      );
      if (earlier) return scoreboardRef(scope.channelId, earlier);
    }
    const files = attachments.map((a) => ({ name: a.filename, data: a.data, contentType: a.mimeType }));
    const image = attachments.find((a) => a.mimeType.startsWith('image/'));
    const first = message.embeds?.[0];
    if (image && first) first.image = { url: `attachment://${image.filename}` };
    const raw = rawFiles([...(message.files ?? []), ...files]);
    const posted = (await rest.post(routes.messages(scope.channelId), {
      // The same nonce again returns the message posted the first time instead of a second one.
      body: { ...messageBody(message), ...(delivery ? { nonce: delivery.key, enforce_nonce: true } : {}) },
      ...(raw ? { files: raw } : {}),
    })) as { id: string };
    return scoreboardRef(scope.channelId, posted.id);
  };
  /** A debate the core opened itself (the debate of the week) gets its thread as one opened by hand. */
  const withThread = async (scope: ChannelScope, reply: Reply, ref: string): Promise<string> => {
    const where = parseScoreboardRef(ref);
    if (
      reply.view.kind === 'scoreboard' &&
      reply.view.weekly &&
      where &&
      (await threadsWanted(engine, scope))
    )
      await openDebateThread(
        { rest, logger },
        scope.channelId,
        where.messageId,
        reply.view.debate,
        reply.language,
      );
    return ref;
  };
  return {
    async post(scope, reply, attachments: readonly Attachment[] = [], delivery) {
      if (!canPost) throw new Error('discord: posting in channels needs DISCORD_TOKEN');
      if (attachments.length === 0) return withThread(scope, reply, await post(scope, reply, [], delivery));
      try {
        return await post(scope, reply, attachments, delivery);
      } catch (error) {
        logger.warn(
          { err: error, channel: scope.channelId },
          'post with files refused; posting the text alone',
        );
        return post(scope, reply, [], delivery);
      }
    },
    update: (ref, reply) => scoreboards.update(ref, reply),
  };
}
