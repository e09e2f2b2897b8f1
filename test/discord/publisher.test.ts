import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { summaryChartAttachment } from '../../src/summary/summary-chart.ts';
import type { WeeklySummaryView } from '../../src/views/weekly-summary.ts';
import { type DiscordBed, startDiscordBed, textOf } from './harness.ts';

const item = (n: number) => ({
  debate: {
    number: n,
    topic: `Sujet ${n} @everyone`,
    openerName: 'alice',
    status: 'open' as const,
    anonymous: false,
    hidden: false,
    closesAt: null,
  },
  counts: { pro: 3 * n, con: n, neutral: 1 },
  shift: n % 2 ? { pro: 2, con: -1, neutral: 0 } : null,
  closedThisWeek: false,
  newArguments: n,
  newArgumentsTop: [],
  participants: 4 * n,
  voteEvents: 5 * n,
  opinionChanges: 1,
  topPro: {
    number: 1,
    side: 'pro' as const,
    text: 'x'.repeat(900),
    authorName: 'bob',
    endorsements: 2,
    deltas: 0,
  },
  topCon: null,
  persuasive: null,
});

/** The channel of the fake and a week's summary of one debate, as the scheduler posts it. */
const weekOf = (t: DiscordBed) => {
  const scope = {
    platform: 'discord' as const,
    workspaceId: t.fake.where.guildId,
    channelId: t.fake.where.channelId,
  };
  const view: WeeklySummaryView = {
    kind: 'weeklySummary',
    mode: 'weekly',
    timezone: 'Europe/Paris',
    weekStart: '2026-11-23',
    from: Date.UTC(2026, 10, 20, 15),
    to: Date.UTC(2026, 10, 27, 15),
    debates: [item(1)],
    more: 0,
    totals: { debates: 1, voteEvents: 5, newArguments: 1, opinionChanges: 1, closed: 0 },
  };
  return { scope, view };
};

describe('Discord publisher (the weekly summary)', () => {
  let t: DiscordBed;
  beforeEach(async () => {
    t = await startDiscordBed();
  });
  afterEach(async () => {
    await t.close();
  });

  it('posts the week with its chart as the embed image, within limits, pinging nobody', async () => {
    const view: WeeklySummaryView = {
      kind: 'weeklySummary',
      mode: 'weekly',
      timezone: 'Europe/Paris',
      weekStart: '2026-11-23',
      from: Date.UTC(2026, 10, 20, 15),
      to: Date.UTC(2026, 10, 27, 15),
      debates: Array.from({ length: 24 }, (_, i) => item(i + 1)),
      more: 3,
      totals: { debates: 27, voteEvents: 300, newArguments: 40, opinionChanges: 12, closed: 2 },
    };
    const scope = {
      platform: 'discord' as const,
      workspaceId: t.fake.where.guildId,
      channelId: t.fake.where.channelId,
    };
    const chart = summaryChartAttachment(view, 'fr');
    const ref = await t.adapter.publisher.post(scope, { visibility: 'public', language: 'fr', view }, [
      chart,
    ]);
    const [call] = t.fake.rest.filter('messageCreate');
    expect(call?.status).toBe(200);
    expect(ref).toBe(`${scope.channelId}:${(call?.response as { id?: string } | undefined)?.id}`);
    expect(call?.files).toEqual([
      expect.objectContaining({ filename: chart.filename, contentType: 'image/png' }),
    ]);
    expect(call?.body).toMatchObject({
      allowed_mentions: { parse: [] },
      embeds: [{ image: { url: `attachment://${chart.filename}` } }],
    });
    expect(textOf(call?.body)).toContain('Bilan de la semaine');
    expect(textOf(call?.body)).not.toMatch(/@everyone/);
  });

  it('fails loudly when Discord refuses, so the caller can retry', async () => {
    t.fake.rest.failNext(5, { kind: 'serverError' }, 'messageCreate');
    const scope = {
      platform: 'discord' as const,
      workspaceId: t.fake.where.guildId,
      channelId: t.fake.where.channelId,
    };
    const reply = {
      visibility: 'public' as const,
      language: 'fr' as const,
      view: { kind: 'notice' as const, key: 'notice.duplicate' as const, params: {} },
    };
    await expect(t.adapter.publisher.post(scope, reply)).rejects.toThrow();
  });

  it('posts the text alone when Discord refuses the chart', async () => {
    t.fake.rest.failNext(
      1,
      { kind: 'discordError', status: 403, error: { code: 50013, message: 'Missing Permissions' } },
      'messageCreate',
    );
    const { scope, view } = weekOf(t);
    const ref = await t.adapter.publisher.post(scope, { visibility: 'public', language: 'fr', view }, [
      summaryChartAttachment(view, 'fr'),
    ]);
    const calls = t.fake.rest.filter('messageCreate');
    expect(calls.map((call) => call.status)).toEqual([403, 200]);
    expect(calls[1]?.files ?? []).toEqual([]);
    expect(textOf(calls[1]?.body)).toContain('Bilan de la semaine');
    expect(ref).toBe(`${scope.channelId}:${(calls[1]?.response as { id?: string } | undefined)?.id}`);
  });

  it('posts a summary once with its key, and still posts it when the channel’s history cannot be read', async () => {
    const { scope, view } = weekOf(t);
    const reply = { visibility: 'public' as const, language: 'fr' as const, view };
    // No Read Message History: the lookup is refused, the post goes out (the nonce still guards it).
    t.fake.rest.failNext(
      1,
      { kind: 'discordError', status: 403, error: { code: 50001, message: 'Missing Access' } },
      'messageList',
    );
    const first = await t.adapter.publisher.post(scope, reply, [], { key: 'wsummary-0001', mayExist: true });
    expect(t.fake.rest.filter('messageList').map((call) => call.status)).toEqual([403]);
    expect(t.logger.matching(/recent messages unreadable/)).toHaveLength(1);
    // Asked again with the same key, the lookup finds it: nothing new is created.
    const again = await t.adapter.publisher.post(scope, reply, [], { key: 'wsummary-0001', mayExist: true });
    expect(again).toBe(first);
    expect(t.fake.rest.filter('messageList').map((call) => call.status)).toEqual([403, 200]);
    expect(t.fake.rest.filter('messageCreate')).toHaveLength(1);
  });
});
