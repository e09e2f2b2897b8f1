import type { Config } from '../../src/api.ts';
import { type ShardPlan, shardPlan } from '../../src/api.ts';

/** The Discord adapter's own settings, read once from the validated configuration. */
export interface DiscordSettings {
  /** Bot token: channel posts and edits (live scoreboards, threads, weekly summary) need it. */
  token: string | undefined;
  /**
   * Whether to hold a gateway connection: with a token and no public key. With a public key,
   * interactions come over HTTP and the token serves REST calls only.
   */
  gateway: boolean;
  applicationId: string;
  /** The gateway shards this instance runs (DISCORD_SHARD_COUNT / DISCORD_SHARD_IDS). */
  shards: ShardPlan;
  /** Hex Ed25519 key: the HTTP interactions endpoint is mounted when set. */
  publicKey: string | undefined;
  /** Base of the REST API, as @discordjs/rest takes it (it appends /v10). */
  api: string;
  /** Path of the HTTP interactions endpoint on the shared server. */
  interactionsPath: string;
  scoreboardIntervalMs: number;
  /** Answer with a deferral when the work is not done after this long (Discord allows 3 s). */
  deferAfterMs: number;
}

export const DEFAULT_API = 'https://discord.com/api';
export const INTERACTIONS_PATH = '/discord/interactions';

/** `https://discord.com/api`, `…/api/`, `…/api/v10` all mean the same base. */
export function normalizeApiUrl(url: string | undefined): string {
  if (!url) return DEFAULT_API;
  return url.replace(/\/+$/, '').replace(/\/v\d+$/, '');
}

export function discordSettings(config: Config): DiscordSettings {
  if (!config.DISCORD_APPLICATION_ID)
    throw new Error('DISCORD_APPLICATION_ID: required to run the Discord adapter');
  const shards = shardPlan(config.DISCORD_SHARD_COUNT, config.DISCORD_SHARD_IDS);
  if ('problem' in shards) throw new Error(shards.problem);
  return {
    token: config.DISCORD_TOKEN,
    gateway: config.DISCORD_TOKEN !== undefined && config.DISCORD_PUBLIC_KEY === undefined,
    applicationId: config.DISCORD_APPLICATION_ID,
    shards: shards.plan,
    publicKey: config.DISCORD_PUBLIC_KEY,
    api: normalizeApiUrl(config.DISCORD_API_URL),
    interactionsPath: INTERACTIONS_PATH,
    scoreboardIntervalMs: config.DEBAT_SCOREBOARD_INTERVAL_MS,
    deferAfterMs: 2000,
  };
}
