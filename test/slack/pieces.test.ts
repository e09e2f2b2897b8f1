// The Slack adapter's small pieces: escaping and cutting, thread prefixes, delivery keys, the
// admin cache, message refs and button values.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readDelta, readEndorse, readPage, readVote } from '../../adapters/slack/action-ids.ts';
import { AdminCache } from '../../adapters/slack/admin-cache.ts';
import { deliveryKeyOf, RecentDeliveries } from '../../adapters/slack/dedupe.ts';
import { defuseMentions, escapeMrkdwn, fitMrkdwn, truncate } from '../../adapters/slack/mrkdwn.ts';
import { formatRef, parseRef } from '../../adapters/slack/refs.ts';

describe('mrkdwn', () => {
  it('escapes only &, < and >', () => {
    expect(escapeMrkdwn('<!channel> & <@U1> *b* &lt;')).toBe(
      '&lt;!channel&gt; &amp; &lt;@U1&gt; *b* &amp;lt;',
    );
  });

  it('cuts with an ellipsis, never inside an emoji or an entity', () => {
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('ab🎉cd', 4)).toBe('ab…');
    expect(fitMrkdwn('a<b', 5)).toBe('a…');
    expect(fitMrkdwn('a<bc', 6)).toBe('a&lt;…');
    expect(fitMrkdwn('a<b', 6)).toBe('a&lt;b');
  });

  it('always fits and never lets a raw < through', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 400 }),
        fc.integer({ min: 1, max: 500 }),
        (text, max) => {
          const out = fitMrkdwn(text, max);
          expect(out.length).toBeLessThanOrEqual(max);
          expect(out).not.toContain('<');
        },
      ),
    );
  });

  it('defuses mention tokens in plain text without changing how they read', () => {
    expect(defuseMentions('<!here> <@U1> <#C1> a<b')).toBe('<\u2060!here> <\u2060@U1> <\u2060#C1> a<b');
  });
});

describe('delivery keys', () => {
  it('name each kind of delivery; a corrected form is a new delivery', () => {
    expect(deliveryKeyOf({ event_id: 'Ev1', type: 'event_callback' })).toBe('event:Ev1');
    expect(deliveryKeyOf({ command: '/debat', trigger_id: 't1' })).toBe('command:t1');
    expect(
      deliveryKeyOf({ type: 'block_actions', user: { id: 'U1' }, actions: [{ action_ts: '1.2' }] }),
    ).toBe('action:U1:1.2');
    const view = (value: string) => ({
      type: 'view_submission',
      view: { id: 'V1', state: { values: { text: { text: { value } } } } },
    });
    expect(deliveryKeyOf(view('a'))).toBe(deliveryKeyOf(view('a')));
    expect(deliveryKeyOf(view('a'))).not.toBe(deliveryKeyOf(view('b')));
  });

  it('remembers deliveries for a while', () => {
    const recent = new RecentDeliveries(1000, 2);
    expect(recent.first('a', 0)).toBe(true);
    expect(recent.first('a', 500)).toBe(false);
    expect(recent.first('a', 1500)).toBe(true);
    recent.first('b', 1600);
    recent.first('c', 1700);
    expect(recent.first('a', 1800)).toBe(true);
  });
});

describe('admin cache', () => {
  it('asks once per person within the TTL, shares concurrent lookups, and forgets failures', async () => {
    let now = 0;
    const asked: string[] = [];
    let fail = false;
    const cache = new AdminCache(
      async (_team, user) => {
        asked.push(user);
        if (fail) throw new Error('down');
        return { isAdmin: user === 'UA' };
      },
      1000,
      () => now,
    );
    const [a, b] = await Promise.all([cache.get('T', 'UA'), cache.get('T', 'UA')]);
    expect(a.isAdmin && b.isAdmin).toBe(true);
    expect(await cache.get('T', 'UB')).toEqual({ isAdmin: false });
    expect(asked).toEqual(['UA', 'UB']);
    now = 1500;
    fail = true;
    expect(await cache.get('T', 'UA')).toEqual({ isAdmin: false });
    fail = false;
    expect(await cache.get('T', 'UA')).toEqual({ isAdmin: true });
    expect(asked).toEqual(['UA', 'UB', 'UA', 'UA']);
    expect(await cache.peek('T', 'UA')).toEqual({ isAdmin: true });
  });
});

describe('refs and button values', () => {
  it('round-trips and refuses anything else', () => {
    expect(parseRef(formatRef({ channel: 'C1', ts: '1700000000.000100' }))).toEqual({
      channel: 'C1',
      ts: '1700000000.000100',
    });
    expect(parseRef('terminal:general')).toBeUndefined();
    expect(readVote('3:neutral')).toEqual({ debate: 3, side: 'neutral' });
    expect(readVote('3:maybe')).toBeUndefined();
    expect(readPage('3:2')).toEqual({ debate: 3, page: 2 });
    expect(readEndorse('3:7:1')).toEqual({ debate: 3, argument: 7, page: 1 });
    expect(readDelta('3:x')).toBeUndefined();
    expect(readPage('0:1')).toBeUndefined();
  });
});
