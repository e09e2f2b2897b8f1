import type { Attachment, Publisher } from '../../src/adapter.ts';
import { messageBody, rawFiles } from './message-body.ts';
import { renderReply } from './render/index.ts';
import { type Rest, routes } from './rest.ts';
import { scoreboardRef } from './scoreboards.ts';

/**
 * Posts in a channel for the core (the weekly summary): a picture attached becomes the embed's
 * image; the reference returned is `channel:message`. Failures throw, so the caller can retry.
 */
export function discordPublisher(rest: Rest, canPost: boolean): Publisher {
  return {
    async post(scope, reply, attachments: readonly Attachment[] = []) {
      if (!canPost) throw new Error('discord: posting in channels needs DISCORD_TOKEN');
      const message = renderReply(reply);
      const files = attachments.map((a) => ({ name: a.filename, data: a.data, contentType: a.mimeType }));
      const image = attachments.find((a) => a.mimeType.startsWith('image/'));
      const first = message.embeds?.[0];
      if (image && first) first.image = { url: `attachment://${image.filename}` };
      const raw = rawFiles([...(message.files ?? []), ...files]);
      const posted = (await rest.post(routes.messages(scope.channelId), {
        body: messageBody(message),
        ...(raw ? { files: raw } : {}),
      })) as { id: string };
      return scoreboardRef(scope.channelId, posted.id);
    },
  };
}
