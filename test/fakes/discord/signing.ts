/**
 * Ed25519 signing as Discord does for HTTP interactions: a generated key pair (node:crypto only),
 * the public key in hex as the Developer Portal shows it, and the two headers over timestamp + body.
 */
import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';

export interface SignedHeaders {
  'x-signature-ed25519': string;
  'x-signature-timestamp': string;
}

export interface InteractionSigner {
  /** 64 hex characters: what DISCORD_PUBLIC_KEY holds. */
  publicKeyHex: string;
  privateKey: KeyObject;
  /** Headers for `body`, with `timestamp` (seconds since epoch, as a string) defaulting to now. */
  sign(body: string | Buffer, timestamp?: string): SignedHeaders;
}

export function createSigner(): InteractionSigner {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const jwk = publicKey.export({ format: 'jwk' });
  const publicKeyHex = Buffer.from(String(jwk.x), 'base64url').toString('hex');
  return {
    publicKeyHex,
    privateKey,
    sign(body, timestamp = String(Math.floor(Date.now() / 1000))) {
      const message = Buffer.concat([
        Buffer.from(timestamp),
        Buffer.isBuffer(body) ? body : Buffer.from(body),
      ]);
      return {
        'x-signature-ed25519': sign(null, message, privateKey).toString('hex'),
        'x-signature-timestamp': timestamp,
      };
    },
  };
}
