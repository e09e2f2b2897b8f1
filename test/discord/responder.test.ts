import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type InitialResponse, Responder } from '../../adapters/discord/responder.ts';
import { createRest } from '../../adapters/discord/rest.ts';
import { silentLogger } from '../../src/domain/logger.ts';
import { chatInput, type FakeDiscord, startFakeDiscord } from '../fakes/discord/index.ts';
import { alice } from './harness.ts';

describe('Discord responder', () => {
  let fake: FakeDiscord;
  beforeEach(async () => {
    fake = await startFakeDiscord();
  });
  afterEach(async () => {
    await fake.close();
  });

  function responder() {
    const payload = chatInput(fake.state, { actor: alice, where: fake.where, subcommand: 'aide' });
    const rest = createRest({ api: fake.api, token: fake.token });
    const sent: InitialResponse[] = [];
    let deferred: () => void = () => {};
    const deferredSeen = new Promise<void>((resolve) => {
      deferred = resolve;
    });
    const initial = {
      acceptsFiles: true,
      async send(response: InitialResponse) {
        sent.push(response);
        await rest.post(`/interactions/${payload.id}/${payload.token}/callback`, {
          body: response,
          auth: false,
        });
        if (response.type === 5 || response.type === 6) deferred();
      },
    };
    const ref = { id: payload.id, token: payload.token, applicationId: fake.applicationId };
    return { r: new Responder(rest, ref, initial, silentLogger), sent, deferredSeen, payload };
  }

  it('defers when the work is slow, then completes the answer by editing the original', async () => {
    const { r, sent, deferredSeen, payload } = responder();
    r.autoDefer(0, { kind: 'reply', ephemeral: true });
    await deferredSeen;
    await r.reply({ content: 'fini' }, true);
    await r.finish();
    expect(sent).toEqual([{ type: 5, data: { flags: 64 } }]);
    const [edit] = fake.rest.filter('webhookMessageEdit');
    expect(edit?.body).toEqual({ content: 'fini', allowed_mentions: { parse: [] } });
    expect(
      fake.state.messages.get(fake.state.interactions.get(payload.id)?.originalMessageId ?? '')?.content,
    ).toBe('fini');
  });

  it('follows up when the answer is public after a private deferral, and removes the placeholder', async () => {
    const { r, deferredSeen } = responder();
    r.autoDefer(0, { kind: 'reply', ephemeral: true });
    await deferredSeen;
    await r.reply({ content: 'pour tous' }, false);
    await r.finish();
    expect(fake.rest.filter('webhookExecute')[0]?.body).toMatchObject({
      content: 'pour tous',
      allowed_mentions: { parse: [] },
    });
    expect(fake.rest.filter('webhookMessageDelete')).toHaveLength(1);
  });

  it('removes a deferral nobody answered', async () => {
    const { r, deferredSeen } = responder();
    r.autoDefer(0, { kind: 'reply', ephemeral: false });
    await deferredSeen;
    await r.finish();
    expect(fake.rest.filter('webhookMessageDelete')).toHaveLength(1);
  });

  it('answers once: a second first answer becomes a follow-up', async () => {
    const { r, sent } = responder();
    await r.reply({ content: 'un' }, true);
    await r.reply({ content: 'deux' }, true);
    expect(sent).toHaveLength(1);
    expect(fake.rest.filter('webhookExecute')[0]?.body).toMatchObject({ content: 'deux', flags: 64 });
  });
});
