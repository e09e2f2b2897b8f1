// The `response_url` side of Slack: hands out URLs for payloads and records what the app posts
// to them (Bolt's `respond()` POSTs JSON). Slack allows 5 responses per URL; a sixth gets 404.
import { checkMessage } from './block-kit-limits.ts';

export interface ResponseUrlOwner {
  channel?: string;
  user?: string;
}

export interface RecordedResponse extends ResponseUrlOwner {
  id: string;
  url: string;
  body: Record<string, unknown>;
  at: number;
  /** 'ephemeral' unless the body says in_channel (Slack's default for response_url). */
  responseType: 'ephemeral' | 'in_channel';
  /** Block Kit problems found in the body (the post was refused with 400). */
  errors: string[];
}

export const MAX_RESPONSES_PER_URL = 5;

export class ResponseUrlSink {
  readonly posts: RecordedResponse[] = [];
  private readonly owners = new Map<string, ResponseUrlOwner>();
  private counter = 0;
  private readonly counts = new Map<string, number>();

  private countFor(id: string): number {
    return this.counts.get(id) ?? 0;
  }

  constructor(
    private readonly baseUrl: () => string,
    /** Slack's limit; a benchmark that replays one URL raises it. */
    private readonly maxPerUrl = MAX_RESPONSES_PER_URL,
  ) {}

  /** A fresh response_url, remembered with the channel and user it belongs to. */
  create(owner: ResponseUrlOwner = {}): string {
    this.counter += 1;
    const id = `R${this.counter}`;
    this.owners.set(id, owner);
    return `${this.baseUrl()}/response/${id}`;
  }

  /** Handles a POST to /response/<id>; returns the HTTP status and body to answer. */
  receive(id: string, body: Record<string, unknown>): { status: number; body: string } {
    const owner = this.owners.get(id);
    if (!owner) return { status: 404, body: 'no_such_url' };
    if (this.countFor(id) >= this.maxPerUrl) {
      return { status: 404, body: 'used_url' };
    }
    const errors = checkMessage(body);
    this.counts.set(id, this.countFor(id) + 1);
    this.posts.push({
      ...owner,
      id,
      url: `${this.baseUrl()}/response/${id}`,
      body,
      at: Date.now(),
      responseType: body.response_type === 'in_channel' ? 'in_channel' : 'ephemeral',
      errors,
    });
    if (errors.length > 0) return { status: 400, body: 'invalid_blocks' };
    return { status: 200, body: 'ok' };
  }
}
