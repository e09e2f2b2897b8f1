// Who someone is on Slack, for rights and names: one users.info per person, cached (AdminCache).
import type { webApi } from '@slack/bolt';
import type { Language, Logger } from '../../src/api.ts';
import { AdminCache, type SlackPerson } from './admin-cache.ts';

/** Slack locales ("fr-FR", "en-US") to the bot's languages; others give no preference. */
export function languageOf(locale: string | undefined): Language | undefined {
  const prefix = locale?.slice(0, 2).toLowerCase();
  return prefix === 'fr' || prefix === 'en' ? prefix : undefined;
}

export class People {
  private readonly cache: AdminCache;

  constructor(client: () => webApi.WebClient, ttlMs: number, logger: Logger) {
    this.cache = new AdminCache(
      async (_team, user) => {
        const info = await client().users.info({ user, include_locale: true });
        const u = info.user;
        return {
          isAdmin: Boolean(u?.is_admin || u?.is_owner || u?.is_primary_owner),
          name: u?.profile?.display_name || u?.real_name || u?.name || undefined,
          locale: u?.locale,
        };
      },
      ttlMs,
      Date.now,
      (err) => logger.warn({ err }, 'slack users.info failed; treating the person as a member'),
    );
  }

  /** Looks the person up (one call per person and TTL). */
  get(team: string, user: string): Promise<SlackPerson> {
    return this.cache.get(team, user);
  }

  /**
   * What is already known, without calling Slack nor waiting for a lookup in flight (the ack path:
   * a users.info slowed by a rate limit must not hold a vote's ack past Slack's 3 seconds).
   */
  async known(team: string, user: string): Promise<SlackPerson | undefined> {
    return this.cache.settled(team, user);
  }
}
