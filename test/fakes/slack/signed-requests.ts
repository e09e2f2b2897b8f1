// POSTs what Slack would POST to a Bolt HTTP endpoint, signed with the v0 scheme:
// `v0=` + hex HMAC-SHA256 of `v0:{timestamp}:{raw body}`. Options forge a bad signature or
// an old timestamp, and add the Events API retry headers.
import { createHmac } from 'node:crypto';

type Json = Record<string, unknown>;

export interface SignOptions {
  /** Sign with a wrong secret. */
  badSignature?: boolean;
  /** Shift the request timestamp by this many seconds (negative: in the past). */
  skewSec?: number;
  /** Events API retry headers. */
  retryNum?: number;
  retryReason?: string;
}

export interface SlackHttpAnswer {
  status: number;
  text: string;
  /** The body parsed as JSON when it is JSON, else undefined. */
  json: Json | undefined;
}

export function signature(secret: string, timestampSec: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestampSec}:${body}`).digest('hex')}`;
}

/** Headers Slack sends with a request body. */
export function signedHeaders(
  secret: string,
  body: string,
  contentType: string,
  opts: SignOptions = {},
): Record<string, string> {
  const ts = Math.floor(Date.now() / 1000) + (opts.skewSec ?? 0);
  const headers: Record<string, string> = {
    'content-type': contentType,
    'x-slack-request-timestamp': String(ts),
    'x-slack-signature': signature(opts.badSignature ? `${secret}-wrong` : secret, ts, body),
  };
  if (opts.retryNum !== undefined) headers['x-slack-retry-num'] = String(opts.retryNum);
  if (opts.retryReason !== undefined) headers['x-slack-retry-reason'] = opts.retryReason;
  return headers;
}

export const FORM = 'application/x-www-form-urlencoded';
export const JSON_TYPE = 'application/json';

export class SignedSlackClient {
  constructor(
    /** e.g. http://127.0.0.1:PORT/slack/events */
    readonly endpoint: string,
    private readonly secret: string,
  ) {}

  async post(body: string, contentType: string, opts: SignOptions = {}): Promise<SlackHttpAnswer> {
    const res = await fetch(this.endpoint, {
      method: 'POST',
      headers: signedHeaders(this.secret, body, contentType, opts),
      body,
    });
    const text = await res.text();
    let json: Json | undefined;
    try {
      json = text ? (JSON.parse(text) as Json) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, text, json };
  }

  /** A slash command, form-encoded. */
  command(fields: Record<string, string>, opts?: SignOptions): Promise<SlackHttpAnswer> {
    return this.post(new URLSearchParams(fields).toString(), FORM, opts);
  }

  /** block_actions, view_submission, shortcuts: form field `payload` holding JSON. */
  interactive(payload: Json, opts?: SignOptions): Promise<SlackHttpAnswer> {
    return this.post(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), FORM, opts);
  }

  /** An Events API callback, JSON. */
  event(body: Json, opts?: SignOptions): Promise<SlackHttpAnswer> {
    return this.post(JSON.stringify(body), JSON_TYPE, opts);
  }
}
