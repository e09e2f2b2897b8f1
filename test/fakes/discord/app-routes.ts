/** Application-level endpoints of the fake REST: gateway discovery, the bot user, commands. */
import { checkCommandList } from './command-limits.ts';
import { NOT_FOUND } from './errors.ts';
import { badRequest, obj, type RouteContext, type RouteDef } from './router.ts';
import { nextSnowflake } from './snowflake.ts';
import type { StoredCommand } from './state.ts';

function putCommands(ctx: RouteContext, guildId?: string) {
  if (ctx.params.app !== ctx.state.applicationId) return { status: 404, body: NOT_FOUND };
  const errors = checkCommandList(ctx.body);
  if (errors.length) return badRequest(errors);
  const list = (ctx.body as unknown[]).map((c): StoredCommand => {
    const cmd = obj(c);
    const stored: StoredCommand = {
      ...cmd,
      id: nextSnowflake(),
      application_id: ctx.state.applicationId,
      name: String(cmd.name),
      type: cmd.type ?? 1,
      version: nextSnowflake(),
      default_member_permissions: cmd.default_member_permissions ?? null,
    };
    if (guildId) stored.guild_id = guildId;
    return stored;
  });
  if (guildId) ctx.state.guildCommands.set(guildId, list);
  else ctx.state.globalCommands.splice(0, ctx.state.globalCommands.length, ...list);
  return { status: 200, body: list };
}

export const appRoutes: RouteDef[] = [
  {
    method: 'GET',
    pattern: '/gateway/bot',
    name: 'gatewayBot',
    auth: true,
    handle: (ctx) => ({
      status: 200,
      body: {
        url: ctx.gatewayUrl(),
        shards: ctx.state.recommendedShards,
        session_start_limit: {
          total: 1000,
          remaining: 1000,
          reset_after: 0,
          max_concurrency: ctx.state.maxConcurrency,
        },
      },
    }),
  },
  {
    method: 'GET',
    pattern: '/gateway',
    name: 'gateway',
    auth: false,
    handle: (ctx) => ({ status: 200, body: { url: ctx.gatewayUrl() } }),
  },
  {
    method: 'GET',
    pattern: '/users/@me',
    name: 'userMe',
    auth: true,
    handle: ({ state }) => ({ status: 200, body: { discriminator: '0', avatar: null, ...state.botUser } }),
  },
  {
    method: 'GET',
    pattern: '/applications/@me',
    name: 'applicationMe',
    auth: true,
    handle: ({ state }) => ({
      status: 200,
      body: {
        id: state.applicationId,
        name: state.botUser.username,
        flags: 0,
        bot_public: false,
        description: '',
      },
    }),
  },
  {
    method: 'PUT',
    pattern: '/applications/:app/commands',
    name: 'commandsPutGlobal',
    auth: true,
    handle: (ctx) => putCommands(ctx),
  },
  {
    method: 'GET',
    pattern: '/applications/:app/commands',
    name: 'commandsGetGlobal',
    auth: true,
    handle: ({ state }) => ({ status: 200, body: state.globalCommands }),
  },
  {
    method: 'PUT',
    pattern: '/applications/:app/guilds/:guild/commands',
    name: 'commandsPutGuild',
    auth: true,
    handle: (ctx) => putCommands(ctx, ctx.params.guild),
  },
  {
    method: 'GET',
    pattern: '/applications/:app/guilds/:guild/commands',
    name: 'commandsGetGuild',
    auth: true,
    handle: ({ state, params }) => ({ status: 200, body: state.guildCommands.get(params.guild ?? '') ?? [] }),
  },
];
