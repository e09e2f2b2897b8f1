/** Domain vocabulary shared by the grammar, the engine, the store and the views. */
export const PLATFORMS = ['slack', 'discord', 'terminal'] as const;
export type Platform = (typeof PLATFORMS)[number];

export const SIDES = ['pro', 'con'] as const;
export type Side = (typeof SIDES)[number];

export const VOTE_SIDES = ['pro', 'con', 'neutral'] as const;
export type VoteSide = (typeof VOTE_SIDES)[number];

export const LANGUAGES = ['fr', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export interface WorkspaceScope {
  platform: Platform;
  workspaceId: string;
}

export interface ChannelScope extends WorkspaceScope {
  channelId: string;
}

/** The person acting, as the platform describes them. */
export interface Actor {
  id: string;
  name: string;
  /** Workspace admin or owner (Slack), Manage Server/Messages (Discord), the keyboard's owner (terminal). */
  isAdmin: boolean;
}

/** Everything the engine needs to know about who acts, where, and in which language. */
export interface Invocation extends ChannelScope {
  user: Actor;
  /** The person's own locale when the platform gives one; private answers use it. */
  locale?: Language | undefined;
  /** A platform delivery id (event id, action ts, interaction id): the same id never acts twice. */
  deliveryId?: string | undefined;
  /**
   * When the platform says the person acted (ms; a click's action_ts, a snowflake's time), the
   * same in every redelivery. Delivery keys then sort by time, so the store appends them.
   */
  deliveredAt?: number | undefined;
}

export type DebateStatus = 'open' | 'closed';
