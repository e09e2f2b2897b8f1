/**
 * Discord's side of an HTTP interactions endpoint: POSTs a signed interaction to the app's URL,
 * then records the app's inline answer in the fake state so REST follow-ups (editing the deferred
 * original, follow-up messages) are accepted exactly as Discord would.
 */
import { acknowledge } from './interaction-routes.ts';
import type { Payload } from './payloads.ts';
import type { InteractionSigner } from './signing.ts';
import type { FakeDiscordState } from './state.ts';

export interface HttpAnswer {
  status: number;
  body: unknown;
  text: string;
}

export interface PostOptions {
  /** Sign something else than what is sent (a bad signature, as Discord's probes do). */
  tamper?: 'body' | 'signature' | 'timestamp' | 'no-headers';
}

export async function postInteraction(
  url: string,
  payload: Payload | Record<string, unknown>,
  signer: InteractionSigner,
  state?: FakeDiscordState,
  options: PostOptions = {},
): Promise<HttpAnswer> {
  const body = JSON.stringify(payload);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': 'Discord-Interactions/1.0',
  };
  if (options.tamper !== 'no-headers') {
    const signed = signer.sign(options.tamper === 'body' ? `${body} ` : body);
    if (options.tamper === 'signature') signed['x-signature-ed25519'] = `${'0'.repeat(127)}1`;
    if (options.tamper === 'timestamp')
      signed['x-signature-timestamp'] = String(Number(signed['x-signature-timestamp']) + 1);
    Object.assign(headers, signed);
  }
  const res = await fetch(url, { method: 'POST', headers, body });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  const interaction = state?.interactions.get(String(payload.id));
  if (state && interaction && res.ok && parsed !== undefined) acknowledge(state, interaction, parsed);
  return { status: res.status, body: parsed, text };
}
