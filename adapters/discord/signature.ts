import { createPublicKey, type KeyObject, verify } from 'node:crypto';

/**
 * Discord's request signature: Ed25519 over timestamp + raw body, checked with node:crypto alone.
 * The key is the application's public key in hex, as the Developer Portal shows it. The check
 * runs on libuv's thread pool: it is most of a click's CPU, and the event loop stays free for acks.
 */
export function signatureVerifier(
  publicKeyHex: string,
): (timestamp: unknown, body: Buffer, signature: unknown) => Promise<boolean> {
  if (!/^[0-9a-fA-F]{64}$/.test(publicKeyHex))
    throw new Error('DISCORD_PUBLIC_KEY: expected 64 hexadecimal characters');
  const key: KeyObject = createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(publicKeyHex, 'hex').toString('base64url') },
    format: 'jwk',
  });
  return (timestamp, body, signature) => {
    if (typeof timestamp !== 'string' || typeof signature !== 'string') return Promise.resolve(false);
    if (!/^\d{1,20}$/.test(timestamp) || !/^[0-9a-fA-F]{128}$/.test(signature)) return Promise.resolve(false);
    const signed = Buffer.concat([Buffer.from(timestamp), body]);
    return new Promise((resolve) => {
      try {
        verify(null, signed, key, Buffer.from(signature, 'hex'), (error, valid) => resolve(!error && valid));
      } catch {
        resolve(false);
      }
    });
  };
}
