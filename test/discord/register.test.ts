import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COMMAND_NAME, commandDefinitions, hasMessage } from '../../adapters/discord/commands.ts';
import { registerCommands, runDiscordRegister } from '../../adapters/discord/register.ts';
import { COMMAND_SPECS } from '../../src/commands/grammar.ts';
import { checkCommandList, type FakeDiscord, startFakeDiscord } from '../fakes/discord/index.ts';

describe('Discord command registration', () => {
  let fake: FakeDiscord;
  beforeEach(async () => {
    fake = await startFakeDiscord();
  });
  afterEach(async () => {
    await fake.close();
  });

  it('generates /debat from the grammar: every subcommand, French names, English localizations', () => {
    const [debat] = commandDefinitions();
    expect(debat?.name).toBe(COMMAND_NAME);
    expect(debat?.options.map((o) => o.name)).toEqual(COMMAND_SPECS.map((s) => s.id));
    for (const spec of COMMAND_SPECS) {
      const sub = debat?.options.find((o) => o.name === spec.id);
      if (spec.en !== spec.id)
        expect(sub?.name_localizations).toEqual({ 'en-US': spec.en, 'en-GB': spec.en });
      expect(sub?.description_localizations?.['en-US']).toBeTruthy();
      expect(sub?.options?.map((o) => o.name).sort() ?? []).toEqual(spec.options.map((o) => o.name).sort());
    }
    const vote = debat?.options.find((o) => o.name === 'voter')?.options?.[0];
    expect(vote).toMatchObject({ type: 3, required: true });
    expect(vote?.choices?.map((c) => c.value)).toEqual(['pour', 'contre', 'neutre']);
    expect(vote?.choices?.[0]?.name_localizations?.['en-US']).toBe('For');
    const topic = debat?.options.find((o) => o.name === 'lancer')?.options?.[0];
    expect(topic).toMatchObject({
      name: 'sujet',
      type: 3,
      required: true,
      max_length: 200,
      name_localizations: { 'en-US': 'topic' },
    });
  });

  it('has its own description for every subcommand and option of the grammar', () => {
    for (const spec of COMMAND_SPECS) {
      expect(hasMessage(`command.${spec.id}`), spec.id).toBe(true);
      for (const option of spec.options) expect(hasMessage(`option.${option.name}`), option.name).toBe(true);
    }
  });

  it('produces definitions Discord accepts (names, lengths, option counts, 8000 characters)', () => {
    expect(checkCommandList(commandDefinitions())).toEqual([]);
  });

  it('would catch a grammar that breaks Discord’s rules', () => {
    const broken = [...COMMAND_SPECS, { ...COMMAND_SPECS[0]!, id: 'Trop Long Pour Discord Avec Espaces' }];
    expect(checkCommandList(commandDefinitions(broken as typeof COMMAND_SPECS)).length).toBeGreaterThan(0);
  });

  it('registers in a guild or globally through @discordjs/rest', async () => {
    const guild = await registerCommands({
      token: fake.token,
      applicationId: fake.applicationId,
      guildId: fake.where.guildId,
      api: fake.api,
    });
    expect(guild.scope).toBe('guild');
    expect(fake.state.guildCommands.get(fake.where.guildId)?.map((c) => c.name)).toEqual(['debat']);
    const global = await registerCommands({
      token: fake.token,
      applicationId: fake.applicationId,
      api: fake.api,
    });
    expect(global.commands[0]?.name).toBe('debat');
    const [put] = fake.rest.filter('commandsPutGlobal');
    expect(put?.status).toBe(200);
    expect(put?.headers.authorization).toBe(`Bot ${fake.token}`);
  });

  it('debat discord-register [--guild ID] reads the environment and says what it did', async () => {
    const lines: string[] = [];
    const env = {
      DISCORD_TOKEN: fake.token,
      DISCORD_APPLICATION_ID: fake.applicationId,
      DISCORD_API_URL: fake.api,
    };
    expect(await runDiscordRegister(['--guild', fake.where.guildId], env, (l) => lines.push(l))).toBe(0);
    expect(lines[0]).toContain(`in server ${fake.where.guildId}`);
    expect(await runDiscordRegister([], env, (l) => lines.push(l))).toBe(0);
    expect(lines.join('\n')).toContain('globally');
    expect(await runDiscordRegister(['--guild', 'nope'], env, (l) => lines.push(l))).toBe(2);
    await expect(runDiscordRegister([], { DISCORD_TOKEN: fake.token }, () => {})).rejects.toThrow(
      /DISCORD_APPLICATION_ID/,
    );
  });
});
