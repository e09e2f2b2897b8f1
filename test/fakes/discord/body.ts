/** Reads a request body the way Discord accepts it: JSON, or multipart with `payload_json` and files. */
import type { IncomingMessage } from 'node:http';
import type { RecordedFile } from './recorder.ts';

export interface ParsedBody {
  body: unknown;
  files: RecordedFile[];
}

export async function readRaw(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function parseMultipart(raw: Buffer, boundary: string): ParsedBody {
  const files: RecordedFile[] = [];
  let body: unknown;
  const parts = raw.toString('latin1').split(`--${boundary}`);
  for (const part of parts) {
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd < 0) continue;
    const head = part.slice(0, headerEnd);
    const content = part.slice(headerEnd + 4).replace(/\r\n$/, '');
    const name = /name="([^"]*)"/.exec(head)?.[1] ?? '';
    const filename = /filename="([^"]*)"/.exec(head)?.[1];
    const contentType = /content-type:\s*([^\r\n]+)/i.exec(head)?.[1] ?? '';
    if (filename !== undefined) {
      const data = Buffer.from(content, 'latin1');
      files.push({ field: name, filename, contentType, size: data.length, data });
    } else if (name === 'payload_json') {
      body = JSON.parse(Buffer.from(content, 'latin1').toString('utf8'));
    }
  }
  return { body, files };
}

export function parseBody(raw: Buffer, contentType: string | undefined): ParsedBody {
  if (raw.length === 0) return { body: undefined, files: [] };
  const boundary = /multipart\/form-data;\s*boundary=("?)([^";]+)\1/i.exec(contentType ?? '')?.[2];
  if (boundary) return parseMultipart(raw, boundary);
  return { body: JSON.parse(raw.toString('utf8')), files: [] };
}
