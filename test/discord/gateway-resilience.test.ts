import { afterEach, describe, expect, it } from 'vitest';
import { INTENTS } from '../fakes/discord/index.ts';
import { alice, bob, type DiscordBed, startDiscordBed, textOf } from './harness.ts';

describe('Discord gateway resilience', () => {
  let t: DiscordBed;
  afterEach(async () => {
    await t.close();
  });

  it('runs without the Message Content intent when it is not granted, and says so once', async () => {
    t = await startDiscordBed({ grantedPrivilegedIntents: 0 });
    expect(t.fake.gateway.identifies.map((i) => (i.intents & INTENTS.MessageContent) !== 0)).toEqual([
      true,
      false,
    ]);
    expect(t.logger.matching(/Message Content intent/)).toHaveLength(1);
    const answer = await t.answer(t.fake.slash(alice, 'lancer', { sujet: 'Sans intent' }));
    expect(textOf(answer.body)).toContain('lancé');
  });

  it('resumes after a dropped connection and keeps answering', async () => {
    t = await startDiscordBed();
    t.fake.gateway.cut(4000);
    await t.fake.gateway.waitForSessionStart(2);
    expect(t.fake.gateway.resumes).toHaveLength(1);
    t.fake.gateway.cut('terminate');
    await t.fake.gateway.waitForSessionStart(3);
    const answer = await t.answer(t.fake.slash(alice, 'aide'));
    expect(textOf(answer.body)).toContain('Débat : les commandes');
  });

  it('logs an expired interaction (10062) and carries on', async () => {
    t = await startDiscordBed();
    t.fake.rest.unknownInteractionNext(1);
    const lost = t.fake.slash(alice, 'lancer', { sujet: 'Trop tard' });
    await t.answer(lost);
    const next = await t.answer(t.fake.slash(bob, 'liste'));
    expect(textOf(next.body)).toContain('Trop tard');
    expect(t.logger.matching(/10062/)).toHaveLength(1);
    expect(t.logger.entries.filter((e) => e.level === 'error')).toEqual([]);
  });

  it('retries a callback that met a server error', async () => {
    t = await startDiscordBed();
    t.fake.rest.serverErrorNext(1, 'interactionCallback');
    const payload = t.fake.slash(alice, 'aide');
    await t.fake.rest.waitFor(
      (c) => c.route === 'interactionCallback' && c.params.id === payload.id && c.status === 204,
    );
    expect(t.fake.rest.filter((c) => c.route === 'interactionCallback').map((c) => c.status)).toEqual([
      500, 204,
    ]);
  });
});
