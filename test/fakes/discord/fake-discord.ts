/**
 * One fake Discord for a test: state + REST + gateway wired together, with helpers that act as a
 * person in a guild (run a slash command, click a button, submit a modal, post a message).
 */
import { FakeGateway, INTENTS } from './gateway.ts';
import {
  type Actor,
  button,
  chatInput,
  modalSubmit,
  type OptionValue,
  type Payload,
  type RawOption,
  userMessage,
  type Where,
} from './payloads.ts';
import { FakeDiscordRest } from './rest-server.ts';
import { FakeDiscordState, type FakeGuild, type StoredMessage } from './state.ts';

export interface FakeDiscordOptions {
  token?: string;
  applicationId?: string;
  guilds?: FakeGuild[];
  heartbeatInterval?: number;
  /** Privileged intents the app was granted in the portal (default: all). */
  grantedPrivilegedIntents?: number;
}

export const DEFAULT_TOKEN = 'fake-bot-token';
export const DEFAULT_APP_ID = '100000000000000001';
export const DEFAULT_GUILD = '200000000000000001';
export const DEFAULT_CHANNEL = '300000000000000001';
export const OTHER_CHANNEL = '300000000000000002';

export class FakeDiscord {
  readonly state: FakeDiscordState;
  readonly rest: FakeDiscordRest;
  readonly gateway: FakeGateway;
  readonly token: string;
  readonly where: Where;

  constructor(options: FakeDiscordOptions = {}) {
    this.token = options.token ?? DEFAULT_TOKEN;
    const guilds = options.guilds ?? [
      {
        id: DEFAULT_GUILD,
        name: 'Bureau',
        preferred_locale: 'fr',
        channels: [
          { id: DEFAULT_CHANNEL, type: 0, name: 'debats' },
          { id: OTHER_CHANNEL, type: 0, name: 'general' },
        ],
      },
    ];
    const app = options.applicationId ?? DEFAULT_APP_ID;
    this.state = new FakeDiscordState(app, { id: app, username: 'Débat', bot: true }, guilds);
    this.gateway = new FakeGateway({
      state: this.state,
      token: this.token,
      ...(options.heartbeatInterval ? { heartbeatInterval: options.heartbeatInterval } : {}),
      ...(options.grantedPrivilegedIntents !== undefined
        ? { grantedPrivilegedIntents: options.grantedPrivilegedIntents }
        : {}),
    });
    this.rest = new FakeDiscordRest({
      state: this.state,
      token: this.token,
      gatewayUrl: () => this.gateway.url,
    });
    const g = guilds[0];
    this.where = {
      guildId: g?.id ?? DEFAULT_GUILD,
      channelId: g?.channels[0]?.id ?? DEFAULT_CHANNEL,
      guildLocale: g?.preferred_locale ?? 'en-US',
    };
  }

  async start(): Promise<this> {
    await Promise.all([this.rest.start(), this.gateway.start()]);
    return this;
  }

  /** What discord.js / @discordjs/rest take as `rest.api`. */
  get api(): string {
    return this.rest.api;
  }

  get applicationId(): string {
    return this.state.applicationId;
  }

  /** Dispatches an INTERACTION_CREATE payload over the gateway; returns it. */
  interact(payload: Payload): Payload {
    this.gateway.dispatch('INTERACTION_CREATE', payload);
    return payload;
  }

  slash(
    actor: Actor,
    subcommand: string,
    options: Record<string, OptionValue> | RawOption[] = {},
    where: Partial<Where> = {},
  ): Payload {
    return this.interact(
      chatInput(this.state, { actor, where: { ...this.where, ...where }, subcommand, options }),
    );
  }

  click(actor: Actor, message: StoredMessage, customId: string, where: Partial<Where> = {}): Payload {
    const w = { ...this.where, channelId: message.channel_id, ...where };
    return this.interact(button(this.state, { actor, where: w, customId, message }));
  }

  submitModal(
    actor: Actor,
    customId: string,
    fields: Record<string, string | string[]>,
    message?: StoredMessage,
    where: Partial<Where> = {},
  ): Payload {
    const w = { ...this.where, ...(message ? { channelId: message.channel_id } : {}), ...where };
    return this.interact(
      modalSubmit(this.state, { actor, where: w, customId, fields, ...(message ? { message } : {}) }),
    );
  }

  /**
   * A person posts a message. Delivered only to sessions with the GuildMessages intent; its content
   * is blanked for sessions without Message Content (unless it mentions the bot), as Discord does.
   */
  say(author: Actor, content: string, where: Partial<Where> = {}): StoredMessage {
    const { stored, payload } = userMessage(this.state, {
      author,
      where: { ...this.where, ...where },
      content,
    });
    const mentionsBot = content.includes(`<@${this.state.botUser.id}>`);
    this.gateway.dispatch('MESSAGE_CREATE', payload, (d, intents) => {
      if (!(intents & INTENTS.GuildMessages)) return null;
      if (intents & INTENTS.MessageContent || mentionsBot) return d;
      return { ...(d as object), content: '', embeds: [], attachments: [], components: [] };
    });
    return stored;
  }

  /** Messages the bot posted (or that were posted) in a channel, oldest first, ephemeral excluded. */
  messagesIn(channelId: string = this.where.channelId): StoredMessage[] {
    return this.state.channelMessages(channelId);
  }

  async close(): Promise<void> {
    await Promise.all([this.gateway.close(), this.rest.close()]);
  }
}

export async function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  return new FakeDiscord(options).start();
}
