// Many channels' summaries through the real Discord adapter against the fake Discord REST, with
// rate limits: all posted, none twice, and a slash command is answered while the posting goes on.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SummaryScheduler } from '../../src/summary/scheduler.ts';
import { alice, type DiscordBed, RecordingLogger, startDiscordBed } from '../discord/harness.ts';
import { DEFAULTS, person } from '../helpers/engine.ts';

const CHANNELS = 30;
let t: DiscordBed;

beforeEach(async () => {
  t = await startDiscordBed();
});
afterEach(async () => {
  await t.close();
});

describe('weekly summaries through the Discord adapter', () => {
  it('posts every channel once, with its chart, despite 429s, and answers a command meanwhile', async () => {
    const guild = t.fake.where.guildId;
    const channels = Array.from({ length: CHANNELS }, (_, i) => `5000000000000${String(i).padStart(5, '0')}`);
    for (const [i, channel] of channels.entries()) {
      t.fake.state.channels.set(channel, { id: channel, type: 0, name: `salon-${i}`, guild_id: guild });
      t.bed.clock.set(new Date(Date.parse('2026-03-24T09:00:00Z') + i * 1000));
      const who = person(`U${i}`, { platform: 'discord', workspace: guild, channel });
      await t.bed.engine.run(who, `lancer Sujet n° ${i}`);
      await t.bed.engine.run(who, 'voter pour');
    }
    t.bed.clock.set(new Date('2026-03-27T15:00:00Z')); // Friday 16:00 in Paris
    t.fake.rest.failNext(3, { kind: 'rateLimit', retryAfter: 0.3 }, 'messageCreate');
    const scheduler = new SummaryScheduler({
      store: t.bed.store,
      clock: t.bed.clock,
      logger: new RecordingLogger(),
      defaults: DEFAULTS,
      publisherFor: (platform) => (platform === 'discord' ? t.adapter.publisher : undefined),
    });
    let passDone = false;
    const pass = scheduler.runOnce().finally(() => {
      passDone = true;
    });

    // While summaries are going out, a person's command is answered.
    await t.fake.rest.waitFor((call) => call.route === 'messageCreate' && call.status === 200);
    const answer = await t.answer(t.fake.slash(alice, 'liste'));
    expect(answer.status).toBe(204);
    const answeredDuringPass = !passDone;

    const results = await pass;
    expect(answeredDuringPass).toBe(true);
    expect(results.filter((r) => r.outcome === 'posted')).toHaveLength(CHANNELS);
    const posted = t.fake.rest.filter('messageCreate').filter((call) => call.status === 200);
    expect(t.fake.rest.filter('messageCreate').filter((call) => call.status === 429)).toHaveLength(3);
    const perChannel = new Map<string, number>();
    for (const call of posted)
      perChannel.set(String(call.params.channel), (perChannel.get(String(call.params.channel)) ?? 0) + 1);
    expect(perChannel.size).toBe(CHANNELS);
    expect([...perChannel.values()].every((n) => n === 1)).toBe(true);
    expect(posted.every((call) => (call.files ?? []).length === 1)).toBe(true);
    expect(
      posted.every(
        (call) =>
          JSON.stringify((call.body as { allowed_mentions?: unknown }).allowed_mentions) === '{"parse":[]}',
      ),
    ).toBe(true);

    // The next pass posts nothing more.
    t.bed.clock.set(new Date('2026-03-27T15:05:00Z'));
    expect((await scheduler.runOnce()).every((r) => r.outcome === 'done')).toBe(true);
    expect(t.fake.rest.filter('messageCreate').filter((call) => call.status === 200)).toHaveLength(CHANNELS);
  });
});
