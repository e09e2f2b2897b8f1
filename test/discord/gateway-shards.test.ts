// Two instances of the bot on one database, each running one of two gateway shards (the real
// discord.js against the fake gateway, which routes each server's events as Discord does).
import { afterEach, describe, expect, it } from 'vitest';
import { createDiscordAdapter } from '../../adapters/discord/index.ts';
import type { Adapter } from '../../src/adapter.ts';
import { loadConfig } from '../../src/config.ts';
import type { ManualClock } from '../../src/domain/clock.ts';
import type { DebateEngine } from '../../src/engine/engine.ts';
import { HttpRoutes } from '../../src/http-routes.ts';
import {
  type FakeDiscord,
  type Payload,
  shardOf,
  startFakeDiscord,
  type Where,
} from '../fakes/discord/index.ts';
import { engineOnPath, type TestBed, testEngine } from '../helpers/engine.ts';
import { alice, bob, moderator, RecordingLogger, textOf } from './harness.ts';

const GUILD_A = '200000000000000001';
const GUILD_B = '200000000004194305';
const CHANNEL_A = '300000000000000001';
const CHANNEL_B = '300000000000000011';
const HOUR = 3_600_000;

interface Instance {
  adapter: Adapter;
  logger: RecordingLogger;
  clock: ManualClock;
  engine: DebateEngine;
}

