import type { RawFile } from '@discordjs/rest';
import type { OutgoingFile, OutgoingMessage } from './render/types.ts';

export const EPHEMERAL = 1 << 6;

/** Nobody is ever pinged: on every send and every edit (an edit without it re-parses mentions). */
export const NO_PINGS = Object.freeze({ parse: [] as string[] });

/** The JSON body of a send or an edit. */
export function messageBody(message: OutgoingMessage, flags?: number): Record<string, unknown> {
  const body: Record<string, unknown> = { allowed_mentions: NO_PINGS };
  if (message.content !== undefined) body.content = message.content;
  if (message.embeds !== undefined) body.embeds = message.embeds;
  if (message.components !== undefined) body.components = message.components;
  if (flags) body.flags = flags;
  return body;
}

export function rawFiles(files: readonly OutgoingFile[] | undefined): RawFile[] | undefined {
  if (!files?.length) return undefined;
  return files.map((f) => ({
    name: f.name,
    data: Buffer.from(f.data),
    ...(f.contentType ? { contentType: f.contentType } : {}),
  }));
}
