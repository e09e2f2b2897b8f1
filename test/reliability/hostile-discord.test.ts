// The hostile corpus through the real Discord adapter (real discord.js over the fake gateway and
// REST, real engine on SQLite), also as wrongly typed options: every interaction answered, every
// send and edit with allowed_mentions {parse: []}, no ping, nothing invalid stored, no error logged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DiscordBed, startDiscordBed } from '../discord/harness.ts';
import { type Actor, pingsAnyone, pingsOf, type RecordedCall } from '../fakes/discord/index.ts';
import { figure } from './support/figures.ts';
import { HOSTILE, invalidStoredText } from './support/hostile.ts';

let t: DiscordBed;
beforeAll(async () => {
  t = await startDiscordBed();
});
afterAll(() => t.close());

const mallory: Actor = {
  id: '400000000000000066',
  username: '@everyone <@&200000000000000001>',
  locale: 'fr',
};

/** Every message the bot sent or edited, with where Discord would parse its mentions. */
function sends(calls: RecordedCall[]) {
  const out: { call: RecordedCall; body: Record<string, unknown>; context: 'channel' | 'interaction' }[] = [];
  for (const call of calls) {
    const body = (call.body ?? {}) as Record<string, unknown>;
    if (call.route === 'messageCreate' || call.route === 'messageEdit')
      out.push({ call, body, context: 'channel' });
    if (call.route === 'webhookExecute' || call.route === 'webhookMessageEdit')
      out.push({ call, body, context: 'interaction' });
    if (call.route === 'interactionCallback' && (body.type === 4 || body.type === 7))
      out.push({ call, body: (body.data ?? {}) as Record<string, unknown>, context: 'interaction' });
  }
  return out;
}

describe('the hostile corpus through the Discord adapter', () => {
  it('answers every interaction, with no mention parsed anywhere, and stores nothing invalid', async () => {
    await t.answer(t.fake.slash(mallory, 'lancer', { sujet: 'Un débat pour commencer' }));
    let tried = 0;
    for (const { input } of HOSTILE) {
      for (const [subcommand, options] of [
        ['lancer', { sujet: input }],
        ['pour', { argument: input }],
        ['voter', { cote: input }],
        // Wrong types: text where Discord would send an integer.
        ['appuyer', { numero: input }],
        ['bilan', { id: input }],
      ] as const) {
        await t.answer(t.fake.slash(mallory, subcommand, options));
        tried++;
      }
    }
    await t.adapter.stop();

    const all = sends(t.fake.rest.calls);
    const failures = all.filter(({ call }) => call.status >= 400);
    const unguarded = all.filter(({ body }) => JSON.stringify(body.allowed_mentions) !== '{"parse":[]}');
    const pinging = all.filter(({ body, context }) =>
      pingsAnyone(pingsOf(body.content, body.allowed_mentions, context)),
    );
    const errors = t.logger.entries.filter((entry) => entry.level === 'error');
    figure('hostile input, Discord adapter', {
      payloads: HOSTILE.length,
      interactions: tried,
      sendsAndEdits: all.length,
      withoutAllowedMentionsParseNone: unguarded.length,
      pings: pinging.length,
      refusedByDiscord: failures.length,
      errorsLogged: errors.length,
    });
    expect(all.length).toBeGreaterThanOrEqual(tried);
    expect(failures.map(({ call }) => `${call.route} ${JSON.stringify(call.response)}`)).toEqual([]);
    expect(unguarded.map(({ call }) => call.route)).toEqual([]);
    expect(pinging.map(({ call }) => call.route)).toEqual([]);
    expect(errors).toEqual([]);
    expect(invalidStoredText(t.bed.db)).toEqual([]);
  });
});
