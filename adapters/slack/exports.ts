// An export is a file, sent to the person alone: Slack cannot attach a file to an ephemeral message,
// so the bot opens its direct conversation with them (im:write) and uploads the file there
// (files:write). The private answer then says where the file is, or that it could not be sent.
import type { webApi } from '@slack/bolt';
import type { Logger } from '../../src/api.ts';
import { translator } from '../../src/i18n/translate.ts';
import type { ExportView, Reply } from '../../src/views/types.ts';
import { esc, message, type SlackMessage, section } from './render/blocks.ts';
import { renderReply } from './render/reply.ts';
import { platformError, withRateLimit } from './slack-errors.ts';

/** Uploads the export's file into the bot's direct conversation with `user`. */
export async function sendExportFile(
  client: webApi.WebClient,
  user: string,
  view: ExportView,
  language: Reply['language'],
): Promise<void> {
  const opened = await withRateLimit(() => client.conversations.open({ users: user }));
  const channel = opened.channel?.id;
  if (!channel) throw new Error('conversations.open gave no channel');
  const tr = translator(language);
  await withRateLimit(() =>
    client.filesUploadV2({
      channel_id: channel,
      file: Buffer.from(view.content, 'utf8'),
      filename: view.filename,
      title: view.filename,
      initial_comment: tr('export.ready', { debate: view.debate.number, format: view.format }),
    }),
  );
}

/**
 * A private reply as the message to show. For an export, the file goes to the person's direct
 * messages first; the answer says so, or says it could not be sent.
 */
export async function privateMessage(
  deps: { client: webApi.WebClient; logger: Logger },
  user: string,
  reply: Reply,
): Promise<SlackMessage> {
  if (reply.view.kind !== 'export') return renderReply(reply);
  try {
    await sendExportFile(deps.client, user, reply.view, reply.language);
    return renderReply(reply);
  } catch (error) {
    deps.logger.warn(
      { err: error, code: platformError(error), file: reply.view.filename },
      'slack: the export could not be sent as a direct message',
    );
    const text = translator(reply.language)('export.not_sent');
    return message(text, [section(`:x: ${esc(text)}`)]);
  }
}
