/**
 * What the fake Discord remembers: guilds and channels, messages (with their edit history and
 * reactions), threads, interactions (token, acknowledgement, original response) and registered
 * application commands. Plain data; the routes decide what is allowed.
 */
import { EventEmitter } from 'node:events';
import type { RecordedFile } from './recorder.ts';
import { nextSnowflake } from './snowflake.ts';

export interface FakeUser {
  id: string;
  username: string;
  global_name?: string | null;
  bot?: boolean;
}

export interface FakeChannel {
  id: string;
  type: number;
  name: string;
  guild_id: string;
  parent_id?: string;
}

export interface FakeGuild {
  id: string;
  name: string;
  channels: Omit<FakeChannel, 'guild_id'>[];
  preferred_locale?: string;
}

export interface StoredMessage {
  id: string;
  channel_id: string;
  guild_id: string | undefined;
  author: FakeUser;
  content: string;
  embeds: unknown[];
  components: unknown[];
  flags: number;
  attachments: unknown[];
  allowed_mentions: unknown;
  webhook_id?: string;
  interaction_id?: string;
  message_reference?: unknown;
  reactions: Map<string, Set<string>>;
  /** Every body that created or edited this message, in order. */
  history: Record<string, unknown>[];
  createdAt: string;
  editedAt: string | null;
  deleted: boolean;
}

export interface StoredInteraction {
  id: string;
  token: string;
  application_id: string;
  type: number;
  channel_id: string;
  guild_id: string | undefined;
  /** The message a component or modal was attached to (for type 6/7 answers). */
  message_id?: string;
  /** The callback type it was acknowledged with, or null. */
  acknowledgedWith: number | null;
  originalMessageId?: string;
  followUps: string[];
  /** The modal shown in answer, if any. */
  modal?: Record<string, unknown>;
}

export interface StoredCommand extends Record<string, unknown> {
  id: string;
  application_id: string;
  guild_id?: string;
  name: string;
}

const EPHEMERAL = 1 << 6;
const LOADING = 1 << 7;

export class FakeDiscordState {
  readonly channels = new Map<string, FakeChannel>();
  readonly messages = new Map<string, StoredMessage>();
  readonly interactions = new Map<string, StoredInteraction>();
  readonly globalCommands: StoredCommand[] = [];
  readonly guildCommands = new Map<string, StoredCommand[]>();
  /** Edits of these messages answer 30046 until removed. */
  readonly editLimited = new Set<string>();
  /** `threadCreate` (FakeChannel): the gateway relays it as THREAD_CREATE, as Discord does. */
  readonly events = new EventEmitter();
  /** The bytes behind each attachment id, as uploaded. */
  readonly attachmentData = new Map<string, Buffer>();
  /** GET /gateway/bot: the recommended shard count and how many shards may identify at once. */
  recommendedShards = 1;
  maxConcurrency = 1;

  /** Uploaded files as a message's attachment objects (descriptions from the body's `attachments`). */
  attachmentsOf(channelId: string, files: readonly RecordedFile[], body: Record<string, unknown>): unknown[] {
    const described = Array.isArray(body.attachments) ? (body.attachments as Record<string, unknown>[]) : [];
    return files.map((file, index) => {
      const id = nextSnowflake();
      this.attachmentData.set(id, file.data);
      const description = described.find((a) => String(a.id) === String(index))?.description;
      return {
        id,
        filename: file.filename,
        size: file.size,
        ...(file.contentType ? { content_type: file.contentType } : {}),
        ...(typeof description === 'string' ? { description } : {}),
        url: `https://cdn.discordapp.com/attachments/${channelId}/${id}/${file.filename}`,
        proxy_url: `https://media.discordapp.net/attachments/${channelId}/${id}/${file.filename}`,
      };
    });
  }

  constructor(
    readonly applicationId: string,
    readonly botUser: FakeUser,
    readonly guilds: FakeGuild[],
  ) {
    for (const g of guilds) for (const c of g.channels) this.channels.set(c.id, { ...c, guild_id: g.id });
  }