describe('Discord gateway sharding', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function fakeWithTwoServers(): Promise<FakeDiscord> {
    const fake = await startFakeDiscord({
      guilds: [
        {
          id: GUILD_A,
          name: 'Paris',
          preferred_locale: 'fr',
          channels: [{ id: CHANNEL_A, type: 0, name: 'debats' }],
        },
        {
          id: GUILD_B,
          name: 'Lyon',
          preferred_locale: 'fr',
          channels: [{ id: CHANNEL_B, type: 0, name: 'debats' }],
        },
      ],
    });
    cleanups.push(() => fake.close());
    return fake;
  }

  async function startInstance(
    fake: FakeDiscord,
    bed: { engine: DebateEngine; clock: ManualClock; path: string },
    env: Record<string, string>,
  ): Promise<Instance> {
    const logger = new RecordingLogger();
    const http = new HttpRoutes(logger);
    const config = loadConfig({
      DISCORD_APPLICATION_ID: fake.applicationId,
      DISCORD_API_URL: fake.api,
      DISCORD_TOKEN: fake.token,
      DEBAT_DB_PATH: bed.path,
      DEBAT_TIMEZONE: 'Europe/Paris',
      DEBAT_SCOREBOARD_INTERVAL_MS: '5',
      ...env,
    });
    const adapter = await createDiscordAdapter()({
      config,
      engine: bed.engine,
      logger,
      clock: bed.clock,
      http,
      requestShutdown: () => {},
    });
    await adapter.start();
    cleanups.push(async () => {
      await http.close();
      await adapter.stop();
    });
    return { adapter, logger, clock: bed.clock, engine: bed.engine };
  }

  /** One SQLite file; the second instance's clock an hour ahead, so stored times tell who wrote. */
  async function twoEngines(): Promise<
    [TestBed, { engine: DebateEngine; clock: ManualClock; path: string }]
  > {
    const first = await testEngine({ scoreboardIntervalMs: 5 });
    cleanups.push(() => first.cleanup());
    const second = await engineOnPath(first.path, {
      start: new Date(first.clock.now().getTime() + HOUR),
      scoreboardIntervalMs: 5,
    });
    cleanups.push(async () => {
      await second.engine.close();
      await second.store.close();
    });
    return [first, { ...second, path: first.path }];
  }

  const answer = async (fake: FakeDiscord, payload: Payload) =>
    (await fake.rest.waitFor((c) => c.route === 'interactionCallback' && c.params.id === payload.id))[0];

  it('the fake routes each server to shard (guild_id >> 22) % count', () => {
    expect([shardOf(GUILD_A, 2), shardOf(GUILD_B, 2)]).toEqual([0, 1]);
    expect(shardOf('175928847299117063', 1)).toBe(0);
    // 41771983444115456 >> 22 = 9959216939, and 9959216939 % 16 = 11.
    expect(shardOf('41771983444115456', 16)).toBe(11);
  });

  it('two instances split the servers: each interaction and each thread reply is handled once, by its shard', async () => {
    const fake = await fakeWithTwoServers();
    const [first, second] = await twoEngines();
    const zero = await startInstance(fake, first, { DISCORD_SHARD_COUNT: '2', DISCORD_SHARD_IDS: '0' });
    const one = await startInstance(fake, second, { DISCORD_SHARD_COUNT: '2', DISCORD_SHARD_IDS: '1' });
    await fake.gateway.waitForSessionStart(2);
    expect(fake.gateway.identifies.map((i) => i.shard)).toEqual([
      [0, 2],
      [1, 2],
    ]);

    const where = (guildId: string, channelId: string): Partial<Where> => ({ guildId, channelId });
    const servers = [
      { at: where(GUILD_A, CHANNEL_A), instance: zero },
      { at: where(GUILD_B, CHANNEL_B), instance: one },
    ];
    const payloads: Payload[] = [];
    const threads: string[] = [];
    for (const { at } of servers) {
      const config = fake.slash(moderator, 'config', { fil: 'on' }, at);
      expect(textOf((await answer(fake, config))?.body)).toContain('Un fil par débat : oui');
      const open = fake.slash(alice, 'lancer', { sujet: `Café à ${at.guildId}` }, at);
      expect(textOf((await answer(fake, open))?.body)).toContain('lancé');
      const [created] = await fake.rest.waitFor(
        (c) => c.route === 'threadFromMessage' && c.params.channel === at.channelId,
      );
      const threadId = (created?.response as { id: string } | undefined)?.id ?? '';
      await fake.rest.waitFor((c) => c.route === 'messageCreate' && c.params.channel === threadId);
      threads.push(threadId);
      payloads.push(config, open);
    }

    const replies = servers.map(({ at }, i) =>
      fake.say(bob, `pour : argument du serveur ${i}`, {
        ...at,
        channelId: threads[i] as string,
        channelType: 11,
        parentId: at.channelId as string,
      }),
    );
    for (const reply of replies)
      await fake.rest.waitFor((c) => c.route === 'reactionAdd' && c.params.message === reply.id);
    const votes = servers.map(({ at }) => fake.slash(bob, 'voter', { cote: 'contre' }, at));
    for (const vote of votes) expect(textOf((await answer(fake, vote))?.body)).toContain('Vote recorded');
    payloads.push(...votes);

    // Every interaction answered once (a second instance would meet "already acknowledged").
    for (const payload of payloads)
      expect(
        fake.rest.filter((c) => c.route === 'interactionCallback' && c.params.id === payload.id),
      ).toHaveLength(1);
    for (const reply of replies)
      expect(
        fake.rest.filter((c) => c.route === 'reactionAdd' && c.params.message === reply.id),
      ).toHaveLength(1);

    // Each server's debate and reply were written by its own instance (its clock), and once.
    for (const { at, instance } of servers) {
      const debate = await first.store.findDebate(
        { platform: 'discord', workspaceId: at.guildId as string },
        1,
      );
      expect(debate?.openedAt).toBe(instance.clock.now().getTime());
      const argument = await first.store.argument(debate?.id ?? 0, 1);
      expect(argument).toMatchObject({ side: 'pro', createdAt: instance.clock.now().getTime() });
      expect(await first.store.argument(debate?.id ?? 0, 2)).toBeUndefined();
      expect(debate).toMatchObject({ topic: `Café à ${at.guildId}` });
    }
    for (const instance of [zero, one])
      expect(instance.logger.entries.filter((e) => e.level === 'error' || e.level === 'warn')).toEqual([]);
  });

  it('DISCORD_SHARD_COUNT=auto runs the count Discord recommends, every shard in one instance', async () => {
    const fake = await fakeWithTwoServers();
    fake.state.recommendedShards = 2;
    fake.state.maxConcurrency = 16;
    const [first] = await twoEngines();
    await startInstance(fake, first, { DISCORD_SHARD_COUNT: 'auto' });
    await fake.gateway.waitForSessionStart(2);
    expect(fake.gateway.identifies.map((i) => i.shard).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    for (const [guildId, channelId] of [
      [GUILD_A, CHANNEL_A],
      [GUILD_B, CHANNEL_B],
    ] as const) {
      const help = fake.slash(alice, 'aide', {}, { guildId, channelId });
      expect(textOf((await answer(fake, help))?.body)).toContain('/debat lancer');
    }
  });
});
