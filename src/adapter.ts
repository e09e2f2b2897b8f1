import type { Config } from './config.ts';
import type { Clock } from './domain/clock.ts';
import type { Logger } from './domain/logger.ts';
import type { ChannelScope, Platform, WorkspaceScope } from './domain/types.ts';
import type { DebateCore } from './engine/core.ts';
import type { HttpRoutes } from './http-routes.ts';
import type { UpdateResult } from './live/coalescer.ts';
import type { InstallationStore } from './store/ports/installations.ts';
import type { Reply } from './views/types.ts';

/** A file sent along with a post: an export, the weekly chart. */
export interface Attachment {
  filename: string;
  mimeType: string;
  data: Uint8Array;
  /** Alternative text for the picture. */
  title?: string;
}

/**
 * A post made once, whatever retries follow (the weekly summary): each platform finds an earlier
 * post of it before posting again. Slack by the key in the message's metadata; Discord by the key
 * as an enforced nonce for a few minutes, then by the post's first title among the bot's recent
 * messages, so a post with a delivery must carry a title that names it (the summary's names its
 * week).
 */
export interface PostDelivery {
  /** At most 25 characters (Discord's nonce). */
  key: string;
  /**
   * An earlier attempt may have reached the platform (its claim was taken over, or it failed
   * after sending): only then is the earlier post looked for, since the lookup costs a history
   * read that Slack limits hard. A refused lookup posts anyway.
   */
  mayExist: boolean;
}

/** What the core needs from a platform to push (not to answer): posts and live updates. */
export interface Publisher {
  /** Posts a public view in a channel; returns the platform's reference of the message. */
  post(
    scope: ChannelScope,
    reply: Reply,
    attachments?: readonly Attachment[],
    delivery?: PostDelivery,
  ): Promise<string | undefined>;
  /**
   * Edits a posted message (a live scoreboard) to show `reply`. Resolves `{ retryAfterMs }` when
   * the platform asks to wait (a rate limit, an edit cap): the core tries again with the latest state.
   * `scope` is the debate's workspace (an app installed in many workspaces edits with its token).
   */
  update(ref: string, reply: Reply, scope: WorkspaceScope): Promise<UpdateResult>;
}

/** The adapter contract: start, stop (finishing in-flight work), and the platform's Publisher. */
export interface Adapter {
  readonly platform: Platform;
  start(): Promise<void>;
  /** Stops taking work and finishes in-flight requests (the core flushes scoreboards after). */
  stop(): Promise<void>;
  readonly publisher: Publisher;
}

export interface AdapterDeps {
  config: Config;
  engine: DebateCore;
  logger: Logger;
  clock: Clock;
  /** The one HTTP server of the process (Slack HTTP mode, Discord interactions, health). */
  http: HttpRoutes;
  /** Asks the process to stop (the terminal's `/quit` or end of input). */
  requestShutdown: (reason: string) => void;
  /** Where apps installed by many workspaces keep their installations (Slack OAuth). */
  installations?: InstallationStore | undefined;
}

export type AdapterFactory = (deps: AdapterDeps) => Promise<Adapter>;
