// Where a private answer goes: the ack body of a slash command, the payload's response_url
// (ephemeral, possibly replacing the ephemeral message clicked), or chat.postEphemeral.
import type { webApi } from '@slack/bolt';
import type { SlackMessage } from './render/blocks.ts';
import type { ResponseUrlPoster } from './response-url.ts';
import { withRateLimit } from './slack-errors.ts';

export type PrivateSink = (message: SlackMessage, options?: { replace?: boolean }) => Promise<void>;

export const viaResponseUrl =
  (poster: ResponseUrlPoster, url: string): PrivateSink =>
  (message, options) =>
    poster.post(url, {
      response_type: 'ephemeral',
      replace_original: options?.replace === true,
      ...message,
    });

export const viaEphemeral =
  (client: webApi.WebClient, channel: string, user: string, threadTs?: string): PrivateSink =>
  async (message) => {
    await withRateLimit(() =>
      client.chat.postEphemeral({ channel, user, ...message, ...(threadTs ? { thread_ts: threadTs } : {}) }),
    );
  };
