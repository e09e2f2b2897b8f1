import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderReply } from '../../adapters/discord/render/index.ts';
import { fitMessage, LIMITS } from '../../adapters/discord/render/limits.ts';
import { checkMessage, pingsAnyone, pingsOf, type RecordedCall } from '../fakes/discord/index.ts';
import { type DiscordBed, startDiscordBed } from './harness.ts';

const HOSTILE =
  '@everyone @here <@400000000000000002> <@!400000000000000002> <@&200000000000000001> **gras** `x` [lien](https://exemple.org) 🇫🇷👩🏽‍💻';

/** Every send or edit the bot made, with the context Discord would parse its mentions in. */
function sends(
  calls: RecordedCall[],
): { call: RecordedCall; body: Record<string, unknown>; context: 'channel' | 'interaction' }[] {
  const out: { call: RecordedCall; body: Record<string, unknown>; context: 'channel' | 'interaction' }[] = [];
  for (const call of calls) {
    const body = (call.body ?? {}) as Record<string, unknown>;
    if (call.route === 'messageCreate' || call.route === 'messageEdit')
      out.push({ call, body, context: 'channel' });
    if (call.route === 'webhookExecute' || call.route === 'webhookMessageEdit')
      out.push({ call, body, context: 'interaction' });
    if (call.route === 'interactionCallback' && (body.type === 4 || body.type === 7)) {
      out.push({ call, body: (body.data ?? {}) as Record<string, unknown>, context: 'interaction' });
    }
  }
  return out;
}

describe('Hostile and oversized text on Discord', () => {
  let t: DiscordBed;
  beforeEach(async () => {
    t = await startDiscordBed();
  });
  afterEach(async () => {
    await t.close();
  });

  it('never pings anyone and stays within every limit, in posts, replies and edits', async () => {
    const mallory = { id: '400000000000000066', username: '@everyone', locale: 'fr' };
    const topic = `${HOSTILE} ${'é'.repeat(200)}`.slice(0, 200);
    await t.answer(t.fake.slash(mallory, 'lancer', { sujet: topic }));
    const long = `${HOSTILE} ${'🙂'.repeat(400)}`;
    for (let i = 0; i < 4; i++) {
      await t.answer(
        t.fake.slash(mallory, i % 2 ? 'contre' : 'pour', { argument: [...long].slice(0, 1000).join('') }),
      );
    }
    await t.answer(t.fake.slash(mallory, 'voter', { cote: 'pour' }));
    await t.answer(t.fake.click(mallory, t.scoreboard(1), 'db:l:1:1'));
    await t.answer(t.fake.slash(mallory, 'bilan'));
    await t.answer(t.fake.slash(mallory, 'liste'));
    await t.answer(t.fake.slash(mallory, 'voter', { cote: 'neutre' }));
    await t.answer(t.fake.slash(mallory, 'lancer', { sujet: 'x', duree: HOSTILE }));
    await t.fake.rest.waitFor(
      (c) => c.route === 'messageEdit' && JSON.stringify(c.body).includes('Neutre** 1'),
    );
    await t.adapter.stop();

    const all = sends(t.fake.rest.calls);
    expect(all.length).toBeGreaterThan(10);
    for (const { call, body, context } of all) {
      expect(call.status, `${call.route} ${JSON.stringify(call.response)}`).toBeLessThan(400);
      expect(body.allowed_mentions, call.route).toEqual({ parse: [] });
      expect(pingsAnyone(pingsOf(body.content, body.allowed_mentions, context)), call.route).toBe(false);
      // Even as text, nothing looks like a live mention.
      expect(JSON.stringify(body)).not.toMatch(/<@[!&]?\d|@everyone|@here/);
    }
  });
});

describe('Rendering within Discord limits (property)', () => {
  it('any text in any view fits', () => {
    const text = fc.string({ unit: 'binary', maxLength: 5000 });
    fc.assert(
      fc.property(text, text, fc.integer({ min: 1, max: 999 }), (topic, argument, n) => {
        const item = {
          number: n,
          side: 'pro' as const,
          text: argument,
          authorName: topic,
          endorsements: n,
          deltas: n,
        };
        const debate = {
          number: n,
          topic,
          openerName: argument,
          status: 'open' as const,
          anonymous: false,
          hidden: false,
          closesAt: null,
        };
        const views = [
          {
            kind: 'scoreboard' as const,
            debate,
            timezone: 'Europe/Paris',
            counts: { pro: n, con: n, neutral: n },
            participants: n,
            argumentCounts: { pro: n, con: n },
            topPro: item,
            topCon: item,
            newest: item,
            deltas: n,
          },
          {
            kind: 'arguments' as const,
            debate,
            items: Array.from({ length: 10 }, (_, i) => ({ ...item, number: n + i })),
            page: 2,
            pages: 3,
            total: 30,
          },
          { kind: 'argumentAdded' as const, debate, argument: item },
          {
            kind: 'persuasionPrompt' as const,
            debate,
            side: 'con' as const,
            options: Array.from({ length: 5 }, (_, i) => ({ ...item, number: n + i })),
          },
          {
            kind: 'debateList' as const,
            items: Array.from({ length: 30 }, () => ({ debate, counts: null, argumentCount: n })),
          },
          { kind: 'error' as const, error: { code: 'parse.unknown' as const, params: { word: topic } } },
        ];
        for (const view of views) {
          for (const language of ['fr', 'en'] as const) {
            const message = renderReply({ visibility: 'public', language, view });
            expect(checkMessage({ ...message, content: message.content ?? 'x' }, false)).toEqual([]);
            expect(fitMessage(message)).toEqual(message);
            expect((message.content ?? '').length).toBeLessThanOrEqual(LIMITS.content);
          }
        }
      }),
      { numRuns: 60 },
    );
  });
});
