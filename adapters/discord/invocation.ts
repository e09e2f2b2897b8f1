import type { Invocation } from '../../src/api.ts';
import type { Incoming } from './incoming.ts';
import { isAdminPermissions, languageOfLocale, snowflakeTime } from './people.ts';

type Acting = Exclude<Incoming, { kind: 'ping' }>;

/** Who acts, where, in which language: a guild is a workspace, a channel a channel. */
export function invocationOf(incoming: Acting): Invocation {
  const channelId = incoming.thread?.parentId ?? incoming.channelId;
  return {
    platform: 'discord',
    workspaceId: incoming.guildId ?? `dm-${incoming.user.id}`,
    channelId,
    user: {
      id: incoming.user.id,
      name: incoming.user.name,
      isAdmin: isAdminPermissions(incoming.permissions),
    },
    locale: languageOfLocale(incoming.locale),
    deliveryId: incoming.id,
    deliveredAt: snowflakeTime(incoming.id),
  };
}
