// What the fake Slack workspace holds: messages, ephemerals, views, Home tabs, reactions,
// users, channels and uploads. Tests read it to see what a person would see.

export interface FakeUser {
  id: string;
  name: string;
  real_name?: string;
  is_admin: boolean;
  is_owner: boolean;
  is_bot?: boolean;
  tz?: string;
  locale?: string;
}

export interface FakeChannel {
  id: string;
  name: string;
  is_channel: boolean;
  is_private: boolean;
  is_im: boolean;
}

export interface StoredMessage {
  channel: string;
  ts: string;
  thread_ts?: string;
  user: string;
  text?: string;
  blocks?: unknown[];
  /** Files shared with the message (files.completeUploadExternal with a channel). */
  files?: { id: string; name: string; title: string }[];
  /** Message metadata given by chat.postMessage (`event_type`, `event_payload`). */
  metadata?: Record<string, unknown>;
  edits: number;
}

export interface StoredEphemeral {
  channel: string;
  user: string;
  thread_ts?: string;
  text?: string;
  blocks?: unknown[];
  message_ts: string;
  at: number;
}

export interface StoredView {
  id: string;
  type: 'modal' | 'home';
  /** For a Home tab: the user it was published for. */
  user?: string;
  trigger_id?: string;
  view: Record<string, unknown>;
  updates: number;
}

export interface StoredUpload {
  file_id: string;
  filename: string;
  /** The description, as files.getUploadURLExternal takes it. */
  alt_txt?: string;
  length?: number;
  bytes?: Buffer;
  completed: boolean;
  channel_id?: string;
  initial_comment?: string;
  title?: string;
}

export class WorkspaceState {
  readonly messages = new Map<string, StoredMessage>();
  readonly ephemerals: StoredEphemeral[] = [];
  readonly views = new Map<string, StoredView>();
  readonly homes = new Map<string, StoredView>();
  /** key `${channel}/${ts}` → names of reactions added by the bot */
  readonly reactions = new Map<string, string[]>();
  readonly users = new Map<string, FakeUser>();
  readonly channels = new Map<string, FakeChannel>();
  readonly uploads = new Map<string, StoredUpload>();
  /** user id → id of the bot's direct conversation with them (conversations.open). */
  readonly ims = new Map<string, string>();
  private clock = Math.floor(Date.now() / 1000);
  private seq = 0;
  private ids = 0;

  /** A unique, increasing Slack-style timestamp ("1700000000.000001"). */
  nextTs(): string {
    this.seq += 1;
    if (this.seq > 999_999) {
      this.seq = 1;
      this.clock += 1;
    }
    return `${this.clock}.${String(this.seq).padStart(6, '0')}`;
  }

  nextId(prefix: string): string {
    this.ids += 1;
    return `${prefix}${String(this.ids).padStart(8, '0')}`;
  }

  message(channel: string, ts: string): StoredMessage | undefined {
    return this.messages.get(`${channel}/${ts}`);
  }

  putMessage(m: StoredMessage): void {
    this.messages.set(`${m.channel}/${m.ts}`, m);
  }

  user(id: string): FakeUser {
    return (
      this.users.get(id) ?? { id, name: id.toLowerCase(), real_name: id, is_admin: false, is_owner: false }
    );
  }

  setUser(u: Partial<FakeUser> & { id: string }): void {
    this.users.set(u.id, { ...this.user(u.id), ...u });
  }

  channel(id: string): FakeChannel {
    return (
      this.channels.get(id) ?? {
        id,
        name: id.toLowerCase(),
        is_channel: !id.startsWith('D'),
        is_private: id.startsWith('G'),
        is_im: id.startsWith('D'),
      }
    );
  }
}
