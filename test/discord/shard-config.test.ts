import { describe, expect, it } from 'vitest';
import { discordSettings } from '../../adapters/discord/settings.ts';
import { ConfigError, loadConfig } from '../../src/config.ts';

const base = { DISCORD_TOKEN: 'token', DISCORD_APPLICATION_ID: '100000000000000001' };
const shardsOf = (env: Record<string, string>) => discordSettings(loadConfig({ ...base, ...env })).shards;
const problemOf = (env: Record<string, string>): string => {
  try {
    loadConfig({ ...base, ...env });
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('the configuration was accepted');
};

describe('DISCORD_SHARD_COUNT and DISCORD_SHARD_IDS', () => {
  it('default to one shard; a count alone runs every shard of it; ids and ranges pick some', () => {
    expect(shardsOf({})).toEqual({ count: 1, ids: [0] });
    expect(shardsOf({ DISCORD_SHARD_COUNT: '4' })).toEqual({ count: 4, ids: [0, 1, 2, 3] });
    expect(shardsOf({ DISCORD_SHARD_COUNT: '8', DISCORD_SHARD_IDS: '4-6' })).toEqual({
      count: 8,
      ids: [4, 5, 6],
    });
    expect(shardsOf({ DISCORD_SHARD_COUNT: '8', DISCORD_SHARD_IDS: ' 7, 0-1 ,1' })).toEqual({
      count: 8,
      ids: [0, 1, 7],
    });
    expect(shardsOf({ DISCORD_SHARD_COUNT: 'AUTO' })).toEqual({ count: 'auto' });
  });

  it('refuse, in one line naming the variable, what cannot be run', () => {
    const cases: [Record<string, string>, string][] = [
      [
        { DISCORD_SHARD_COUNT: '2', DISCORD_SHARD_IDS: '0,2' },
        'DISCORD_SHARD_IDS: shard 2 does not exist with DISCORD_SHARD_COUNT=2',
      ],
      [
        { DISCORD_SHARD_COUNT: '4', DISCORD_SHARD_IDS: '0;1' },
        'DISCORD_SHARD_IDS: "0;1" is not a shard id or range',
      ],
      [
        { DISCORD_SHARD_COUNT: '4', DISCORD_SHARD_IDS: '3-1' },
        'DISCORD_SHARD_IDS: "3-1" is not a shard id or range',
      ],
      [
        { DISCORD_SHARD_COUNT: '4', DISCORD_SHARD_IDS: '0,,1' },
        'DISCORD_SHARD_IDS: "" is not a shard id or range',
      ],
      [{ DISCORD_SHARD_IDS: '0' }, 'DISCORD_SHARD_IDS: needs DISCORD_SHARD_COUNT'],
      [
        { DISCORD_SHARD_COUNT: 'auto', DISCORD_SHARD_IDS: '0' },
        'DISCORD_SHARD_IDS: needs a numeric DISCORD_SHARD_COUNT',
      ],
      [
        { DISCORD_SHARD_COUNT: '0' },
        'DISCORD_SHARD_COUNT: must be a positive whole number of shards, or "auto"',
      ],
      [{ DISCORD_SHARD_COUNT: '1.5' }, 'DISCORD_SHARD_COUNT: must be a positive whole number'],
      [{ DISCORD_SHARD_COUNT: 'deux' }, 'DISCORD_SHARD_COUNT: must be a positive whole number'],
    ];
    for (const [env, expected] of cases) {
      const message = problemOf(env);
      expect(message).toContain(`Invalid configuration: ${expected}`);
      expect(message).not.toContain('\n');
    }
  });
});
