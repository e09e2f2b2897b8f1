// A weekly summary reaches people once, even when the process that posted it died after the
// platform took the post and before the ledger said so: the retry, after the claim went stale,
// carries the same key, and each platform answers with the message posted the first time
// (Slack: the message metadata found in the channel's recent history; Discord: an enforced nonce
// while Discord holds it, then the bot's message with that week's title in the channel).
import { afterEach, describe, expect, it } from 'vitest';
import type { Publisher } from '../../src/adapter.ts';
import type { ChannelScope } from '../../src/domain/types.ts';
import { type SchedulerOptions, SummaryScheduler } from '../../src/summary/scheduler.ts';
import { startDiscordBed } from '../discord/harness.ts';
import { forgetNonces } from '../fakes/discord/channel-routes.ts';
import { DEFAULTS, person } from '../helpers/engine.ts';
import { startSlackBed } from '../slack/harness.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A scheduler on the bed's store and clock, posting through `publisher`. */
const schedulerOf = (
  bed: Pick<SchedulerOptions, 'store' | 'clock'>,
  logger: SchedulerOptions['logger'],
  publisher: Publisher,
) =>
  new SummaryScheduler({
    store: bed.store,
    clock: bed.clock,
    logger,
    defaults: DEFAULTS,
    publisherFor: () => publisher,
    chart: false,
  });

/**
 * The first process: the platform takes the post, then the process is gone (never returns).
 * `taken` resolves once the platform has the post.
 */
function dyingOn(publisher: Publisher): { dying: Publisher; taken: Promise<void> } {
  let posted!: () => void;
  const taken = new Promise<void>((resolve) => {
    posted = resolve;
  });
  const dying: Publisher = {
    ...publisher,
    post: async (...args) => {
      await publisher.post(...args);
      posted();
      return new Promise(() => {});
    },
  };
  return { dying, taken };
}

