/**
 * Gateway / HTTP payloads as Discord sends them: INTERACTION_CREATE for a chat input command, a
 * button and a modal submit (with every field discord.js reads), PING, and MESSAGE_CREATE.
 * Interactions are registered in the fake state so their callbacks and webhooks are accepted.
 */
import { nextSnowflake } from './snowflake.ts';
import type { FakeDiscordState, FakeUser, StoredMessage } from './state.ts';

export const PERMISSIONS = {
  none: '0',
  member: String((1n << 10n) | (1n << 11n) | (1n << 16n)),
  manageMessages: String(1n << 13n),
  manageGuild: String(1n << 5n),
  administrator: String(1n << 3n),
} as const;

export interface Actor {
  id: string;
  username: string;
  /** Member permission bitfield in the channel (decimal string). Default: an ordinary member. */
  permissions?: string;
  roles?: string[];
  /** The user's client locale, e.g. `fr`, `en-US`. */
  locale?: string;
}

export interface Where {
  guildId: string;
  channelId: string;
  /** 0 text channel (default), 11 public thread. */
  channelType?: number;
  /** A thread's parent channel. */
  parentId?: string;
  guildLocale?: string;
}

export type OptionValue = string | number | boolean;
export interface RawOption {
  name: string;
  type: number;
  value?: OptionValue;
  options?: RawOption[];
}

export type Payload = Record<string, unknown> & { id: string; token: string };

const APP_PERMISSIONS = String(
  (1n << 10n) | (1n << 11n) | (1n << 14n) | (1n << 6n) | (1n << 35n) | (1n << 38n),
);

function apiUser(u: FakeUser | Actor): Record<string, unknown> {
  return {
    id: u.id,
    username: u.username,
    discriminator: '0',
    avatar: null,
    global_name: u.username,
    bot: false,
  };
}

function base(state: FakeDiscordState, type: number, actor: Actor, where: Where): Payload {
  return {
    id: nextSnowflake(),
    token: `itok-${nextSnowflake()}`,
    type,
    version: 1,
    application_id: state.applicationId,
    entitlements: [],
    authorizing_integration_owners: { '0': where.guildId },
    context: 0,
    attachment_size_limit: 10 * 1024 * 1024,
    app_permissions: APP_PERMISSIONS,
    guild_id: where.guildId,
    guild_locale: where.guildLocale ?? 'en-US',
    guild: { id: where.guildId, locale: where.guildLocale ?? 'en-US', features: [] },
    channel_id: where.channelId,
    channel: {
      id: where.channelId,
      type: where.channelType ?? 0,
      guild_id: where.guildId,
      name: 'debats',
      flags: 0,
      ...(where.parentId ? { parent_id: where.parentId } : {}),
    },
    locale: actor.locale ?? 'fr',
    member: {
      user: apiUser(actor),
      roles: actor.roles ?? [],
      permissions: actor.permissions ?? PERMISSIONS.member,
      joined_at: new Date(0).toISOString(),
      deaf: false,
      mute: false,
      flags: 0,
      nick: null,
      avatar: null,
      premium_since: null,
      pending: false,
      communication_disabled_until: null,
    },
  };
}

function register(state: FakeDiscordState, p: Payload, where: Where, messageId?: string): Payload {
  const reg = { id: p.id, token: p.token, application_id: state.applicationId, type: p.type as number };
  state.registerInteraction({
    ...reg,
    channel_id: where.channelId,
    guild_id: where.guildId,
    ...(messageId ? { message_id: messageId } : {}),
  });
  return p;
}

function toRawOptions(options: Record<string, OptionValue> | RawOption[]): RawOption[] {
  if (Array.isArray(options)) return options;
  return Object.entries(options).map(([name, value]) => ({
    name,
    value,
    type: typeof value === 'string' ? 3 : typeof value === 'boolean' ? 5 : Number.isInteger(value) ? 4 : 10,
  }));
}

export function chatInput(
  state: FakeDiscordState,
  args: {
    actor: Actor;
    where: Where;
    command?: string;
    subcommand?: string;
    options?: Record<string, OptionValue> | RawOption[];
  },
): Payload {
  const name = args.command ?? 'debat';
  const registered = [...state.globalCommands, ...(state.guildCommands.get(args.where.guildId) ?? [])].find(
    (c) => c.name === name,
  );
  const inner = toRawOptions(args.options ?? {});
  const options = args.subcommand ? [{ type: 1, name: args.subcommand, options: inner }] : inner;
  const p = base(state, 2, args.actor, args.where);
  p.data = { id: registered?.id ?? nextSnowflake(), name, type: 1, options, guild_id: args.where.guildId };
  return register(state, p, args.where);
}

export function button(
  state: FakeDiscordState,
  args: { actor: Actor; where: Where; customId: string; message: StoredMessage },
): Payload {
  const p = base(state, 3, args.actor, args.where);
  p.message = state.toApiMessage(args.message);
  p.data = { custom_id: args.customId, component_type: 2 };
  return register(state, p, args.where, args.message.id);
}

/**
 * A submitted form. Each field is a Label (type 18) holding a text input (a string value) or a
 * select (an array of values), as Discord sends today; `layout: 'rows'` sends legacy action rows
 * of text inputs instead.
 */
export function modalSubmit(
  state: FakeDiscordState,
  args: {
    actor: Actor;
    where: Where;
    customId: string;
    fields: Record<string, string | string[]>;
    message?: StoredMessage;
    layout?: 'labels' | 'rows';
  },
): Payload {
  const p = base(state, 5, args.actor, args.where);
  if (args.message) p.message = state.toApiMessage(args.message);
  let id = 0;
  p.data = {
    custom_id: args.customId,
    components: Object.entries(args.fields).map(([custom_id, value]) => {
      const inner = Array.isArray(value)
        ? { type: 3, id: ++id + 1, custom_id, values: value }
        : { type: 4, id: ++id + 1, custom_id, value };
      if (args.layout === 'rows') return { type: 1, id: ++id, components: [inner] };
      return { type: 18, id: ++id, component: inner };
    }),
  };
  return register(state, p, args.where, args.message?.id);
}

export function ping(state: FakeDiscordState): Payload {
  return {
    id: nextSnowflake(),
    token: `itok-${nextSnowflake()}`,
    type: 1,
    version: 1,
    application_id: state.applicationId,
  };
}

/** A user's message as MESSAGE_CREATE carries it (also stored, so the bot can react to it). */
export function userMessage(
  state: FakeDiscordState,
  args: { author: Actor; where: Where; content: string },
): { stored: StoredMessage; payload: Record<string, unknown> } {
  const stored = state.createMessage(
    args.where.channelId,
    { content: args.content },
    {
      author: { id: args.author.id, username: args.author.username, bot: false },
    },
  );
  const payload = {
    ...state.toApiMessage(stored),
    guild_id: args.where.guildId,
    member: {
      roles: args.author.roles ?? [],
      joined_at: new Date(0).toISOString(),
      deaf: false,
      mute: false,
      flags: 0,
    },
  };
  return { stored, payload };
}
