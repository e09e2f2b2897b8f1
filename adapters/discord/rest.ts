import { type RateLimitData, REST } from '@discordjs/rest';
import type { DiscordSettings } from './settings.ts';

/**
 * The REST client the adapter uses for every call (interaction callbacks, webhooks, channel
 * messages, reactions, threads). Typed structurally so discord.js's own copy would fit too.
 */
export type Rest = Pick<REST, 'get' | 'post' | 'patch' | 'put' | 'delete'>;

/** Scoreboard edits give way on a rate limit (the coalescer retries later) instead of queueing silently. */
export const rejectScoreboardEdits = (data: RateLimitData): boolean =>
  data.method.toUpperCase() === 'PATCH' && data.route === '/channels/:id/messages/:id';

export function createRest(settings: Pick<DiscordSettings, 'api' | 'token'>): Rest {
  const rest = new REST({ api: settings.api, rejectOnRateLimit: rejectScoreboardEdits });
  if (settings.token) rest.setToken(settings.token);
  return rest;
}

/** The few routes the adapter calls, as `@discordjs/rest` takes them. */
export const routes = {
  callback: (id: string, token: string) => `/interactions/${id}/${token}/callback` as const,
  original: (app: string, token: string) => `/webhooks/${app}/${token}/messages/@original` as const,
  followUp: (app: string, token: string) => `/webhooks/${app}/${token}` as const,
  messages: (channel: string) => `/channels/${channel}/messages` as const,
  message: (channel: string, message: string) => `/channels/${channel}/messages/${message}` as const,
  reaction: (channel: string, message: string, emoji: string) =>
    `/channels/${channel}/messages/${message}/reactions/${encodeURIComponent(emoji)}/@me` as const,
  threadFromMessage: (channel: string, message: string) =>
    `/channels/${channel}/messages/${message}/threads` as const,
  globalCommands: (app: string) => `/applications/${app}/commands` as const,
  guildCommands: (app: string, guild: string) => `/applications/${app}/guilds/${guild}/commands` as const,
};

/** Discord's JSON error code of a failed call (10062, 30046, 50013, …), if it carries one. */
export function discordCode(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'number' ? code : undefined;
}

/** How long to wait when a call was refused by a rate limit (@discordjs/rest's RateLimitError). */
export function rateLimitWaitMs(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as { name?: unknown; retryAfter?: unknown; timeToReset?: unknown };
  if (typeof e.name !== 'string' || !e.name.startsWith('RateLimitError')) return undefined;
  const wait = Math.max(Number(e.retryAfter) || 0, Number(e.timeToReset) || 0);
  return Math.max(wait, 50);
}

export const UNKNOWN_INTERACTION = 10062;
export const ALREADY_ACKNOWLEDGED = 40060;
export const EDIT_LIMIT_OLD_MESSAGE = 30046;
export const UNKNOWN_MESSAGE = 10008;