  createMessage(
    channelId: string,
    body: Record<string, unknown>,
    extra: Partial<Pick<StoredMessage, 'webhook_id' | 'interaction_id' | 'author' | 'flags'>> = {},
    files: readonly RecordedFile[] = [],
  ): StoredMessage {
    const channel = this.channels.get(channelId);
    const msg: StoredMessage = {
      id: nextSnowflake(),
      channel_id: channelId,
      guild_id: channel?.guild_id,
      author: extra.author ?? this.botUser,
      content: typeof body.content === 'string' ? body.content : '',
      embeds: Array.isArray(body.embeds) ? body.embeds : [],
      components: Array.isArray(body.components) ? body.components : [],
      attachments: files.length
        ? this.attachmentsOf(channelId, files, body)
        : Array.isArray(body.attachments)
          ? body.attachments
          : [],
      flags: extra.flags ?? (typeof body.flags === 'number' ? body.flags : 0),
      allowed_mentions: body.allowed_mentions,
      reactions: new Map(),
      history: [body],
      createdAt: new Date().toISOString(),
      editedAt: null,
      deleted: false,
    };
    if (extra.webhook_id) msg.webhook_id = extra.webhook_id;
    if (extra.interaction_id) msg.interaction_id = extra.interaction_id;
    if (body.message_reference) msg.message_reference = body.message_reference;
    this.messages.set(msg.id, msg);
    return msg;
  }

  /** An edit keeps the attachments listed in the body's `attachments` (all when absent) and adds new files. */
  editMessage(
    msg: StoredMessage,
    body: Record<string, unknown>,
    files: readonly RecordedFile[] = [],
  ): StoredMessage {
    if (typeof body.content === 'string') msg.content = body.content;
    if (body.content === null) msg.content = '';
    if (Array.isArray(body.embeds)) msg.embeds = body.embeds;
    if (Array.isArray(body.components)) msg.components = body.components;
    if (Array.isArray(body.attachments)) {
      const kept = new Set(body.attachments.map((a) => String((a as { id?: unknown }).id)));
      msg.attachments = msg.attachments.filter((a) => kept.has(String((a as { id?: unknown }).id)));
    }
    if (files.length)
      msg.attachments = [...msg.attachments, ...this.attachmentsOf(msg.channel_id, files, body)];
    if (typeof body.flags === 'number') msg.flags = (msg.flags & EPHEMERAL) | body.flags;
    msg.flags &= ~LOADING;
    msg.allowed_mentions = body.allowed_mentions;
    msg.history.push(body);
    msg.editedAt = new Date().toISOString();
    return msg;
  }

  createThread(parentId: string, name: string, fromMessageId?: string): FakeChannel {
    const parent = this.channels.get(parentId);
    const thread: FakeChannel = {
      id: fromMessageId ?? nextSnowflake(),
      type: 11,
      name,
      guild_id: parent?.guild_id ?? '',
      parent_id: parentId,
    };
    this.channels.set(thread.id, thread);
    this.events.emit('threadCreate', thread);
    return thread;
  }

  registerInteraction(i: Omit<StoredInteraction, 'acknowledgedWith' | 'followUps'>): StoredInteraction {
    const stored: StoredInteraction = { ...i, acknowledgedWith: null, followUps: [] };
    this.interactions.set(i.id, stored);
    return stored;
  }

  interactionByToken(token: string): StoredInteraction | undefined {
    for (const i of this.interactions.values()) if (i.token === token) return i;
    return undefined;
  }

  /** Messages posted in a channel (not ephemeral, not deleted), oldest first. */
  channelMessages(channelId: string): StoredMessage[] {
    return [...this.messages.values()].filter(
      (m) => m.channel_id === channelId && !m.deleted && (m.flags & EPHEMERAL) === 0,
    );
  }

  toApiMessage(m: StoredMessage): Record<string, unknown> {
    const api: Record<string, unknown> = {
      id: m.id,
      type: m.interaction_id ? 20 : 0,
      channel_id: m.channel_id,
      author: { discriminator: '0', avatar: null, global_name: null, ...m.author },
      content: m.content,
      timestamp: m.createdAt,
      edited_timestamp: m.editedAt,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: m.attachments,
      embeds: m.embeds.map((e) => ({ type: 'rich', ...(e as object) })),
      components: m.components,
      pinned: false,
      flags: m.flags,
      reactions: [...m.reactions].map(([emoji, users]) => ({
        count: users.size,
        me: users.has(this.botUser.id),
        emoji: { id: null, name: emoji },
      })),
    };
    if (m.guild_id) api.guild_id = m.guild_id;
    if (m.webhook_id) {
      api.webhook_id = m.webhook_id;
      api.application_id = this.applicationId;
    }
    if (m.message_reference) api.message_reference = m.message_reference;
    return api;
  }

  toApiChannel(c: FakeChannel): Record<string, unknown> {
    const api: Record<string, unknown> = { ...c, flags: 0, rate_limit_per_user: 0 };
    if (c.type === 11 || c.type === 12) {
      Object.assign(api, {
        owner_id: this.botUser.id,
        message_count: 0,
        member_count: 1,
        total_message_sent: 0,
        thread_metadata: {
          archived: false,
          auto_archive_duration: 10080,
          archive_timestamp: new Date().toISOString(),
          locked: false,
        },
      });
    }
    return api;
  }
}
