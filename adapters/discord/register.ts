import { parseArgs } from 'node:util';
import { REST } from '@discordjs/rest';
import { loadConfig } from '../../src/api.ts';
import { REGISTER_USAGE } from '../cli-options.ts';
import { type CommandDefinition, commandDefinitions } from './commands.ts';
import type { Rest } from './rest.ts';
import { discordCode, routes } from './rest.ts';
import { normalizeApiUrl } from './settings.ts';
import { connectionCode, refusedToken, TOKEN_REFUSED } from './start-errors.ts';

export interface RegisterOptions {
  token: string;
  applicationId: string;
  /** A guild id registers there (instant, for trying out); without it, globally. */
  guildId?: string | undefined;
  api?: string | undefined;
  /** A REST client to use instead of a new one (tests). */
  rest?: Rest;
}

export interface RegisterResult {
  scope: 'guild' | 'global';
  commands: { id: string; name: string }[];
  definitions: CommandDefinition[];
}

/** Replaces the application's commands with the ones generated from the grammar (PUT: idempotent). */
export async function registerCommands(options: RegisterOptions): Promise<RegisterResult> {
  // One retry, not three: a person waits at the command line for the answer.
  const rest =
    options.rest ?? new REST({ api: normalizeApiUrl(options.api), retries: 1 }).setToken(options.token);
  const definitions = commandDefinitions();
  const route = options.guildId
    ? routes.guildCommands(options.applicationId, options.guildId)
    : routes.globalCommands(options.applicationId);
  const commands = (await rest.put(route, { body: definitions })) as { id: string; name: string }[];
  return { scope: options.guildId ? 'guild' : 'global', commands, definitions };
}

/** Why Discord did not take the commands, in one line naming what to fix. */
export function registerProblem(
  error: unknown,
  where: { api: string; guildId?: string | undefined },
): string {
  const status = (error as { status?: unknown }).status;
  const code = discordCode(error);
  if (refusedToken(error)) return TOKEN_REFUSED;
  if (code === 10002 || (status === 404 && !where.guildId))
    return 'DISCORD_APPLICATION_ID: Discord knows no application with this id; copy it from General Information';
  if (code === 10004) return `--guild: Discord knows no server ${where.guildId} (or the bot is not in it)`;
  if (status === 403)
    return where.guildId
      ? `Discord refused (403): the application may not add commands to server ${where.guildId}; invite it there with the applications.commands scope`
      : 'Discord refused (403): the token does not belong to this application (DISCORD_APPLICATION_ID)';
  if (typeof status === 'number')
    return `Discord answered ${status}${code ? ` (code ${code})` : ''}: ${error instanceof Error ? error.message : String(error)}`;
  const reason =
    connectionCode(error) ??
    (error instanceof Error && error.name === 'AbortError'
      ? 'no answer in time'
      : error instanceof Error
        ? error.message
        : String(error));
  return `Cannot reach Discord at ${where.api} (${reason}); check the network, or DISCORD_API_URL if it is set`;
}

/**
 * `debat discord-register [--guild ID]`: reads DISCORD_TOKEN, DISCORD_APPLICATION_ID and
 * DISCORD_API_URL from the environment; prints what was registered. Returns the exit code.
 */
export async function runDiscordRegister(
  argv: readonly string[],
  env?: NodeJS.ProcessEnv,
  out: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): Promise<number> {
  let values: { guild?: string | undefined };
  try {
    ({ values } = parseArgs({ args: [...argv], options: { guild: { type: 'string' } }, strict: true }));
  } catch (error) {
    out(`${error instanceof Error ? error.message : String(error)}\nUsage: ${REGISTER_USAGE}`);
    return 2;
  }
  const config = loadConfig(env, { DEBAT_ADAPTERS: 'discord' });
  if (!config.DISCORD_TOKEN) {
    out('DISCORD_TOKEN: required to register the commands (the bot token from the Developer Portal)');
    return 2;
  }
  const guildId = values.guild;
  if (guildId !== undefined && !/^\d{5,25}$/.test(guildId)) {
    out(`--guild: "${guildId}" is not a server id (right-click the server → Copy Server ID)`);
    return 2;
  }
  let result: RegisterResult;
  try {
    result = await registerCommands({
      token: config.DISCORD_TOKEN,
      applicationId: config.DISCORD_APPLICATION_ID ?? '',
      guildId,
      api: config.DISCORD_API_URL,
    });
  } catch (error) {
    out(registerProblem(error, { api: normalizeApiUrl(config.DISCORD_API_URL), guildId }));
    return 1;
  }
  const subcommands = result.definitions[0]?.options.map((o) => o.name).join(', ') ?? '';
  out(
    result.scope === 'guild'
      ? `Registered /${result.commands.map((c) => c.name).join(', /')} in server ${guildId} (available now).`
      : `Registered /${result.commands.map((c) => c.name).join(', /')} globally (it can take a few minutes to appear everywhere).`,
  );
  out(`Subcommands: ${subcommands}`);
  return 0;
}
