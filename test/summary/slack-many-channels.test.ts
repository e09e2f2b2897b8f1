// Many channels' summaries through the real Slack adapter against the fake Slack Web API, with
// rate limits: all posted, none twice, and a slash command is answered while the posting goes on.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SummaryScheduler } from '../../src/summary/scheduler.ts';
import { DEFAULTS, person } from '../helpers/engine.ts';
import { RecordingLogger, type SlackBed, startSlackBed } from '../slack/harness.ts';

const CHANNELS = 60;
let sb: SlackBed;

beforeEach(async () => {
  sb = await startSlackBed('http');
});
afterEach(async () => {
  await sb.close();
});

describe('weekly summaries through the Slack adapter', () => {
  it('posts every channel once, with its chart, despite 429s, and answers a command meanwhile', async () => {
    const workspace = sb.slack.identity.teamId;
    for (let i = 0; i < CHANNELS; i++) {
      sb.bed.clock.set(new Date(Date.parse('2026-03-24T09:00:00Z') + i * 1000));
      const who = person(`U${i}`, { workspace, channel: `C${i}` });
      await sb.bed.engine.run(who, `lancer Sujet n° ${i}`);
      await sb.bed.engine.run(who, 'voter pour');
    }
    sb.bed.clock.set(new Date('2026-03-27T15:00:00Z')); // Friday 16:00 in Paris
    sb.slack.fault('chat.postMessage', { kind: 'rate_limited', retryAfterSec: 1, times: 2 });
    sb.slack.fault('chat.postMessage', { kind: 'slow', delayMs: 20 });
    const logger = new RecordingLogger();
    const scheduler = new SummaryScheduler({
      store: sb.bed.store,
      clock: sb.bed.clock,
      logger,
      defaults: DEFAULTS,
      publisherFor: (platform) => (platform === 'slack' ? sb.adapter.publisher : undefined),
    });
    let passDone = false;
    const pass = scheduler.runOnce().finally(() => {
      passDone = true;
    });

    // While summaries are going out, a person's command is acknowledged.
    await sb.slack.waitForCall('chat.postMessage', (c) => c.response?.ok === true);
    const acked = await sb.command('U1', 'C1', 'liste');
    expect(acked.status).toBe(200);
    const answeredDuringPass = !passDone;

    const results = await pass;
    expect(answeredDuringPass).toBe(true);
    expect(results.filter((r) => r.outcome === 'posted')).toHaveLength(CHANNELS);
    expect(sb.slack.calls('chat.postMessage').filter((c) => c.status === 429)).toHaveLength(2);

    const perChannel = new Map<string, number>();
    for (const call of sb.slack.okCalls('chat.postMessage')) {
      const channel = String(call.args.channel);
      perChannel.set(channel, (perChannel.get(channel) ?? 0) + 1);
    }
    expect(perChannel.size).toBe(CHANNELS);
    expect([...perChannel.values()].every((n) => n === 1)).toBe(true);
    expect(sb.slack.okCalls('files.completeUploadExternal')).toHaveLength(CHANNELS);
    const ledger = await sb.bed.store.ledgerSince('2026-03-23');
    expect(ledger.filter((e) => e.status === 'posted' && e.messageRef !== null)).toHaveLength(CHANNELS);
    expect(logger.errors).toEqual([]);

    // The next pass posts nothing more.
    sb.bed.clock.set(new Date('2026-03-27T15:05:00Z'));
    expect((await scheduler.runOnce()).every((r) => r.outcome === 'done')).toBe(true);
    expect(sb.slack.okCalls('chat.postMessage')).toHaveLength(CHANNELS);
  });

  it('posts the summary once when Slack refuses the chart, and records it as posted', async () => {
    const workspace = sb.slack.identity.teamId;
    sb.bed.clock.set(new Date('2026-03-24T09:00:00Z'));
    const who = person('U1', { workspace, channel: 'C1' });
    await sb.bed.engine.run(who, 'lancer Sujet');
    await sb.bed.engine.run(who, 'voter pour');
    sb.bed.clock.set(new Date('2026-03-27T15:00:00Z'));
    sb.slack.fault('files.completeUploadExternal', { kind: 'platform_error', error: 'missing_scope' });
    const scheduler = new SummaryScheduler({
      store: sb.bed.store,
      clock: sb.bed.clock,
      logger: new RecordingLogger(),
      defaults: DEFAULTS,
      publisherFor: (platform) => (platform === 'slack' ? sb.adapter.publisher : undefined),
    });
    expect((await scheduler.runOnce()).map((r) => r.outcome)).toEqual(['posted']);
    sb.bed.clock.set(new Date('2026-03-27T15:20:00Z'));
    await scheduler.runOnce();
    expect(sb.slack.okCalls('chat.postMessage')).toHaveLength(1);
    expect(sb.slack.okCalls('files.completeUploadExternal')).toHaveLength(0);
  });
});