describe('the weekly summary, once as people see it', () => {
  it('Slack: a process dies after chat.postMessage answered; the next attempt finds the post and posts nothing', async () => {
    const t = await startSlackBed('http');
    cleanups.push(() => t.close());
    const scope: ChannelScope = { platform: 'slack', workspaceId: 'T0FAKE', channelId: 'C1' };
    const at = (iso: string) => t.bed.clock.set(new Date(iso));
    at('2026-03-23T09:00:00Z');
    const who = (id: string) => person(id, { workspace: scope.workspaceId, channel: scope.channelId });
    await t.bed.engine.run(who('ana'), 'lancer Télétravail le vendredi ?');
    await t.bed.engine.run(who('bob'), 'voter pour');
    const summaries = () =>
      t.slack
        .calls('chat.postMessage')
        .filter(
          (call) => call.args.channel === 'C1' && JSON.stringify(call.args).includes('Bilan de la semaine'),
        );
    const scheduler = (publisher: Publisher) => schedulerOf(t.bed, t.logger, publisher);
    const { dying, taken } = dyingOn(t.adapter.publisher);
    at('2026-03-27T15:00:30Z');
    void scheduler(dying).runOnce();
    await taken;
    expect(summaries()).toHaveLength(1);
    // After the claim went stale, another process takes the week over.
    at('2026-03-27T15:20:00Z');
    const results = await scheduler(t.adapter.publisher).runOnce();
    expect(results.map((result) => result.outcome)).toContain('posted');
    expect(summaries()).toHaveLength(1);
    const entry = await t.bed.store.ledgerEntry(scope, '2026-03-23');
    expect(entry).toMatchObject({ status: 'posted', messageRef: `C1:${summaries()[0]!.response?.ts}` });
  });

  it('Slack: the first attempt reads no history; a retaken one whose history read is refused posts anyway, with a warning', async () => {
    const t = await startSlackBed('http');
    cleanups.push(() => t.close());
    const scope: ChannelScope = { platform: 'slack', workspaceId: 'T0FAKE', channelId: 'C1' };
    const at = (iso: string) => t.bed.clock.set(new Date(iso));
    at('2026-03-23T09:00:00Z');
    const who = (id: string) => person(id, { workspace: scope.workspaceId, channel: scope.channelId });
    await t.bed.engine.run(who('ana'), 'lancer Télétravail le vendredi ?');
    await t.bed.engine.run(who('bob'), 'voter pour');
    at('2026-03-27T15:00:30Z');
    const first = await schedulerOf(t.bed, t.logger, t.adapter.publisher).runOnce();
    expect(first.map((r) => r.outcome)).toEqual(['posted']);
    expect(t.slack.calls('conversations.history')).toHaveLength(0);

    // Another channel's week whose first attempt died after posting: the retry looks, is refused
    // (no history scope), and posts anyway rather than never.
    const other = person('ana', { workspace: scope.workspaceId, channel: 'C2' });
    at('2026-03-30T09:00:00Z');
    await t.bed.engine.run(other, 'lancer Un autre sujet ?');
    const { dying, taken } = dyingOn(t.adapter.publisher);
    at('2026-04-03T15:00:30Z');
    void schedulerOf(t.bed, t.logger, dying).runOnce();
    await taken;
    t.slack.fault('conversations.history', { kind: 'platform_error', error: 'missing_scope' });
    at('2026-04-03T15:20:00Z');
    const retried = await schedulerOf(t.bed, t.logger, t.adapter.publisher).runOnce();
    expect(retried.map((r) => r.outcome)).toContain('posted');
    const history = t.slack.calls('conversations.history');
    expect(history.map((call) => Number(call.args.limit))).toEqual([15]);
    expect(t.logger.warnings.map((w) => w.message)).toContain(
      'channel history unreadable; posting without the lookup',
    );
  });

  it('Discord: the same key twice makes one message, and the second post answers with the first', async () => {
    const t = await startDiscordBed();
    cleanups.push(() => t.close());
    const scope: ChannelScope = {
      platform: 'discord',
      workspaceId: t.fake.where.guildId,
      channelId: t.fake.where.channelId,
    };
    const reply = {
      visibility: 'public' as const,
      language: 'fr' as const,
      view: { kind: 'notice' as const, key: 'help.title' as const, params: {} },
    };
    const first = await t.adapter.publisher.post(scope, reply as never, [], {
      key: 'wkey-0001',
      mayExist: true,
    });
    const again = await t.adapter.publisher.post(scope, reply as never, [], {
      key: 'wkey-0001',
      mayExist: true,
    });
    const other = await t.adapter.publisher.post(scope, reply as never, [], {
      key: 'wkey-0002',
      mayExist: true,
    });
    expect(again).toBe(first);
    expect(other).not.toBe(first);
    const creates = t.fake.rest.filter('messageCreate');
    expect(
      creates.map((call) => (call.body as { nonce?: string; enforce_nonce?: boolean }).enforce_nonce),
    ).toEqual([true, true, true]);
    const ids = new Set(creates.map((call) => (call.response as { id: string }).id));
    expect(ids.size).toBe(2);
  });

  it('Discord: a process dies after Discord took the post; past the nonce’s minutes, the next attempt finds the post', async () => {
    const t = await startDiscordBed();
    cleanups.push(() => t.close());
    const scope: ChannelScope = {
      platform: 'discord',
      workspaceId: t.fake.where.guildId,
      channelId: t.fake.where.channelId,
    };
    const at = (iso: string) => t.bed.clock.set(new Date(iso));
    at('2026-03-23T09:00:00Z');
    const who = (id: string) =>
      person(id, { platform: 'discord', workspace: scope.workspaceId, channel: scope.channelId });
    await t.bed.engine.run(who('ana'), 'lancer Télétravail le vendredi ?');
    await t.bed.engine.run(who('bob'), 'voter pour');
    const summaries = () =>
      t.fake.messagesIn().filter((m) => JSON.stringify(m.embeds).includes('Bilan de la semaine'));
    const scheduler = (publisher: Publisher) => schedulerOf(t.bed, t.logger, publisher);
    const { dying, taken } = dyingOn(t.adapter.publisher);
    at('2026-03-27T15:00:30Z');
    void scheduler(dying).runOnce();
    await taken;
    expect(summaries()).toHaveLength(1);
    // Other posts of the bot since: the summary is found among them.
    const notice = {
      visibility: 'public' as const,
      language: 'fr' as const,
      view: { kind: 'notice' as const, key: 'help.title' as const, params: {} },
    };
    for (let n = 0; n < 3; n++) await t.adapter.publisher.post(scope, notice as never);
    // Twenty minutes on: the claim is stale, and Discord no longer holds the nonce.
    at('2026-03-27T15:20:00Z');
    forgetNonces(t.fake.state);
    const results = await scheduler(t.adapter.publisher).runOnce();
    expect(results.map((result) => result.outcome)).toContain('posted');
    expect(summaries()).toHaveLength(1);
    const entry = await t.bed.store.ledgerEntry(scope, '2026-03-23');
    expect(entry).toMatchObject({ status: 'posted', messageRef: `${scope.channelId}:${summaries()[0]!.id}` });
  });

  it('Discord: without the lookup of the channel, the nonce’s end would let a second summary through', async () => {
    const t = await startDiscordBed();
    cleanups.push(() => t.close());
    const channel = t.fake.where.channelId;
    const body = {
      embeds: [{ title: 'Bilan de la semaine · 23–27 mars' }],
      nonce: 'wkey-0003',
      enforce_nonce: true,
    };
    const post = () =>
      fetch(`${t.fake.api}/v10/channels/${channel}/messages`, {
        method: 'POST',
        headers: { authorization: `Bot ${t.fake.token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }).then(async (response) => ((await response.json()) as { id: string }).id);
    const first = await post();
    expect(await post()).toBe(first);
    forgetNonces(t.fake.state);
    expect(await post()).not.toBe(first);
  });
});
