// What every Slack handler shares: the engine, the Web API client, people lookups, work after the
// ack, and the delivery of an engine Outcome to Slack.
import type { webApi } from '@slack/bolt';
import type { DebateCore, Invocation, Logger, Outcome } from '../../src/api.ts';
import type { Reply } from '../../src/views/types.ts';
import { privateMessage } from './exports.ts';
import type { InFlight } from './in-flight.ts';
import { languageOf, type People } from './people.ts';
import { formatRef } from './refs.ts';
import { renderReply } from './render/reply.ts';
import type { PrivateSink } from './responders.ts';
import type { ResponseUrlPoster } from './response-url.ts';
import { platformError, withRateLimit } from './slack-errors.ts';
import { type ClientFor, currentWorkspace, inWorkspace } from './workspace.ts';

/** Slack's answers when the bot may not post in a channel. */
const CANNOT_POST = new Set(['not_in_channel', 'channel_not_found', 'is_archived', 'restricted_action']);

export interface Who {
  team: string;
  channel: string;
  user: string;
  /** The name the payload gives (a Slack handle), used until users.info tells better. */
  name?: string | undefined;
}

/** One delivery from Slack: its id, and when the person acted if the payload says (ms). */
export interface Delivery {
  id: string;
  at?: number | undefined;
}

/** A Slack timestamp ("1700000000.123456", seconds) in ms; undefined when it is not one. */
export function slackTimeMs(ts: string | number | undefined): number | undefined {
  const seconds = Number(ts);
  return ts !== undefined && Number.isFinite(seconds) && seconds > 0 ? Math.floor(seconds * 1000) : undefined;
}

export interface DeliverOptions {
  privately: PrivateSink;
  /** The first private reply replaces the ephemeral message that was clicked. */
  replaceFirst?: boolean;
  /** Public replies not to post (a thread reply is its own public trace). */
  skipPublic?: (reply: Reply) => boolean;
}

export class SlackRuntime {
  constructor(
    readonly engine: DebateCore,
    private readonly defaultClient: webApi.WebClient,
    readonly people: People,
    readonly tasks: InFlight,
    readonly responses: ResponseUrlPoster,
    readonly logger: Logger,
    /** Set for many workspaces (OAuth): the client of a workspace's installation. */
    private readonly clientFor?: ClientFor,
  ) {}

  /** The Web API client of the workspace this work is for (see workspace.ts). */
  get client(): webApi.WebClient {
    return currentWorkspace()?.client ?? this.defaultClient;
  }

  /** Runs work the core started (a post, an edit) with the client of the debate's workspace. */
  async forWorkspace<T>(team: string, work: () => Promise<T>): Promise<T> {
    if (!this.clientFor || currentWorkspace()?.team === team) return work();
    return inWorkspace({ team, client: await this.clientFor(team) }, work);
  }

  /**
   * The core's Invocation. `lookup` asks Slack who the person is (rights, name, locale) and is for
   * work after the ack; without it only what is already cached is used, so the ack path makes no call.
   */
  async invocation(who: Who, delivery: Delivery | undefined, lookup = false): Promise<Invocation> {
    const person = lookup
      ? await this.people.get(who.team, who.user)
      : await this.people.known(who.team, who.user);
    return {
      platform: 'slack',
      // With many workspaces, the installation Bolt authorized names the workspace, not the payload.
      workspaceId: (this.clientFor && currentWorkspace()?.team) || who.team,
      channelId: who.channel,
      user: { id: who.user, name: person?.name ?? who.name ?? who.user, isAdmin: person?.isAdmin ?? false },
      locale: languageOf(person?.locale),
      deliveryId: delivery?.id,
      deliveredAt: delivery?.at,
    };
  }

  /**
   * Learns who the person is in the background, so their next answers speak their language.
   * Only for typed commands: a burst of clicks would be a burst of users.info calls (Tier 4).
   */
  warm(who: Who): void {
    this.tasks.run('users.info', () => this.people.get(who.team, who.user));
  }

  /** Sends an Outcome: private replies to `privately`, public ones to the channel (the core refreshes scoreboards). */
  async deliver(inv: Invocation, outcome: Outcome, options: DeliverOptions): Promise<void> {
    let replace = options.replaceFirst === true;
    for (const reply of outcome.replies) {
      if (reply.visibility === 'private') {
        await options.privately(await privateMessage(this, inv.user.id, reply), { replace });
        replace = false;
      } else if (!options.skipPublic?.(reply)) {
        const posted = await this.postOrExplain(inv, reply, options.privately);
        if (outcome.opened && reply.view.kind === 'scoreboard' && posted) {
          const ref = formatRef({ channel: inv.channelId, ts: posted });
          await this.engine.attachScoreboard(inv, outcome.opened.number, ref, reply);
        }
      }
    }
    if (outcome.personalChanged) await this.onPersonalChange?.(inv.workspaceId, inv.user.id);
  }

  /** Set by the adapter: republishes a person's Home tab. */
  onPersonalChange: ((team: string, user: string) => Promise<void>) | undefined;

  /** Posts a public reply; when Slack refuses (a private channel without the bot), says so privately. */
  private async postOrExplain(
    inv: Invocation,
    reply: Reply,
    privately: PrivateSink,
  ): Promise<string | undefined> {
    try {
      return await this.post(inv.channelId, reply);
    } catch (error) {
      const code = platformError(error);
      if (!code || !CANNOT_POST.has(code)) throw error;
      this.logger.warn({ code, channel: inv.channelId }, 'slack refused a post in this channel');
      const language = (await this.engine.languages(inv)).private;
      const view = { kind: 'error' as const, error: { code: 'post.forbidden' as const } };
      await privately(renderReply({ visibility: 'private', language, view }));
      return undefined;
    }
  }

  /** Posts a public reply in a channel (with message metadata, if given); returns the message ts. */
  async post(
    channel: string,
    reply: Reply,
    metadata?: { event_type: string; event_payload: Record<string, string> },
  ): Promise<string | undefined> {
    const result = await withRateLimit(() =>
      this.client.chat.postMessage({ channel, ...renderReply(reply), ...(metadata ? { metadata } : {}) }),
    );
    return result.ts;
  }
}

/**
 * The first private reply (for a slash command's ack body) and the Outcome without it. An export
 * is never taken: its file is sent after the ack (adapters/slack/exports.ts).
 */
export function takeFirstPrivate(outcome: Outcome): [Reply | undefined, Outcome] {
  const index = outcome.replies.findIndex(
    (reply) => reply.visibility === 'private' && reply.view.kind !== 'export',
  );
  if (index < 0) return [undefined, outcome];
  const replies = outcome.replies.filter((_, i) => i !== index);
  return [outcome.replies[index], { ...outcome, replies }];
}
