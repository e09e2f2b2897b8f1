import { parseArgs } from 'node:util';
import { REST } from '@discordjs/rest';
import { loadConfig } from '../../src/config.ts';
import { type CommandDefinition, commandDefinitions } from './commands.ts';
import type { Rest } from './rest.ts';
import { routes } from './rest.ts';
import { normalizeApiUrl } from './settings.ts';

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
  const rest = options.rest ?? new REST({ api: normalizeApiUrl(options.api) }).setToken(options.token);
  const definitions = commandDefinitions();
  const route = options.guildId
    ? routes.guildCommands(options.applicationId, options.guildId)
    : routes.globalCommands(options.applicationId);
  const commands = (await rest.put(route, { body: definitions })) as { id: string; name: string }[];
  return { scope: options.guildId ? 'guild' : 'global', commands, definitions };
}

/**
 * `debat discord-register [--guild ID]`: reads DISCORD_TOKEN, DISCORD_APPLICATION_ID and
 * DISCORD_API_URL from the environment; prints what was registered. Returns the exit code.
 */
export async function runDiscordRegister(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
  out: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    options: { guild: { type: 'string' } },
    allowPositionals: true,
  });
  const config = loadConfig({ ...env, DEBAT_ADAPTERS: 'discord' });
  if (!config.DISCORD_TOKEN) {
    out('DISCORD_TOKEN: required to register the commands (the bot token from the Developer Portal)');
    return 2;
  }
  const guildId = values.guild;
  if (guildId !== undefined && !/^\d{5,25}$/.test(guildId)) {
    out(`--guild: "${guildId}" is not a server id (right-click the server → Copy Server ID)`);
    return 2;
  }
  const result = await registerCommands({
    token: config.DISCORD_TOKEN,
    applicationId: config.DISCORD_APPLICATION_ID ?? '',
    guildId,
    api: config.DISCORD_API_URL,
  });
  const subcommands = result.definitions[0]?.options.map((o) => o.name).join(', ') ?? '';
  out(
    result.scope === 'guild'
      ? `Registered /${result.commands.map((c) => c.name).join(', /')} in server ${guildId} (available now).`
      : `Registered /${result.commands.map((c) => c.name).join(', /')} globally (it can take a few minutes to appear everywhere).`,
  );
  out(`Subcommands: ${subcommands}`);
  return 0;
}
