// Sealing secrets at rest: AES-256-GCM bound to its row, keys named by id, rotation.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseKey, SealError, Sealer } from '../../src/secrets/sealer.ts';

const key1 = randomBytes(32);
const key2 = randomBytes(32);

describe('Sealer', () => {
  it('opens what it sealed, refuses another row, an altered box or an unknown key', () => {
    const sealer = new Sealer(key1);
    const sealed = sealer.seal('xoxb-secret', 'row-A');
    expect(sealed.box).not.toContain('xoxb');
    expect(sealer.open(sealed, 'row-A')).toBe('xoxb-secret');
    expect(() => sealer.open(sealed, 'row-B')).toThrow(SealError);
    const raw = Buffer.from(sealed.box, 'base64');
    raw[raw.length - 1]! ^= 1;
    expect(() => sealer.open({ ...sealed, box: raw.toString('base64') }, 'row-A')).toThrow(SealError);
    expect(() => new Sealer(key2).open(sealed, 'row-A')).toThrow(/no key/);
    // After a rotation the old key still opens old rows, and they are due for a reseal.
    const rotated = new Sealer(key2, [key1]);
    expect(rotated.open(sealed, 'row-A')).toBe('xoxb-secret');
    expect(rotated.needsReseal(sealed)).toBe(true);
  });

  it('reads keys as 64 hex characters or base64 of 32 bytes only', () => {
    expect(parseKey(key1.toString('hex'))).toEqual(key1);
    expect(parseKey(key1.toString('base64'))).toEqual(key1);
    expect(parseKey('too-short')).toBeUndefined();
    expect(parseKey(randomBytes(16).toString('base64'))).toBeUndefined();
  });
});
