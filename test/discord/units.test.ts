import { describe, expect, it } from 'vitest';
import {
  type ButtonAction,
  buttonId,
  parseArgumentModalId,
  parseButtonId,
} from '../../adapters/discord/custom-id.ts';
import { DeliveryGuard } from '../../adapters/discord/delivery-guard.ts';
import { readInteraction } from '../../adapters/discord/incoming.ts';
import { isAdminPermissions, languageOfLocale } from '../../adapters/discord/people.ts';
import { clip, escapeUserText } from '../../adapters/discord/render/text.ts';
import { normalizeApiUrl } from '../../adapters/discord/settings.ts';
import { signatureVerifier } from '../../adapters/discord/signature.ts';
import { commandFromOptions, specOfSubcommand } from '../../src/commands/options.ts';
import { createSigner, FakeDiscordState, modalSubmit, PERMISSIONS } from '../fakes/discord/index.ts';
import { alice } from './harness.ts';

const state = () =>
  new FakeDiscordState('1', { id: '1', username: 'bot', bot: true }, [
    { id: '2', name: 'g', channels: [{ id: '3', type: 0, name: 'c' }] },
  ]);

describe('Discord adapter units', () => {
  it('custom ids round-trip and stay short', () => {
    const actions: ButtonAction[] = [
      { kind: 'vote', debate: 123456, side: 'neutral' },
      { kind: 'add', debate: 1 },
      { kind: 'list', debate: 2, page: 3 },
      { kind: 'endorse', debate: 999999999, argument: 999999999, page: 99999 },
      { kind: 'delta', debate: 4, argument: 5 },
      { kind: 'close', debate: 6 },
      { kind: 'reopen', debate: 7 },
    ];
    for (const action of actions) {
      expect(parseButtonId(buttonId(action))).toEqual(action);
      expect(buttonId(action).length).toBeLessThanOrEqual(100);
    }
    for (const bad of ['', 'db', 'db:v:0:p', 'db:v:1:z', 'db:e:1', 'xx:v:1:p', 'db:q:1', 'db:l:1:-1']) {
      expect(parseButtonId(bad)).toBeUndefined();
    }
    expect(parseArgumentModalId('db:m:42')).toBe(42);
    expect(parseArgumentModalId('db:a:42')).toBeUndefined();
  });

  it('reads modal submissions in labels or legacy rows; refuses what Discord never sends', () => {
    const s = state();
    const where = { guildId: '2', channelId: '3' };
    for (const layout of ['labels', 'rows'] as const) {
      const p = modalSubmit(s, {
        actor: alice,
        where,
        customId: 'db:m:1',
        fields: { side: ['con'], text: 'Texte' },
        layout,
      });
      const read = readInteraction(p);
      expect(read).toMatchObject({ kind: 'modal', fields: { side: ['con'], text: 'Texte' } });
    }
    expect(readInteraction({ id: 'x', type: 2 })).toBeUndefined();
    expect(readInteraction({ id: '1', application_id: '1', type: 2, token: 't' })).toBeUndefined();
    expect(readInteraction({ id: '1', application_id: '1', type: 1 })).toEqual({ kind: 'ping', id: '1' });
    // Read only what each type needs: a PING is its type; a command may omit its application id.
    expect(readInteraction({ type: 1 })).toEqual({ kind: 'ping', id: undefined });
    expect(
      readInteraction(
        {
          id: '1',
          type: 2,
          token: 't',
          channel_id: '2',
          user: { id: '3', username: 'u' },
          data: { name: 'debat' },
        },
        '99',
      ),
    ).toMatchObject({ kind: 'command', applicationId: '99' });
  });

  it('admins have Manage Server, Manage Messages or Administrator; locales map to fr or en', () => {
    expect(isAdminPermissions(PERMISSIONS.member)).toBe(false);
    expect(isAdminPermissions(PERMISSIONS.manageGuild)).toBe(true);
    expect(isAdminPermissions(PERMISSIONS.manageMessages)).toBe(true);
    expect(isAdminPermissions(PERMISSIONS.administrator)).toBe(true);
    expect(isAdminPermissions(undefined)).toBe(false);
    expect(isAdminPermissions('abc')).toBe(false);
    expect(languageOfLocale('fr')).toBe('fr');
    expect(languageOfLocale('en-GB')).toBe('en');
    expect(languageOfLocale('de')).toBe('en');
    expect(languageOfLocale(undefined)).toBeUndefined();
  });

  it('verifies Ed25519 signatures with node:crypto and refuses malformed ones', async () => {
    const signer = createSigner();
    const verified = signatureVerifier(signer.publicKeyHex);
    const body = Buffer.from('{"type":1}');
    const headers = signer.sign(body);
    expect(await verified(headers['x-signature-timestamp'], body, headers['x-signature-ed25519'])).toBe(true);
    expect(
      await verified(
        headers['x-signature-timestamp'],
        Buffer.from('{"type":2}'),
        headers['x-signature-ed25519'],
      ),
    ).toBe(false);
    expect(await verified(undefined, body, headers['x-signature-ed25519'])).toBe(false);
    expect(await verified(headers['x-signature-timestamp'], body, 'zz')).toBe(false);
    expect(
      await verified(headers['x-signature-timestamp'], body, headers['x-signature-ed25519'].slice(2)),
    ).toBe(false);
    expect(() => signatureVerifier('not-hex')).toThrow(/DISCORD_PUBLIC_KEY/);
  });

  it('turns typed options into commands; settings go through the grammar', () => {
    const spec = (id: string) => {
      const found = specOfSubcommand(id);
      if (!found) throw new Error(id);
      return found;
    };
    expect(commandFromOptions(spec('lancer'), { sujet: '  Un  sujet ', masque: true, duree: '48h' })).toEqual(
      {
        ok: true,
        value: { kind: 'open', topic: 'Un sujet', anonymous: false, hidden: true, durationMs: 48 * 3600_000 },
      },
    );
    expect(commandFromOptions(spec('lancer'), { sujet: 'x'.repeat(201) })).toMatchObject({
      ok: false,
      error: { code: 'topic.too_long' },
    });
    expect(commandFromOptions(spec('contre'), { argument: 'Non', id: 3 })).toEqual({
      ok: true,
      value: { kind: 'argue', side: 'con', text: 'Non', debate: 3 },
    });
    expect(commandFromOptions(spec('config'), { bilan: 'vendredi 17h' })).toEqual({
      ok: true,
      value: { kind: 'settings', change: { setting: 'summary', day: 5, time: '17:00' } },
    });
    expect(commandFromOptions(spec('config'), {})).toEqual({ ok: true, value: { kind: 'settings' } });
    expect(commandFromOptions(spec('exporter'), { format: 'csv' })).toMatchObject({
      value: { format: 'csv' },
    });
  });

  it('a redelivered interaction id acts once', () => {
    const guard = new DeliveryGuard();
    expect(guard.first('1')).toBe(true);
    expect(guard.first('1')).toBe(false);
    expect(guard.first('2')).toBe(true);
  });

  it('escapes markdown and defuses mentions; clips without splitting a character', () => {
    expect(escapeUserText('**a** <@123> @everyone')).toBe('\\*\\*a\\*\\* <\u200b@123\\> @\u200beveryone');
    expect(clip('ab😀', 3)).toBe('ab…');
    expect(clip('abc', 3)).toBe('abc');
    expect(normalizeApiUrl('http://x/api/v10/')).toBe('http://x/api');
    expect(normalizeApiUrl(undefined)).toBe('https://discord.com/api');
  });
});
