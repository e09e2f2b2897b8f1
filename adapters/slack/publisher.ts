// What the core pushes without being asked: a post in the channel (the weekly summary, with its
// chart uploaded after; the end of a debate), and the edits of live scoreboards.
import type { Publisher } from '../../src/adapter.ts';
import { formatRef } from './refs.ts';
import type { SlackRuntime } from './runtime.ts';
import { updateScoreboard } from './scoreboards.ts';

export function slackPublisher(rt: SlackRuntime): Publisher {
  return {
    post: (scope, reply, attachments = []) =>
      rt.forWorkspace(scope.workspaceId, async () => {
        const ts = await rt.post(scope.channelId, reply);
        // The text is out: a refused upload (missing files:write, an error) must not make the caller
        // believe nothing was posted, or the summary would be posted twice.
        for (const file of attachments) {
          try {
            await rt.client.filesUploadV2({
              channel_id: scope.channelId,
              file: Buffer.from(file.data),
              filename: file.filename,
              ...(file.title ? { title: file.title, alt_text: file.title } : {}),
            });
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
