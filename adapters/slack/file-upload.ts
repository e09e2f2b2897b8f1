// A file posted in a channel in Slack's three steps, with the description under the argument
// Slack documents for it (`alt_txt`); the Web API client's filesUploadV2 sends `alt_text`.
import type { webApi } from '@slack/bolt';
import { z } from 'zod';

export interface ChannelFile {
  filename: string;
  data: Uint8Array;
  title?: string | undefined;
}

const uploadUrl = z.object({ upload_url: z.string().url(), file_id: z.string().min(1) });

export async function uploadToChannel(
  client: webApi.WebClient,
  channel: string,
  file: ChannelFile,
): Promise<void> {
  const asked = uploadUrl.parse(
    await client.apiCall('files.getUploadURLExternal', {
      filename: file.filename,
      length: file.data.byteLength,
      ...(file.title ? { alt_txt: file.title } : {}),
    }),
  );
  const sent = await fetch(asked.upload_url, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream' },
    body: new Uint8Array(file.data),
    signal: AbortSignal.timeout(30_000),
  });
  await sent.arrayBuffer();
  if (!sent.ok) throw new Error(`file upload answered ${sent.status}`);
  await client.files.completeUploadExternal({
    files: [{ id: asked.file_id, ...(file.title ? { title: file.title } : {}) }],
    channel_id: channel,
  });
}
