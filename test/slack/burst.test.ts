// A burst of 500 vote clicks on one debate: every vote stored, a handful of chat.update calls,
// the last one exact; with Slack answering 429 meanwhile, the same, and nothing else waits.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Acked, closeCleanly, type Mode, openDebate, type SlackBed, startSlackBed } from './harness.ts';

const VOTES = 500;
const SIDES = ['pro', 'con', 'neutral'] as const;

async function inBatches<T>(count: number, size: number, one: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let start = 0; start < count; start += size) {
    const batch = Array.from({ length: Math.min(size, count - start) }, (_, k) => one(start + k));
    out.push(...(await Promise.all(batch)));
  }
  return out;
}

describe.each<Mode>(['http', 'socket'])('a burst of %s votes', (mode) => {
  let t: SlackBed;
  let ts: string;

  beforeEach(async () => {
    // The production interval: at most one chat.update per message every 2 seconds.
    t = await startSlackBed(mode, { intervalMs: 2000 });
    ts = await openDebate(t, 'Le vendredi en télétravail');
  });
  afterEach(() => closeCleanly(t));

  const vote = (i: number): Promise<Acked> => {
    const side = SIDES[i % 3]!;
    return t.interactive(
      t.slack.payloads.blockAction({
        user: `UV${i}`,
        channel: 'C1',
        messageTs: ts,
        actionId: `debat.vote.${side}`,
        value: `1:${side}`,
      }),
    );
  };
  const expected = { pro: 167, con: 167, neutral: 166 };

  it('stores every vote and edits the scoreboard a handful of times, ending exact', async () => {
    const acks = await inBatches(VOTES, 50, vote);
    expect(acks.every((a) => a.status === 200)).toBe(true);
    expect(await t.bed.store.tally(1)).toEqual(expected);
    await t.idle();
    const updates = t.slack.okCalls('chat.update');
    expect(updates.length).toBeGreaterThanOrEqual(1);
    expect(updates.length).toBeLessThanOrEqual(6);
    const final = JSON.stringify(t.slack.message('C1', ts)?.blocks);
    expect(final).toContain('167 (33 %)');
    expect(final).toContain('166 (33 %)');
    expect(final).toContain('500 votants');
  });

  it('honours a 429 on the scoreboard without holding back acks or other channels', async () => {
    t.slack.fault('chat.update', { kind: 'rate_limited', retryAfterSec: 30, times: 1 });
    const firstHalf = await inBatches(VOTES / 2, 50, vote);
    const limited = await t.slack.waitForCall('chat.update', (c) => c.status === 429);
    // While that message waits out its Retry-After: more clicks are acked, another channel gets its post.
    const secondHalf = await inBatches(VOTES / 2, 50, (i) => vote(i + VOTES / 2));
    await t.command('UOTHER', 'C2', 'lancer Une autre question');
    const otherPost = await t.slack.waitForCall('chat.postMessage', (c) => c.args.channel === 'C2');
    expect(otherPost.response?.ok).toBe(true);
    expect([...firstHalf, ...secondHalf].every((a) => a.status === 200)).toBe(true);
    expect(await t.bed.store.tally(1)).toEqual(expected);
    const updatesSoFar = t.slack.calls('chat.update').filter((c) => c.args.ts === ts && c.at > limited.at);
    expect(updatesSoFar).toEqual([]);

    await t.idle();
    const updates = t.slack.calls('chat.update').filter((c) => c.args.ts === ts);
    expect(updates.filter((c) => c.status === 429)).toHaveLength(1);
    expect(updates.length).toBeLessThanOrEqual(6);
    expect(JSON.stringify(t.slack.message('C1', ts)?.blocks)).toContain('500 votants');
  });
});
