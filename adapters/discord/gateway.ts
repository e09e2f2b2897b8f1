import { Client, Events, GatewayDispatchEvents, GatewayIntentBits, type Message } from 'discord.js';
import type { Logger, ShardPlan } from '../../src/api.ts';
import { displayName } from './people.ts';
import { gatewayStartError } from './start-errors.ts';
import type { ThreadMessage } from './thread-replies.ts';

export interface GatewayHandlers {
  /** A raw INTERACTION_CREATE payload (validated by the adapter, like the HTTP endpoint's). */
  interaction(raw: unknown): void;
  threadMessage(message: ThreadMessage): void;
}

const WITH_CONTENT = [
  GatewayIntentBits.Guilds,
  GatewayIntentBits.GuildMessages,
  GatewayIntentBits.MessageContent,
];
const WITHOUT_CONTENT = [GatewayIntentBits.Guilds];

const isDisallowedIntents = (error: unknown): boolean =>
  error instanceof Error && /disallowed intent/i.test(error.message);

function threadMessageOf(message: Message): ThreadMessage | undefined {
  const channel = message.channel;
  if (!message.guildId || !channel.isThread() || !channel.parentId) return undefined;
  return {
    id: message.id,
    guildId: message.guildId,
    threadId: channel.id,
    parentId: channel.parentId,
    author: {
      id: message.author.id,
      name: displayName(
        { username: message.author.username, global_name: message.author.globalName },
        message.member?.nickname,
      ),
      bot: message.author.bot || message.webhookId !== null,
    },
    content: message.content,
  };
}

/**
 * discord.js identifies each shard with `[id, count]` and Discord sends a server's events only to
 * shard `(guild_id >> 22) % count`: instances given different ids split the servers between them.
 * `auto` asks Discord for its recommended count (GET /gateway/bot) and runs every shard.
 */
function shardOptions(plan: ShardPlan): { shards: number[] | 'auto'; shardCount?: number } {
  return plan.count === 'auto' ? { shards: 'auto' } : { shards: plan.ids, shardCount: plan.count };
}

/**
 * The gateway connection (discord.js). Interactions are taken raw, so the gateway and the HTTP
 * endpoint share one reading of them; thread messages need the privileged Message Content intent:
 * when the application was not granted it (close code 4014), that is said once in the log and the
 * bot runs without it (thread replies are then not read).
 */
export class DiscordGateway {
  #client: Client | undefined;
  #messageContent = true;

  constructor(
    private readonly options: { token: string; api: string; shards: ShardPlan },
    private readonly handlers: GatewayHandlers,
    private readonly logger: Logger,
  ) {}

  /** Whether thread replies can be read (the Message Content intent was granted). */
  get readsMessages(): boolean {
    return this.#messageContent;
  }

  async start(): Promise<void> {
    try {
      await this.#connect(WITH_CONTENT);
    } catch (error) {
      if (!isDisallowedIntents(error)) throw error;
      this.#messageContent = false;
      this.logger.warn(
        {},
        'discord: the Message Content intent is not enabled for this application; running without it ' +
          '(replies in debate threads are not read). Enable it under Bot → Privileged Gateway Intents.',
      );
      await this.#connect(WITHOUT_CONTENT);
    }
  }

  async #connect(intents: GatewayIntentBits[]): Promise<void> {
    const client = new Client({
      intents,
      rest: { api: this.options.api },
      ...shardOptions(this.options.shards),
    });
    client.ws.on(GatewayDispatchEvents.InteractionCreate, (data: unknown) => this.handlers.interaction(data));
    client.on(Events.MessageCreate, (message) => {
      const thread = threadMessageOf(message);
      if (thread) this.handlers.threadMessage(thread);
    });
    client.on(Events.Error, (error) => this.logger.error({ err: error }, 'discord: client error'));
    client.on(Events.ShardError, (error) =>
      this.logger.warn({ err: error }, 'discord: gateway connection error'),
    );
    client.on(Events.ShardReconnecting, () => this.logger.info({}, 'discord: gateway reconnecting'));
    this.#client = client;
    try {
      await client.login(this.options.token);
    } catch (error) {
      await client.destroy().catch(() => {});
      this.#client = undefined;
      throw gatewayStartError(error, this.options.api);
    }
  }

  async stop(): Promise<void> {
    await this.#client?.destroy();
    this.#client = undefined;
  }
}
