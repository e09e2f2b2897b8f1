import type { Language } from '../../src/api.ts';

const ADMINISTRATOR = 1n << 3n;
const MANAGE_GUILD = 1n << 5n;
const MANAGE_MESSAGES = 1n << 13n;

/** Admins of the bot: members with Manage Server or Manage Messages (Administrator implies both). */
export function isAdminPermissions(permissions: string | undefined): boolean {
  if (!permissions || !/^\d+$/.test(permissions)) return false;
  const bits = BigInt(permissions);
  return (bits & (ADMINISTRATOR | MANAGE_GUILD | MANAGE_MESSAGES)) !== 0n;
}

/** Discord client locales (`fr`, `en-US`, `de`…): French for `fr`, English otherwise. */
export function languageOfLocale(locale: string | undefined): Language | undefined {
  if (!locale) return undefined;
  return locale.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

/** The name people see: server nickname, then display name, then username. */
export function displayName(
  user: { username: string; global_name?: string | null | undefined },
  nick?: string | null,
): string {
  return (nick || user.global_name || user.username).slice(0, 80);
}

const DISCORD_EPOCH = 1420070400000n;

/** Creation time (ms) of a snowflake id: interactions, messages. */
export function snowflakeTime(id: string): number {
  if (!/^\d+$/.test(id)) return 0;
  return Number((BigInt(id) >> 22n) + DISCORD_EPOCH);
}
