// A page link is a capability: the debate's uid and an HMAC of (uid, version) under the server
// secret. Whoever holds it reads the page; bumping the version (revocation) voids every old one.
import { createHmac, timingSafeEqual } from 'node:crypto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MAC_BYTES = 16;
/** 16 bytes of uid and 16 of MAC, base64url: 43 characters. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

const mac = (secret: string, uid: string, version: number): Buffer =>
  createHmac('sha256', secret).update(`page\u0000${uid}\u0000${version}`).digest().subarray(0, MAC_BYTES);

const uidBytes = (uid: string): Buffer => {
  if (!UUID.test(uid)) throw new Error('a debate uid is a lowercase UUID');
  return Buffer.from(uid.replaceAll('-', ''), 'hex');
};

/** The token of the debate's page at this link version. */
export function pageToken(secret: string, uid: string, version: number): string {
  return Buffer.concat([uidBytes(uid), mac(secret, uid, version)]).toString('base64url');
}

export interface ReadToken {
  uid: string;
  mac: Buffer;
}

/** The uid a token claims, before any check; undefined when it is not even shaped like one. */
export function readPageToken(token: string): ReadToken | undefined {
  if (!TOKEN.test(token)) return undefined;
  const bytes = Buffer.from(token, 'base64url');
  // One spelling per token: unused low bits of the last character must be zero.
  if (bytes.length !== 32 || bytes.toString('base64url') !== token) return undefined;
  const hex = bytes.subarray(0, 16).toString('hex');
  const uid = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return { uid, mac: bytes.subarray(16) };
}

/** Whether the token was signed for this uid at this version (compared in constant time). */
export const tokenValid = (secret: string, token: ReadToken, version: number): boolean =>
  timingSafeEqual(token.mac, mac(secret, token.uid, version));
