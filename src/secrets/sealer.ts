// Secrets at rest (platform tokens): AES-256-GCM under DEBAT_ENCRYPTION_KEY. Each sealed value
// names the key that sealed it, so a new key can be introduced while the old one still opens
// older rows; `needsReseal` says which rows to seal again under the current key. The AAD binds a
// value to the row it belongs to: a sealed token copied onto another workspace's row does not open.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface Sealed {
  keyId: string;
  /** base64 of iv ‖ tag ‖ ciphertext. */
  box: string;
}

interface Key {
  id: string;
  bytes: Buffer;
}

/** A 32-byte key given as 64 hexadecimal characters or base64 (44 characters); undefined if not one. */
export function parseKey(text: string): Buffer | undefined {
  const value = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(value)) return Buffer.from(value, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(value)) {
    const bytes = Buffer.from(value.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    return bytes.length === 32 ? bytes : undefined;
  }
  return undefined;
}

/** A key's public name: a short hash, so rows say which key sealed them without revealing it. */
export const keyIdOf = (bytes: Buffer): string =>
  createHash('sha256').update('debat-key-id\u0000').update(bytes).digest('hex').slice(0, 12);

export class SealError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SealError';
  }
}

export class Sealer {
  private readonly current: Key;
  private readonly byId: Map<string, Key>;

  /** `current` seals; `previous` keys only open what they sealed before a rotation. */
  constructor(current: Buffer, previous: readonly Buffer[] = []) {
    const keys = [current, ...previous].map((bytes) => {
      if (bytes.length !== 32) throw new SealError('an encryption key must be 32 bytes');
      return { id: keyIdOf(bytes), bytes };
    });
    this.current = keys[0]!;
    this.byId = new Map(keys.map((key) => [key.id, key]));
  }

  get keyId(): string {
    return this.current.id;
  }

  seal(plain: string, aad: string): Sealed {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.current.bytes, iv);
    cipher.setAAD(Buffer.from(aad, 'utf8'));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return { keyId: this.current.id, box: Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64') };
  }

  /** The plain text, or a SealError when the key is unknown or the value was altered or moved. */
  open(sealed: Sealed, aad: string): string {
    const key = this.byId.get(sealed.keyId);
    if (!key) throw new SealError(`no key ${sealed.keyId} among DEBAT_ENCRYPTION_KEY and its previous keys`);
    const raw = Buffer.from(sealed.box, 'base64');
    if (raw.length < IV_BYTES + TAG_BYTES) throw new SealError('sealed value too short');
    const decipher = createDecipheriv('aes-256-gcm', key.bytes, raw.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
        'utf8',
      );
    } catch {
      throw new SealError('sealed value does not open under its key (altered, or not this row)');
    }
  }

  /** True when the value was sealed under an older key and should be sealed again. */
  needsReseal(sealed: Pick<Sealed, 'keyId'>): boolean {
    return sealed.keyId !== this.current.id;
  }
}
